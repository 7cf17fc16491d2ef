/**
 * Two models' per-example outputs on the same rows, the input of every paired test: model A
 * (the baseline entry's stored outputs, or `toOutperform`'s candidate) and model B (the current
 * run, or the other model). Built from two runs with their run tables (`runTableOf`), or from a
 * baseline entry and the run that is compared with it (the entry's table is the run's table
 * with the stored outputs substituted, valid because the fingerprint matches). Metrics are
 * recomputed by the engine's `scopeMetricsOf` over the tables.
 */
import { writeMatrixRow } from '../model-types/classifier/probability-columns.js'
import { customMetricReadsOf, customMetricsOf, outputsOf, scopeMetricsOf } from '../evaluate/run-table-engine.js'
import type { EncodedColumn, RunTable } from '../run/run-table.js'
import { runTableOf } from '../run/run-table.js'
import type { Average, EvalRun } from '../run/types.js'

/** One model's per-example outputs (what is known of it). */
export interface ModelOutputs {
  /** Classifiers: 1 when the predicted label is right (from labels, or a stored bitset). */
  correct?: Uint8Array
  predictedIndex?: Int32Array
  /** Row-major `rows x k`. */
  probabilities?: Float64Array
  /**
   * The probabilities were stored as float32 (a large baseline), and why (`60,000 examples, above
   * the 50,000-example cap for float64 probabilities`); `logarithms`: their logarithms were. The
   * other side's are rounded alike for a paired test.
   */
  probabilitiesFloat32?: { why: string; logarithms: boolean; exact?: readonly number[] }
  predictedValues?: Float64Array
  /** Text, question-answering, summarization and retriever types: per-row scores by column (`rouge1/v1/score`). */
  rowScores?: Readonly<Record<string, Float64Array>>
  /** Text, question-answering, summarization and retriever types: the outputs (a baseline stores them for its custom metrics). */
  texts?: readonly string[]
}

/** The paired data of one comparison. */
export interface PairedData {
  modelType: EvalRun['modelType']
  /** Rows (examples) both models scored, in the same order. */
  n: number
  /** Classifiers: label count, averaging, positive class (binary). */
  k: number
  average: Average | undefined
  posIndex: number | undefined
  /** Classifiers: the labels, in index order (for naming a class in a note). */
  labels?: readonly string[]
  targetIndex?: Int32Array
  targetValues?: Float64Array
  a: ModelOutputs
  b: ModelOutputs
  /**
   * Every metric (built-in and custom) of the rows `rows` (may repeat rows) for model A or B,
   * or undefined when they cannot be recomputed; `recomputeReason` then says why. `swapped`:
   * the rows it flags take the other model's outputs, what an exact randomization test
   * exchanges ({@link swappedOutputs}).
   */
  metricsOf?: (which: 'a' | 'b', rows: Int32Array | null, part: 'builtin' | 'custom', resample?: boolean, swapped?: RowExchange) => Record<string, number>
  recomputeReason?: string
  /**
   * Where {@link metricsOf} is missing because the baseline stores no probabilities (above its
   * caps) while the run has them: the custom metrics of both models recomputed from the labels
   * alone (neither table has probabilities). A custom metric that reads the probabilities then
   * gives another value (or throws), which the test checks against the values compared.
   */
  customWithoutProbabilitiesOf?: (which: 'a' | 'b', rows: Int32Array | null, resample?: boolean, swapped?: RowExchange) => Record<string, number>
  /** How many custom metrics a recomputation of the custom part computes (each a call): the exchange test's cost. */
  customMetricCount?: number
  /**
   * The values per row those custom metrics read, summed over them (the exchange test's cost of
   * a row): {@link customMetricWidth}. Default `customMetricCount` times the class count.
   */
  customMetricWidth?: number
  /** Why the probabilities of one side are missing, when the metrics need them. */
  probabilitiesReason?: string
  /** Why the labels of one side are missing. */
  labelsReason?: string
}

