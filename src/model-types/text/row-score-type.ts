/**
 * The shape the text, question-answering, summarization and retriever model types share: their
 * part of the run table is the model's outputs (as text), the targets (as text) and one
 * Float64Array of per-row scores per metric (`<metric>/score`); a scope's metrics are MLflow's
 * aggregates of those columns over the scope's rows, with an interval for every mean; the
 * built-in artifact is `eval_results_table`; what a baseline stores (`outputs`) is the per-row
 * scores, so a paired test compares them row by row. Each type supplies only how it scores rows.
 */
import type { Dataset } from '../../data/index.js'
import { ConfigError } from '../../errors.js'
import type { EncodedColumn, EncodedPart, JsonValue } from '../../run/run-table.js'
import type { Artifact } from '../../run/types.js'
import { definingOptionsOf } from '../../run/metric-options.js'
import type { ArtifactRequest, Encoded, EncodeRequest, ModelType, OptionsRequest, ResolvedOptions, ScopeRows, TargetsColumn } from '../model-type.js'
import { requiredTargets } from '../model-type.js'
import { ownedFloat64, ownedValues } from '../gather-rows.js'
import { evalResultsTableArtifact } from './eval-results-table.js'
import { scoreColumnName, type RowScoreMetric } from './row-score-metric.js'
import { rowScoreScope } from './row-score-scope.js'

/** A metric's description, as kept in the part's settings (plain JSON). */
export interface RowScoreMetricSettings {
  name: string
  aggregates: 'standard' | 'mean'
  ratioAt?: number
  greaterIsBetter: boolean | null
  nonNegative: boolean
  atMostOne?: boolean
}

/** The part of the run table of a row-score type. */
export interface RowScorePart extends EncodedPart {
  readonly settings: { readonly [key: string]: JsonValue; readonly metrics: RowScoreMetricSettings[] & JsonValue }
  /** `outputs` and `targets` (text per row; a list as its JSON), and `<metric>/score` per metric. */
  readonly columns: { readonly [name: string]: EncodedColumn }
}

/** What a type's scoring step reads. */
export interface ScoreRequest {
  /** The model's output per row (a string, or a list for a retriever), as given. */
  outputs: readonly unknown[]
  /** The target cell per row (undefined for a type without targets). */
  targets: readonly unknown[] | undefined
  targetColumn: string
  /** The predictions column, or `the model's outputs`. */
  outputsColumn: string
  /** True when the outputs come from the model (not a stored predictions column). */
  outputsFromModel: boolean
  settings: { readonly [key: string]: JsonValue }
  /** Every option of `evaluate()` (a toxicity scorer). */
  options: Readonly<Record<string, unknown>>
  rowNumber(row: number): number
}

/** What one row-score type defines. */
export interface RowScoreTypeSpec {
  name: string
  aliases: readonly string[]
  optionNames: readonly string[]
  /** Every metric name it may log at its default options (for `metricNames`). */
  metricNames: readonly string[]
  /** The direction of a metric name (k-dependent names included), or undefined. */
  direction(metric: string): boolean | undefined
  /** Whether the type reads a targets column (`text` does not). */
  needsTargets: boolean
  /** `ModelType.targetsColumn`. */
  targetsColumn?: TargetsColumn
  /** `ModelType.servedAnswers`: a retriever's served model answers a list of ids per row. */
  servedAnswers?: 'id-list'
  resolveOptions(request: OptionsRequest): ResolvedOptions
  score(request: ScoreRequest): Promise<ScoredRows>
  /**
   * How a custom metric's or artifact's table reads a cell of `outputs` or `targets` back from the
   * run table's text (a retriever's id lists are stored as their JSON): default the text itself.
   */
  tableCell?: { readonly outputs?: (text: string) => unknown; readonly targets?: (text: string) => unknown }
}

/** What a type's scoring step returns. */
export interface ScoredRows {
  metrics: RowScoreMetric[]
  notes: string[]
  /** The outputs and targets as parsed (a retriever's id lists), kept as their JSON text; default the cells as given. */
  parsedOutputs?: readonly unknown[]
  parsedTargets?: readonly unknown[]
}

