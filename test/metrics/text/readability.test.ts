import { describe, expect, it } from 'vitest'
import {
  automatedReadabilityIndex,
  automatedReadabilityIndices,
  fleschKincaidGrade,
  fleschKincaidGrades,
  readabilityCounts,
  readabilityGrades,
  sentenceCount,
  wordSyllables,
  type ReadabilityCounts,
} from '../../../src/metrics/text/index.js'
import { loadTextFixture } from './text-fixtures.js'

interface Row {
  text: string
  fleschKincaidGrade: number
  automatedReadabilityIndex: number
  counts: ReadabilityCounts
}
interface Published {
  texts: Record<string, string>
  fleschKincaidGrade3: Record<string, number>
  automatedReadabilityIndex3: Record<string, number>
  sentences: Record<string, number>
  words: [string, number][]
  tokens: [string, number][]
  characters: [string, number][]
  syllables: [string, number, number][]
  computed: Record<string, Row>
}
const corpus = loadTextFixture<{ rows: Row[] }>('readability_corpus.json').rows
const published = loadTextFixture<Published>('readability_published.json')
interface Revisions {
  words: Record<string, number>
  differing: Record<string, { nltk: number; npm: number; in: 'both' | 'nltk' | 'npm' }>
  corpusWithNltk: { fleschKincaidGrade: number; automatedReadabilityIndex: number; differingWords: string[] }[]
}
const revisions = loadTextFixture<Revisions>('readability_cmudict_revisions.json')

function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}

describe("textstat 0.7.11's published test values (tests/backend)", () => {
  it('flesch_kincaid_grade and automated_readability_index, rounded to 3 places as its tests round', () => {
    for (const [name, expected] of Object.entries(published.fleschKincaidGrade3)) expect(round3(fleschKincaidGrade(published.texts[name]!)), name).toBe(expected)
    for (const [name, expected] of Object.entries(published.automatedReadabilityIndex3)) expect(round3(automatedReadabilityIndex(published.texts[name]!)), name).toBe(expected)
  })

  it('count_sentences (Unicode \\b: Russian guillemets, Hungarian), count_words, count_chars', () => {
    for (const [name, expected] of Object.entries(published.sentences)) expect(sentenceCount(published.texts[name]!), name).toBe(expected)
    for (const [text, expected] of published.words) expect(readabilityCounts(text).words, text).toBe(expected)
    for (const [text, expected] of published.tokens) expect(readabilityCounts(text).tokens, text).toBe(expected)
    for (const [text, expected] of published.characters) expect(readabilityCounts(text).characters, text).toBe(expected)
  })

  it('count_syllables within its published margins (exact where the margin is 0)', () => {
    for (const [text, expected, margin] of published.syllables) expect(Math.abs(readabilityCounts(text).syllables - expected), text).toBeLessThanOrEqual(margin)
  })

  it('the unrounded values of the published texts', () => {
    for (const [name, row] of Object.entries(published.computed)) {
      const text = published.texts[name]!
      expect(readabilityCounts(text), name).toEqual(row.counts)
      expect(fleschKincaidGrade(text)).toBeCloseTo(row.fleschKincaidGrade, 9)
      expect(automatedReadabilityIndex(text)).toBeCloseTo(row.automatedReadabilityIndex, 9)
    }
  })
})

describe(`textstat 0.7.11's counting re-implemented in Python, on ${corpus.length} texts`, () => {
  it('counts: words, tokens, code points, syllables, sentences', () => {
    const wrong = corpus.filter((row) => JSON.stringify(readabilityCounts(row.text)) !== JSON.stringify(row.counts))
    expect(wrong.map((row) => ({ text: row.text, got: readabilityCounts(row.text), want: row.counts }))).toEqual([])
    // without syllables, the other counts are the same
    const noSyllables = corpus.filter((row) => JSON.stringify(readabilityCounts(row.text, false)) !== JSON.stringify({ ...row.counts, syllables: null }))
    expect(noSyllables.map((row) => row.text)).toEqual([])
  })

  it('grades to 1e-9 (relative), per row', () => {
    const fk = fleschKincaidGrades(corpus.map((row) => row.text))
    const ari = automatedReadabilityIndices(corpus.map((row) => row.text))
    corpus.forEach((row, i) => {
      expect(Math.abs(fk[i]! - row.fleschKincaidGrade), row.text).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(row.fleschKincaidGrade)))
      expect(Math.abs(ari[i]! - row.automatedReadabilityIndex), row.text).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(row.automatedReadabilityIndex)))
    })
    const both = readabilityGrades([...corpus.map((row) => row.text), undefined])
    expect(Array.from(both.fleschKincaid)).toEqual([...fk, Number.NaN])
    expect(Array.from(both.automatedReadability)).toEqual([...ari, Number.NaN])
  })

  it('covers empty, whitespace-only and punctuation-only texts, newlines, non-ASCII, numbers and contractions', () => {
    const texts = corpus.map((row) => row.text)
    for (const needle of ['', ' ', '...', "Don't stop.", 'Москва', '😀', '1889', '\n']) expect(texts.some((text) => (needle === '' ? text === '' : text.includes(needle))), needle).toBe(true)
  })
})