function correctness(target: Int32Array, predicted: Int32Array): Uint8Array {
  const out = new Uint8Array(target.length)
  for (let i = 0; i < out.length; i++) out[i] = target[i] === predicted[i] ? 1 : 0
  return out
}

/**
 * The rows an exact randomization test exchanges between the two models, kept from one of its
 * draws to the next: `flags[j]` = 1 when row `rows[j]` takes the other model's outputs (of the
 * table's `n`). A draw rewrites only the rows whose flag changed since the last, in outputs kept
 * for the exchange; copying both models' whole outputs on every draw, as the single exchanges did,
 * copied 400,000 values for a slice of 36 rows of a 10,000-row, 10-class table.
 */
export interface RowExchange {
  readonly n: number
  readonly rows: readonly number[]
  readonly flags: Uint8Array
}

/** Each exchange's outputs for each side (keyed by the side's own outputs), and the flags they hold. */
const keptExchanges = new WeakMap<RowExchange, Map<object, { typed: Record<string, EncodedColumn>; state: Uint8Array }>>()

/** Whether a column can be rewritten in place (typed numbers; texts are read through caches keyed by their array). */
function typedColumn(column: EncodedColumn): column is Exclude<EncodedColumn, readonly unknown[]> {
  return ArrayBuffer.isView(column)
}

/**
 * Outputs `own` with the rows `exchange` flags taking `other`'s: one model's outputs with some
 * rows exchanged with the other model's, what an exact randomization test recomputes a metric
 * on. A row of a column holds `length / n` values (a classifier's probabilities hold one per
 * class); a column `other` lacks keeps `own`'s. The typed columns are kept per side between
 * calls with the same `exchange` and rewritten where the flags changed (read them before the next
 * call, never keep them; `own` must be the same object on every call); texts are new arrays.
 * @example swappedOutputs({ predictedValues: Float64Array.of(1, 2) }, { predictedValues: Float64Array.of(5, 6) }, { n: 2, rows: [1], flags: Uint8Array.of(1) })
 * // => { predictedValues: Float64Array [1, 6] }
 */
export function swappedOutputs(own: Readonly<Record<string, EncodedColumn>>, other: Readonly<Record<string, EncodedColumn>>, exchange: RowExchange): Record<string, EncodedColumn> {
  const { n, rows, flags } = exchange
  let sides = keptExchanges.get(exchange)
  if (sides === undefined) {
    sides = new Map()
    keptExchanges.set(exchange, sides)
  }
  let kept = sides.get(own)
  if (kept === undefined) {
    const typed: Record<string, EncodedColumn> = {}
    for (const [name, column] of Object.entries(own)) {
      const theirs = other[name]
      if (typedColumn(column) && theirs !== undefined && typedColumn(theirs) && theirs.length === column.length && n > 0) typed[name] = column.slice()
    }
    kept = { typed, state: new Uint8Array(rows.length) }
    sides.set(own, kept)
  }
  const out: Record<string, EncodedColumn> = { ...own }
  for (const [name, column] of Object.entries(kept.typed)) {
    const width = column.length / n
    const mine = own[name] as typeof column
    const theirs = other[name] as typeof column
    for (let j = 0; j < rows.length; j++) {
      if (flags[j] === kept.state[j]) continue
      const i = rows[j]
      const from = flags[j] === 1 ? theirs : mine
      if (name === 'probabilities' && column instanceof Float64Array) writeMatrixRow(column, from as Float64Array, width, i)
      else for (let c = i * width; c < (i + 1) * width; c++) (column as { [c: number]: unknown })[c] = (from as { [c: number]: unknown })[c]
    }
    out[name] = column
  }
  kept.state.set(flags)
  // texts (read through caches keyed by the array): new arrays
  for (const [name, column] of Object.entries(own)) {
    const theirs = other[name]
    if (name in kept.typed || theirs === undefined || theirs.length !== column.length || n === 0) continue
    const width = column.length / n
    const mixed = column.slice() as typeof column & { [i: number]: unknown }
    for (let j = 0; j < rows.length; j++) if (flags[j] === 1) for (let c = rows[j] * width; c < (rows[j] + 1) * width; c++) mixed[c] = theirs[c]
    out[name] = mixed
  }
  return out
}

