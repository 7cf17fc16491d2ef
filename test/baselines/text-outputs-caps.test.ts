// A text type's custom metric above the caps on stored outputs: the note names the real cause and
// what the user can do (adversarial pass 43, F1 and F7). Before, every case read "the baseline
// entry stores the per-row scores but not the outputs (it does when its run tracks a custom
// metric, up to 20,000 examples and 2 MB of outputs; `vitest -u` stores them)": the run did track
// one, `-u` stores nothing at those sizes, and above 20,000 rows no per-row scores are stored
// either; a built-in metric there read "the baseline stores none for this metric?", a guess, and a
// custom metric "no interval stored" where none is ever computed.
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { validateBaselineFile } from '../../src/baselines/validate-baseline-file.js'
import { rowScoresCapReason } from '../../src/baselines/output-texts-reason.js'
import { outputsStorageLimit, scoreColumnsStored, tracksCustomMetric } from '../../src/baselines/stored-predictions.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { BASELINE_FILE_VERSION, type BaselineEntry } from '../../src/baselines/types.js'
import { defineMetric, evaluate } from '../../src/index.js'
import type { EvalRun } from '../../src/run/types.js'

const hasUnit = defineMetric({
  name: 'has_unit',
  greaterIsBetter: true,
  fn: (table) => {
    let found = 0
    for (let i = 0; i < table.rowCount; i++) if (/\bkg\b/.test(table.predictions[i] as unknown as string)) found++
    return found / table.rowCount
  },
})

const id3 = (id: number): boolean => id % 3 !== 0

/** `rows` answers, right in two of three (`kg`); `unitless` of the others lose the unit; each padded to `pad` more characters. */
const answer = (rows: number, pad: number, unitless: (id: number) => boolean, intervals = true, right = id3): Promise<EvalRun> => {
  const data = Array.from({ length: rows }, (_, id) => ({ id, question: `question ${id}`, gold: `${id % 97} kg` }))
  return evaluate({
    data,
    targets: 'gold',
    modelType: 'question-answering',
    inputColumns: ['question'],
    extraMetrics: [hasUnit],
    ...(intervals ? {} : { intervals: false as const }),
    model: (batch: typeof data) => batch.map((row) => `${right(row.id) ? `${row.id % 97} kg` : `about ${row.id % 89} ${unitless(row.id) ? 'units' : 'kg'}`}${pad > 0 ? ` ${'x'.repeat(pad)}` : ''}`),
  })
}

/** The entry as it comes back from the baseline file (JSON), checked as the store checks it. */
const stored = (entry: BaselineEntry): BaselineEntry => {
  const checked = validateBaselineFile(JSON.stringify({ evalgateBaseline: BASELINE_FILE_VERSION, entries: { e: entry } }))
  expect(checked.problems).toEqual([])
  return checked.file.entries.e!
}

