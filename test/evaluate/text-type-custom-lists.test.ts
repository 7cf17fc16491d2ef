// Custom metrics and artifacts on retriever and multi-answer QA runs get lists, not their JSON
// (adversarial pass 16h: a custom hit_at_1, `t.targets[i].includes(t.predictions[i][0])`, gave 1
// for a retriever returning ['junk1', 'junk2']: `predictions[i]` was the string '["junk1","junk2"]'
// and `includes` matched a substring; a QA row's targets were '["red red","RED RED"]'). The
// tables of slices, of the bootstrap resamples and of toOutperform's paired resampling are
// built the same way.
import { describe, expect, test } from 'vitest'
import { compareRuns } from '../../src/compare/index.js'
import { defineArtifact, defineMetric, evaluate, type EvalTable, type Row } from '../../src/index.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDataset } from '../../src/data/index.js'

const hitAt1 = defineMetric({
  name: 'hit_at_1',
  greaterIsBetter: true,
  fn: (t: EvalTable) => {
    if (t.modelType !== 'retriever') return Number.NaN
    let hits = 0
    for (let i = 0; i < t.rowCount; i++) if ((t.targets![i] as unknown[]).includes((t.predictions[i] as unknown[])[0])) hits++
    return hits / t.rowCount
  },
})

const data = Array.from({ length: 40 }, (_, i) => ({ id: i, query: `q${i}`, topic: i % 2 ? 'a' : 'b', relevant: [`d${i}`, i] }))
const retrieve = (first: (i: number) => string | number) => (batch: Row[]) => (batch as unknown as Array<{ id: number }>).map((row) => [first(row.id), 'junk2'])

describe('custom metrics on retriever runs', () => {
  test('predictions and targets are the id lists, ids with their type, in the run, its slices and its intervals', async () => {
    const shapes: string[] = []
    const shape = defineMetric({
      name: 'list_rows',
      greaterIsBetter: true,
      fn: (t: EvalTable) => {
        if (t.modelType !== 'retriever') return Number.NaN
        shapes.push(`${Array.isArray(t.predictions[0])}/${Array.isArray(t.targets?.[0])}`)
        return t.predictions.filter((p) => Array.isArray(p)).length / t.rowCount
      },
    })
    const junk = await evaluate({ data, targets: 'relevant', modelType: 'retriever', model: retrieve(() => 'junk1'), extraMetrics: [hitAt1, shape], slices: ['topic'], minSliceSize: 10 })
    expect(junk.metrics.hit_at_1).toBe(0)
    expect(junk.slices['topic=a'].metrics.hit_at_1).toBe(0)
    expect(junk.metrics.list_rows).toBe(1)
    expect(new Set(shapes)).toEqual(new Set(['true/true']))
    // ids keep their type: the number i is relevant, the string "i" is not
    const numeric = await evaluate({ data, targets: 'relevant', modelType: 'retriever', model: retrieve((i) => (i < 10 ? i : String(i))), extraMetrics: [hitAt1], intervals: false })
    expect(numeric.metrics.hit_at_1).toBe(0.25)
    const right = await evaluate({ data, targets: 'relevant', modelType: 'retriever', model: retrieve((i) => `d${i}`), extraMetrics: [hitAt1], intervals: false })
    expect(right.metrics.hit_at_1).toBe(1)
  })

  test('toOutperform-style paired resampling recomputes the custom metric on lists', async () => {
    const right = await evaluate({ data, targets: 'relevant', modelType: 'retriever', model: retrieve((i) => (i % 4 === 0 ? 'junk1' : `d${i}`)), extraMetrics: [hitAt1], intervals: false })
    const junk = await evaluate({ data, targets: 'relevant', modelType: 'retriever', model: retrieve(() => 'junk1'), extraMetrics: [hitAt1], intervals: false })
    const result = compareRuns(right, junk, 'hit_at_1', { greaterIsBetter: true, seed: 0, alpha: 0.05, margin: 0 })
    expect(right.metrics.hit_at_1).toBe(0.75)
    expect(junk.metrics.hit_at_1).toBe(0)
    expect(result).toMatchObject({ test: 'paired-resample', gain: 0.75 })
    expect(result.p).toBeLessThan(0.01)
  })

  test('a CSV retriever file: the JSON cells reach a custom artifact as lists', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'evalgate-lists-')), 'retriever.csv')
    writeFileSync(file, 'query,relevant,retrieved\nq1,"[""d1"", 2]","[""d1"", ""x""]"\nq2,"[""d3""]","[]"\n')
    const dataset = await loadDataset(file)
    let seen: unknown
    const artifact = defineArtifact({
      name: 'lists.json',
      fn: (t: EvalTable) => {
        seen = { predictions: t.predictions, targets: (t as { targets?: unknown }).targets }
        return '{}'
      },
    })
    await evaluate({ data: dataset, targets: 'relevant', predictions: 'retrieved', modelType: 'retriever', extraArtifacts: [artifact], intervals: false })
    expect(seen).toEqual({ predictions: [['d1', 'x'], []], targets: [['d1', 2], ['d3']] })
  })
})

describe('custom metrics on question-answering runs', () => {
  test('a row with several gold answers gives the list; a row with one gives its text', async () => {
    const rows = [
      { question: 'colour?', answers: ['red red', 'RED RED'], reply: 'RED RED' },
      { question: 'capital?', answers: 'Paris', reply: 'Paris' },
      { question: 'csv?', answers: '["a", "b"]', reply: 'b' },
      { question: 'one?', answers: ['only'], reply: 'x' },
    ]
    let targets: readonly unknown[] = []
    const anyGold = defineMetric({
      name: 'any_gold',
      greaterIsBetter: true,
      fn: (t: EvalTable) => {
        if (t.modelType !== 'question-answering') return Number.NaN
        targets = t.targets!
        return t.predictions.filter((p, i) => (Array.isArray(t.targets![i]) ? (t.targets![i] as unknown[]).includes(p) : t.targets![i] === p)).length / t.rowCount
      },
    })
    const run = await evaluate({ data: rows, targets: 'answers', predictions: 'reply', modelType: 'question-answering', extraMetrics: [anyGold], intervals: false })
    expect(targets).toEqual([['red red', 'RED RED'], 'Paris', ['a', 'b'], ['only']])
    expect(run.metrics.any_gold).toBe(run.metrics['exact_match/v1'])
    expect(run.metrics.any_gold).toBe(0.75)
  })
})

describe('custom metrics on text runs', () => {
  test('a null output reaches a custom metric as the empty text, as the metrics score it, not as the string "null"', async () => {
    const rows = [{ prompt: 'a' }, { prompt: 'b' }, { prompt: 'c' }]
    let predictions: readonly unknown[] = []
    const answered = defineMetric({
      name: 'answered',
      greaterIsBetter: true,
      fn: (t: EvalTable) => {
        if (t.modelType !== 'text') return Number.NaN
        predictions = t.predictions
        return t.predictions.filter((p) => typeof p === 'string' && p.trim() !== '').length / t.rowCount
      },
    })
    const run = await evaluate({ data: rows, modelType: 'text', model: (batch: Row[]) => batch.map((row) => (row.prompt === 'b' ? null : `reply ${String(row.prompt)}`)), extraMetrics: [answered], intervals: false })
    expect(predictions).toEqual(['reply a', '', 'reply c'])
    expect(run.metrics.answered).toBe(run.metrics.non_empty_output_rate)
  })
})