/**
 * The values per row that `metrics` read, summed over them: a metric that read a classifier's
 * probabilities, or the built-in metrics (computed from them), reads one per class (`k`); any
 * other reads a few columns of one value per row, counted as one, as a regressor's are. A metric
 * whose reads `evaluate()` did not record counts `k`. This is what an exact test's exchange of
 * the custom metrics costs (a 13-class classifier's recalls, read from the labels, charged as
 * reading 13 probability columns, afforded its test a tenth of the blocks: adversarial pass 50).
 * `reads` come from the run's own evaluation, before any comparison, so the cost of an entry's
 * tests is fixed before any of them sees an effect.
 */
export function customMetricWidth(metrics: ReadonlyArray<{ readonly name: string }>, reads: ReadonlyMap<string, ReadonlySet<string>> | undefined, k: number): number {
  const wide = Math.max(1, k)
  let width = 0
  for (const metric of metrics) {
    const read = reads?.get(metric.name)
    width += read === undefined || read.has('probabilities') || read.has('builtins') ? wide : 1
  }
  return width
}

/**
 * The scopes a comparison of `run` may test (every row, and each of its slices), known before any
 * test: they share the single exchanges' work (`PairedComparison`'s `scopes`).
 */
export function comparisonScopes(run: EvalRun): number {
  return 1 + Object.keys(run.slices).length
}

/** A run's shape for pairing: model type, example and class counts, averaging and positive class index. */
export function runShape(run: EvalRun): Pick<PairedData, 'modelType' | 'n' | 'k' | 'average' | 'posIndex' | 'labels'> {
  const labels = run.labels ?? []
  return {
    modelType: run.modelType,
    labels,
    n: run.exampleCount,
    k: labels.length,
    average: run.posLabel === undefined ? (run.average ?? 'weighted') : undefined,
    posIndex: run.posLabel === undefined ? undefined : labels.indexOf(run.posLabel),
  }
}

/** A run's per-example outputs and targets, read from its table. */
function tableOutputs(table: RunTable): { outputs: ModelOutputs; targetIndex?: Int32Array; targetValues?: Float64Array } {
  const columns = outputsOf(table)
  const { targetIndex, targetValues } = table.encoded.columns
  const outputs: ModelOutputs = {
    ...(columns.predictedIndex instanceof Int32Array ? { predictedIndex: columns.predictedIndex } : {}),
    ...(columns.probabilities instanceof Float64Array ? { probabilities: columns.probabilities } : {}),
    ...(columns.predictedValues instanceof Float64Array ? { predictedValues: columns.predictedValues } : {}),
  }
  if (targetIndex instanceof Int32Array && outputs.predictedIndex) outputs.correct = correctness(targetIndex, outputs.predictedIndex)
  // text, question-answering, summarization and retriever types: their outputs are per-row scores
  const rowScores = Object.fromEntries(Object.entries(columns).filter(([name, values]) => name.endsWith('/score') && values instanceof Float64Array)) as Record<string, Float64Array>
  if (Object.keys(rowScores).length > 0) outputs.rowScores = rowScores
  return {
    outputs,
    ...(targetIndex instanceof Int32Array ? { targetIndex } : {}),
    ...(targetValues instanceof Float64Array ? { targetValues } : {}),
  }
}

/** NaN columns for the per-row scores `current` has and `stored` lacks. */
function missingScores(current: ModelOutputs['rowScores'], stored: ModelOutputs['rowScores'], n: number): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {}
  for (const column of Object.keys(current ?? {})) if (stored?.[column] === undefined) out[column] = new Float64Array(n).fill(Number.NaN)
  return out
}

/**
 * The paired data of two runs on the same data (`toOutperform`): A = `a`, B = `b`. Undefined
 * when a run has no table (read back from JSON without its table).
 */