describe('a question-answering custom metric above the caps on stored outputs', () => {
  test('outputs above 2 MB: the note gives their size and does not send the user to -u', async () => {
    const entry = stored(createBaselineEntry(await answer(2000, 1100, () => false)))
    expect(entry.rowScores).toBeDefined()
    expect(entry.outputTexts).toBeUndefined()
    const verdict = compareWithBaseline(entry, await answer(2000, 1100, (id) => id % 9 === 0))
    const note = verdict.notes.find((n) => n.startsWith('no paired test for has_unit'))!
    expect(note).toMatch(
      /^no paired test for has_unit: the question-answering baseline entry stores the per-row scores but not the outputs, which it stores only up to 2 MB \(in UTF-8\): this run's outputs are 2\.\d\d MB \(2,000 rows\), above that cap, as the baseline's were \(or an earlier evalgate wrote the entry\); so a metric that reads the outputs cannot be recomputed on the baseline's rows; no `vitest -u` stores outputs that large: for a paired test of a custom metric, keep them under 2 MB \(shorter outputs, or fewer rows\); tested with the unpaired test from the stored intervals instead$/,
    )
    expect(verdict.notes.join('\n')).not.toContain('`vitest -u` stores them')
  })

  test('outputs above 2 MB in the baseline, under it now: -u stores them', async () => {
    const entry = stored(createBaselineEntry(await answer(2000, 1100, () => false)))
    const verdict = compareWithBaseline(entry, await answer(2000, 0, (id) => id % 9 === 0), { allowDataChange: true })
    expect(verdict.notes.join('\n')).toMatch(/the question-answering baseline entry stores the per-row scores but not the outputs: an earlier evalgate wrote it, or its outputs were above the 2 MB it stores \(this run's are \d+ kB, 2,000 rows\); so a metric that reads the outputs cannot be recomputed on the baseline's rows; `vitest -u` with the model the baseline was written from stores them/)
  })

  test('at 21,000 rows the entry stores the scores and outputs (the cap was 20,000: F7), and both metrics get their paired tests', async () => {
    const entry = stored(createBaselineEntry(await answer(21_000, 0, () => false, false)))
    expect(entry.rowScores).toBeDefined()
    expect(entry.outputTexts).toHaveLength(21_000)
    // every other answer loses its unit, and a few right ones turn wrong
    const verdict = compareWithBaseline(entry, await answer(21_000, 0, (id) => id % 2 === 0, false, (id) => id3(id) && id % 10 !== 1))
    const row = (metric: string) => verdict.rows.find((r) => r.metric === metric && r.slice === undefined)!
    expect(row('exact_match/v1')).toMatchObject({ test: 'paired-mean', verdict: 'fail' })
    expect(row('has_unit')).toMatchObject({ test: 'paired-resample (on a random 20,000 of 21,000 rows)', verdict: 'fail' })
    expect(verdict.notes.join('\n')).not.toMatch(/no paired test/)
  })

  test('above the cap (250,000 scores, every score column counted): the notes name it, for built-in and custom metrics alike, and say what to do', async () => {
    const small = await answer(300, 0, () => false, false)
    const entry = stored(createBaselineEntry(small))
    // the entry of a run of 300,000 rows: nothing per row is stored (with a custom metric, four score columns)
    expect(Object.keys(entry.rowScores ?? {})).toHaveLength(4)
    const large: BaselineEntry = { ...entry, exampleCount: 300_000, dataset: { ...entry.dataset, rowCount: 300_000 } }
    delete large.rowScores
    delete large.outputTexts
    expect(rowScoresCapReason(large, small)).toBe(
      'the baseline entry stores no per-row scores and no outputs (300,000 examples, above the 250,000-example cap for stored per-row scores; no `vitest -u` stores them at this size), so its metrics are compared with the unpaired test from the stored intervals, and a custom metric, which has no interval above 20,000 rows, on its values alone; to gate such a metric with a test, evaluate on at most 62,500 rows (a fixed sample of the data), or bound it with expect(run).toHaveMetric(name, { min }) / a perMetric threshold',
    )
    expect(rowScoresCapReason({ ...large, exampleCount: 62_500 }, small)).toBeUndefined()
    expect(rowScoresCapReason({ ...large, exampleCount: 62_501 }, small)).toMatch(/^the baseline entry stores no per-row scores and no outputs \(250,004 per-row scores \(62,501 examples x 4 score columns\), above the 250,000-value cap/)
    // a retriever with a custom metric stores three score columns: 83,333 rows
    const retriever = await evaluate({ data: Array.from({ length: 30 }, (_, i) => ({ id: i, ids: JSON.stringify([`d${i}`, 'e']), relevant: JSON.stringify([`d${i}`]) })), targets: 'relevant', predictions: 'ids', modelType: 'retriever', extraMetrics: [hasUnit], intervals: false })
    const textEntry = stored(createBaselineEntry(retriever))
    expect(Object.keys(textEntry.rowScores ?? {})).toHaveLength(3)
    expect(rowScoresCapReason({ ...textEntry, exampleCount: 90_000 }, retriever)).toMatch(
      /^the baseline entry stores no per-row scores and no outputs \(270,000 per-row scores \(90,000 examples x 3 score columns\), above the 250,000-value cap for stored per-row scores; .* evaluate on at most 83,333 rows/,
    )
    expect(rowScoresCapReason({ ...textEntry, exampleCount: 83_333 }, retriever)).toBeUndefined()
  })
})

describe('scoreColumnsStored: the score columns an entry stores, counted once for the cap', () => {
  test('a mean and its variance read one column; a custom metric stores every column', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: i, gold: `the cat sat ${i}`, out: `a cat sat ${i % 4}` }))
    const run = await evaluate({ data: rows, targets: 'gold', predictions: 'out', modelType: 'text-summarization', extraMetrics: [hasUnit], intervals: false })
    expect(scoreColumnsStored(run, ['rouge1/v1/mean', 'rouge1/v1/variance'], false)).toEqual(['rouge1/v1/score'])
    expect(scoreColumnsStored(run, ['rouge1/v1/mean', 'has_unit'], true)).toHaveLength(7)
    expect(tracksCustomMetric(run, ['rouge1/v1/mean', 'has_unit'])).toBe(true)
    // the entry counts them so: 35,714 rows of seven columns fit, 35,715 do not
    expect(outputsStorageLimit('text-summarization', 35_714, 0, 7)).toBeUndefined()
    expect(outputsStorageLimit('text-summarization', 35_715, 0, 7)).toMatch(/250,005 per-row scores \(35,715 examples x 7 score columns\)/)
    const entry = stored(createBaselineEntry(run, { metrics: ['rouge1/v1/mean', 'rouge1/v1/variance'] }))
    expect(Object.keys(entry.rowScores ?? {})).toEqual(['rouge1/v1/score'])
  })
})
