/** ROC AUC and average precision from a {@link BinaryRanking} (scikit-learn 1.2.1 semantics). */
import type { BinaryRanking } from './binary-ranking.js'

/**
 * `roc_auc_score` of a binary problem: trapezoid area under (fpr, tpr), computed in count
 * units (exact for integer counts). NaN when the targets hold one class only (sklearn raises).
 *
 * @example rocAucFromRanking(binaryRanking(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1))) // 0.75
 */
export function rocAucFromRanking(r: BinaryRanking): number {
  const P = r.tps.length === 0 ? 0 : r.tps[r.tps.length - 1]
  const N = r.fps.length === 0 ? 0 : r.fps[r.fps.length - 1]
  if (!(P > 0) || !(N > 0)) return NaN
  let area2 = 0
  let tpPrev = 0
  let fpPrev = 0
  for (let i = 0; i < r.tps.length; i++) {
    const tp = r.tps[i]
    const fp = r.fps[i]
    area2 += (fp - fpPrev) * (tp + tpPrev)
    tpPrev = tp
    fpPrev = fp
  }
  return area2 / (2 * P * N)
}

/**
 * `average_precision_score`: sum over thresholds of (recall step) x precision, with
 * precision = tp / (tp + fp) and recall = tp / P. With no positives sklearn sets recall to 1
 * everywhere and the score is 0; with no negatives it is 1.
 *
 * @example averagePrecisionFromRanking(binaryRanking(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1))) // 0.8333…
 */
export function averagePrecisionFromRanking(r: BinaryRanking): number {
  const m = r.tps.length
  if (m === 0) return NaN
  const P = r.tps[m - 1]
  if (P === 0) return 0
  let ap = 0
  let recallPrev = 0
  for (let i = 0; i < m; i++) {
    const tp = r.tps[i]
    const ps = tp + r.fps[i]
    const precision = ps === 0 ? 0 : tp / ps
    const recall = tp / P
    ap += (recall - recallPrev) * precision
    recallPrev = recall
  }
  return ap
}
