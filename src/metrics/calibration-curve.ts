/** Reliability diagram bins, as scikit-learn 1.2.1's `calibration_curve(strategy='uniform')`. */
import type { BinaryRanking } from './binary-ranking.js'

/** One non-empty bin: bounds, mean predicted probability, observed fraction of positives, count. */
export interface CalibrationBinCounts { lower: number; upper: number; meanPredicted: number; fractionPositive: number; count: number }

/**
 * sklearn `calibration_curve(y, p, n_bins, strategy='uniform')`, empty bins omitted: edges
 * `np.linspace(0, 1, nBins + 1)` (edge i is `i * (1 / nBins)`, the last exactly 1), a value on an
 * inner edge falls in the lower bin (`np.searchsorted(..., side='left')`). Throws on
 * probabilities outside [0, 1] (sklearn raises).
 *
 * @example calibrationCurve(Float64Array.of(0.05, 0.15, 0.95), Uint8Array.of(0, 1, 1), 10).length // 3
 */
export function calibrationCurve(probPositive: Float64Array, isPositive: Uint8Array, nBins: number = 10):
  CalibrationBinCounts[] {
  const n = probPositive.length
  if (isPositive.length !== n) throw new RangeError(`calibrationCurve: ${n} probabilities but ${isPositive.length} labels`)
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`calibrationCurve: nBins must be a positive integer, got ${nBins}`)
  const edges = binEdges(nBins)
  const sums = new Float64Array(nBins)
  const positives = new Float64Array(nBins)
  const totals = new Float64Array(nBins)
  for (let i = 0; i < n; i++) {
    const p = probPositive[i]
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`calibrationCurve: probability ${p} at row ${i} is outside [0, 1]`)
    }
    // Number of inner edges (1..nBins-1) strictly below p.
    let b = Math.floor(p * nBins)
    if (b > nBins - 1) b = nBins - 1
    while (b > 0 && edges[b] >= p) b--
    while (b < nBins - 1 && edges[b + 1] < p) b++
    sums[b] += p
    if (isPositive[i] !== 0) positives[b] += 1
    totals[b] += 1
  }
  return nonEmptyBins(edges, sums, positives, totals)
}

/**
 * {@link calibrationCurve} from a ranking of the same scores (`binaryRanking`, or a one-vs-rest
 * ranking of the AUC), without a pass over the rows: each distinct score's rows fall in one bin,
 * and the ranking holds how many rows and positives each score has. The same bins, counts and
 * fractions; a bin's mean predicted probability sums score × rows per distinct score instead of
 * score after score in row order, so it can differ from scikit-learn's in its last bits (well
 * within the 1e-9 the parity tests allow). Throws on a score outside [0, 1], as
 * {@link calibrationCurve} does.
 *
 * @example
 * calibrationCurveFromRanking(binaryRanking(Float64Array.of(0.05, 0.15, 0.95), Uint8Array.of(0, 1, 1)), 10).length // 3
 */
export function calibrationCurveFromRanking(ranking: BinaryRanking, nBins: number = 10): CalibrationBinCounts[] {
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`calibrationCurve: nBins must be a positive integer, got ${nBins}`)
  const { thresholds, tps, fps } = ranking
  const edges = binEdges(nBins)
  const sums = new Float64Array(nBins)
  const positives = new Float64Array(nBins)
  const totals = new Float64Array(nBins)
  // Distinct scores ascending (the ranking's are descending, with counts at or above each).
  let b = 0
  for (let m = thresholds.length - 1; m >= 0; m--) {
    const p = thresholds[m]
    if (!(p >= 0 && p <= 1)) throw new RangeError(`calibrationCurve: probability ${p} is outside [0, 1]`)
    const rows = m > 0 ? tps[m] + fps[m] - tps[m - 1] - fps[m - 1] : tps[0] + fps[0]
    const rowPositives = m > 0 ? tps[m] - tps[m - 1] : tps[0]
    // Inner edges strictly below p, as in calibrationCurve (p only grows from here).
    while (b < nBins - 1 && edges[b + 1] < p) b++
    sums[b] += p * rows
    positives[b] += rowPositives
    totals[b] += rows
  }
  return nonEmptyBins(edges, sums, positives, totals)
}

/** `np.linspace(0, 1, nBins + 1)`: edge i is `i * (1 / nBins)`, the last exactly 1. */
function binEdges(nBins: number): Float64Array {
  const edges = new Float64Array(nBins + 1)
  const step = 1 / nBins
  for (let i = 0; i < nBins; i++) edges[i] = i * step
  edges[nBins] = 1
  return edges
}

/** The bins that hold rows, with their means and fractions. */
function nonEmptyBins(edges: Float64Array, sums: Float64Array, positives: Float64Array, totals: Float64Array): CalibrationBinCounts[] {
  const bins: CalibrationBinCounts[] = []
  for (let b = 0; b < totals.length; b++) {
    if (totals[b] === 0) continue
    bins.push({
      lower: edges[b],
      upper: edges[b + 1],
      meanPredicted: sums[b] / totals[b],
      fractionPositive: positives[b] / totals[b],
      count: totals[b],
    })
  }
  return bins
}