export function pairedRuns(a: EvalRun, b: EvalRun): PairedData | undefined {
  const ta = runTableOf(a)
  const tb = runTableOf(b)
  if (!ta || !tb) return undefined
  const oa = tableOutputs(ta)
  const ob = tableOutputs(tb)
  const data: PairedData = {
    ...runShape(a),
    ...(oa.targetIndex ? { targetIndex: oa.targetIndex } : {}),
    ...(oa.targetValues ? { targetValues: oa.targetValues } : {}),
    a: oa.outputs,
    b: ob.outputs,
  }
  const customA = customMetricsOf(a)
  const customB = customMetricsOf(b)
  data.customMetricCount = Math.max(customA.length, customB.length)
  data.customMetricWidth = Math.max(customMetricWidth(customA, customMetricReadsOf(a), data.k), customMetricWidth(customB, customMetricReadsOf(b), data.k))
  const columnsA = outputsOf(ta)
  const columnsB = outputsOf(tb)
  // on a resample, a custom metric that throws is undefined there (left out), as a NaN is
  data.metricsOf = (which, rows, part, resample = false, swapped) => {
    const [table, customMetrics, own, other] = which === 'a' ? [ta, customA, columnsA, columnsB] : [tb, customB, columnsB, columnsA]
    return scopeMetricsOf(table, rows, { customMetrics, part, undefinedOnThrow: resample, ...(swapped ? { outputs: swappedOutputs(own, other, swapped) } : {}) })
  }
  if (!data.a.probabilities || !data.b.probabilities) data.probabilitiesReason = 'one of the runs has no probabilities'
  return data
}

/**
 * The paired data of a baseline model (its stored outputs, decoded by the caller) and the
 * current run on the same rows. `stored` holds what the entry stores; `missing` says why a part
 * is absent (cap, older entry), for the verdict's notes.
 */
