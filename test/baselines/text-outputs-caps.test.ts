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

  test('above 20,000 rows: the notes name the row cap, for built-in and custom metrics alike, and say what to do', async () => {
    const entry = stored(createBaselineEntry(await answer(21_000, 0, () => false)))
    expect(entry.rowScores).toBeUndefined()
    // every third answer (the wrong ones) loses its unit, and a few right ones turn wrong
    const verdict = compareWithBaseline(entry, await answer(21_000, 0, (id) => id % 2 === 0, true, (id) => id3(id) && id % 10 !== 1))
    const notes = verdict.notes.join('\n')
    const exact = verdict.rows.find((row) => row.metric === 'exact_match/v1' && row.slice === undefined)!
    expect(exact.current!).toBeLessThan(exact.baseline! - 0.05)
    // the built-in metric: the unpaired test from its stored interval, for the reason the cap gives (not a guess)
    expect(notes).toMatch(/^no paired test for exact_match\/v1: the baseline entry stores no per-row scores and no outputs above 20,000 examples .*; tested with the unpaired test from the stored intervals instead$/m)
    expect(exact.test).toBe('unpaired-normal')
    expect(notes).toContain('has_unit: no test could be computed (no paired test, and no interval: a custom metric gets none above 20,000 rows), so the drop was judged on point estimates')
    expect(notes).toMatch(
      /no paired test for has_unit: the baseline entry stores no per-row scores and no outputs above 20,000 examples \(it holds 21,000; no `vitest -u` stores them at this size\), so its metrics are compared with the unpaired test from the stored intervals, and a custom metric, which has no interval above 20,000 rows, on its values alone; to gate such a metric with a test, evaluate on at most 20,000 rows \(a fixed sample of the data\), or bound it with expect\(run\)\.toHaveMetric\(name, \{ min \}\) \/ a perMetric threshold/,
    )
    expect(notes).not.toContain('stores none for this metric?')
    expect(notes).not.toMatch(/(?<!no )`vitest -u` stores them/)
  })
})
