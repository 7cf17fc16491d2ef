/**
 * A classifier's curves, for the reporter's plots: ROC and precision-recall per positive label
 * (binary) or per class one-vs-rest (multiclass), and calibration bins.
 */
import {
  DEFAULT_CURVE_POINTS,
  PLOT_CURVE_TOLERANCE,
  averagePrecisionFromRanking,
  binaryRanking,
  calibrationCurve,
  calibrationCurveFromRanking,
  prCurveFromRanking,
  rocAucFromRanking,
  rocCurveFromRanking,
} from '../../metrics/index.js'
import type { BinaryRanking } from '../../metrics/index.js'
import type { ClassProbabilities } from '../../metrics/class-probabilities.js'
import type { Curves } from '../../run/types.js'
import { classScores } from '../../stats/shared-ovr-auc.js'

/**
 * How far (a fraction of the plot) a threshold dropped before the curves are drawn may lie from
 * the last one kept, in every plotted coordinate (fpr, tpr, recall, precision). With the engine's
 * PLOT_CURVE_TOLERANCE, no point of the full curves lies farther than 0.002 + 0.0005 * sqrt(2),
 * under 0.003 of the plot, from the drawn line.
 */
const RANKING_STEP = 0.0005

/**
 * A ranking without the thresholds that lie within `step` of the last kept one in every plotted
 * coordinate: true and false positive rates, and precision (the first and last always kept).
 * Every kept point is an exact point of the full curve; the engine then thins to plot
 * resolution. Spares building million-point arrays per class: the rates keep at most about
 * 2 / step points, precision more only where it swings (the top of the ranking).
 */
export function thinRanking(r: BinaryRanking, step = RANKING_STEP): BinaryRanking {
  const m = r.thresholds.length
  const positives = r.tps[m - 1]
  const negatives = r.fps[m - 1]
  if (m <= 2 / step) return r
  const keep: number[] = [0]
  let tp = r.tps[0]
  let fp = r.fps[0]
  let precision = tp / (tp + fp)
  for (let i = 1; i < m - 1; i++) {
    const p = r.tps[i] / (r.tps[i] + r.fps[i])
    if (r.tps[i] - tp > step * positives || r.fps[i] - fp > step * negatives || Math.abs(p - precision) > step) {
      keep.push(i)
      tp = r.tps[i]
      fp = r.fps[i]
      precision = p
    }
  }
  keep.push(m - 1)
  if (keep.length === m) return r
  const pick = (values: Float64Array): Float64Array => Float64Array.from(keep, (i) => values[i])
  return { thresholds: pick(r.thresholds), tps: pick(r.tps), fps: pick(r.fps), positives: r.positives, negatives: r.negatives }
}

/** ROC, PR and calibration curves from the run's probabilities (a row-major matrix or one column per class). */
export function classifierCurves(
  labels: readonly string[],
  posIndex: number | undefined,
  targetIndex: Int32Array,
  probabilities: ClassProbabilities,
  notes: string[],
  /** Multiclass: each class's one-vs-rest ranking, when already computed. */
  rankings?: readonly BinaryRanking[],
  /**
   * Memory no longer in use (the one-vs-rest AUC's workspace, after it): the score column and
   * the label array are views into it when it holds them (9 bytes per row), so they cost no
   * fresh pages.
   */
  workspace?: ArrayBuffer,
): Curves {
  const k = labels.length
  const n = targetIndex.length
  const curves: Required<Pick<Curves, 'roc' | 'pr' | 'calibration'>> = { roc: [], pr: [], calibration: [] }
  let thinnedNoted = false
  const classes = posIndex !== undefined ? [posIndex] : k > 2 ? labels.map((_, c) => c) : []
  // One label array (and, for a matrix, one score column), refilled for each class (everything
  // drawn from them is copied out): k fresh columns of n values cost more in first writes to new
  // memory than in work.
  const length = classes.length > 0 ? n : 0
  const inWorkspace = workspace !== undefined && workspace.byteLength >= 9 * length
  // The score column and positive flags are needed only for a class that has no ranking yet.
  const ranked = rankings !== undefined && classes.every((c) => rankings[c] !== undefined)
  const matrixLength = probabilities instanceof Float64Array && !ranked ? length : 0
  const scoreBuffer = inWorkspace ? new Float64Array(workspace, 0, matrixLength) : new Float64Array(matrixLength)
  const flagsLength = ranked ? 0 : length
  const isPositive = inWorkspace ? new Uint8Array(workspace, 8 * length, flagsLength) : new Uint8Array(flagsLength)
  for (const c of classes) {
    const label = labels[c]
    let ranking = rankings?.[c]
    const positives = ranking !== undefined ? ranking.positives : positivesInto(targetIndex, c, isPositive)
    if (positives === 0 || positives === n) {
      notes.push(`no ROC / precision-recall curve for "${label}": ${positives === 0 ? 'no' : 'only'} examples of that label`)
    } else {
      // Per-class columns are read in place; a matrix's column is copied into the one score buffer.
      ranking ??= binaryRanking(classScores(probabilities, k, c, scoreBuffer), isPositive)
      const thinned = thinRanking(ranking)
      // At plot resolution: see PLOT_CURVE_TOLERANCE; the metrics use the full ranking.
      const roc = rocCurveFromRanking(thinned, DEFAULT_CURVE_POINTS, PLOT_CURVE_TOLERANCE)
      const pr = prCurveFromRanking(thinned, DEFAULT_CURVE_POINTS, PLOT_CURVE_TOLERANCE)
      if (!thinnedNoted && pr.thresholds.length < ranking.thresholds.length) {
        thinnedNoted = true
        notes.push(`ROC and precision-recall curves are kept at plot resolution: exact points of the curves, at most ${DEFAULT_CURVE_POINTS}, no point of the full curves farther than 0.003 of the plot from the line drawn through them; roc_auc and precision_recall_auc use every point`)
      }
      curves.roc.push({ label, ...roc, auc: rocAucFromRanking(ranking) })
      curves.pr.push({ label, ...pr, averagePrecision: averagePrecisionFromRanking(ranking) })
    }
    // From the ranking's counts per distinct score when there is one (no pass over the rows).
    const bins = ranking !== undefined ? calibrationCurveFromRanking(ranking) : calibrationCurve(classScores(probabilities, k, c, scoreBuffer), isPositive)
    curves.calibration.push({ label, bins })
  }
  return curves
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
