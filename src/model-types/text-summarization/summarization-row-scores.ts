/**
 * Per-row scores of a summarization model: MLflow's `rouge1/v1`, `rouge2/v1`, `rougeL/v1` and
 * `rougeLsum/v1` (google-research `rouge_score`, F-measure per row, `use_stemmer=False` unless
 * the opt-in NLTK Porter stemmer is asked for). A row whose reference is missing (null, an empty
 * cell) scores NaN: left out of the aggregates, with a note. A missing summary (null) scores 0, as
 * an empty one does, also with a note. A value that is not text is an error naming the column and
 * the row.
 */
import { DatasetError, PredictionError } from '../../errors.js'
import { cachedPorterStemmer, rougeScores } from '../../metrics/text/index.js'
import type { RowScoreMetric } from '../text/row-score-metric.js'
import { rowList } from '../text/row-list.js'

/** Options of the summarization scores. */
export interface SummarizationOptions {
  /** Stem words longer than 3 letters with NLTK's PorterStemmer (rouge_score's `use_stemmer=True`). */
  stemmer?: boolean
}

/** Where the summaries and references came from, for notes and errors. */
export interface SummarizationColumns {
  /** The predictions column, or a description (`the model's outputs`). */
  predictionsColumn: string
  /** True when the summaries are a model's outputs (a bad one is then a PredictionError, else a DatasetError). */
  predictionsFromModel: boolean
  targetColumn: string
  /** 1-based row number in the user's data. */
  rowNumber(row: number): number
}

/** What `summarizationRowScores` returns: the four ROUGE columns and notes on rows left out. */
export interface SummarizationScores {
  metrics: RowScoreMetric[]
  notes: string[]
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object' && value !== null) return 'an object'
  return `the ${typeof value} ${String(value)}`
}

/**
 * Whether a cell is text to score (true), missing (false), or neither (throws naming the column
 * and the row). Missing: null or undefined, and for a reference an empty cell (there is nothing
 * to score against). An empty summary is the model's answer and scores 0, as in rouge_score, so
 * a model that returns nothing on a hard row is not excused from it.
 */
function isPresentText(value: unknown, role: 'prediction' | 'target', row: number, columns: SummarizationColumns): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'string') return role === 'prediction' || value.trim() !== ''
  const where = role === 'prediction' ? predictionsPlace(columns) : `targets column "${columns.targetColumn}"`
  const message =
    role === 'prediction'
      ? `${where}, row ${columns.rowNumber(row)}: a summary must be text for ROUGE, got ${shown(value)}; return a string per row (null for a row with no summary, which scores 0 as an empty one)`
      : `${where}, row ${columns.rowNumber(row)}: a reference summary must be text for ROUGE, got ${shown(value)}; give a string per row (an empty cell or null is left out with a note)`
  throw role === 'prediction' && columns.predictionsFromModel
    ? new PredictionError('SUMMARIZATION_PREDICTION', message)
    : new DatasetError('SUMMARIZATION_TEXT', message)
}

function predictionsPlace(columns: SummarizationColumns): string {
  return columns.predictionsFromModel ? columns.predictionsColumn : `predictions column "${columns.predictionsColumn}"`
}

/**
 * The four ROUGE F-measures of every row; 0 for a row without a summary, NaN for one without a reference.
 *
 * @example
 * summarizationRowScores(['testing one', null], ['testing one two', 'x'], {}, columns).metrics[0]
 * // { name: 'rouge1/v1', scores: Float64Array [0.8, 0], ... }; notes: ['... row 2 ... score 0 ...']
 */
export function summarizationRowScores(
  predictions: readonly unknown[],
  targets: readonly unknown[],
  options: SummarizationOptions,
  columns: SummarizationColumns,
): SummarizationScores {
  const n = predictions.length
  const scored: number[] = []
  const missing: number[] = []
  // A missing summary is the model's failure to answer: it scores 0, as an empty summary does, so a
  // model that stops answering on hard documents is not excused (left out, its ROUGE mean rose).
  // A missing reference leaves nothing to score against: that row is left out.
  const unanswered: number[] = []
  for (let row = 0; row < n; row++) {
    const prediction = isPresentText(predictions[row], 'prediction', row, columns)
    const target = isPresentText(targets[row], 'target', row, columns)
    if (!target) missing.push(columns.rowNumber(row))
    else {
      scored.push(row)
      if (!prediction) unanswered.push(columns.rowNumber(row))
    }
  }
  const compact = rougeScores(
    scored.map((row) => (typeof predictions[row] === 'string' ? (predictions[row] as string) : '')),
    scored.map((row) => targets[row] as string),
    options.stemmer === true ? { stemmer: cachedPorterStemmer() } : {},
  )
  const spread = (values: Float64Array): Float64Array => {
    const out = new Float64Array(n).fill(Number.NaN)
    scored.forEach((row, j) => (out[row] = values[j]))
    return out
  }
  const metric = (name: string, scores: Float64Array): RowScoreMetric => ({ name, scores: spread(scores), aggregates: 'standard', greaterIsBetter: true, nonNegative: true, atMostOne: true })
  const notes: string[] = []
  if (missing.length > 0) {
    notes.push(`rouge1/v1, rouge2/v1, rougeL/v1, rougeLsum/v1: ${missing.length} of ${n} rows have no reference summary (targets column "${columns.targetColumn}"; row ${rowList(missing)}) and are left out of their aggregates`)
  }
  if (unanswered.length > 0) {
    notes.push(`rouge1/v1, rouge2/v1, rougeL/v1, rougeLsum/v1: ${unanswered.length} of ${n} rows have no summary (${predictionsPlace(columns)}; row ${rowList(unanswered)}) and score 0, as an empty summary does`)
  }
  return {
    metrics: [metric('rouge1/v1', compact.rouge1), metric('rouge2/v1', compact.rouge2), metric('rougeL/v1', compact.rougeL), metric('rougeLsum/v1', compact.rougeLsum)],
    notes,
  }
}
