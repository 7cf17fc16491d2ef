import { describe, expect, test } from 'vitest'
import { DatasetError, PredictionError } from '../../../src/errors.js'
import { retrieverModelType } from '../../../src/model-types/retriever/retriever-type.js'
import { findModelType } from '../../../src/model-types/registry.js'
import { loadTextFixture } from '../../metrics/text/text-fixtures.js'
import { encodeRecords, numpyAggregates } from '../text/type-harness.js'

interface RetrievalCase { name: string; k: number; retrieved: Array<string | number>; relevant: Array<string | number>; precision_at_k: number; recall_at_k: number; ndcg_at_k: number }
const cases = loadTextFixture<{ cases: RetrievalCase[] }>('retrieval.json').cases
const atThree = cases.filter((c) => c.k === 3)

describe('retriever model type', () => {
  test('is registered under its MLflow name', () => {
    expect(findModelType('retriever')).toBe(retrieverModelType)
  })

  test('per-row scores and aggregates equal the scikit-learn / MLflow fixture at k = 3 (default)', async () => {
    const records = atThree.map((c) => ({ query: c.name, relevant: c.relevant, retrieved: c.retrieved }))
    const { part, scope } = await encodeRecords(retrieverModelType, records, { targets: 'relevant', predictions: 'retrieved' })
    expect(Array.from(part.columns['precision_at_3/score'] as Float64Array)).toEqual(atThree.map((c) => c.precision_at_k))
    expect(Array.from(part.columns['recall_at_3/score'] as Float64Array)).toEqual(atThree.map((c) => c.recall_at_k))
    const ndcg = part.columns['ndcg_at_3/score'] as Float64Array
    atThree.forEach((c, i) => expect(ndcg[i]).toBeCloseTo(c.ndcg_at_k, 12))
    const { metrics } = scope()
    for (const [name, key] of [['precision_at_3', 'precision_at_k'], ['recall_at_3', 'recall_at_k'], ['ndcg_at_3', 'ndcg_at_k']] as const) {
      const expected = numpyAggregates(atThree.map((c) => c[key]))
      expect(metrics[`${name}/mean`]).toBeCloseTo(expected.mean, 12)
      expect(metrics[`${name}/variance`]).toBeCloseTo(expected.variance, 12)
      expect(metrics[`${name}/p90`]).toBeCloseTo(expected.p90, 12)
    }
    expect(Object.keys(metrics).sort()).toEqual(
      ['ndcg_at_3', 'precision_at_3', 'recall_at_3'].flatMap((n) => [`${n}/mean`, `${n}/p90`, `${n}/variance`]).sort(),
    )
  })

  test('k comes from the option; the names carry it', async () => {
    const records = [{ relevant: ['a', 'b', 'c', 'd'], retrieved: ['a', 'x'] }, { relevant: ['a'], retrieved: ['x', 'y', 'z', 'a'] }]
    const { scope } = await encodeRecords(retrieverModelType, records, { targets: 'relevant', predictions: 'retrieved', options: { k: 10 } })
    const { metrics } = scope()
    // row 1: fixture "k larger than list" (0.5, 0.25); row 2: a at rank 4 of 4 -> precision 1/4, recall 1
    expect(metrics['precision_at_10/mean']).toBeCloseTo((0.5 + 0.25) / 2, 15)
    expect(metrics['recall_at_10/mean']).toBeCloseTo((0.25 + 1) / 2, 15)
    expect(metrics['precision_at_3/mean']).toBeUndefined()
    expect(retrieverModelType.metricDirections['ndcg_at_10/mean']).toBe(true)
    expect(retrieverModelType.metricDirections['ndcg_at_10/variance']).toBeUndefined()
  })

  test('an empty retrieved list scores 0, except recall and NDCG of a row with nothing relevant: 1, as in MLflow (the README says so; white-box review 57)', async () => {
    const records = [{ relevant: [], retrieved: [] }, { relevant: ['a'], retrieved: [] }]
    const { scope } = await encodeRecords(retrieverModelType, records, { targets: 'relevant', predictions: 'retrieved', options: { k: 3 } })
    const { metrics } = scope()
    expect([metrics['precision_at_3/mean'], metrics['recall_at_3/mean'], metrics['ndcg_at_3/mean']]).toEqual([0, 0.5, 0.5])
  })

  test('a bad k is a ConfigError naming the option', () => {
    expect(() => retrieverModelType.resolveOptions({ hasModel: true, predictions: undefined, options: { k: 0 } })).toThrow(
      "k must be a positive integer for modelType 'retriever' (MLflow's default is 3), got 0",
    )
  })

  test('ids keep their type: 1 and "1" are different documents', async () => {
    const records = [{ relevant: '["1", "2"]', retrieved: '[1, 2]' }, { relevant: '[1, 2]', retrieved: '[3, 1, 2]' }]
    const { part } = await encodeRecords(retrieverModelType, records, { targets: 'relevant', predictions: 'retrieved' })
    expect(Array.from(part.columns['precision_at_3/score'] as Float64Array)).toEqual([0, 2 / 3])
    expect(part.columns.outputs).toEqual(['[1,2]', '[3,1,2]'])
  })

  test('model outputs as arrays, and a row that is not a list names the column and the row', async () => {
    const records = [{ q: 'a', relevant: ['d1'] }, { q: 'b', relevant: 'd2' }]
    await expect(encodeRecords(retrieverModelType, records, { targets: 'relevant', modelPredictions: [['d1'], ['d2']] })).rejects.toThrow(
      'column "relevant", row 2: expected a list, got "d2"',
    )
    const ok = await encodeRecords(retrieverModelType, [records[0]], { targets: 'relevant', modelPredictions: [['x', 'd1']] })
    expect(ok.scope().metrics['ndcg_at_3/mean']).toBeCloseTo(0.6309297535714575, 15)
  })

  test('an id that is neither a string nor an integer (true in a CSV list, null, 1.5) names the column, the row and the id', async () => {
    const csv = encodeRecords(retrieverModelType, [{ relevant: '["d1"]', retrieved: '["d1"]' }, { relevant: '["d1", true]', retrieved: '["d1"]' }], { targets: 'relevant', predictions: 'retrieved' })
    await expect(csv).rejects.toThrow(DatasetError)
    await expect(csv).rejects.toThrow('column "relevant", row 2: item 2 of the list is the boolean true; ids must be strings or integers (as MLflow requires; 1 and "1" are different documents): write it as a string such as "true", or leave it out')
    await expect(encodeRecords(retrieverModelType, [{ relevant: '["d1"]', retrieved: '[1.5]' }], { targets: 'relevant', predictions: 'retrieved' })).rejects.toThrow(
      'column "retrieved", row 1: item 1 of the list is the number 1.5;',
    )
    const model = encodeRecords(retrieverModelType, [{ relevant: ['d1'] }], { targets: 'relevant', modelPredictions: [['d1', null]] })
    await expect(model).rejects.toThrow(PredictionError)
    await expect(model).rejects.toThrow("the model's outputs, row 1: item 2 of the list is null;")
  })

  test('every mean has an interval that holds it', async () => {
    const records = cases.map((c) => ({ relevant: c.relevant, retrieved: c.retrieved }))
    const { scope } = await encodeRecords(retrieverModelType, records, { targets: 'relevant', predictions: 'retrieved' })
    const { metrics, intervals } = scope(null, true)
    for (const name of ['precision_at_3/mean', 'recall_at_3/mean', 'ndcg_at_3/mean']) {
      const interval = intervals[name]
      expect(interval.method).toBe('studentized-bootstrap')
      expect(interval.lower).toBeLessThan(metrics[name])
      expect(interval.upper).toBeGreaterThan(metrics[name])
      expect(interval.lower).toBeGreaterThanOrEqual(0)
    }
    expect(intervals['precision_at_3/p90']).toBeUndefined()
  })
})