/**
 * A cell as text for the table: strings as they are, no output (`null`, `undefined`) as the empty
 * text (the metrics score it as empty; it reached custom metrics as the string 'null'), anything
 * else as JSON (ids keep their type).
 */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

function metricsOf(part: RowScorePart): RowScoreMetric[] {
  return part.settings.metrics.map((m) => {
    const scores = part.columns[scoreColumnName(m)]
    if (!(scores instanceof Float64Array)) throw new Error(`run table: the ${m.name} scores are missing from the ${scoreColumnName(m)} column`)
    return { ...m, scores }
  })
}

/**
 * A record of metric directions that answers for names computed from options (`precision_at_5/mean`)
 * as well as the listed ones: the registry's `metricDirections` is one static record per type.
 */
function directionRecord(spec: RowScoreTypeSpec): Readonly<Record<string, boolean>> {
  const listed: Record<string, boolean> = {}
  for (const name of spec.metricNames) {
    const direction = spec.direction(name)
    if (direction !== undefined) listed[name] = direction
  }
  return new Proxy(listed, {
    get: (target, key) => (typeof key === 'string' ? (target[key] ?? spec.direction(key)) : undefined),
    has: (target, key) => typeof key === 'string' && (key in target || spec.direction(key) !== undefined),
  })
}

function readColumn(dataset: Dataset, name: string): readonly unknown[] {
  const values = dataset.column(name).values
  return Array.isArray(values) ? values : Array.from(values as Float64Array)
}

/**
 * A stored predictions column as outputs: where the outputs are text (every type but the
 * retriever, whose outputs are id lists), a finite number is read as its text. A CSV column of
 * answers such as `42` and `7` loads as numbers, and failed with "return a string per row"
 * (adversarial pass 67); a model function's number stays an error, which its code can fix.
 */
function storedOutputs(spec: RowScoreTypeSpec, values: readonly unknown[]): readonly unknown[] {
  if (spec.servedAnswers === 'id-list') return values
  return values.map((value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))
}

async function encodeRows(spec: RowScoreTypeSpec, request: EncodeRequest): Promise<Encoded<RowScorePart>> {
  const { dataset } = request
  let outputs: readonly unknown[]
  if (request.modelPredictions !== undefined) outputs = request.modelPredictions
  else if (request.predictionsColumn !== undefined) outputs = storedOutputs(spec, readColumn(dataset, request.predictionsColumn))
  else throw new ConfigError('NO_PREDICTIONS', `modelType '${spec.name}' needs a model or a predictions column; pass model: (rows) => outputs, or predictions: '<column>'`)
  const targets = spec.needsTargets ? readColumn(dataset, requiredTargets(request.targets)) : undefined
  const { metrics, notes, parsedOutputs, parsedTargets } = await spec.score({
    outputs,
    targets,
    targetColumn: request.targets ?? '',
    outputsColumn: request.predictionsColumn ?? "the model's outputs",
    outputsFromModel: request.modelPredictions !== undefined,
    settings: request.settings,
    options: request.options ?? {},
    rowNumber: (row) => request.rowNumber(row),
  })
  const columns: Record<string, EncodedColumn> = { outputs: (parsedOutputs ?? outputs).map(cellText) }
  if (targets !== undefined) columns.targets = (parsedTargets ?? targets).map(cellText)
  for (const metric of metrics) columns[scoreColumnName(metric)] = metric.scores
  const settings = {
    ...request.settings,
    metrics: metrics.map(({ name, aggregates, ratioAt, greaterIsBetter, nonNegative, atMostOne }) => ({
      name,
      aggregates,
      ...(ratioAt !== undefined ? { ratioAt } : {}),
      greaterIsBetter,
      nonNegative,
      ...(atMostOne === true ? { atMostOne } : {}),
    })),
  }
  const metricOptions = definingOptionsOf(request.settings)
  return { part: { settings, columns }, runFields: metricOptions === undefined ? {} : { metricOptions }, notes, warnings: [] }
}

