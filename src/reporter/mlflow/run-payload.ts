/**
 * What one evaluated run becomes in MLflow: its tags, params and metrics (overall, interval
 * bounds and per slice), with names MLflow accepts and values within its limits.
 */
import type { ReportEntry } from '../evaluated-test.js'
import { capKey, mlflowName, sliceMetricName, truncateValue } from './mlflow-names.js'

/** MLflow's `Metric`, `Param` and `RunTag` messages (service.proto), as JSON. */
export interface MlflowMetric {
  key: string
  value: number
  timestamp: number
  step: number
}
export interface MlflowKeyValue {
  key: string
  value: string
}

/** Where the run came from: the git commit and branch, when the tests ran in a work tree. */
export interface RunSource {
  commit?: string
  branch?: string
  evalgateVersion: string
}

/** Longest param value MLflow stores (LogParam: 6000 bytes). */
export const MAX_PARAM_LENGTH = 6000
/** Longest tag value guaranteed on every backend (SetTag: 5000). */
export const MAX_TAG_LENGTH = 5000

/** The run's name in MLflow: the entry's title (`file > test > run`). */
export function runName(entry: ReportEntry): string {
  return truncateValue(entry.title, 250)
}

/** The tags of the run: MLflow's own (`mlflow.runName`, `mlflow.source.*`) and evalgate's. */
export function runTags(entry: ReportEntry, source: RunSource): MlflowKeyValue[] {
  const tags: Array<[string, string | undefined]> = [
    ['mlflow.runName', runName(entry)],
    ['mlflow.source.type', 'LOCAL'],
    ['mlflow.source.name', entry.test.file],
    ['mlflow.source.git.commit', source.commit],
    ['mlflow.source.git.branch', source.branch],
    ['evalgate.version', source.evalgateVersion],
    ['evalgate.test.file', entry.test.file],
    ['evalgate.test.name', entry.test.fullName],
    ['evalgate.test.state', entry.test.state],
    ['evalgate.verdict', entry.verdict],
    ['evalgate.dataset.fingerprint', entry.run.dataset.fingerprint],
    ['evalgate.run.name', entry.run.name],
  ]
  return tags.filter((tag): tag is [string, string] => tag[1] !== undefined && tag[1] !== '').map(([key, value]) => ({ key, value: truncateValue(value, MAX_TAG_LENGTH) }))
}

/** The params: model type, labels and the evaluation options. */
export function runParams(entry: ReportEntry): MlflowKeyValue[] {
  const run = entry.run
  const params: Array<[string, unknown]> = [
    ['model_type', run.modelType],
    ['labels', run.labels],
    ['pos_label', run.posLabel],
    ['average', run.average],
    // the options that define a type's metrics (a summarizer's stemmer, a retriever's k), as MLflow logs evaluator_config
    ...Object.entries(run.metricOptions ?? {}).map(([name, value]): [string, unknown] => [name, value]),
    ['has_probabilities', run.hasProbabilities],
    ['example_count', run.exampleCount],
    ['interval_level', run.intervalSettings.level],
    ['interval_seed', run.intervalSettings.seed],
    ['interval_resamples', run.intervalSettings.resamples],
    ['slice_columns', run.sliceColumns.length > 0 ? run.sliceColumns : undefined],
    ['min_slice_size', run.minSliceSize],
    ['custom_metrics', run.customMetrics.length > 0 ? run.customMetrics : undefined],
    ['dataset_rows', run.dataset.rowCount],
    ['dataset_target_column', run.dataset.targetColumn],
    ['dataset_columns', run.dataset.columns],
    ['dataset_source', run.dataset.source],
    ['model_kind', run.model.kind],
    ['model_name', run.model.name],
  ]
  return params
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => ({ key, value: truncateValue(typeof value === 'string' ? value : JSON.stringify(value), MAX_PARAM_LENGTH) }))
}

/**
 * The metrics: every finite overall metric, its interval bounds (`<metric>_ci_lower` /
 * `_ci_upper`) and every slice metric (`slice/<slice key>/<metric>`), all at step 0.
 */
export function runMetrics(entry: ReportEntry, timestamp: number): MlflowMetric[] {
  const run = entry.run
  const metrics: MlflowMetric[] = []
  const add = (key: string, value: number | undefined): void => {
    if (typeof value === 'number' && Number.isFinite(value)) metrics.push({ key: capKey(key), value, timestamp, step: 0 })
  }
  for (const [name, value] of Object.entries(run.metrics)) {
    add(mlflowName(name), value)
    const interval = run.intervals[name]
    if (interval) {
      add(`${mlflowName(name)}_ci_lower`, interval.lower)
      add(`${mlflowName(name)}_ci_upper`, interval.upper)
    }
  }
  for (const slice of Object.values(run.slices)) {
    add(sliceMetricName(slice.key, 'example_count'), slice.exampleCount)
    for (const [name, value] of Object.entries(slice.metrics)) if (name !== 'example_count') add(sliceMetricName(slice.key, name), value)
  }
  return metrics
}

/** `items` in chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
