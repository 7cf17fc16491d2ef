/**
 * `non_empty_output_rate` of the `text` type: per row 1 when the model's output is text with a
 * character other than white space, else 0 (an empty string, white space only, null, a row with
 * no output). The text metrics describe the outputs they are given and cannot see a row that has
 * none: the grade levels of an empty string are the lowest there are (lower is better), and a
 * null output has no grade and is left out, so a model that stops answering looked better on
 * every one of them. This score counts the outputs: its mean is tracked by the baseline like any
 * mean of per-row scores and tested paired row by row, so rows that had an output in the baseline
 * and have none now fail the gate.
 */
import type { RowScoreMetric } from './row-score-metric.js'
import { rowList } from './row-list.js'

/** The metric's name (a mean of 0/1 per-row scores, logged under this name as `exact_match/v1` is). */
export const NON_EMPTY_OUTPUT_RATE = 'non_empty_output_rate'

/** Whether a model's output is non-empty text. */
function isNonEmptyText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

/**
 * The 0/1 score of every row, and a note naming the rows without an output (numbered with
 * `rowNumber`, 1-based in the user's data).
 *
 * @example
 * nonEmptyOutputScores(['a short text', '', null], (i) => i + 1).metric.scores // Float64Array [1, 0, 0]
 */
export function nonEmptyOutputScores(outputs: readonly unknown[], rowNumber: (row: number) => number): { metric: RowScoreMetric; notes: string[] } {
  const scores = new Float64Array(outputs.length)
  const empty: number[] = []
  outputs.forEach((value, row) => {
    if (isNonEmptyText(value)) scores[row] = 1
    else empty.push(rowNumber(row))
  })
  const notes =
    empty.length === 0
      ? []
      : [
          `${NON_EMPTY_OUTPUT_RATE}: ${empty.length} of ${outputs.length} outputs are empty or missing (row ${rowList(empty)}) and score 0; the text metrics cannot judge a row without text (an empty output has the lowest grade levels, a missing one none)`,
        ]
  return { metric: { name: NON_EMPTY_OUTPUT_RATE, scores, aggregates: 'mean', greaterIsBetter: true, nonNegative: true, atMostOne: true }, notes }
}
