/**
 * `evaluate()`: the steps of `README.md`, each asking the model type (`src/model-types`,
 * found through the registry) for what is particular to it: check options -> evaluation set ->
 * run the model -> encode -> scopes (run, slices) -> custom metrics -> artifacts -> assemble the
 * run and its run table. Names no model type.
 */
import type { Row } from '../data/index.js'
import type { RowLike } from '../data/index.js'
import { DatasetError } from '../errors.js'
import { predictionCacheNote, retriedRequestsNote } from '../run/cache-note.js'
import { linkRunTable } from '../run/run-table.js'
import { notifyRunCreated, notifyWarning } from '../run/observers.js'
import type { EvalRun } from '../run/types.js'
import { assembleRun } from './assemble-run.js'
import { checkOptions, ignoredOptionWarnings } from './check-options.js'
import { customArtifacts } from './custom-artifacts.js'
import type { CustomMetricReads } from './custom-metrics.js'
import { checkColumns, dedupeSlices, defaultInputColumns, toDataset } from './evaluation-set.js'
import { modelPredictions } from './model-predictions.js'
import { EVALUATE_DEFAULTS } from './options.js'
import type { EvaluateOptions } from './options.js'
import { buildRunTable, evalTableSource, linkCustomMetrics, scopesOf } from './run-table-engine.js'
import { groupRows, sliceSpecColumns, type SliceGroup } from './slice-groups.js'

/**
 * Evaluates a model (or stored predictions) on a dataset and returns the EvalRun; its run
 * table is linked to it (`runTableOf(run)`).
 *
 * @example
 * const run = await evaluate({
 *   data: await loadDataset('feedback.csv'),
 *   targets: 'true_sentiment',
 *   predictions: 'predicted_sentiment',
 *   modelType: 'classifier',
 *   slices: ['category'],
 * })
 * run.metrics.f1_score // 0.87
 */
/**
 * A note when a slice column splits the rows into many slices, most below `minSliceSize`: a
 * continuous column (a price, a timestamp) sliced one value per row gave 2,000 slices of one row
 * without a word (adversarial pass 68).
 */
function scatteredSlicesNote(spec: string | readonly string[], groups: readonly SliceGroup[], minSliceSize: number): string | undefined {
  if (groups.length <= 50) return undefined
  const small = groups.filter((group) => group.rows.length < minSliceSize).length
  if (small * 2 <= groups.length) return undefined
  const name = typeof spec === 'string' ? `slice column "${spec}"` : `the cross of ${spec.map((column) => `"${column}"`).join(' and ')}`
  return `${name} makes ${groups.length} slices, ${small} of them below minSliceSize (${minSliceSize} rows), which report only their size: a column of many distinct values (a number, a date) slices best in bins, e.g. a column of ranges added to the data`
}