describe('a list of hits', () => {
  test("a vector store's { id, score } hits name the item and the map that takes the ids (adversarial pass 67: 'document id 1' read as the id 1)", async () => {
    const { evaluate } = await import('../../../src/evaluate/index.js')
    const data = [{ q: 'a', rel: ['d1'] }]
    await expect(evaluate({ data, targets: 'rel', modelType: 'retriever', model: (rows) => rows.map(() => [{ id: 'd1', score: 0.9 }] as unknown as string[]) })).rejects.toThrow(
      'item 1 of the list is an object',
    )
    await expect(evaluate({ data, targets: 'rel', modelType: 'retriever', model: (rows) => rows.map(() => [{ id: 'd1', score: 0.9 }] as unknown as string[]) })).rejects.toThrow('(a list of { id, score } hits: .map((hit) => hit.id))')
  })
})

describe('ids of two types', () => {
  test('a run where no retrieved id equals a relevant one, but their text forms would, says so (adversarial pass 67: every row scored 0 with no word)', async () => {
    const { evaluate } = await import('../../../src/evaluate/index.js')
    const data = Array.from({ length: 4 }, (_, i) => ({ q: `q${i}`, rel: [i, 100] }))
    const strings = await evaluate({ data, targets: 'rel', modelType: 'retriever', model: (rows) => rows.map((row) => [String((row.rel as number[])[0]), 'x']) })
    expect(strings.metrics['precision_at_3/mean']).toBe(0)
    expect(strings.notes.join('\n')).toContain('no retrieved id equals a relevant id, but 4 of 4 rows would match with the ids compared as text: the relevant ids (rel) are numbers, the retrieved ids (the model\'s outputs) strings')
    const numbers = await evaluate({ data, targets: 'rel', modelType: 'retriever', model: (rows) => rows.map((row) => [(row.rel as number[])[0], 7]) })
    expect(numbers.notes.join('\n')).not.toContain('no retrieved id equals')
  })
})
