import { describe, expect, test } from 'vitest'
import { tokenCount } from '../../../src/metrics/text/index.js'
import { RowFailure, type ModelAdapter } from '../../../src/models/types.js'
import { findModelType } from '../../../src/model-types/registry.js'
import { TOXICITY_MISSING_NOTE } from '../../../src/model-types/text/toxicity-scorer.js'
import { textModelType } from '../../../src/model-types/text/text-type.js'
import { encodeRecords } from './type-harness.js'

const records = [{ reply: 'hello world' }, { reply: 'you are awful' }, { reply: 'thanks' }, { reply: 'awful awful' }]

function adapter(predict: ModelAdapter['predict']): ModelAdapter {
  return { kind: 'evalgate.model-adapter', name: 'toxicity test', describe: () => ({}), predict, stats: () => ({ cacheHits: 0, cacheMisses: 0, requests: 0, retries: 0, failedRows: 0 }) }
}

describe('text model type', () => {
  test('is registered, needs no targets, counts cl100k_base tokens', async () => {
    expect(findModelType('text')).toBe(textModelType)
    const { part, scope, notes } = await encodeRecords(textModelType, records, { predictions: 'reply' })
    // the kernel's counts (checked against tiktoken's published values in test/metrics/text)
    expect(Array.from(part.columns['token_count/v1/score'] as Float64Array)).toEqual(records.map((r) => tokenCount(r.reply)))
    expect(Array.from(part.columns['token_count/v1/score'] as Float64Array)).toEqual([2, 3, 1, 3])
    const { metrics } = scope()
    expect(metrics['token_count/v1/mean']).toBe(2.25)
    expect(metrics['token_count/v1/variance']).toBe(0.6875)
    expect(metrics['token_count/v1/p90']).toBe(3)
    // no scorer: a note, no metric, no crash
    expect(notes).toContain(TOXICITY_MISSING_NOTE)
    expect(metrics['toxicity/v1/mean']).toBeUndefined()
    expect(part.columns.targets).toBeUndefined()
  })

  test('toxicity from a user function: mean, variance, p90 and ratio (share >= 0.5)', async () => {
    const toxicity = async (texts: string[]) => texts.map((t) => (t.includes('awful') ? (t.startsWith('awful') ? 0.9 : 0.5) : 0.1))
    const { scope } = await encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity } })
    const { metrics, intervals } = scope(null, true)
    // scores 0.1, 0.5, 0.1, 0.9
    expect(metrics['toxicity/v1/mean']).toBeCloseTo(0.4, 15)
    expect(metrics['toxicity/v1/variance']).toBeCloseTo(0.11, 15)
    expect(metrics['toxicity/v1/p90']).toBeCloseTo(0.78, 14)
    expect(metrics['toxicity/v1/ratio']).toBe(0.5)
    expect(intervals['toxicity/v1/mean'].lower).toBeLessThan(0.4)
    expect(textModelType.metricDirections['toxicity/v1/mean']).toBe(false)
  })

  test('toxicity from a served classifier: the probability of the toxic label; a skipped row scores nothing', async () => {
    const served = adapter(async (rows) =>
      rows.map((row, i) => (i === 2 ? new RowFailure(i, 'timeout') : { probabilities: { toxic: String(row.text).includes('awful') ? 0.8 : 0.2, ok: 0 } })),
    )
    const { part, scope, notes } = await encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: served } })
    const scores = Array.from(part.columns['toxicity/v1/score'] as Float64Array)
    expect(scores.slice(0, 2)).toEqual([0.2, 0.8])
    expect(scores[2]).toBeNaN()
    const result = scope()
    expect(result.metrics['toxicity/v1/mean']).toBeCloseTo(0.6, 15)
    expect(result.notes).toContain('toxicity/v1: 1 of 4 rows have no score and are left out of its aggregates')
    expect(notes).not.toContain(TOXICITY_MISSING_NOTE)
  })

  test('a served classifier returning its probabilities as a list: an error saying the list names no label', async () => {
    const served = adapter(async (rows) => rows.map(() => ({ probabilities: [0.2, 0.8] })))
    await expect(encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: served } })).rejects.toThrow(
      'toxicity scorer, row 1: the classifier returned its probabilities as a list, which does not say which one is label "toxic"; give the adapter its labels',
    )
  })

  test('a scorer returning the wrong count or range is an error that says so', async () => {
    await expect(encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: () => [0.1] } })).rejects.toThrow(
      'toxicity scorer returned 1 scores for 4 texts; return one score per text',
    )
    await expect(encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: () => [0.1, 2, 0, 0] } })).rejects.toThrow(
      'toxicity scorer, row 2: score 2 is not in [0, 1]',
    )
    expect(() => textModelType.resolveOptions({ hasModel: false, predictions: 'reply', options: { toxicity: 'detoxify' } })).toThrow('toxicity must be a function')
  })

  test('a scorer returning null or undefined skipped that text: left out with the note NaN gets, never scored 0', async () => {
    for (const skipped of [null, undefined, Number.NaN]) {
      const toxicity = (texts: string[]) => texts.map((_, i) => (i === 3 ? skipped : 0.1))
      const { part, scope } = await encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity } })
      expect((part.columns['toxicity/v1/score'] as Float64Array)[3]).toBeNaN()
      const result = scope()
      expect(result.metrics['toxicity/v1/mean']).toBeCloseTo(0.1, 15)
      expect(result.notes).toContain('toxicity/v1: 1 of 4 rows have no score and are left out of its aggregates')
    }
  })

  test('a score that is not a number (a string, an object) is an error naming the row, what it got and the fix', async () => {
    await expect(encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: () => [0.1, 0.1, '0.2', 0.1] } })).rejects.toThrow(
      'toxicity scorer, row 3: got the string "0.2", not a number; return the probability that the text is toxic as a number in [0, 1] (null or NaN for a text it did not score)',
    )
    await expect(encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: () => [{ score: 0.1 }, 0.1, 0.1, 0.1] } })).rejects.toThrow(
      'toxicity scorer, row 1: got an object, not a number',
    )
    await expect(encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: () => [0.1, true, 0.1, 0.1] } })).rejects.toThrow(
      'toxicity scorer, row 2: got the boolean true, not a number',
    )
    await expect(encodeRecords(textModelType, records, { predictions: 'reply', options: { toxicity: () => undefined } })).rejects.toThrow(
      'toxicity scorer returned undefined for 4 texts; return an array with one score per text',
    )
  })

  test('eval_results_table holds inputs, outputs and per-row scores', async () => {
    const data = records.map((r, i) => ({ id: i, ...r }))
    const { part } = await encodeRecords(textModelType, data, { predictions: 'reply' })
    const { datasetFromRecords } = await import('../../../src/data/index.js')
    const [artifact] = textModelType.artifacts(part, { dataset: datasetFromRecords(data), inputColumns: ['id'], rowNumber: (i) => i + 1, maxRows: 2 })
    expect(artifact.name).toBe('eval_results_table')
    // The grades are textstat's (checked to 1e-9 in test/metrics/text/readability.test.ts).
    const { readabilityGrades } = await import('../../../src/metrics/text/index.js')
    const grades = readabilityGrades(['hello world', 'you are awful'])
    expect(artifact.content).toEqual({
      type: 'rows',
      columns: ['row', 'id', 'outputs', 'token_count/v1/score', 'flesch_kincaid_grade_level/v1/score', 'ari_grade_level/v1/score', 'non_empty_output_rate/score'],
      rows: [
        { row: 1, id: 0, outputs: 'hello world', 'token_count/v1/score': 2, 'flesch_kincaid_grade_level/v1/score': grades.fleschKincaid[0], 'ari_grade_level/v1/score': grades.automatedReadability[0], 'non_empty_output_rate/score': 1 },
        { row: 2, id: 1, outputs: 'you are awful', 'token_count/v1/score': 3, 'flesch_kincaid_grade_level/v1/score': grades.fleschKincaid[1], 'ari_grade_level/v1/score': grades.automatedReadability[1], 'non_empty_output_rate/score': 1 },
      ],
    })
    expect(artifact.notes).toEqual(['the first 2 of 4 rows (in data order); raise maxArtifactRows to keep more'])
  })
})
