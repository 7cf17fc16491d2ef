/** MLflow's exact_match and SQuAD v1.1's normalised exact match / token F1 against the fixture (Python 3 rules). */
import { describe, expect, test } from 'vitest'
import {
  exactMatch, exactMatchScores, normalizeAnswer, squadExactMatch, squadF1, squadScores, type GoldAnswers,
} from '../../../src/metrics/text/index.js'
import { expectClose } from '../expect-close.js'
import { loadTextFixture } from './text-fixtures.js'

interface QaCase { prediction: string; answers: string | string[]; normalized_prediction: string; squad_exact_match: number; squad_f1: number }
interface QaFixture { cases: QaCase[]; exact_match: { predictions: string[]; targets: string[]; value: number } }
const fixture = loadTextFixture<QaFixture>('question_answering.json')

describe('SQuAD v1.1 rules equal Python 3 on the fixture', () => {
  for (const c of fixture.cases) {
    test(`${JSON.stringify(c.prediction)} vs ${JSON.stringify(c.answers)}`, () => {
      expect(normalizeAnswer(c.prediction)).toBe(c.normalized_prediction)
      expect(squadExactMatch(c.prediction, c.answers)).toBe(c.squad_exact_match)
      expectClose(squadF1(c.prediction, c.answers), c.squad_f1, 'squad f1')
    })
  }
  test('squadScores equals the row functions', () => {
    const got = squadScores(fixture.cases.map((c) => c.prediction), fixture.cases.map((c) => c.answers as GoldAnswers))
    expect(Array.from(got.exactMatch)).toEqual(fixture.cases.map((c) => c.squad_exact_match))
    got.f1.forEach((v, i) => expectClose(v, fixture.cases[i].squad_f1, `f1 row ${i + 1}`))
  })
  test('Python whitespace and word characters, not JavaScript\'s', () => {
    expect(normalizeAnswer('bom\ufeffinside')).toBe('bom\ufeffinside') // JS \s would split here
    expect(normalizeAnswer('file\x1cseparator')).toBe('file separator') // JS \s would not
    expect(normalizeAnswer('an東京')).toBe('an東京') // JS \b would see a boundary before 東
  })
})

describe('MLflow exact_match: raw equality', () => {
  test('accuracy_score of the fixture strings', () => {
    const { predictions, targets, value } = fixture.exact_match
    expectClose(exactMatch(predictions, targets), value, 'exact_match')
  })
  test('case and spacing count', () => {
    expect(Array.from(exactMatchScores(['Paris', 'paris', 'Paris '], ['Paris', 'Paris', 'Paris']))).toEqual([1, 0, 0])
    expect(exactMatch([], [])).toBeNaN()
  })
  test('errors', () => {
    expect(() => exactMatch(['a'], [])).toThrow(/1 predictions but 0 targets/)
    expect(() => squadScores(['a', 'b'], ['a', []])).toThrow(/row 2: no gold answers given/)
  })
})
