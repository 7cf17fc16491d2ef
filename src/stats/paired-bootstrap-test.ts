import { createRandom } from './random-source.js'
import { poissonWeights } from './poisson-weights.js'
import { percentileInterval } from './percentile-interval.js'

/**
 * Paired bootstrap of the difference of a statistic between two systems A and B scored on the
 * same n examples (method `paired-poisson-bootstrap`).
 *
 * `statistic(null)` must return the observed [valueA, valueB]; `statistic(weights)` the same
 * with row i counted `weights[i]` times (Poisson(1) weights, {@link poissonWeights}; the buffer
 * is reused between calls). Each resample reweights both systems with the same weights, which
 * is what makes the test paired: the shared difficulty of the examples cancels.
 *
 * Returns the observed difference A - B, the percentile interval of the resampled differences
 * ({@link percentileInterval}, `level` default 0.95), and a one-sided p-value for
 * "A is not better than B": with greaterIsBetter, p = (1 + #{d* <= 0}) / (1 + R) over the R
 * resamples with a defined difference (d* >= 0 when lower is better). So p < alpha exactly when
 * the one-sided (1 - alpha) percentile bound of the difference lies on the better side of 0.
 *
 * Assumptions: examples independent; enough examples that the bootstrap distribution is smooth
 * (a few dozen at least). Degenerate: identical outcomes give every d* = 0 and p = 1; NaN
 * resampled values are skipped (NaN p when none is defined). Cost O(n × resamples).
 *
 * @example
 * // accuracies of A and B from per-example correctness (Uint8Array of 0/1, 500 rows)
 * const accuracies = (w: Float64Array | null): [number, number] => {
 *   let a = 0, b = 0, total = 0
 *   for (let i = 0; i < 500; i++) {
 *     const wi = w === null ? 1 : w[i]
 *     a += wi * correctA[i]; b += wi * correctB[i]; total += wi
 *   }
 *   return [a / total, b / total]
 * }
 * pairedBootstrapTest(500, accuracies, { resamples: 1000, seed: 1, greaterIsBetter: true })
 * // => { difference: 0.04, interval: { lower: 0.01, upper: 0.07 }, pValue: 0.004 }
 */
export function pairedBootstrapTest(
  n: number,
  statistic: (weights: Float64Array | null) => [number, number],
  options: { resamples: number; seed: number; greaterIsBetter: boolean; level?: number },
): { difference: number; interval: { lower: number; upper: number }; pValue: number } {
  const { resamples, seed, greaterIsBetter, level = 0.95 } = options
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`pairedBootstrapTest: resamples ${String(resamples)} is not a positive integer`)
  }
  const [observedA, observedB] = statistic(null)
  const difference = observedA - observedB
  const random = createRandom(seed)
  const weights = new Float64Array(n)
  const differences = new Float64Array(resamples)
  let defined = 0
  let notBetter = 0
  for (let r = 0; r < resamples; r++) {
    poissonWeights(n, random, weights)
    const [a, b] = statistic(weights)
    const d = a - b
    differences[r] = d
    if (Number.isNaN(d)) continue
    defined++
    if (greaterIsBetter ? d <= 0 : d >= 0) notBetter++
  }
  const interval = percentileInterval(differences, level)
  const pValue = defined === 0 ? Number.NaN : (1 + notBetter) / (1 + defined)
  return { difference, interval, pValue }
}
