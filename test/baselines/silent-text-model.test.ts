// A `text` model that stops answering fails its baseline (adversarial pass 16h: a baseline written
// with outputs = the input text, then a model returning '' on every row passed with
// `flesch_kincaid_grade_level/v1/mean -3.8267 (better)`, and one returning null on 72 of 90 rows
// passed too: the grade levels are lower-is-better, an empty text has the lowest, a null one none).
// `non_empty_output_rate` counts the outputs and is gated, paired row by row. The other text-like
// types were checked for the same hole: their reference-based scores already count an empty
// answer, summary or retrieved list as 0.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from '@vitest/runner'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { BaselineStore } from '../../src/baselines/store.js'
import { BASELINE_FILE_VERSION, type BaselineUpdateState } from '../../src/baselines/types.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate, type Row } from '../../src/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { toMatchBaseline } from '../../src/vitest/matchers/to-match-baseline.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-silent-text-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

const sentences = [
  'The quarterly report shows steady growth across every region we serve.',
  'Customers asked for faster refunds, so the billing team changed its process.',
  'Our new onboarding guide explains each step in plain and simple words.',
  'Delivery times improved after the warehouse moved closer to the city centre.',
  'The support line now answers most calls within two minutes of waiting.',
  'Several readers found the previous manual long, dense and hard to follow.',
]
const rows = Array.from({ length: 90 }, (_, i) => ({ id: i, prompt: `${sentences[i % 6]} Item ${i}.` }))
const run = (answer: (row: { id: number; prompt: string }) => string | null): Promise<EvalRun> =>
  evaluate({ data: rows, modelType: 'text', model: (batch: Row[]) => (batch as unknown as Array<{ id: number; prompt: string }>).map(answer) as string[], inputColumns: ['id', 'prompt'] })

let ids = 0
const fakeTest = (filepath: string, name: string): Test => ({ id: `t${++ids}`, name, fullTestName: name, type: 'test', mode: 'run', meta: {}, file: { filepath }, result: { state: 'run', retryCount: 0, repeatCount: 0 } }) as unknown as Test

function call(task: Test, evalRun: EvalRun, update: BaselineUpdateState): { pass: boolean; message: string } {
  const state = { isNot: false, task, snapshotState: { snapshotUpdateState: update }, utils: { matcherHint: () => 'expect(run).toMatchBaseline()' } }
  const result = toMatchBaseline.call(state as never, evalRun, {} as never)
  return { pass: result.pass, message: result.message() }
}

/**
 * The test file of a fresh project under `work/<folder>` whose baseline entry "text 1" holds the
 * run of the model answering with its prompt (written locally); CI is set on return.
 */
async function baselineOfPrompts(folder: string): Promise<string> {
  const root = join(work, folder)
  setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point' })
  const file = join(root, 'text.test.ts')
  ci.value = false
  expect(call(fakeTest(file, 'text'), await run((row) => row.prompt), 'new').pass).toBe(true)
  finishBaselineFile(takeBaselineSession(file)!, [{ name: 'text', completed: true }])
  ci.value = true
  return file
}

describe('a text model that stops answering', () => {
  test("returning '' on every row fails toMatchBaseline under CI, and the message names non_empty_output_rate", async () => {
    const file = await baselineOfPrompts('empty')
    const silent = await run(() => '')
    expect(silent.metrics.non_empty_output_rate).toBe(0)
    expect(silent.notes.join('\n')).toContain('non_empty_output_rate: 90 of 90 outputs are empty or missing (row 1, 2, 3, 4, 5 and 85 more) and score 0')
    const { pass, message } = call(fakeTest(file, 'text'), silent, 'none')
    takeBaselineSession(file)
    expect(pass).toBe(false)
    expect(message).toMatch(/\nnon_empty_output_rate\s+1\s+0\s+-1 worse\s+0 \(tolerance\)\s+FAIL p=/)
    // the unchanged model still passes
    ci.value = true
    const again = call(fakeTest(file, 'text'), await run((row) => row.prompt), 'none')
    takeBaselineSession(file)
    expect(again.pass).toBe(true)
  })

  test('returning null on 72 of 90 rows fails on the paired test of non_empty_output_rate, though every grade level "improved"', async () => {
    const entry = createBaselineEntry(await run((row) => row.prompt))
    expect(entry.metrics.non_empty_output_rate).toMatchObject({ value: 1, greaterIsBetter: true })
    expect(Object.keys(entry.rowScores ?? {})).toContain('non_empty_output_rate/score')
    const current = await run((row) => (row.id % 5 === 0 ? row.prompt : null))
    const verdict = compareWithBaseline(entry, current)
    expect(verdict.status).toBe('failed')
    const row = verdict.rows.find((r) => r.metric === 'non_empty_output_rate' && r.slice === undefined)
    expect(row).toMatchObject({ verdict: 'fail', baseline: 1, current: 0.2, test: 'paired-mean' })
  })

  test('one empty output in 90 is within noise at the default significance, and fails at significance: false', async () => {
    const entry = createBaselineEntry(await run((row) => row.prompt))
    const current = await run((row) => (row.id === 7 ? ' ' : row.prompt))
    expect(compareWithBaseline(entry, current).rows.find((r) => r.metric === 'non_empty_output_rate')?.verdict).toBe('noise')
    expect(compareWithBaseline(entry, current, { significance: false }).status).toBe('failed')
  })
})

