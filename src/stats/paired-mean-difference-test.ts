import { studentTSurvival } from './student-t-survival.js'
import { assertMargin } from './paired-test-options.js'

/**
 * One-sided paired t-test of per-example differences, with a margin in the null (method
 * `paired-t`; with `skewnessCorrection`, Hall's skewness-corrected t, method `paired-t-hall`):
 * for metrics that are means of per-example terms (`log_loss`, `brier_score_loss`).
 *
 * `differences[i]` = current loss − baseline loss on row i (larger is worse). H0: the mean
 * difference ≤ margin; H1: it is larger (the current run is worse by more than the margin).
 * For `toOutperform` pass B's loss − A's loss. t = (mean − margin) / standardError and
 * p = P(T ≥ t) from Student's t ({@link studentTSurvival}: simple-statistics has no t
 * distribution, so the regularized incomplete beta is evaluated here over its `gammaln`).
 *
 * - Unweighted: mean and standardError = s / √n, s the sample standard deviation; n − 1 degrees
 *   of freedom.
 * - With `weights` (sample weights, as the metric uses them): mean = Σ w·d / Σ w, and the
 *   linearized (sandwich) standard error √(n / (n − 1) · Σ w²(d − mean)²) / Σ w, which equals
 *   s / √n when all weights are equal; degrees of freedom n_eff − 1 with Kish's effective size
 *   n_eff = (Σ w)² / Σ w² (n − 1 when weights are equal; fewer, hence more cautious, when a few
 *   rows carry most of the weight). Rows of weight 0 are left out.
 *
 * Skewness: when the differences are strongly skewed a one-sided t-test is off its nominal
 * size: on mean-0 lognormal differences (σ = 1, skewness 6) at nominal 5%, 13.3% / 9.5% / 7.0%
 * (n = 50 / 200 / 1,000) when the long tail points toward "current better", 1.3% / 2.2% the
 * other way (20,000 trials each, bench/gate). `skewnessCorrection: true` replaces
 * z = (mean − margin) / standardError by Hall's (1992) monotone transformation
 * T = z + γz² / (3√n) + γ²z³ / (27n) + γ / (6√n), γ the sample skewness (weighted moments,
 * n = n_eff): Johnson's (1978) modified t made monotone in z (a larger drop never gives a larger
 * p), compared with the same t reference. It brings those cases to 8.4% / 6.3% / 5.5% and
 * 4.1% / 4.8%, but on the gate's main null — two equally good runs, symmetric heavy-tailed
 * log-loss differences — the noise of γ inflates its size at small n (6.8% at n = 30, 6.0% at
 * n = 100, against 4.8% and 5.1% for the plain t; both 5.0% at n = 1,000), and far more when
 * only a few rows differ (15% / 14% / 9% with 5 / 10 / 20 of 800 rows). So it is off by default here; the
 * comparison (src/compare) uses it only together with {@link pairedSignFlipTest}, which is exact
 * in those cases, rejecting when both do.
 *
 * Pairing is what gives the test its power: per-row losses of two runs on the same rows are
 * strongly correlated, so the differences vary far less than either loss. Rows independent;
 * by the central limit theorem the t reference is fine from a few dozen rows even for skewed
 * log-loss differences.
 *
 * Degenerate: fewer than 2 rows (of positive weight) gives NaN p; all differences equal gives
 * (up to rounding) standardError 0 and p = 0 when mean > margin, else 1.
 *
 * @example
 * const differences = new Float64Array([0.1, 0.2, 0.05, 0.15, 0.1])
 * pairedMeanDifferenceTest({ differences })
 * // => { p: 0.00463..., mean: 0.12, standardError: 0.02549..., method: 'paired-t' } (scipy's ttest_1samp)
 * pairedMeanDifferenceTest({ differences, skewnessCorrection: true }) // => { p: 0.00236..., ..., method: 'paired-t-hall' } (skewness 0.27)
 */
export function pairedMeanDifferenceTest(options: {
  differences: Float64Array
  weights?: Float64Array
  margin?: number
  /** Hall's skewness correction (default false: the plain t-test, scipy's ttest_1samp); see above. */
  skewnessCorrection?: boolean
}): { p: number; mean: number; standardError: number; method: 'paired-t' | 'paired-t-hall' } {
  const { differences, weights, margin = 0, skewnessCorrection = false } = options
  const n = differences.length
  assertMargin(margin, 'pairedMeanDifferenceTest', "the loss's units")
  if (weights !== undefined && weights.length !== n) {
    throw new RangeError(
      `pairedMeanDifferenceTest: ${n} differences but ${weights.length} weights; pass one sample weight per row`,
    )
  }
  let rows = 0
  let sumWeight = 0
  let sumSquaredWeight = 0
  let weightedSum = 0
  for (let i = 0; i < n; i++) {
    const d = differences[i]
    const w = weights === undefined ? 1 : weights[i]
    if (!Number.isFinite(d)) {
      throw new RangeError(
        `pairedMeanDifferenceTest: difference at row ${i} is ${String(d)}; per-example losses must be finite (clip probabilities as the metric does)`,
      )
    }
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new RangeError(`pairedMeanDifferenceTest: weight at row ${i} is ${String(w)}; sample weights must be finite and >= 0`)
    }
    if (w === 0) continue
    rows++
    sumWeight += w
    sumSquaredWeight += w * w
    weightedSum += w * d
  }
  const method = skewnessCorrection ? ('paired-t-hall' as const) : ('paired-t' as const)
  if (rows < 2) return { p: Number.NaN, mean: rows === 0 ? Number.NaN : weightedSum / sumWeight, standardError: Number.NaN, method }
  const mean = weightedSum / sumWeight
  let sumSquares = 0
  let secondMoment = 0
  let thirdMoment = 0
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]
    const deviation = differences[i] - mean
    sumSquares += w * w * deviation * deviation
    secondMoment += w * deviation * deviation
    thirdMoment += w * deviation * deviation * deviation
  }
  const standardError = Math.sqrt((rows / (rows - 1)) * sumSquares) / sumWeight
  const excess = mean - margin
  // Equal differences leave only rounding in the spread: treat that as no spread.
  if (standardError <= 1e-13 * Math.abs(mean)) return { p: excess > 0 ? 0 : 1, mean, standardError, method }
  const effectiveSize = (sumWeight * sumWeight) / sumSquaredWeight
  let statistic = excess / standardError
  if (skewnessCorrection) {
    const skewness = thirdMoment / sumWeight / Math.pow(secondMoment / sumWeight, 1.5)
    const root = Math.sqrt(effectiveSize)
    const z = statistic
    statistic = z + (skewness * z * z) / (3 * root) + (skewness * skewness * z * z * z) / (27 * effectiveSize) + skewness / (6 * root)
  }
  return { p: studentTSurvival(statistic, effectiveSize - 1), mean, standardError, method }
}
