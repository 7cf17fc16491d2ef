/**
 * ROUGE equal to google-research rouge_score (use_stemmer=False unless a case says otherwise):
 * its published test values (rouge_scorer_test.py, ROUGE-1.5.5 ground truth) and exact fractions
 * worked out by hand from its rules for newline-separated summaries, empty predictions,
 * non-ASCII text, numbers and contractions.
 */
import { describe, expect, test } from 'vitest'
import { porterStem, rouge, rougeL, rougeLsum, rougeN, rougeScores, rougeTokens, type RougeScore } from '../../../src/metrics/text/index.js'
import { expectClose } from '../expect-close.js'
import { loadTextFixture } from './text-fixtures.js'

type RougeType = 'rouge1' | 'rouge2' | 'rougeL' | 'rougeLsum'
interface PublishedCase { test: string; type: RougeType; target: string; prediction: string; stemmer: boolean; places: number; expected: RougeScore }
const published = loadTextFixture<{ cases: PublishedCase[] }>('rouge_score_published.json')

function expectScore(got: RougeScore, expected: RougeScore, what: string): void {
  expectClose(got.precision, expected.precision, `${what} precision`)
  expectClose(got.recall, expected.recall, `${what} recall`)
  expectClose(got.fmeasure, expected.fmeasure, `${what} fmeasure`)
}

describe('rouge_score published test values', () => {
  for (const c of published.cases.filter((x) => !x.stemmer)) {
    test(`${c.test} ${c.type} (to ${c.places} places)`, () => {
      const got = rouge(c.prediction, c.target)[c.type]
      for (const key of ['precision', 'recall', 'fmeasure'] as const) {
        expect(Math.abs(got[key] - c.expected[key]), `${key}: got ${got[key]}, published ${c.expected[key]}`).toBeLessThan(0.5 * 10 ** -c.places)
      }
    })
  }
  for (const c of published.cases.filter((x) => x.stemmer)) {
    test(`${c.test} ${c.type} with the NLTK Porter stemmer (to ${c.places} places)`, () => {
      const got = rouge(c.prediction, c.target, { stemmer: porterStem })[c.type]
      for (const key of ['precision', 'recall', 'fmeasure'] as const) {
        expect(Math.abs(got[key] - c.expected[key]), `${key}: got ${got[key]}, published ${c.expected[key]}`).toBeLessThan(0.5 * 10 ** -c.places)
      }
    })
  }
  test('stemming changes the second Rouge155 pair (published: 0.50000 without, 0.52941 with)', () => {
    const [, line1] = published.cases.filter((c) => c.test === 'testRouge1AgainstRouge155')
    expect(rouge(line1.prediction, line1.target, { stemmer: porterStem }).rouge1.fmeasure)
      .not.toBeCloseTo(rouge(line1.prediction, line1.target).rouge1.fmeasure, 3)
    expect(rougeTokens('Running dogs', porterStem)).toEqual(['run', 'dog'])
    expect(rougeTokens('was', porterStem)).toEqual(['was']) // 3 letters: not stemmed
  })
  test('testSummaryLevelLcs: union LCS 4 of 5 target tokens, 10 prediction tokens', () => {
    const s = rougeLsum([['1', '2', '6', '7', '8'], ['1', '3', '8', '9', '5']], [['1', '2', '3', '4', '5']])
    expect(s.recall).toBe(0.8)
    expect(s.precision).toBe(0.4)
    expectClose(s.fmeasure, 0.64 / 1.2, 'fmeasure')
    expect(rougeLsum([[]], [['reference']]).recall).toBe(0) // the tokenizer dropped every prediction token
  })
  test('the Rouge155 line pairs are exact token-count ratios', () => {
    const [line0] = published.cases.filter((c) => c.test === 'testRouge1AgainstRouge155')
    expectScore(rouge(line0.prediction, line0.target).rouge1, { precision: 11 / 16, recall: 11 / 27, fmeasure: 22 / 43 }, 'line 1 rouge1')
  })
})

