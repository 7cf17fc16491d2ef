import { quantileSorted } from 'simple-statistics'
import { assertLevel } from './assert-level.js'
import { poissonWeights } from './poisson-weights.js'
import type { RandomSource } from './random-source.js'
import type { RowWeightStream } from './resample-weights.js'

/**
 * Studentized (bootstrap-t) intervals for means of per-example values (method
 * `studentized-bootstrap`; Efron & Tibshirani 1993, ch. 12; Hall 1988): each resample reweights
 * the rows by Poisson(1) draws and gives t* = (mean* - mean) / se*; the interval is
 * [mean - q(1 - tail)·se, mean - q(tail)·se] with q the quantiles of t* and se = s/√n. Unlike
 * mean ± z·se it follows the skew of the values, which is what keeps the mean of squared errors
 * (MSE), of absolute or percentage errors and of log losses near nominal coverage at small n or
 * with outliers (a normal interval gives 65–90% there; see bench/coverage). Every column is
 * resampled with the same weights, so one pass of draws serves them all.
 *
 * Values are centred on their mean before summing (no cancellation for large offsets). A
 * resample with zero spread gives t* = 0 when its mean equals the sample's, else ±Infinity.
 * Fewer than 2 values give NaN bounds; all values equal give [mean, mean].
 *
 * Cost: O(resamples × n × columns) multiply-adds plus one uniform draw per row and resample.
 *
 * @param columns per-example values, one array per mean (all of one length n)
 * @param level nominal coverage in (0, 1)
 * @param options resamples (e.g. 2000) and the seeded random source, or the stream of row weights
 *   to take them from (`replayedRowWeights`: the same weights another bootstrap of the scope drew)
 * @example
 * studentizedMeanIntervals([squaredErrors], 0.95, { resamples: 2000, random: createRandom(0) })[0]
 * // => { lower: 0.81, upper: 1.62 } (say; asymmetric around an MSE of 1.1)
 */
export function studentizedMeanIntervals(
  columns: readonly Float64Array[],
  level: number,
  options: { resamples: number; random: RandomSource } | { resamples: number; weights: RowWeightStream },
): Array<{ lower: number; upper: number }> {
  assertLevel(level, 'studentizedMeanIntervals')
  const k = columns.length
  const n = k > 0 ? columns[0].length : 0
  for (const column of columns) {
    if (column.length !== n) throw new RangeError(`studentizedMeanIntervals: columns of ${n} and ${column.length} values; give one value per example in each`)
  }
  const undefinedBounds = (): { lower: number; upper: number } => ({ lower: Number.NaN, upper: Number.NaN })
  if (k === 0) return []
  if (n < 2) return columns.map(undefinedBounds)
  const means = new Float64Array(k)
  const standardErrors = new Float64Array(k)
  const centred: Float64Array[] = []
  for (let c = 0; c < k; c++) {
    const column = columns[c]
    let sum = 0
    for (let i = 0; i < n; i++) sum += column[i]
    const mean = sum / n
    const values = new Float64Array(n)
    let squares = 0
    for (let i = 0; i < n; i++) {
      values[i] = column[i] - mean
      squares += values[i] * values[i]
    }
    means[c] = mean
    standardErrors[c] = Math.sqrt(squares / (n - 1) / n)
    centred.push(values)
  }
  const resamples = options.resamples
  const stream: RowWeightStream = 'weights' in options ? options.weights : { next: (out) => poissonWeights(n, options.random, out) }
  const t = columns.map(() => new Float64Array(resamples))
  const weights = new Float64Array(n)
  // Every centred value finite: a row of weight 0 adds ±0 to sums that start at +0, which leaves
  // them as they are, so the sums need no test of the weight (the same numbers, bit for bit).
  // A value that is not finite (0·∞ is NaN) keeps the test.
  const finite = centred.every((values) => values.every((x) => Number.isFinite(x)))
  // The columns in groups of four, one pass over the rows per group; a group short of four is
  // filled with a column of zeros (its sums are not read).
  const zeros = k % 4 === 0 ? undefined : new Float64Array(n)
  const groups: Float64Array[][] = []
  const sums = new Float64Array(8 * Math.ceil(k / 4))
  for (let c = 0; c < k; c += 4) groups.push([0, 1, 2, 3].map((j) => centred[c + j] ?? (zeros as Float64Array)))
  for (let r = 0; r < resamples; r++) {
    stream.next(weights)
    let total = 0
    groups.forEach((group, g) => (total = weightedMoments(weights, group, finite, sums, 8 * g)))
    for (let c = 0; c < k; c++) {
      if (total < 2) {
        t[c][r] = Number.NaN
        continue
      }
      const first = sums[2 * c]
      const second = sums[2 * c + 1]
      const shift = first / total
      const variance = Math.max(0, (second - first * shift) / (total - 1))
      const se = Math.sqrt(variance / total)
      t[c][r] = se > 0 ? shift / se : shift === 0 ? 0 : shift > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
    }
  }
  const tail = (1 - level) / 2
  return columns.map((_, c) => {
    const mean = means[c]
    const se = standardErrors[c]
    if (!(se > 0)) return { lower: mean, upper: mean }
    const kept = t[c].filter((value) => !Number.isNaN(value)).sort()
    if (kept.length * 2 < resamples) return undefinedBounds()
    const view = kept as unknown as readonly number[]
    return { lower: mean - quantileSorted(view, 1 - tail) * se, upper: mean - quantileSorted(view, tail) * se }
  })
}

/**
 * Σw·x and Σw·x² of four centred columns into `sums` (from `at`: Σw·x of the first, Σw·x² of the
 * first, Σw·x of the second, ...), in one pass over the rows, each sum added in row order as a
 * loop per column would; returns Σw. `finite`: every value is finite, so rows of weight 0 need not
 * be skipped (a test of each row's weight, which a third of them fail at random, takes 5 times as long).
 */
function weightedMoments(weights: Float64Array, columns: readonly Float64Array[], finite: boolean, sums: Float64Array, at: number): number {
  const n = weights.length
  const x0 = columns[0], x1 = columns[1], x2 = columns[2], x3 = columns[3]
  let total = 0
  let f0 = 0, s0 = 0, f1 = 0, s1 = 0, f2 = 0, s2 = 0, f3 = 0, s3 = 0
  for (let i = 0; i < n; i++) {
    const w = weights[i]
    if (!finite && w === 0) continue // 0·∞ would be NaN
    total += w
    const y0 = x0[i], y1 = x1[i], y2 = x2[i], y3 = x3[i]
    const a = w * y0, b = w * y1, d = w * y2, e = w * y3
    f0 += a; s0 += a * y0
    f1 += b; s1 += b * y1
    f2 += d; s2 += d * y2
    f3 += e; s3 += e * y3
  }
  sums[at] = f0; sums[at + 1] = s0; sums[at + 2] = f1; sums[at + 3] = s1
  sums[at + 4] = f2; sums[at + 5] = s2; sums[at + 6] = f3; sums[at + 7] = s3
  return total
}
