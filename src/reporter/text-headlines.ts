import type { EvalRun } from '../run/types.js'
import { TEXT_MODEL_TYPES } from './text-run-table.js'

/** Headline metrics per text model type, most telling first, as patterns over MLflow's names. */
const HEADLINES: Record<string, RegExp[]> = {
  'question-answering': [/^exact_match\/v1$/, /^squad_f1\b.*mean$|^f1_score\/v1\/mean$/, /^squad_exact_match\b/, /^token_count\/v1\/mean$/],
  'text-summarization': [/^rouge1\/v1\/mean$/, /^rouge2\/v1\/mean$/, /^rougeL\/v1\/mean$/, /^rougeLsum\/v1\/mean$/],
  // the two that judge the outputs first: toxicity (with a scorer) and the share of outputs that are not empty
  text: [/^toxicity\/v1\/mean$/, /^non_empty_output_rate$/, /^flesch_kincaid_grade_level\/v1\/mean$/, /^ari_grade_level\/v1\/mean$/, /^token_count\/v1\/mean$/],
  retriever: [/^precision_at_\d+\/mean$/, /^recall_at_\d+\/mean$/, /^ndcg_at_\d+\/mean$/],
}

/**
 * Slices of a text-type run are ranked by the first of these that tells the slices apart
 * (`sliceRankingMetric`). A text run's empty outputs come first: the grade levels of an empty
 * output are the lowest there are, so by them a slice whose model said nothing read as the best.
 */
const SLICE_RANKING: Record<string, RegExp[]> = {
  'question-answering': [/^exact_match\/v1$/, /^squad_f1\b.*mean$/],
  'text-summarization': [/^rougeL\/v1\/mean$/, /^rouge1\/v1\/mean$/],
  text: [/^non_empty_output_rate$/, /^toxicity\/v1\/mean$/, /^flesch_kincaid_grade_level\/v1\/mean$/],
  retriever: [/^ndcg_at_\d+\/mean$/, /^recall_at_\d+\/mean$/, /^precision_at_\d+\/mean$/],
}

function matching(names: readonly string[], patterns: readonly RegExp[]): string[] {
  const found: string[] = []
  for (const pattern of patterns) {
    const name = names.find((n) => pattern.test(n) && !found.includes(n))
    if (name !== undefined) found.push(name)
  }
  return found
}

/**
 * The headline metrics of a question-answering, summarization, text or retriever run (those
 * present, in order: exact match; ROUGE-1, -2, -L; toxicity, the share of non-empty outputs
 * and grade levels; precision, recall and NDCG at k); undefined for other model types.
 */
export function textHeadlineNames(run: EvalRun): string[] | undefined {
  if (!TEXT_MODEL_TYPES.has(run.modelType)) return undefined
  return matching(Object.keys(run.metrics), HEADLINES[run.modelType] ?? [])
}

/** The candidates slices of a text-type run are ranked by (those the slices hold decide); undefined for other types. */
export function textSliceRankingNames(run: EvalRun, sliceMetricNames: readonly string[]): string[] | undefined {
  if (!TEXT_MODEL_TYPES.has(run.modelType)) return undefined
  return matching(sliceMetricNames, SLICE_RANKING[run.modelType] ?? [])
}
