/** Runs a row-score model type through its interface (resolve, encode, scope metrics) on records, without evaluate(). */
import { datasetFromRecords } from '../../../src/data/index.js'
import { MAX_ERROR_NOTE, PENG_TAIL_MIN_ROWS, ROW_BOOTSTRAP_MAX_ROWS, bcaBootstrapIntervals, finiteInterval, meanIntervals, percentileIntervals, sqrtInterval } from '../../../src/evaluate/interval-methods.js'
import type { IntervalMethods, ModelType, ScopeMetrics, ScopeRows } from '../../../src/model-types/model-type.js'
import type { RowScorePart } from '../../../src/model-types/text/row-score-type.js'
import type { IntervalConfig } from '../../../src/run/types.js'
import { freshRowWeights } from '../../../src/stats/resample-weights.js'

export const METHODS: IntervalMethods = {
  rowBootstrapMaxRows: ROW_BOOTSTRAP_MAX_ROWS,
  pengTailMinRows: PENG_TAIL_MIN_ROWS,
  maxErrorNote: MAX_ERROR_NOTE,
  meanIntervals,
  bcaBootstrapIntervals,
  rowWeights: freshRowWeights,
  percentileIntervals,
  finiteInterval,
  sqrtInterval,
}

export const INTERVALS: IntervalConfig = { level: 0.95, seed: 0, resamples: 1000, rowResamples: 500 }

export interface Encoded {
  part: RowScorePart
  notes: string[]
  scope(rows?: ScopeRows, intervals?: boolean): ScopeMetrics
}

/** Encodes `records` (targets in `targets`, outputs in `predictions` or given as `modelPredictions`). */
export async function encodeRecords(
  type: ModelType<RowScorePart>,
  records: Array<Record<string, unknown>>,
  request: { targets?: string; predictions?: string; modelPredictions?: unknown[]; options?: Record<string, unknown> },
): Promise<Encoded> {
  const options = request.options ?? {}
  const resolved = type.resolveOptions({ hasModel: request.modelPredictions !== undefined, predictions: request.predictions, options })
  const encoded = await type.encode({
    dataset: datasetFromRecords(records),
    targets: request.targets ?? 'target',
    ...(request.predictions !== undefined ? { predictionsColumn: request.predictions } : {}),
    ...(request.modelPredictions !== undefined ? { modelPredictions: request.modelPredictions as never } : {}),
    settings: resolved.settings,
    rowNumber: (row) => row + 1,
    options,
  })
  return {
    part: encoded.part,
    notes: encoded.notes,
    scope: (rows = null, intervals = false) => type.scopeMetrics(encoded.part, rows, { intervals: intervals ? INTERVALS : null, details: true, methods: METHODS }),
  }
}

/** Mean, population variance and NumPy's linear p90, written out for the tests. */
export function numpyAggregates(values: readonly number[]): { mean: number; variance: number; p90: number } {
  const n = values.length
  const mean = values.reduce((a, b) => a + b, 0) / n
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / n
  const sorted = [...values].sort((a, b) => a - b)
  const h = (n - 1) * 0.9
  const lo = Math.floor(h)
  const p90 = sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? sorted[lo]) - sorted[lo])
  return { mean, variance, p90 }
}