describe('hand-worked cases (exact fractions from rouge_score rules)', () => {
  test('tokenizer: lowercase, non-[a-z0-9] splits, numbers kept', () => {
    expect(rougeTokens("Don't stop: Café № 42!")).toEqual(['don', 't', 'stop', 'caf', '42'])
    expect(rougeTokens('İstanbul ΣΟΦΙΑ 東京 3.14')).toEqual(['i', 'stanbul', '3', '14'])
    expect(rougeTokens('')).toEqual([])
    expect(rougeTokens(' \n/ ')).toEqual([])
  })
  test('non-ASCII: accented letters split words', () => {
    const s = rouge('Café déjà vu', 'cafe deja vu') // [caf, d, j, vu] vs [cafe, deja, vu]
    expectScore(s.rouge1, { precision: 1 / 4, recall: 1 / 3, fmeasure: 2 / 7 }, 'rouge1')
    expectScore(s.rouge2, { precision: 0, recall: 0, fmeasure: 0 }, 'rouge2')
    expectScore(s.rougeL, { precision: 1 / 4, recall: 1 / 3, fmeasure: 2 / 7 }, 'rougeL')
  })
  test('contractions: "don\'t" is two tokens', () => {
    const s = rouge("Don't stop", 'do not stop')
    expectScore(s.rouge1, { precision: 1 / 3, recall: 1 / 3, fmeasure: 1 / 3 }, 'rouge1')
  })
  test('numbers: "3.14" is two tokens', () => {
    const s = rouge('3.14 is pi, 42', 'pi is 3 14') // [3, 14, is, pi, 42] vs [pi, is, 3, 14]
    expectScore(s.rouge1, { precision: 4 / 5, recall: 1, fmeasure: 8 / 9 }, 'rouge1')
    expectScore(s.rouge2, { precision: 1 / 4, recall: 1 / 3, fmeasure: 2 / 7 }, 'rouge2')
    expectScore(s.rougeL, { precision: 2 / 5, recall: 2 / 4, fmeasure: 4 / 9 }, 'rougeL')
  })
  test('newline-separated summaries: rougeLsum matches sentence by sentence, rougeL sees one sequence', () => {
    const s = rouge('the cat sat\nthe dog ran', 'the dog ran\nthe cat sat')
    expectScore(s.rougeL, { precision: 0.5, recall: 0.5, fmeasure: 0.5 }, 'rougeL')
    expectScore(s.rougeLsum, { precision: 1, recall: 1, fmeasure: 1 }, 'rougeLsum')
    expectScore(rouge('a b\n\n\nc', 'a b c').rougeLsum, { precision: 1, recall: 1, fmeasure: 1 }, 'empty lines dropped')
  })
  test('rougeLsum counts a token only while both sides have it left', () => {
    // target sentences [a b] [a b]; prediction [a b]: each target sentence's LCS is a b, but the
    // prediction holds one a and one b, so only 2 hits: precision 2/2, recall 2/4
    expectScore(rouge('a b', 'a b\na b').rougeLsum, { precision: 1, recall: 0.5, fmeasure: 2 / 3 }, 'rougeLsum')
  })
  test('empty prediction or target scores 0 for every type', () => {
    for (const [p, t] of [['', 'a b'], ['a b', ''], ['...', 'a b']]) {
      const s = rouge(p, t)
      for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const) expect(s[type].fmeasure, `${type} of ${JSON.stringify([p, t])}`).toBe(0)
    }
  })
  test('clipped n-gram counts (repeated bigrams) and n = 3', () => {
    // prediction bigrams ab ba ab ba ab, target ab ba ab: min(3, 2) + min(2, 1) = 3
    expectScore(rouge('a b a b a b', 'a b a b').rouge2, { precision: 3 / 5, recall: 1, fmeasure: 3 / 4 }, 'rouge2')
    expectScore(rouge('a a a b', 'a b b').rouge1, { precision: 2 / 4, recall: 2 / 3, fmeasure: 4 / 7 }, 'rouge1')
    expectScore(rougeN(['x', 'a', 'b', 'c', 'a', 'b', 'c'], ['a', 'b', 'c', 'd'], 3), { precision: 1 / 5, recall: 1 / 2, fmeasure: 2 / 7 }, 'rouge3')
  })
  test('rougeN with n larger than a side and bad n', () => {
    expectScore(rougeN(['a'], ['a', 'b'], 2), { precision: 0, recall: 0, fmeasure: 0 }, 'n > prediction')
    expect(() => rougeN(['a'], ['a'], 0)).toThrow(/positive integer n/)
    expectScore(rougeL(['a', 'b'], ['b', 'a']), { precision: 0.5, recall: 0.5, fmeasure: 0.5 }, 'rougeL swap')
  })
  test('rougeScores: F-measure per row; errors name the row', () => {
    const got = rougeScores(['testing one', ''], ['testing one two', 'x'])
    expectClose(got.rouge1[0], 0.8, 'rouge1 row 1')
    expectClose(got.rouge2[0], 2 / 3, 'rouge2 row 1')
    expect(got.rougeLsum[1]).toBe(0)
    expect(() => rougeScores(['a', 3], ['a', 'b'])).toThrow(/row 2: the prediction must be text for ROUGE, got number 3/)
  })
})
