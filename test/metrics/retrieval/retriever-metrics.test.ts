/** MLflow's retriever metrics against fixtures from scikit-learn 1.2.1's ndcg_score and MLflow's rules. */
import { describe, expect, test } from 'vitest'
import {
  ndcgAtK, ndcgAtKScores, precisionAtK, precisionAtKScores, recallAtK, recallAtKScores, type DocId,
} from '../../../src/metrics/retrieval/index.js'
import { expectClose } from '../expect-close.js'
import { loadTextFixture } from '../text/text-fixtures.js'

interface RetrievalCase {
  name: string
  k: number
  retrieved: DocId[]
  relevant: DocId[]
  precision_at_k: number
  recall_at_k: number
  ndcg_at_k: number
}

const fixture = loadTextFixture<{ sklearn_version: string; cases: RetrievalCase[] }>('retrieval.json')

describe('retriever metrics equal the fixtures (scikit-learn ' + fixture.sklearn_version + ')', () => {
  test('the fixture holds hand cases and seeded random ones, string and integer ids', () => {
    expect(fixture.cases.length).toBeGreaterThan(50)
    expect(fixture.cases.some((c) => c.retrieved.some((id) => typeof id === 'number'))).toBe(true)
    expect(fixture.cases.some((c) => new Set(c.retrieved).size < c.retrieved.length)).toBe(true)
  })
  for (const c of fixture.cases) {
    test(`${c.name}: k=${c.k} ${JSON.stringify(c.retrieved)} vs ${JSON.stringify(c.relevant)}`, () => {
      expectClose(precisionAtK(c.retrieved, c.relevant, c.k), c.precision_at_k, 'precision_at_k')
      expectClose(recallAtK(c.retrieved, c.relevant, c.k), c.recall_at_k, 'recall_at_k')
      expectClose(ndcgAtK(c.retrieved, c.relevant, c.k), c.ndcg_at_k, 'ndcg_at_k')
    })
  }
  test('column functions equal the row functions', () => {
    const cases = fixture.cases.filter((c) => c.k === 3)
    const retrieved = cases.map((c) => c.retrieved)
    const relevant = cases.map((c) => c.relevant)
    expect(Array.from(precisionAtKScores(retrieved, relevant, 3))).toEqual(cases.map((c) => c.precision_at_k))
    expect(Array.from(recallAtKScores(retrieved, relevant, 3))).toEqual(cases.map((c) => c.recall_at_k))
    ndcgAtKScores(retrieved, relevant, 3).forEach((v, i) => expectClose(v, cases[i].ndcg_at_k, `ndcg row ${i}`))
  })
})

describe('rules spelled out', () => {
  test('empty lists', () => {
    expect(precisionAtK([], [], 3)).toBe(0)
    expect(recallAtK([], [], 3)).toBe(1)
    expect(recallAtK(['a'], [], 3)).toBe(0)
    expect(ndcgAtK([], [], 3)).toBe(1)
    expect(ndcgAtK(['a'], [], 3)).toBe(0)
    expect(ndcgAtK([], ['a'], 3)).toBe(0)
  })
  test('1 and "1" are different ids', () => {
    expect(precisionAtK([1], ['1'], 3)).toBe(0)
    expect(precisionAtK([1], [1], 3)).toBe(1)
  })
  test('a repeated relevant document counts again in precision and raises the ideal DCG', () => {
    expect(precisionAtK(['a', 'a', 'x'], ['a'], 3)).toBeCloseTo(2 / 3, 15)
    // DCG 1 + 1/log2(3); ideal over 2 relevant (a and its repeat) is the same: 1
    expect(ndcgAtK(['a', 'a', 'x'], ['a'], 3)).toBe(1)
    expect(recallAtK(['a', 'a', 'x'], ['a'], 3)).toBe(1)
  })
})

describe('errors name the row, the column and the value', () => {
  test('a row that is not a list', () => {
    expect(() => precisionAtKScores([['a'], 'a,b'], [['a'], ['b']], 3)).toThrow(/row 2: retrieved document ids .* must be a list of strings or integers, got "a,b"/)
    expect(() => ndcgAtKScores([['a']], [null], 3)).toThrow(/row 1: relevant document ids .* got null/)
    expect(() => recallAtKScores([['a'], ['b']], [['a'], { id: 'b' }], 3)).toThrow(/row 2: relevant .* got \{"id":"b"\}/)
  })
  test('an id that is neither a string nor an integer', () => {
    expect(() => recallAtKScores([['a', 1.5]], [['a']], 3)).toThrow(/row 1: retrieved document ids .* hold 1.5 at position 2/)
  })
  test('bad k and mismatched columns', () => {
    expect(() => precisionAtK(['a'], ['a'], 0)).toThrow(/k must be a positive integer, got 0/)
    expect(() => ndcgAtKScores([['a']], [], 3)).toThrow(/1 rows but relevant ids have 0/)
  })
})
