import { describe, expect, test } from 'vitest'
import { questionAnsweringModelType } from '../../../src/model-types/question-answering/question-answering-type.js'
import { findModelType } from '../../../src/model-types/registry.js'
import { loadTextFixture } from '../../metrics/text/text-fixtures.js'
import { encodeRecords, numpyAggregates } from '../text/type-harness.js'

interface QaCase { prediction: string; answers: string | string[]; squad_exact_match: number; squad_f1: number }
const cases = loadTextFixture<{ cases: QaCase[] }>('question_answering.json').cases

describe('question-answering model type', () => {
  test('is registered under its MLflow name', () => {
    expect(findModelType('question-answering')).toBe(questionAnsweringModelType)
  })

  test('exact_match/v1 is raw string equality (scikit-learn accuracy on the strings)', async () => {
    const records = [
      { question: 'capital of France?', answer: 'Paris', predicted: 'Paris' },
      { question: 'capital of France?', answer: 'Paris', predicted: 'paris' },
      { question: 'tower?', answer: 'eiffel tower', predicted: 'The Eiffel Tower.' },
      { question: 'team?', answer: 'Broncos', predicted: 'Broncos' },
    ]
    const { part, scope } = await encodeRecords(questionAnsweringModelType, records, { targets: 'answer', predictions: 'predicted' })
    expect(Array.from(part.columns['exact_match/v1/score'] as Float64Array)).toEqual([1, 0, 0, 1])
    const { metrics } = scope()
    expect(metrics['exact_match/v1']).toBe(0.5)
    expect(metrics['squad_f1/v1/mean']).toBeUndefined()
    expect(questionAnsweringModelType.metricDirections['exact_match/v1']).toBe(true)
  })

  test('opt-in SQuAD exact match and F1 equal the SQuAD v1.1 script on every fixture case (max over gold answers)', async () => {
    const records = cases.map((c) => ({ answers: c.answers, predicted: c.prediction }))
    const { part, scope } = await encodeRecords(questionAnsweringModelType, records, { targets: 'answers', predictions: 'predicted', options: { squad: true } })
    expect(Array.from(part.columns['squad_exact_match/v1/score'] as Float64Array)).toEqual(cases.map((c) => c.squad_exact_match))
    const f1 = part.columns['squad_f1/v1/score'] as Float64Array
    cases.forEach((c, i) => expect(f1[i]).toBeCloseTo(c.squad_f1, 12))
    const { metrics } = scope()
    const expected = numpyAggregates(cases.map((c) => c.squad_f1))
    expect(metrics['squad_f1/v1/mean']).toBeCloseTo(expected.mean, 12)
    expect(metrics['squad_f1/v1/variance']).toBeCloseTo(expected.variance, 12)
    expect(metrics['squad_f1/v1/p90']).toBeCloseTo(expected.p90, 12)
    // raw exact match with several gold answers: equal to one of them
    const exact = part.columns['exact_match/v1/score'] as Float64Array
    cases.forEach((c, i) => expect(exact[i]).toBe((Array.isArray(c.answers) ? c.answers : [c.answers]).includes(c.prediction) ? 1 : 0))
  })

  test('several gold answers in a CSV cell holding a JSON array', async () => {
    const records = [{ answers: '["Denver Broncos", "Broncos"]', predicted: 'Broncos' }, { answers: '[not json', predicted: '[not json' }]
    const { part } = await encodeRecords(questionAnsweringModelType, records, { targets: 'answers', predictions: 'predicted', options: { squad: true } })
    expect(Array.from(part.columns['exact_match/v1/score'] as Float64Array)).toEqual([1, 1])
    expect(part.columns.targets).toEqual(['["Denver Broncos", "Broncos"]', '[not json'])
  })

  test('a null prediction is no answer: it scores 0, as an empty answer does, and a note names its row (an LLM client returns null content)', async () => {
    const records = [{ a: 'x' }, { a: 'y' }, { a: 'z' }]
    const { part, notes } = await encodeRecords(questionAnsweringModelType, records, { targets: 'a', modelPredictions: ['x', null, null], options: { squad: true } })
    expect(Array.from(part.columns['exact_match/v1/score'] as Float64Array)).toEqual([1, 0, 0])
    expect(Array.from(part.columns['squad_f1/v1/score'] as Float64Array)).toEqual([1, 0, 0])
    expect(part.columns.outputs).toEqual(['x', '', ''])
    expect(notes).toContain('exact_match/v1: 2 of 3 rows have no answer (null; row 2, 3) and score 0, as an empty answer does')
  })

  test('a prediction that is not text names the row; a bad squad option names the option', async () => {
    await expect(encodeRecords(questionAnsweringModelType, [{ a: 'x' }, { a: 'y' }], { targets: 'a', modelPredictions: ['x', 3] })).rejects.toThrow(
      'row 2: a question-answering prediction must be text, got 3; return a string per row (null for no answer)',
    )
    expect(() => questionAnsweringModelType.resolveOptions({ hasModel: true, predictions: undefined, options: { squad: 'yes' } })).toThrow(
      `squad must be true or false for modelType 'question-answering', got "yes"`,
    )
  })
})

describe('gold answers that load as numbers', () => {
  test('a CSV column of numeric answers (42, 1999) is read as their text, as written (adversarial pass 67: no CSV could give a string)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { evaluate } = await import('../../../src/evaluate/index.js')
    const { loadDataset } = await import('../../../src/data/index.js')
    const file = join(mkdtempSync(join(tmpdir(), 'evalgate-qa-')), 'qa.csv')
    writeFileSync(file, 'question,answer\nhow many,42\nwhich year,1999\nhow far,10\n')
    const data = await loadDataset(file)
    const run = await evaluate({ data, targets: 'answer', modelType: 'question-answering', model: (rows) => rows.map((row, i) => (i === 2 ? 'eleven' : String(row.answer))) })
    expect(run.metrics['exact_match/v1']).toBeCloseTo(2 / 3, 12)
    // a stored predictions column of numbers too, for the text types (a retriever's id lists keep their type)
    const stored = join(mkdtempSync(join(tmpdir(), 'evalgate-qa-')), 'qa.csv')
    writeFileSync(stored, 'question,answer,out\nhow many,42,42\nwhich year,1999,1998\nhow far,10,10\n')
    const fromColumn = await evaluate({ data: await loadDataset(stored), targets: 'answer', predictions: 'out', modelType: 'question-answering' })
    expect(fromColumn.metrics['exact_match/v1']).toBeCloseTo(2 / 3, 12)
    const text = await evaluate({ data: await loadDataset(stored), predictions: 'out', modelType: 'text' })
    expect(text.metrics.non_empty_output_rate).toBe(1)
    // a model function's number stays an error its code can fix
    await expect(evaluate({ data: await loadDataset(stored), modelType: 'text', model: (rows) => rows.map(() => 7 as unknown as string) })).rejects.toThrow("a text model's output must be text, got 7")
  })
})
