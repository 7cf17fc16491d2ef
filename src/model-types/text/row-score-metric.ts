/**
 * A per-row score of the text, question-answering, summarization and retriever model types, and
 * the names MLflow logs it under: the scores as the column `<name>/score` of the eval table and
 * of `eval_results_table`, the aggregates as `<name>/mean`, `/variance`, `/p90` (or, for
 * `exact_match/v1`, the mean under the bare name), toxicity's `<name>/ratio` besides.
 */

/** One per-row score and how it is aggregated. */
export interface RowScoreMetric {
  /** MLflow's base name: `rouge1/v1`, `exact_match/v1`, `precision_at_3`. */
  name: string
  /** One score per row of the evaluation set; NaN where the row has none (left out of the aggregates). */
  scores: Float64Array
  /** `standard`: mean, variance, p90 under `<name>/…`; `mean`: the mean under `<name>` itself. */
  aggregates: 'standard' | 'mean'
  /** Also `<name>/ratio`: the share of scored rows at or above this value (toxicity: 0.5). */
  ratioAt?: number
  /** Whether a larger mean is better; null when the score describes the output, not its quality. */
  greaterIsBetter: boolean | null
  /** Scores are never negative (the mean's interval is clamped at 0). */
  nonNegative: boolean
}

/** The eval-table and `eval_results_table` column of a metric's per-row scores. */
export function scoreColumnName(metric: Pick<RowScoreMetric, 'name'>): string {
  return `${metric.name}/score`
}

/** The name of the aggregate that is the mean of the per-row scores (`rouge1/v1/mean`, `exact_match/v1`). */
export function meanMetricName(metric: Pick<RowScoreMetric, 'name' | 'aggregates'>): string {
  return metric.aggregates === 'mean' ? metric.name : `${metric.name}/mean`
}

/** Every aggregate name of a metric, in the order they are logged. */
export function aggregateNames(metric: Pick<RowScoreMetric, 'name' | 'aggregates' | 'ratioAt'>): string[] {
  if (metric.aggregates === 'mean') return [metric.name]
  const names = [`${metric.name}/mean`, `${metric.name}/variance`, `${metric.name}/p90`]
  if (metric.ratioAt !== undefined) names.push(`${metric.name}/ratio`)
  return names
}

/**
 * The direction of every aggregate: the mean, the p90 and the ratio go with the score; the
 * variance has none (a spread is neither better nor worse). Aggregates with no direction are
 * left out, as the run records none for them.
 *
 * @example
 * rowScoreDirections([{ name: 'rouge1/v1', aggregates: 'standard', greaterIsBetter: true, scores }])
 * // => { 'rouge1/v1/mean': true, 'rouge1/v1/p90': true }
 */
export function rowScoreDirections(metrics: readonly Omit<RowScoreMetric, 'scores'>[]): Record<string, boolean> {
  const out: Record<string, boolean> = {}
  for (const metric of metrics) {
    if (metric.greaterIsBetter === null) continue
    for (const name of aggregateNames(metric)) if (!name.endsWith('/variance')) out[name] = metric.greaterIsBetter
  }
  return out
}

/**
 * The per-row score column whose mean a metric is, for the paired comparison of baselines
 * (`rouge1/v1/mean` -> `rouge1/v1/score`, `exact_match/v1` -> `exact_match/v1/score`); undefined
 * for aggregates that are not a mean (variance, p90, ratio) and names of no metric here.
 */
export function scoreColumnOfMean(metrics: readonly Pick<RowScoreMetric, 'name' | 'aggregates'>[], aggregate: string): string | undefined {
  const metric = metrics.find((m) => meanMetricName(m) === aggregate)
  return metric === undefined ? undefined : scoreColumnName(metric)
}
