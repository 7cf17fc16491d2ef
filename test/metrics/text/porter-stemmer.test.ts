/** porterStem equals NLTK 3.8's PorterStemmer() (NLTK_EXTENSIONS) word for word on the fixture. */
import { describe, expect, test } from 'vitest'
import { cachedPorterStemmer, porterStem } from '../../../src/metrics/text/index.js'
import { loadTextFixture } from './text-fixtures.js'

const fixture = loadTextFixture<{ nltk_version: string; stems: Record<string, string> }>('porter_stemmer.json')

describe(`porterStem equals nltk ${fixture.nltk_version}`, () => {
  test('every fixture word (thousands, from the example texts, AFINN, suffix rules, tricky words)', () => {
    const words = Object.keys(fixture.stems)
    expect(words.length).toBeGreaterThan(3000)
    const wrong = words.filter((w) => porterStem(w) !== fixture.stems[w]).map((w) => `${w}: got ${porterStem(w)}, nltk ${fixture.stems[w]}`)
    expect(wrong.slice(0, 20)).toEqual([])
  })
  test('NLTK_EXTENSIONS, not the original algorithm or Martin Porter\'s', () => {
    expect(porterStem('dying')).toBe('die') // irregular pool
    expect(porterStem('ties')).toBe('tie') // 4-letter ies
    expect(porterStem('enjoy')).toBe('enjoy') // y -> i only after a consonant
    expect(porterStem('fly')).toBe('fli')
    expect(porterStem('conformabli')).toBe('conform') // bli -> ble, then able
    expect(porterStem('archaeology')).toBe(fixture.stems.archaeology)
    expect(porterStem('generously')).toBe('gener')
  })
  test('the cached stemmer gives the same stems', () => {
    const stem = cachedPorterStemmer(10)
    for (const w of Object.keys(fixture.stems).slice(0, 200)) expect(stem(w)).toBe(fixture.stems[w])
  })
})
