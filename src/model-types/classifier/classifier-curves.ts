/**
 * A classifier's curves, for the reporter's plots: ROC and precision-recall per positive label
 * (binary) or per class one-vs-rest (multiclass), and calibration bins.
 */
import {
  DEFAULT_CURVE_POINTS,
  averagePrecisionFromRanking,
  binaryRanking,
  calibrationCurve,
  prCurveFromRanking,
  rocAucFromRanking,
  rocCurveFromRanking,
} from '../../metrics/index.js'
import type { BinaryRanking } from '../../metrics/index.js'
import type { Curves } from '../../run/types.js'

/** Thresholds of a ranking kept before the metric engine draws (and thins) its curves. */
const MAX_RANKING_POINTS = 4096

/**
 * A ranking with at most `maxPoints` of its thresholds, chosen evenly by examples passed (the
 * first and last always kept). Every kept point is an exact point of the full curve; the
 * engine then thins to its plot size. Spares building million-point arrays per class.
 */
export function thinRanking(r: BinaryRanking, maxPoints = MAX_RANKING_POINTS): BinaryRanking {
  const m = r.thresholds.length
  if (m <= maxPoints) return r
  const total = r.tps[m - 1] + r.fps[m - 1]
  const keep: number[] = [0]
  const step = total / (maxPoints - 1)
  let next = r.tps[0] + r.fps[0] + step
  for (let i = 1; i < m - 1; i++) {
    const passed = r.tps[i] + r.fps[i]
    if (passed >= next) {
      keep.push(i)
      while (next <= passed) next += step
    }
  }
  keep.push(m - 1)
  const pick = (values: Float64Array): Float64Array => Float64Array.from(keep, (i) => values[i])
  return { thresholds: pick(r.thresholds), tps: pick(r.tps), fps: pick(r.fps), positives: r.positives, negatives: r.negatives }
}

/** ROC, PR and calibration curves from the run's probabilities. */
export function classifierCurves(
  labels: readonly string[],
  posIndex: number | undefined,
  targetIndex: Int32Array,
  probabilities: Float64Array,
  notes: string[],
  /** Multiclass: each class's one-vs-rest ranking, when already computed. */
  rankings?: readonly BinaryRanking[],
): Curves {
  const k = labels.length
  const n = targetIndex.length
  const curves: Required<Pick<Curves, 'roc' | 'pr' | 'calibration'>> = { roc: [], pr: [], calibration: [] }
  let thinnedNoted = false
  const classes = posIndex !== undefined ? [posIndex] : k > 2 ? labels.map((_, c) => c) : []
  // One score column and one label array, refilled for each class (everything drawn from them is
  // copied out): k fresh columns of n values cost more in first writes to new memory than in work.
  const scores = new Float64Array(classes.length > 0 ? n : 0)
  const isPositive = new Uint8Array(scores.length)
  for (const c of classes) {
    const label = labels[c]
    columnInto(probabilities, k, c, scores)
    const positives = positivesInto(targetIndex, c, isPositive)
    if (positives === 0 || positives === n) {
      notes.push(`no ROC / precision-recall curve for "${label}": ${positives === 0 ? 'no' : 'only'} examples of that label`)
    } else {
      const ranking = rankings?.[c] ?? binaryRanking(scores, isPositive)
      const thinned = thinRanking(ranking)
      if (ranking.thresholds.length > DEFAULT_CURVE_POINTS && !thinnedNoted) {
        thinnedNoted = true
        notes.push(`ROC and precision-recall curves keep at most ${DEFAULT_CURVE_POINTS} of their points (exact points of the full curves, spread along their length); roc_auc and precision_recall_auc use every point`)
      }
      curves.roc.push({ label, ...rocCurveFromRanking(thinned), auc: rocAucFromRanking(ranking) })
      curves.pr.push({ label, ...prCurveFromRanking(thinned), averagePrecision: averagePrecisionFromRanking(ranking) })
    }
    curves.calibration.push({ label, bins: calibrationCurve(scores, isPositive) })
  }
  return curves
}

/** `out[i] = matrix[i * k + c]`: column `c` of a row-major matrix (a loop of its own, for V8). */
function columnInto(matrix: Float64Array, k: number, c: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = matrix[i * k + c]
}

/** `out[i] = 1` where the target is class `c`, else 0; returns how many are. */
function positivesInto(targetIndex: Int32Array, c: number, out: Uint8Array): number {
  let positives = 0
  for (let i = 0; i < out.length; i++) {
    const positive = targetIndex[i] === c ? 1 : 0
    out[i] = positive
    positives += positive
  }
  return positives
}
