/**
 * Why a text, question-answering, summarization or retriever baseline entry holds no outputs
 * (`outputTexts`) for its custom metrics' paired tests, and what the user can do: the real cause,
 * not a guess. An entry stores them only when its run tracked a custom metric, up to
 * {@link MAX_STORED_ROW_SCORES} examples (above it, no per-row scores either) and
 * {@link MAX_STORED_OUTPUT_BYTES} bytes of outputs. Before, every case read "it does when its run
 * tracks a custom metric, up to 20,000 examples and 2 MB of outputs; `vitest -u` stores them",
 * which sent the user to a `-u` that stores nothing at those sizes (adversarial pass 43, F1).
 */
import { outputsOf } from '../evaluate/run-table-engine.js'
import { runTableOf } from '../run/run-table.js'
import type { EvalRun } from '../run/types.js'
import { MAX_STORED_OUTPUT_BYTES, MAX_STORED_ROW_SCORE_VALUES, MAX_STORED_ROW_SCORES, rowScoresStorageLimit, scoreColumnsStored, tracksCustomMetric } from './stored-predictions.js'
import type { BaselineEntry } from './types.js'

/** Bytes as the baseline file holds `texts` (JSON strings in UTF-8, without the quotes), or undefined when they are not texts. */
function outputBytes(texts: unknown): number | undefined {
  if (!Array.isArray(texts)) return undefined
  let bytes = 0
  for (const text of texts) {
    if (typeof text !== 'string') return undefined
    bytes += Buffer.byteLength(JSON.stringify(text), 'utf8') - 2
  }
  return bytes
}

/** `2.31 MB`, `2 MB`, `45 kB`, `812 bytes` (powers of 10, as the cap is written). */
function megabytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`
  if (bytes < 1e6) return `${Math.round(bytes / 1000)} kB`
  return `${Number((bytes / 1e6).toFixed(2))} MB`
}

const count = (n: number): string => n.toLocaleString('en-US')

/**
 * What a custom metric of a text type is left with above the caps: no paired test, and above
 * {@link MAX_STORED_ROW_SCORES} rows no interval either (it is not bootstrapped on tables that large).
 */
/** The most rows of a text-type entry with `columns` score columns that stores them. */
const rowsStoredWith = (columns: number): number => Math.min(MAX_STORED_ROW_SCORES, Math.floor(MAX_STORED_ROW_SCORE_VALUES / Math.max(1, columns)))

const aboveCapAdvice = (columns: number): string =>
  `to gate such a metric with a test, evaluate on at most ${count(rowsStoredWith(columns))} rows (a fixed sample of the data), or bound it with expect(run).toHaveMetric(name, { min }) / a perMetric threshold`

/**
 * Why the per-row scores of a text-type entry are not stored (above {@link MAX_STORED_ROW_SCORES}
 * examples, or {@link MAX_STORED_ROW_SCORE_VALUES} scores), as a sentence fragment naming the cap
 * and what to do, or undefined below it.
 * @example rowScoresCapReason(entry, run) // 'the baseline entry stores no per-row scores and no outputs (300,000 per-row scores (100,000 examples x 3 score columns), above the 250,000-value cap ...), ...'
 */
export function rowScoresCapReason(entry: BaselineEntry, run: EvalRun): string | undefined {
  const tracked = Object.keys(entry.metrics)
  const columns = scoreColumnsStored(run, tracked, tracksCustomMetric(run, tracked)).length
  const limit = rowScoresStorageLimit(entry.exampleCount, columns)
  if (limit === undefined) return undefined
  return `the baseline entry stores no per-row scores and no outputs (${limit}; no \`vitest -u\` stores them at this size), so its metrics are compared with the unpaired test from the stored intervals, and a custom metric, which has no interval above 20,000 rows, on its values alone; ${aboveCapAdvice(columns)}`
}

/**
 * Why `entry` (a text type's) stores no outputs, so that a custom metric cannot be recomputed on
 * its rows, as a sentence fragment that names the cause and what the user can do: above the row cap, above the 2 MB cap (with this run's size), no
 * custom metric tracked when it was written, or an earlier evalgate.
 */
export function noOutputTextsReason(entry: BaselineEntry, run: EvalRun): string {
  const type = `the ${run.modelType} baseline entry`
  const capped = rowScoresCapReason(entry, run)
  if (capped !== undefined) return capped
  const trackedCustom = tracksCustomMetric(run, Object.keys(entry.metrics))
  const table = runTableOf(run)
  const bytes = table === undefined ? undefined : outputBytes(outputsOf(table).outputs)
  const cannot = "so a metric that reads the outputs cannot be recomputed on the baseline's rows"
  if (trackedCustom && entry.rowScores !== undefined) {
    // Below the row cap, with a custom metric tracked, the outputs are left out only above 2 MB, or by an evalgate before they were stored.
    const size = bytes === undefined ? '' : ` (this run's are ${megabytes(bytes)}, ${count(run.exampleCount)} rows)`
    if (bytes !== undefined && bytes > MAX_STORED_OUTPUT_BYTES) {
      return `${type} stores the per-row scores but not the outputs, which it stores only up to ${megabytes(MAX_STORED_OUTPUT_BYTES)} (in UTF-8): this run's outputs are ${megabytes(bytes)} (${count(run.exampleCount)} rows), above that cap, as the baseline's were (or an earlier evalgate wrote the entry); ${cannot}; no \`vitest -u\` stores outputs that large: for a paired test of a custom metric, keep them under ${megabytes(MAX_STORED_OUTPUT_BYTES)} (shorter outputs, or fewer rows)`
    }
    return `${type} stores the per-row scores but not the outputs: an earlier evalgate wrote it, or its outputs were above the ${megabytes(MAX_STORED_OUTPUT_BYTES)} it stores${size}; ${cannot}; \`vitest -u\` with the model the baseline was written from stores them`
  }
  if (!trackedCustom) return `${type} stores the per-row scores but not the outputs: its run tracked no custom metric (an entry stores the outputs for its custom metrics, up to ${count(MAX_STORED_ROW_SCORE_VALUES)} per-row scores, examples x score columns, and ${megabytes(MAX_STORED_OUTPUT_BYTES)}); ${cannot}; \`vitest -u\` with the model the baseline was written from stores them`
  return `${type} stores neither the per-row scores nor the outputs (written by an earlier evalgate); ${cannot}; \`vitest -u\` with the model the baseline was written from stores them`
}