export function pairedWithStored(stored: ModelOutputs, current: EvalRun, missing: { labels?: string; probabilities?: string; texts?: string }, options: { customMetrics?: ReadonlySet<string> } = {}): PairedData | undefined {
  const table = runTableOf(current)
  if (!table) return undefined
  // Only the custom metrics compared are recomputed (`options.customMetrics`, default all): each
  // is a call on every resample and exchange, and four class recalls the entry did not track left
  // the tracked one's exchange test no budget (adversarial pass 48, F4).
  const customMetrics = customMetricsOf(current).filter((metric) => options.customMetrics?.has(metric.name) ?? true)
  const own = tableOutputs(table)
  // Against probabilities stored as float32 (a large baseline), the run's are rounded alike, so
  // that both models' metrics are recomputed at one precision; a test holds only where those
  // are the values compared (PairedComparison checks each, to 1e-6).
  const rounding = stored.probabilitiesFloat32
  const roundedB =
    rounding && own.outputs.probabilities
      ? rounding.logarithms
        ? roundedLogarithms(own.outputs.probabilities, new Set(rounding.exact ?? []))
        : Float64Array.from(Float32Array.from(own.outputs.probabilities))
      : undefined
  const b: ModelOutputs = roundedB ? { ...own.outputs, probabilities: roundedB } : own.outputs
  const a: ModelOutputs = { ...stored }
  if (!a.correct && a.predictedIndex && own.targetIndex) a.correct = correctness(own.targetIndex, a.predictedIndex)
  const data: PairedData = {
    ...runShape(current),
    ...(own.targetIndex ? { targetIndex: own.targetIndex } : {}),
    ...(own.targetValues ? { targetValues: own.targetValues } : {}),
    a,
    b,
  }
  if (missing.labels) data.labelsReason = missing.labels
  data.customMetricCount = customMetrics.length
  data.customMetricWidth = customMetricWidth(customMetrics, customMetricReadsOf(current), data.k)
  if (b.probabilities && !a.probabilities) data.probabilitiesReason = missing.probabilities ?? 'the baseline stores no probabilities'
  // The baseline's table is the current data plus every stored output; a part the run has but
  // the entry lacks would mix the two models, so recomputing needs them all.
  const rowScoreType = current.modelType !== 'classifier' && current.modelType !== 'regressor'
  const complete = rowScoreType
    ? a.texts !== undefined
    : current.modelType === 'regressor'
      ? a.predictedValues !== undefined
      : a.predictedIndex !== undefined && (b.probabilities === undefined || a.probabilities !== undefined)
  if (complete) {
    const substitute: Record<string, EncodedColumn> = {
      ...(a.predictedIndex ? { predictedIndex: a.predictedIndex } : {}),
      ...(a.probabilities ? { probabilities: a.probabilities } : {}),
      ...(a.predictedValues ? { predictedValues: a.predictedValues } : {}),
      // A text type's table with the baseline's outputs and every one of its per-row scores; a
      // score the entry lacks (an option such as squad turned on since) is NaN on the baseline's
      // side, never the current model's, so a metric reading it cannot mix the two models.
      ...(rowScoreType && a.texts ? { outputs: a.texts, ...missingScores(b.rowScores, a.rowScores, current.exampleCount), ...a.rowScores } : {}),
    }
    const ownColumns: Record<string, EncodedColumn> = { ...outputsOf(table), ...(roundedB ? { probabilities: roundedB } : {}) }
    const ownOutputs = roundedB ? { outputs: { probabilities: roundedB } } : {}
    data.metricsOf = (which, rows, part, resample = false, swapped) => {
      const outputs = swapped ? { outputs: which === 'a' ? swappedOutputs(substitute, ownColumns, swapped) : swappedOutputs(ownColumns, substitute, swapped) } : which === 'a' ? { outputs: substitute } : ownOutputs
      return scopeMetricsOf(table, rows, { customMetrics, part, undefinedOnThrow: resample, ...outputs })
    }
  } else {
    if (current.modelType === 'classifier' && a.predictedIndex !== undefined) {
      const labelsOnly = { predictedIndex: a.predictedIndex }
      const ownLabels = { predictedIndex: outputsOf(table).predictedIndex! }
      data.customWithoutProbabilitiesOf = (which, rows, resample = false, swapped) => {
        const outputs = swapped ? (which === 'a' ? swappedOutputs(labelsOnly, ownLabels, swapped) : swappedOutputs(ownLabels, labelsOnly, swapped)) : which === 'a' ? labelsOnly : undefined
        return scopeMetricsOf(table, rows, { customMetrics, part: 'custom', undefinedOnThrow: resample, withoutOutputs: ['probabilities'], ...(outputs ? { outputs } : {}) })
      }
    }
    data.recomputeReason = rowScoreType
      ? // A text-type entry keeps its outputs only when the run tracked a custom metric, below the caps.
        // (`missing.texts`: the cause, which cap or an older entry, and what to do)
        (missing.texts ?? `the ${current.modelType} baseline entry stores no outputs (it does when its run tracks a custom metric, up to 20,000 examples and 2 MB of outputs), so a metric that reads the outputs cannot be recomputed on the baseline's rows`)
        : current.modelType === 'regressor' || !a.predictedIndex
          ? (missing.labels ?? 'the baseline stores no per-example predictions')
          : // the labels are stored: say why they are not enough (adversarial pass 39 read it as wrong for a labels-only metric)
            `recomputing a metric on the baseline's rows takes every output the run has (a custom metric may read the probabilities), and ${data.probabilitiesReason ?? 'the baseline stores no probabilities'}`
  }
  return data
}

/** Each probability as a baseline stores it above the float64 caps: exactly where it is one of `exact`, else exp of its float32 logarithm. */
function roundedLogarithms(probabilities: Float64Array, exact: ReadonlySet<number>): Float64Array {
  return Float64Array.from(probabilities, (p) => (exact.has(p) ? p : Math.exp(Math.fround(Math.log(p)))))
}
