import { describe, expect, test } from 'vitest'
import { DatasetError, PredictionError } from '../../../src/errors.js'
import { findModelType } from '../../../src/model-types/registry.js'
import { textSummarizationModelType } from '../../../src/model-types/text-summarization/text-summarization-type.js'
import { encodeRecords, numpyAggregates } from '../text/type-harness.js'

// rouge_score's published F-measures (test/fixtures/text/rouge_score_published.json, places 7 and 3)
const rows = [
  { target: 'testing one two', summary: 'testing', rouge1: 0.5 },
  { target: 'testing one two', summary: 'testing one', rouge1: 0.8, rouge2: 2 / 3, rougeL: 0.8 },
  { target: 'testing one two', summary: 'testing two', rougeL: 0.8 },
  { target: 'testing one two', summary: '', rouge1: 0, rouge2: 0, rougeL: 0, rougeLsum: 0 },
  { target: 'w1 w2 w3 w4 w5', summary: 'w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5', rougeLsum: 0.5333 },
]

describe('text-summarization model type', () => {
  test('is registered under its MLflow name and alias', () => {
    expect(findModelType('text-summarization')).toBe(textSummarizationModelType)
    expect(findModelType('text_summarization')).toBe(textSummarizationModelType)
  })

  test("per-row ROUGE F-measures equal rouge_score's published values; aggregates are MLflow's", async () => {
    const { part, scope } = await encodeRecords(textSummarizationModelType, rows, { targets: 'target', predictions: 'summary' })
    for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const) {
      const scores = part.columns[`${type}/v1/score`] as Float64Array
      rows.forEach((row, i) => {
        const expected = (row as Record<string, number | string>)[type]
        if (typeof expected === 'number') expect(scores[i]).toBeCloseTo(expected, type === 'rougeLsum' && i === 4 ? 3 : 12)
      })
    }
    const rouge1 = Array.from(part.columns['rouge1/v1/score'] as Float64Array)
    const { metrics } = scope()
    const expected = numpyAggregates(rouge1)
    expect(metrics['rouge1/v1/mean']).toBeCloseTo(expected.mean, 14)
    expect(metrics['rouge1/v1/variance']).toBeCloseTo(expected.variance, 14)
    expect(metrics['rouge1/v1/p90']).toBeCloseTo(expected.p90, 14)
    // token_count of the summaries (cl100k_base): 'testing' is 1 token, '' is 0
    expect((part.columns['token_count/v1/score'] as Float64Array)[0]).toBe(1)
    expect((part.columns['token_count/v1/score'] as Float64Array)[3]).toBe(0)
    expect(metrics['token_count/v1/mean']).toBeGreaterThan(0)
  })

  test('the opt-in stemmer changes what matches (rouge_score use_stemmer=True)', async () => {
    const records = [{ target: 'the cats are running', summary: 'cat runs' }]
    const plain = await encodeRecords(textSummarizationModelType, records, { targets: 'target', predictions: 'summary' })
    const stemmed = await encodeRecords(textSummarizationModelType, records, { targets: 'target', predictions: 'summary', options: { stemmer: true } })
    expect(plain.scope().metrics['rouge1/v1/mean']).toBe(0)
    // stems: cat, run / the, cat, are, run -> 2 of 2 and 2 of 4: F = 2/3
    expect(stemmed.scope().metrics['rouge1/v1/mean']).toBeCloseTo(2 / 3, 15)
  })

  test('slices are scopes of the same per-row scores', async () => {
    const { scope, part } = await encodeRecords(textSummarizationModelType, rows, { targets: 'target', predictions: 'summary' })
    const scores = part.columns['rouge1/v1/score'] as Float64Array
    const slice = scope(Int32Array.of(0, 1))
    expect(slice.metrics['rouge1/v1/mean']).toBeCloseTo((scores[0] + scores[1]) / 2, 15)
  })
  test('a missing reference (null, undefined, an empty cell) is left out with a note; a missing summary (null) scores 0 as an empty one does, so a model that stops answering is not excused', async () => {
    const records = [
      { target: 'testing one two', summary: 'testing one' },
      { target: null, summary: 'testing' },
      { target: 'testing one two', summary: null },
      { target: '', summary: 'testing' },
      { target: 'testing one two', summary: '' },
      { summary: 'testing' },
    ]
    const { part, scope, notes } = await encodeRecords(textSummarizationModelType, records, { targets: 'target', predictions: 'summary' })
    const rouge1 = Array.from(part.columns['rouge1/v1/score'] as Float64Array)
    expect(rouge1[0]).toBeCloseTo(0.8, 15)
    expect(rouge1[1]).toBeNaN()
    expect(rouge1[2]).toBe(0)
    expect(rouge1[3]).toBeNaN()
    expect(rouge1[4]).toBe(0)
    expect(rouge1[5]).toBeNaN()
    expect(notes).toContain('rouge1/v1, rouge2/v1, rougeL/v1, rougeLsum/v1: 3 of 6 rows have no reference summary (targets column "target"; row 2, 4, 6) and are left out of their aggregates')
    expect(notes).toContain('rouge1/v1, rouge2/v1, rougeL/v1, rougeLsum/v1: 1 of 6 rows have no summary (predictions column "summary"; row 3) and score 0, as an empty summary does')
    const result = scope()
    expect(result.metrics['rouge1/v1/mean']).toBeCloseTo(0.8 / 3, 15)
    expect(result.notes).toContain('rouge1/v1: 3 of 6 rows have no score and are left out of its aggregates')
  })

  test('a summary or reference that is not text is an error naming the column and the row', async () => {
    const target = encodeRecords(textSummarizationModelType, [{ target: 'a b', summary: 'a' }, { target: 42, summary: 'a' }], { targets: 'target', predictions: 'summary' })
    await expect(target).rejects.toThrow(DatasetError)
    await expect(target).rejects.toThrow('targets column "target", row 2: a reference summary must be text for ROUGE, got the number 42; give a string per row')
    const stored = encodeRecords(textSummarizationModelType, [{ target: 'a b', summary: { text: 'a' } }], { targets: 'target', predictions: 'summary' })
    await expect(stored).rejects.toThrow(DatasetError)
    await expect(stored).rejects.toThrow('predictions column "summary", row 1: a summary must be text for ROUGE, got an object')
    const model = encodeRecords(textSummarizationModelType, [{ target: 'a b' }, { target: 'a' }], { targets: 'target', modelPredictions: ['a', ['a']] })
    await expect(model).rejects.toThrow(PredictionError)
    await expect(model).rejects.toThrow("the model's outputs, row 2: a summary must be text for ROUGE, got a list; return a string per row")
  })
})
