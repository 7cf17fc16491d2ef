// A custom metric of a retriever (or question-answering, summarization, text) run is gated with
// the paired test (adversarial pass 23s: MRR fell 0.659 -> 0.635, the first relevant document
// pushed from rank 4-6 to rank 10 in 110 of 500 queries and none improved, and passed 20 times in
// 20 as `p=0.18, unpaired-normal`: the entry kept the per-row scores, not the outputs a custom
// metric reads). With a custom metric tracked, the entry keeps the outputs and every score column.
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { storableOutputTexts } from '../../src/baselines/stored-predictions.js'
import { validateBaselineFile } from '../../src/baselines/validate-baseline-file.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { BASELINE_FILE_VERSION, type BaselineEntry } from '../../src/baselines/types.js'
import { defineMetric, evaluate } from '../../src/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { createRandom } from '../../src/stats/index.js'

const N = 500
const random = createRandom(23)
// Each query has one relevant document, ranked first to eighth by the baseline retriever.
const queries = Array.from({ length: N }, (_, id) => ({ id, family: ['orders', 'billing'][id % 2]!, relevant: [`r${id}`], rank: Math.floor(random.uniform() * 8) }))
const ranking = (rankOf: (q: (typeof queries)[number]) => number): string[][] =>
  queries.map((q) => {
    const list = Array.from({ length: 9 }, (_, j) => `n${q.id}_${j}`)
    list.splice(rankOf(q), 0, q.relevant[0]!)
    return list
  })

const mrr = defineMetric({
  name: 'mrr',
  greaterIsBetter: true,
  fn: (table) => {
    if (table.modelType !== 'retriever') return Number.NaN
    let sum = 0
    for (let i = 0; i < table.rowCount; i++) {
      const relevant = table.targets?.[i] as unknown as string[]
      const found = (table.predictions[i] as unknown as string[]).findIndex((id) => relevant.includes(id))
      if (found >= 0) sum += 1 / (found + 1)
    }
    return sum / table.rowCount
  },
})

const data = queries.map((q) => ({ id: q.id, family: q.family, query: `query ${q.id}`, relevant: q.relevant }))
const run = (lists: string[][], extraMetrics = [mrr]): Promise<EvalRun> =>
  evaluate({ data, targets: 'relevant', modelType: 'retriever', model: (rows) => rows.map((row) => lists[row.id as number]!), slices: ['family'], extraMetrics })

/** The entry as it comes back from the baseline file (JSON), checked as the store checks it. */
const stored = (entry: BaselineEntry): BaselineEntry => {
  const checked = validateBaselineFile(JSON.stringify({ evalgateBaseline: BASELINE_FILE_VERSION, entries: { e: entry } }))
  expect(checked.problems).toEqual([])
  return checked.file.entries.e!
}

// Evaluated once each (a retriever of 500 queries with a custom metric's intervals takes seconds).
let baseRun: Promise<EvalRun> | undefined
const base = (): Promise<EvalRun> => (baseRun ??= run(ranking((q) => q.rank)))

describe('a retriever custom metric against its baseline', () => {
  // The first relevant document at rank 4-6 is pushed to rank 10: only MRR sees it (the @3 metrics do not).
  const deeper = ranking((q) => (q.rank >= 3 && q.rank <= 5 ? 9 : q.rank))

  test('the entry keeps the outputs and every score column when a custom metric is tracked, not otherwise', async () => {
    const entry = createBaselineEntry(await base())
    expect(entry.outputTexts).toHaveLength(N)
    expect(JSON.parse(entry.outputTexts![0]!)).toEqual(ranking((q) => q.rank)[0])
    expect(Object.keys(entry.rowScores ?? {}).sort()).toEqual(expect.arrayContaining(['ndcg_at_3/score', 'precision_at_3/score', 'recall_at_3/score']))
    const plain = createBaselineEntry(await run(ranking((q) => q.rank), []))
    expect(plain.rowScores?.['mrr/score']).toBeUndefined()
    expect(plain.outputTexts).toBeUndefined()
  })

  let deeperRun: Promise<EvalRun> | undefined
  const current = (): Promise<EvalRun> => (deeperRun ??= run(deeper))

  test('an MRR drop no built-in metric sees fails with the paired test, overall', async () => {
    const entry = stored(createBaselineEntry(await base()))
    const current_ = await current()
    const verdict = compareWithBaseline(entry, current_)
    const row = verdict.rows.find((r) => r.metric === 'mrr' && r.slice === undefined)!
    expect(row.current!).toBeLessThan(row.baseline!)
    // No built-in metric of the run moved: only the custom metric sees the drop.
    expect(verdict.rows.filter((r) => r.verdict === 'fail').map((r) => r.metric)).toEqual(expect.arrayContaining(['mrr']))
    expect(verdict.rows.filter((r) => r.verdict === 'fail' && r.metric !== 'mrr')).toEqual([])
    expect(row).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
    expect(verdict.status).toBe('failed')
  })

  test('an unchanged retriever passes, its custom metric tested paired', async () => {
    const entry = stored(createBaselineEntry(await base()))
    const verdict = compareWithBaseline(entry, await run(ranking((q) => q.rank)))
    expect(verdict.status).toBe('passed')
    expect(verdict.notes.join('\n')).not.toContain('not the outputs')
  })

  test('an entry without the outputs (written without the custom metric, or by an earlier version) says why the test is unpaired', async () => {
    const entry = stored(createBaselineEntry(await base()))
    delete entry.outputTexts
    const verdict = compareWithBaseline(entry, await current())
    const row = verdict.rows.find((r) => r.metric === 'mrr' && r.slice === undefined)!
    expect(row.test).toBe('unpaired-normal')
    expect(verdict.notes.join('\n')).toContain("the retriever baseline entry stores the per-row scores but not the outputs: an earlier evalgate wrote it, or its outputs were above the 2 MB it stores (this run's are 53 kB, 500 rows); so a metric that reads the outputs cannot be recomputed on the baseline's rows; `vitest -u` with the model the baseline was written from stores them")
  })

  test('a malformed outputTexts is the corrupt-baseline error naming it', async () => {
    const entry = createBaselineEntry(await base())
    const checked = validateBaselineFile(JSON.stringify({ evalgateBaseline: BASELINE_FILE_VERSION, entries: { e: { ...entry, outputTexts: [1, 2] } } }))
    expect(checked.problems.map((p) => p.what).join('\n')).toMatch(/malformed "outputTexts" \(expected one output text per example, 500 strings\)/)
  })
})

