/**
 * ROC and precision-recall curve points from a {@link BinaryRanking}, as scikit-learn 1.2.1's
 * `roc_curve(drop_intermediate=True)` and `precision_recall_curve` return them, thinned for
 * plots: at most `maxPoints` (default 512), and with a `tolerance` (a fraction of the plot) only
 * the points needed to draw the curve within it (see `curve-thinning.ts`). Every kept point is
 * an exact point of the curve.
 */
import type { BinaryRanking } from './binary-ranking.js'
import { thinCurveIndices } from './curve-thinning.js'

/** Default number of points a curve keeps. */
export const DEFAULT_CURVE_POINTS = 512

/**
 * ROC curve. Points are sklearn's: collinear intermediate points dropped, then a first point
 * (0, 0) whose threshold is `max(score) + 1` — that is what sklearn 1.2.1 stores (later
 * versions store `inf`, which JSON cannot hold), so every threshold here is finite.
 * Thresholds decrease; fpr and tpr increase. Empty arrays when the targets hold one class
 * only (sklearn would return NaN rates).
 *
 * @example rocCurveFromRanking(binaryRanking(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1)))
 * // { fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [1.8, 0.8, 0.4, 0.35, 0.1] }
 */
export function rocCurveFromRanking(r: BinaryRanking, maxPoints: number = DEFAULT_CURVE_POINTS, tolerance = 0):
  { fpr: number[]; tpr: number[]; thresholds: number[] } {
  const m = r.tps.length
  if (m === 0) return { fpr: [], tpr: [], thresholds: [] }
  const P = r.tps[m - 1]
  const N = r.fps[m - 1]
  if (!(P > 0) || !(N > 0)) return { fpr: [], tpr: [], thresholds: [] }
  // drop_intermediate: keep i where the second difference of fps or tps is non-zero.
  const keep: number[] = []
  for (let i = 0; i < m; i++) {
    if (m <= 2 || i === 0 || i === m - 1) { keep.push(i); continue }
    const d2f = r.fps[i + 1] - 2 * r.fps[i] + r.fps[i - 1]
    const d2t = r.tps[i + 1] - 2 * r.tps[i] + r.tps[i - 1]
    if (d2f !== 0 || d2t !== 0) keep.push(i)
  }
  const fpr = [0]
  const tpr = [0]
  const thresholds = [r.thresholds[keep[0]] + 1]
  for (const i of keep) {
    fpr.push(r.fps[i] / N)
    tpr.push(r.tps[i] / P)
    thresholds.push(r.thresholds[i])
  }
  // Drawn with straight segments.
  const idx = thinCurveIndices(fpr, tpr, maxPoints, { tolerance })
  if (idx.length === fpr.length) return { fpr, tpr, thresholds }
  return { fpr: idx.map((i) => fpr[i]), tpr: idx.map((i) => tpr[i]), thresholds: idx.map((i) => thresholds[i]) }
}

/**
 * Precision-recall curve in sklearn's order: thresholds increasing; `precision` and `recall`
 * have one more element than `thresholds`, the final point (precision 1, recall 0) having no
 * threshold. With no positives sklearn sets recall to 1 at every threshold; so does this.
 *
 * @example prCurveFromRanking(binaryRanking(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1)))
 * // { precision: [0.5, 0.667, 0.5, 1, 1], recall: [1, 1, 0.5, 0.5, 0], thresholds: [0.1, 0.35, 0.4, 0.8] }
 */
export function prCurveFromRanking(r: BinaryRanking, maxPoints: number = DEFAULT_CURVE_POINTS, tolerance = 0):
  { precision: number[]; recall: number[]; thresholds: number[] } {
  const m = r.tps.length
  if (m === 0) return { precision: [1], recall: [0], thresholds: [] }
  const P = r.tps[m - 1]
  const precision: number[] = new Array(m + 1)
  const recall: number[] = new Array(m + 1)
  const thresholds: number[] = new Array(m)
  for (let i = 0; i < m; i++) {
    const tp = r.tps[i]
    const ps = tp + r.fps[i]
    const j = m - 1 - i
    precision[j] = ps === 0 ? 0 : tp / ps
    recall[j] = P === 0 ? 1 : tp / P
    thresholds[j] = r.thresholds[i]
  }
  precision[m] = 1
  recall[m] = 0
  // Thin the thresholded points (keeping both of their ends), then re-append the final point.
  // Drawn as steps, precision held until the next recall (scikit-learn's `steps-post`).
  const idx = thinCurveIndices(recall.slice(0, m), precision.slice(0, m), Math.max(2, maxPoints - 1), { tolerance, interpolate: 'step-after' })
  if (idx.length === m) return { precision, recall, thresholds }
  return {
    precision: [...idx.map((i) => precision[i]), 1],
    recall: [...idx.map((i) => recall[i]), 0],
    thresholds: idx.map((i) => thresholds[i]),
  }
}