/**
 * The cells of `rows` as a custom metric reads them: the texts, or each read back with `read`
 * (a retriever's id list from its JSON); a new array (a custom metric may sort or write it), and
 * new lists. Only the cells of `rows` are read: a baseline's stored outputs put on a run's rows
 * hold a filler in the rows the baseline does not hold (added since), which no metric is computed
 * on, and a retriever's filler is no JSON (adversarial pass 43, F2: reading the whole column threw
 * `Unexpected end of JSON input` on every run once rows were added).
 */
function ownedCells(values: EncodedColumn | undefined, rows: ScopeRows, read: ((text: string) => unknown) | undefined): readonly unknown[] {
  const texts = (values ?? []) as readonly string[]
  if (read === undefined) return ownedValues(texts, rows) as string[]
  // Read each cell once per column (a paired resampling test builds thousands of tables of the
  // same column: reading a retriever's id lists again each time was most of its cost), then hand
  // out copies of the lists, which a custom metric may sort or write.
  const cellOf = cellReader(texts, read)
  const copy = (row: number): unknown => {
    const cell = cellOf(row)
    return Array.isArray(cell) ? cell.slice() : cell
  }
  return rows === null ? Array.from(texts, (_, row) => copy(row)) : Array.from(rows, copy)
}

/** A cell not read yet (cells read back may be anything, `undefined` included). */
const NOT_READ: unique symbol = Symbol('not read')

/** Cells read back (`read`), by column, each when first asked for: the stored outputs and targets are never written. */
const cellsRead = new WeakMap<readonly string[], { read: (text: string) => unknown; cells: unknown[] }>()

function cellReader(texts: readonly string[], read: (text: string) => unknown): (row: number) => unknown {
  let known = cellsRead.get(texts)
  if (known === undefined || known.read !== read) {
    known = { read, cells: new Array<unknown>(texts.length).fill(NOT_READ) }
    cellsRead.set(texts, known)
  }
  const { cells } = known
  return (row) => {
    let cell = cells[row]
    if (cell === NOT_READ) {
      cell = read(texts[row]!)
      cells[row] = cell
    }
    return cell
  }
}

/** The `ModelType` of a row-score type. */
export function rowScoreType(spec: RowScoreTypeSpec): ModelType<RowScorePart> {
  return {
    name: spec.name,
    aliases: spec.aliases,
    needsTargets: spec.needsTargets,
    ...(spec.targetsColumn !== undefined ? { targetsColumn: spec.targetsColumn } : {}),
    ...(spec.servedAnswers !== undefined ? { servedAnswers: spec.servedAnswers } : {}),
    optionNames: spec.optionNames,
    columnOptions: [],
    metricNames: spec.metricNames,
    metricDirections: directionRecord(spec),
    artifactNames: ['eval_results_table'],
    resolveOptions: (request) => spec.resolveOptions(request),
    encode: (request) => encodeRows(spec, request),
    scopeMetrics: (part, rows, context) => rowScoreScope(metricsOf(part), rows, context.intervals, context.methods),
    curves: () => ({}),
    artifacts: (part, request: ArtifactRequest): Artifact[] => [evalResultsTableArtifact(part, metricsOf(part), request)],
    tableFields: (part, rows) => {
      const fields: Record<string, () => unknown> = {
        // The docs tell custom metrics to narrow on modelType: it was undefined for these types.
        modelType: () => spec.name,
        predictions: () => ownedCells(part.columns.outputs, rows, spec.tableCell?.outputs),
        scores: () => Object.freeze(Object.fromEntries(part.settings.metrics.map((m) => [m.name, ownedFloat64(part.columns[scoreColumnName(m)] as Float64Array, rows)]))),
      }
      if (part.columns.targets !== undefined) fields.targets = () => ownedCells(part.columns.targets, rows, spec.tableCell?.targets)
      return fields
    },
    outputs: (part) => {
      const out: Record<string, EncodedColumn> = { outputs: part.columns.outputs }
      for (const m of part.settings.metrics) out[scoreColumnName(m)] = part.columns[scoreColumnName(m)]
      return out
    },
    withOutputs: (part, outputs) => ({ settings: part.settings, columns: { ...part.columns, ...outputs } }),
  }
}