describe('a question-answering custom metric, squad turned on after the baseline was written (adversarial pass 23u)', () => {
  // Wrong answers were near misses (right first word); now 10% of rows answer an unrelated
  // phrase: exact_match is unchanged row by row, only the custom metric sees it.
  const words = ['red', 'blue', 'green', 'large', 'small', 'north', 'south', 'monday', 'friday', 'paris']
  const qaRandom = createRandom(5)
  const word = (): string => words[Math.floor(qaRandom.uniform() * words.length)]!
  const qa = Array.from({ length: 300 }, (_, id) => ({ id, question: `q${id}`, answer: `${word()} ${word()}` }))
  const wrong = qa.map(() => qaRandom.uniform() < 0.3)
  const far = qa.map((_, i) => wrong[i] && qaRandom.uniform() < 0.4)
  const reply = (version: 'near' | 'far') => qa.map((row, i) => (!wrong[i] ? row.answer : version === 'far' && far[i] ? 'no idea' : `${row.answer.split(' ')[0]} maybe`))
  const firstWord = defineMetric({
    name: 'first_word_match',
    greaterIsBetter: true,
    fn: (table) => {
      let hits = 0
      for (let i = 0; i < table.rowCount; i++) if (String(table.predictions[i]).split(' ')[0] === String(table.targets?.[i]).split(' ')[0]) hits++
      return hits / table.rowCount
    },
  })
  const qaRun = (version: 'near' | 'far', squad: boolean): Promise<EvalRun> => {
    const out = reply(version)
    return evaluate({ data: qa, targets: 'answer', modelType: 'question-answering', inputColumns: ['question'], squad, extraMetrics: [firstWord], model: (rows) => rows.map((row) => out[row.id as number]!) })
  }

  test('the custom metric keeps its paired test: the score columns the entry lacks are NaN on the baseline side, never the current model\'s', async () => {
    const entry = stored(createBaselineEntry(await qaRun('near', false)))
    expect(Object.keys(entry.rowScores ?? {}).some((column) => column.startsWith('squad'))).toBe(false)
    const verdict = compareWithBaseline(entry, await qaRun('far', true))
    const row = verdict.rows.find((r) => r.metric === 'first_word_match' && r.slice === undefined)!
    expect(row).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
    expect(verdict.notes.join('\n')).not.toContain('not the outputs')
  })
})

test('the outputs a baseline stores are capped in UTF-8 bytes, as the file holds them, not in characters', () => {
  // 700,000 Japanese characters are 2,100,000 bytes: above the 2 MB cap (they were under a cap of 2,000,000 characters).
  expect(storableOutputTexts(Array.from({ length: 7_000 }, () => 'あ'.repeat(100)))).toBeUndefined()
  expect(storableOutputTexts(Array.from({ length: 6_000 }, () => 'あ'.repeat(100)))).toHaveLength(6_000)
  // A backslash is two bytes in the file (adversarial pass 23v: answers full of LaTeX or Windows paths, 1.98 MB, made a 4.7 MB entry).
  const backslashes = Array.from({ length: 10_000 }, () => '\\'.repeat(150))
  expect(backslashes.reduce((sum, text) => sum + text.length, 0)).toBe(1_500_000)
  expect(storableOutputTexts(backslashes)).toBeUndefined()
})