describe("against textstat's own dictionary, NLTK's cmudict 0.7a", () => {
  it('syllables differ from it on 1,614 words only (108 pronounced differently, 1,414 only in npm, 92 only in NLTK), with the npm values', () => {
    const differing = Object.entries(revisions.differing)
    expect(differing.length).toBe(1614)
    expect(differing.filter(([, d]) => d.in === 'both').length).toBe(108)
    expect(differing.filter(([word, d]) => wordSyllables(word) !== d.npm)).toEqual([])
    expect(differing.filter(([word, d]) => wordSyllables(word) === d.nltk)).toEqual([])
    expect(revisions.differing['extraordinary']).toEqual({ nltk: 5, npm: 6, in: 'both' })
  })

  it('every corpus text without such a word grades as textstat 0.7.11 itself grades it, to 1e-9', () => {
    const texts = corpus.map((row) => row.text)
    const { fleschKincaid, automatedReadability } = readabilityGrades(texts)
    const rows = revisions.corpusWithNltk.map((row, i) => ({ row, i }))
    const same = rows.filter(({ row }) => row.differingWords.length === 0)
    expect(same.length).toBe(719)
    for (const { row, i } of same) {
      expect(Math.abs(fleschKincaid[i]! - row.fleschKincaidGrade), texts[i]).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(row.fleschKincaidGrade)))
      expect(Math.abs(automatedReadability[i]! - row.automatedReadabilityIndex), texts[i]).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(row.automatedReadabilityIndex)))
    }
    // the 13 others hold "dc" ("D.C.": in the npm revision, 2 syllables; pyphen gives 1) or
    // "extraordinary" (5 syllables in 0.7a, 6 here): their Flesch-Kincaid grades move, ARI (no syllables) does not
    const moved = rows.filter(({ row }) => row.differingWords.length > 0)
    expect(moved.length).toBe(13)
    for (const { row, i } of moved) {
      expect(fleschKincaid[i], texts[i]).not.toBeCloseTo(row.fleschKincaidGrade, 6)
      expect(automatedReadability[i]).toBeCloseTo(row.automatedReadabilityIndex, 9)
    }
  })
})

describe('readability edge cases', () => {
  it('an empty text gives 0 for both grades, as textstat does (no sentences); a non-string row gives NaN', () => {
    expect(Array.from(fleschKincaidGrades(['', '   ', '...', 42]))).toEqual([0, 0, 0, Number.NaN])
    expect(Array.from(automatedReadabilityIndices(['', '   ', '...', null]))).toEqual([0, 0, 0, Number.NaN])
  })

  it('ARI counts punctuation-only tokens as words and every non-space code point as a character', () => {
    // "Hi there friend ." -> tokens 4, characters 14, words 3, sentences 1
    expect(readabilityCounts('Hi there friend .')).toEqual({ words: 3, tokens: 4, characters: 14, syllables: 3, sentences: 1 })
    expect(automatedReadabilityIndex('Hi there friend .')).toBeCloseTo(4.71 * (14 / 4) + 0.5 * 3 - 21.43, 12)
    // an astral code point is one character, not two UTF-16 units
    expect(readabilityCounts('😀😀 ok').characters).toBe(4)
  })

  it('sentences of two words or fewer are not counted, but the count is at least 1', () => {
    expect(sentenceCount('Hi there. This one has four words. Ok.')).toBe(1)
    expect(sentenceCount('Yes. No.')).toBe(1)
    expect(sentenceCount('One two three. Four five six!')).toBe(2)
  })

  it('syllables come from the CMU dictionary first, pyphen otherwise', () => {
    expect(wordSyllables('every')).toBe(3) // CMU EH1 V ER0 IY0; pyphen would give 2
    expect(wordSyllables("day's")).toBe(1)
    expect(wordSyllables('evalgate')).toBe(2)
  })
})
