import { studentTSurvival } from './student-t-survival.js'

/**
 * One-sided paired t-test of per-example differences, with a margin in the null (method
 * `paired-t`): for metrics that are means of per-example terms (`log_loss`, `brier_score_loss`).
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
 * Pairing is what gives the test its power: per-row losses of two runs on the same rows are
 * strongly correlated, so the differences vary far less than either loss. Rows independent;
 * by the central limit theorem the t reference is fine from a few dozen rows even for skewed
 * log-loss differences.
 *
 * Degenerate: fewer than 2 rows (of positive weight) gives NaN p; all differences equal gives
 * (up to rounding) standardError 0 and p = 0 when mean > margin, else 1.
 *
 * @example
 * pairedMeanDifferenceTest({ differences: new Float64Array([0.1, 0.2, 0.05, 0.15, 0.1]) })
 * // => { p: 0.00463..., mean: 0.12, standardError: 0.02549..., method: 'paired-t' }
 */
export function pairedMeanDifferenceTest(options: {
  differences: Float64Array
  weights?: Float64Array
  margin?: number
}): { p: number; mean: number; standardError: number; method: 'paired-t' } {
  const { differences, weights, margin = 0 } = options
  const n = differences.length
  if (!(margin >= 0) || !Number.isFinite(margin)) {
    throw new RangeError(`pairedMeanDifferenceTest: margin ${String(margin)} is not a finite number >= 0 (in the loss's units)`)
  }
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
  const method = 'paired-t' as const
  if (rows < 2) return { p: Number.NaN, mean: rows === 0 ? Number.NaN : weightedSum / sumWeight, standardError: Number.NaN, method }
  const mean = weightedSum / sumWeight
  let sumSquares = 0
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]
    const deviation = differences[i] - mean
    sumSquares += w * w * deviation * deviation
  }
  const standardError = Math.sqrt((rows / (rows - 1)) * sumSquares) / sumWeight
  const excess = mean - margin
  // Equal differences leave only rounding in the spread: treat that as no spread.
  if (standardError <= 1e-13 * Math.abs(mean)) return { p: excess > 0 ? 0 : 1, mean, standardError, method }
  const degreesOfFreedom = (sumWeight * sumWeight) / sumSquaredWeight - 1
  return { p: studentTSurvival(excess / standardError, degreesOfFreedom), mean, standardError, method }
}