export async function evaluate<R extends RowLike = Row>(options: EvaluateOptions<R>): Promise<EvalRun> {
  const startedAt = performance.now()
  const createdAt = new Date().toISOString()
  const given = options as EvaluateOptions

  // 1. Check options; the model type.
  const checked = checkOptions(given)
  const { type } = checked

  // 2. The evaluation set: its columns, input columns and declared slices.
  const fullDataset = toDataset(options.data)
  if (fullDataset.rowCount === 0) {
    throw new DatasetError(
      'DATASET_EMPTY',
      `the evaluation set${fullDataset.source ? ` ${fullDataset.source}` : ''} has no rows; evaluate needs at least one example — check the file or the filter that built it`,
    )
  }
  checkColumns(fullDataset, given, type)
  const inputColumns = options.inputColumns ?? defaultInputColumns(fullDataset, given, type)
  const sliceSpecs = dedupeSlices(options.slices ?? [])
  for (const spec of sliceSpecs) sliceSpecColumns(fullDataset.columnNames, spec)

  // 3. Run the model (or read stored predictions).
  const predicted = await modelPredictions(given, checked, fullDataset, inputColumns)
  const { dataset, failures, model, rowNumber } = predicted

  // 4. Encode targets and predictions once: the type's part of the run table.
  const encoded = await type.encode({
    dataset,
    targets: options.targets,
    ...(options.predictions !== undefined ? { predictionsColumn: options.predictions } : {}),
    ...(predicted.predictions !== undefined ? { modelPredictions: predicted.predictions } : {}),
    settings: checked.typeSettings,
    rowNumber,
    options: given as unknown as Readonly<Record<string, unknown>>,
  })
  for (const warning of [...ignoredOptionWarnings(given, type), ...encoded.warnings]) notifyWarning(options.name !== undefined ? { ...warning, runName: options.name } : warning)
  const sliceNotes: string[] = []
  const declaredGroups = sliceSpecs.map((spec) => groupRows((name) => dataset.column(name), dataset.rowCount, sliceSpecColumns(dataset.columnNames, spec), sliceNotes))
  declaredGroups.forEach((groups, s) => {
    const note = scatteredSlicesNote(sliceSpecs[s], groups, checked.minSliceSize)
    if (note !== undefined) sliceNotes.push(note)
  })
  const table = buildRunTable(dataset, inputColumns, type, encoded.part, declaredGroups)

  // 5-6. Scopes: the run and every declared slice, built-in then custom metrics.
  // A served model (adapter) always reports its failures, so `toHaveMetric('error_rate', 0.01)`
  // works whether or not any row failed.
  const errorMetrics: Record<string, number> = failures > 0 || model.kind === 'adapter' ? { error_count: failures, error_rate: failures / fullDataset.rowCount } : {}
  const customMetrics = options.extraMetrics ?? []
  // what each custom metric reads, which the baseline gate's exact tests charge it for
  const reads: CustomMetricReads = new Map()
  const settings = { intervals: checked.intervals, minSliceSize: checked.minSliceSize, customMetrics, reads }
  const scopes = scopesOf(table, type, declaredGroups, settings, { extraMetrics: errorMetrics })
  const { scope: overall, custom } = scopes.run!
  const curveNotes: string[] = []
  const curves = scopes.curves?.curves ?? type.curves(encoded.part, checked.intervals?.seed ?? EVALUATE_DEFAULTS.seed, curveNotes)
  // (a column in two crosses is noted once)
  const notes = [...encoded.notes, ...new Set(sliceNotes), ...(scopes.curves?.notes ?? curveNotes), ...overall.notes, ...scopes.notes]
  if (failures > 0) {
    notes.push(`${failures} of ${fullDataset.rowCount} rows failed in the model and were left out of every metric (error_count, error_rate)`)
  }
  notes.push(...custom.notes)
  const cacheNote = predictionCacheNote({ model })
  if (cacheNote !== undefined) notes.push(cacheNote)
  const retryNote = retriedRequestsNote(model, predicted.requests)
  if (retryNote !== undefined) notes.push(retryNote)

  // 7. Artifacts: the type's built-in ones, then the custom ones.
  const metrics = { ...overall.metrics, ...custom.metrics }
  const artifacts = [
    ...type.artifacts(encoded.part, { dataset, inputColumns, rowNumber, maxRows: checked.maxArtifactRows }),
    ...(await customArtifacts(options.extraArtifacts ?? [], evalTableSource(table, type), metrics)),
  ]

  // 8. Assemble the run; link its table and custom metric definitions.
  const run = assembleRun({
    options: given,
    checked,
    createdAt,
    fullDataset,
    inputColumns,
    exampleCount: dataset.rowCount,
    runFields: encoded.runFields,
    overall,
    metrics,
    intervals: { ...overall.intervals, ...custom.intervals },
    curves,
    sliceSpecs,
    slices: scopes.slices,
    artifacts,
    model,
    notes,
  })
  linkRunTable(run, table)
  linkCustomMetrics(run, customMetrics, reads)
  run.durationMs = performance.now() - startedAt
  notifyRunCreated(run)
  return run
}
