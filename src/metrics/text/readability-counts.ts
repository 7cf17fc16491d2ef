import { isPythonSpace, isPythonWordAt } from './python-char-classes.js'
import { wordSyllables } from './word-syllables.js'

/** What textstat 0.7.11 counts in one text for `flesch_kincaid_grade` and `automated_readability_index`. */
export interface ReadabilityCounts {
  /** Words once punctuation is removed, contraction apostrophes kept (`count_words(text)`). */
  words: number
  /** Whitespace-separated tokens, punctuation-only ones included (`count_words(text, rm_punctuation=False)`). */
  tokens: number
  /** Code points that are not whitespace (`count_chars(text, ignore_spaces=True)`). */
  characters: number
  /** Syllables of the lowercased words (`count_syllables(text, 'en_US')`); NaN when not asked for. */
  syllables: number
  /** Sentences (`count_sentences(text)`): 0 for the empty text, else at least 1. */
  sentences: number
}

const APOSTROPHE = 0x27

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** UTF-16 units of the code point at `index`. */
function codePointSize(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1
}

/**
 * Whether the apostrophe at `index` survives textstat's `remove_punctuation(rm_apostrophe=False)`:
 * only when a contraction ending follows (`'(?=[tsd]|ve|ll|re)`, lowercase only). The ending's
 * letters are never whitespace, so looking no further than the token's `end` is the same as
 * looking into the whole text.
 */
function keepsApostrophe(text: string, index: number, end: number): boolean {
  if (index + 1 >= end) return false
  const next = text.charCodeAt(index + 1)
  if (next === 0x74 || next === 0x73 || next === 0x64) return true // t s d
  if (index + 2 >= end) return false
  const after = text.charCodeAt(index + 2)
  return (next === 0x76 && after === 0x65) || (next === 0x6c && after === 0x6c) || (next === 0x72 && after === 0x65) // ve ll re
}

/** Whether the code point at `index` is kept by textstat's punctuation removal (`[^\w\s']` goes, and non-contraction apostrophes). */
function isKept(text: string, index: number, end: number): boolean {
  return text.charCodeAt(index) === APOSTROPHE ? keepsApostrophe(text, index, end) : isPythonWordAt(text, index)
}

/** The token `text[start, end)` with textstat's punctuation removed ('' when nothing is left). */
function keptCharacters(text: string, start: number, end: number): string {
  let out = ''
  let runStart = start
  for (let i = start; i < end; ) {
    const size = codePointSize(text, i)
    if (!isKept(text, i, end)) {
      out += text.slice(runStart, i)
      runStart = i + size
    }
    i += size
  }
  return out + text.slice(runStart, end)
}

/** Syllables of each whitespace token seen, or -1 for a token that is no word once punctuation goes; bounded. */
const tokenCache = new Map<string, number>()
const TOKEN_CACHE_LIMIT = 200_000

function tokenSyllables(token: string): number {
  let count = tokenCache.get(token)
  if (count === undefined) {
    const word = keptCharacters(token, 0, token.length)
    count = word === '' ? -1 : wordSyllables(word.toLowerCase())
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear()
    tokenCache.set(token, count)
  }
  return count
}

/** Whether the token `text[start, end)` keeps a character after punctuation removal, i.e. is a word. */
function isWordToken(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k += codePointSize(text, k)) if (isKept(text, k, end)) return true
  return false
}

/** Words in `text[start, end)` (tokens keeping a character after punctuation removal), counted up to `limit`. */
function wordsBetween(text: string, start: number, end: number, limit: number): number {
  let words = 0
  let i = start
  while (i < end && words < limit) {
    if (isPythonSpace(text.charCodeAt(i))) {
      i++
      continue
    }
    let tokenEnd = i
    while (tokenEnd < end && !isPythonSpace(text.charCodeAt(tokenEnd))) tokenEnd++
    if (isWordToken(text, i, tokenEnd)) words++
    i = tokenEnd
  }
  return words
}

function isSentenceEnd(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f // . ! ?
}

/**
 * textstat's `count_sentences`: the matches of `\b[^.!?]+[.!?]*` (Unicode `\b`), less those of
 * two words or fewer, at least 1 for a non-empty text. A match can only start at a word
 * character after a non-word one: the scan only ever stands after a non-word character or a
 * match's closing `.!?` run, so the next word character is the next boundary.
 */
export function sentenceCount(text: string): number {
  if (text.length === 0) return 0
  let matches = 0
  let short = 0
  let i = 0
  while (i < text.length) {
    if (!isPythonWordAt(text, i)) {
      i += codePointSize(text, i)
      continue
    }
    let end = i
    while (end < text.length && !isSentenceEnd(text.charCodeAt(end))) end++
    while (end < text.length && isSentenceEnd(text.charCodeAt(end))) end++
    matches++
    if (wordsBetween(text, i, end, 3) <= 2) short++
    i = end
  }
  return Math.max(1, matches - short)
}

/**
 * The counts textstat 0.7.11 (`lang='en_US'`) takes from one text for its Flesch-Kincaid grade
 * and ARI: Python's Unicode classes (`\w`, `\s`, `str.split`), lengths in code points.
 *
 * @param text one text
 * @param withSyllables count syllables (reading the CMU dictionary on first use); ARI needs none,
 *   and without them `syllables` is NaN
 * @example
 * readabilityCounts("It's a test, isn't it?")
 * // => { words: 5, tokens: 5, characters: 18, syllables: 6, sentences: 1 }
 */
export function readabilityCounts(text: string, withSyllables = true): ReadabilityCounts {
  let tokens = 0
  let characters = 0
  let words = 0
  let syllables = 0
  let i = 0
  while (i < text.length) {
    if (isPythonSpace(text.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (isPythonSpace(code)) break
      if (!(isLowSurrogate(code) && i > start && isHighSurrogate(text.charCodeAt(i - 1)))) characters++
    }
    tokens++
    if (!withSyllables) {
      if (isWordToken(text, start, i)) words++
      continue
    }
    const count = tokenSyllables(text.slice(start, i))
    if (count >= 0) {
      words++
      syllables += count
    }
  }
  return { words, tokens, characters, syllables: withSyllables ? syllables : Number.NaN, sentences: sentenceCount(text) }
}
