import type { Spec } from 'vega'
import type { EvalRun } from '../../run/types.js'
import { slicesWorstFirst } from '../slice-ranking.js'
import { calibrationCurveSpec } from './calibration-curve.js'
import { confusionMatrixNote, confusionMatrixSpec } from './confusion-matrix.js'
import { precisionRecallCurveSpec } from './precision-recall-curve.js'
import { predictedVsActualSpec } from './predicted-vs-actual.js'
import { residualHistogramSpec } from './residual-histogram.js'
import { rocCurveSpec } from './roc-curve.js'
import { sliceBarsNote, sliceBarsSpec } from './slice-bars.js'
import { textScorePlotSpecs } from './text-score-plots.js'
import { renderVegaSvg } from './vega-svg.js'

/** One rendered plot of a run. */
export interface RunPlot {
  /** File name in the run's folder, e.g. `confusion_matrix.svg`. */
  fileName: string
  title: string
  svg: string
  /** What was left out (classes beyond the limit) or shortened (long labels), shown under the plot. */
  note?: string
}

/** Options of the plot set. */
export interface RunPlotOptions {
  /** Multiclass curves (ROC, PR, calibration) show at most this many classes, largest support first. Default 10. */
  maxCurveClasses?: number
  /** Slice keys the test failed on (a gate or a baseline row): only these bars are drawn red. */
  failedSlices?: ReadonlySet<string>
}

/**
 * Renders every plot the run has data for: confusion matrix (counts and row-normalised), ROC,
 * precision-recall and calibration curves (one-vs-rest per class up to a class limit),
 * residuals and predicted-vs-actual for regressors, per-row score histograms for the text
 * types, and per-slice bars of the ranking metric.
 */
export async function renderRunPlots(run: EvalRun, options: RunPlotOptions = {}): Promise<RunPlot[]> {
  const limit = options.maxCurveClasses ?? 10
  const specs: Array<{ fileName: string; title: string; spec: Spec; note?: string }> = []
  if (run.confusionMatrix && run.confusionMatrix.labels.length > 0) {
    const note = confusionMatrixNote(run.confusionMatrix.labels)
    specs.push({ fileName: 'confusion_matrix.svg', title: 'Confusion matrix', spec: confusionMatrixSpec(run.confusionMatrix, false), note })
    specs.push({ fileName: 'confusion_matrix_normalized.svg', title: 'Confusion matrix, row-normalised', spec: confusionMatrixSpec(run.confusionMatrix, true), note })
  }
  const keep = classFilter(run, limit)
  const roc = run.curves.roc?.filter((c) => keep.has(c.label)) ?? []
  if (roc.length > 0) specs.push({ fileName: 'roc_curve.svg', title: 'ROC curve', spec: rocCurveSpec(roc), note: limitNote(run.curves.roc?.length ?? 0, roc.length) })
  const pr = run.curves.pr?.filter((c) => keep.has(c.label)) ?? []
  if (pr.length > 0) {
    specs.push({
      fileName: 'precision_recall_curve.svg',
      title: 'Precision-recall curve',
      spec: precisionRecallCurveSpec(pr, positiveRate(run)),
      note: limitNote(run.curves.pr?.length ?? 0, pr.length),
    })
  }
  const calibration = run.curves.calibration?.filter((c) => keep.has(c.label)) ?? []
  if (calibration.length > 0) {
    specs.push({
      fileName: 'calibration_curve.svg',
      title: 'Calibration curve',
      spec: calibrationCurveSpec(calibration),
      note: limitNote(run.curves.calibration?.length ?? 0, calibration.length),
    })
  }
  if (run.curves.predictedVsActual && run.curves.predictedVsActual.actual.length > 0) {
    specs.push({ fileName: 'predicted_vs_actual.svg', title: 'Predicted vs actual', spec: predictedVsActualSpec(run.curves.predictedVsActual) })
  }
  if (run.curves.residualHistogram && run.curves.residualHistogram.counts.length > 0) {
    specs.push({ fileName: 'residuals.svg', title: 'Residuals', spec: residualHistogramSpec(run.curves.residualHistogram) })
  }
  specs.push(...textScorePlotSpecs(run))
  const { metric, slices } = slicesWorstFirst(run)
  if (metric !== undefined && slices.some((s) => typeof s.metrics[metric] === 'number')) {
    const failed = options.failedSlices ?? new Set<string>()
    const measured = slices.filter((s) => typeof s.metrics[metric] === 'number' && Number.isFinite(s.metrics[metric]))
    // The worst slices, and every failed one: 2,000 bars drew one image 48,071 px tall (adversarial pass 60)
    // (at most as many failed ones again beyond those: 2,000 failed slices would draw 2,000 bars; adversarial pass 63)
    const drawn = measured.filter((s, rank) => rank < MAX_SLICE_BARS || failed.has(s.key)).slice(0, 2 * MAX_SLICE_BARS)
    const cut = drawn.length < measured.length ? `Showing the ${drawn.length} worst${drawn.length > MAX_SLICE_BARS ? ' and failed' : ''} of ${measured.length.toLocaleString('en-US')} slices; every slice is in the Slices table and slices.csv.` : undefined
    specs.push({
      fileName: 'slices.svg',
      title: `${metric} by slice`,
      spec: sliceBarsSpec(drawn, metric, run.metrics[metric], run.greaterIsBetter[metric] ?? true, failed),
      note: [cut, sliceBarsNote(drawn)].filter((note) => note !== undefined).join(' ') || undefined,
    })
  }
  const plots: RunPlot[] = []
  for (const { spec, ...rest } of specs) plots.push({ ...rest, svg: await renderVegaSvg(spec) })
  return plots
}

/** Slice bars drawn: the worst this many, and failed slices beyond them, up to as many again. */
export const MAX_SLICE_BARS = 50

/** Labels whose curves are drawn: all for binary / few classes, else the largest `limit` by support. */
function classFilter(run: EvalRun, limit: number): Set<string> {
  const labels = new Set<string>()
  for (const c of [...(run.curves.roc ?? []), ...(run.curves.pr ?? []), ...(run.curves.calibration ?? [])]) labels.add(c.label)
  if (labels.size <= limit) return labels
  const support = new Map((run.perClass ?? []).map((c) => [c.label, c.support]))
  const ranked = [...labels].sort((a, b) => (support.get(b) ?? 0) - (support.get(a) ?? 0) || (a < b ? -1 : 1))
  return new Set(ranked.slice(0, limit))
}

function limitNote(total: number, shown: number): string | undefined {
  return shown < total ? `Showing ${shown} of ${total} classes (largest support first); every curve is in run.json.` : undefined
}

function positiveRate(run: EvalRun): number | undefined {
  if (!run.posLabel || !run.perClass) return undefined
  const pos = run.perClass.find((c) => c.label === run.posLabel)
  return pos && run.exampleCount > 0 ? pos.support / run.exampleCount : undefined
}