// Adversarial pass 67, F6: half the outputs rewritten in a more formal register (same content,
// none empty) failed on both grade levels with "regressed ... worse" and only `-u` as advice.
describe('a text model whose outputs turned more formal', () => {
  test('fails on the grade levels, and the message says what they are and how to gate the others alone', async () => {
    const file = await baselineOfPrompts('formal')
    const formal = await run((row) => (row.id % 2 === 0 ? `Notwithstanding considerable organisational complexities, ${row.prompt.toLowerCase()}` : row.prompt))
    const { pass, message } = call(fakeTest(file, 'text'), formal, 'none')
    takeBaselineSession(file)
    ci.value = false
    expect(pass).toBe(false)
    expect(message).toMatch(/\nflesch_kincaid_grade_level\/v1\/mean\s+\S+\s+\S+\s+\+\S+ worse/)
    expect(message).toContain(
      "are grade levels: they say how hard the outputs are to read, not whether they are right, and a text run's entry tracks them by default (a lower grade is better, as in MLflow), so outputs in a more formal register fail on them. If the change is intended, update the baseline (below); to gate the others alone, name them: toMatchBaseline({ metrics: [\"non_empty_output_rate\"] })",
    )
  })
})

describe('an entry written before non_empty_output_rate existed', () => {
  test('is compared on what it holds, and a note says the metric is tracked now but not in the entry, and that -u adds it', async () => {
    const entry = createBaselineEntry(await run((row) => row.prompt))
    delete entry.metrics.non_empty_output_rate
    const verdict = compareWithBaseline(entry, await run((row) => (row.id % 10 === 0 ? '' : row.prompt)))
    expect(verdict.rows.some((r) => r.metric === 'non_empty_output_rate' && r.slice === undefined)).toBe(false)
    expect(verdict.ungated).toBe(
      'non_empty_output_rate is tracked by default but not in the baseline entry (written before it was tracked, or before the run had it), so not gated: a drop in it passes until `vitest run -u` (locally) adds it to the entry',
    )
  })

  // Upgrade pass 22p: a text model that stopped answering half the time passed CI against an entry
  // of an earlier version, and the note saying why was in index.html only.
  test('the test gets a warning (terminal, summary.md), not only a note in the report', async () => {
    const root = join(work, 'older-entry')
    setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point' })
    const file = join(root, 'text.test.ts')
    const entry = createBaselineEntry(await run((row) => row.prompt))
    delete entry.metrics.non_empty_output_rate
    new BaselineStore().write(join(root, '__baselines__', 'text.test.ts.json'), { evalgateBaseline: BASELINE_FILE_VERSION, entries: { 'text 1': entry } })
    ci.value = true
    const task = fakeTest(file, 'text')
    const { pass } = call(task, await run((row) => (row.id % 2 === 0 ? '' : row.prompt)), 'none')
    takeBaselineSession(file)
    ci.value = false
    expect(pass).toBe(true)
    expect(task.meta.evalgate?.warnings).toContainEqual(expect.stringMatching(/^baseline "text 1": non_empty_output_rate is tracked by default but not in the baseline entry .*so not gated: a drop in it passes until `vitest run -u` \(locally\)/))
  })
})

describe('the other text-like types count a missing answer as a wrong one', () => {
  const qaRows = Array.from({ length: 60 }, (_, i) => ({ id: i, question: `q${i}`, answer: i % 2 ? 'Paris' : 'Berlin' }))
  test("question answering: '' answers fail on exact_match/v1", async () => {
    const qa = (answer: (row: { answer: string }) => string) =>
      evaluate({ data: qaRows, targets: 'answer', modelType: 'question-answering', model: (batch: Row[]) => (batch as unknown as Array<{ answer: string }>).map(answer), intervals: false })
    const verdict = compareWithBaseline(createBaselineEntry(await qa((row) => row.answer)), await qa(() => ''))
    expect(verdict.status).toBe('failed')
    expect(verdict.rows.find((r) => r.metric === 'exact_match/v1')).toMatchObject({ verdict: 'fail', current: 0 })
  })

  test('retriever: empty retrieved lists fail on precision, recall and ndcg', async () => {
    const data = Array.from({ length: 60 }, (_, i) => ({ id: i, query: `q${i}`, relevant: [`d${i}`] }))
    const retrieve = (empty: boolean) =>
      evaluate({ data, targets: 'relevant', modelType: 'retriever', model: (batch: Row[]) => (batch as unknown as Array<{ id: number }>).map((row) => (empty ? [] : [`d${row.id}`, 'x'])), intervals: false })
    const verdict = compareWithBaseline(createBaselineEntry(await retrieve(false)), await retrieve(true))
    expect(verdict.status).toBe('failed')
    for (const metric of ['precision_at_3/mean', 'recall_at_3/mean', 'ndcg_at_3/mean']) expect(verdict.rows.find((r) => r.metric === metric)?.verdict).toBe('fail')
  })
})
