import { readabilityCounts, type ReadabilityCounts } from './readability-counts.js'

/** `words_per_sentence`: 0 when there is no sentence. */
function wordsPerSentence(counts: ReadabilityCounts): number {
  return counts.sentences === 0 ? 0 : counts.words / counts.sentences
}

/**
 * Flesch-Kincaid grade from textstat's counts: `0.39 * words/sentences + 11.8 * syllables/words
 * - 15.59`, or 0 when either ratio is 0 (no words, no sentences, no syllables), unrounded.
 */
export function fleschKincaidFromCounts(counts: ReadabilityCounts): number {
  const sentenceLength = wordsPerSentence(counts)
  const syllablesPerWord = counts.words === 0 ? 0 : counts.syllables / counts.words
  if (sentenceLength === 0 || syllablesPerWord === 0) return 0
  return 0.39 * sentenceLength + 11.8 * syllablesPerWord - 15.59
}

/**
 * Automated Readability Index from textstat's counts: `4.71 * characters/tokens + 0.5 *
 * words/sentences - 21.43` (characters over all whitespace tokens, punctuation-only ones
 * included; words per sentence after punctuation removal), or 0 when either ratio is 0.
 */
export function automatedReadabilityFromCounts(counts: ReadabilityCounts): number {
  const charactersPerWord = counts.tokens === 0 ? 0 : counts.characters / counts.tokens
  const sentenceLength = wordsPerSentence(counts)
  if (charactersPerWord === 0 || sentenceLength === 0) return 0
  return 4.71 * charactersPerWord + 0.5 * sentenceLength - 21.43
}

/**
 * textstat 0.7.11's `flesch_kincaid_grade(text)` (`en_US`, no rounding): MLflow's
 * `flesch_kincaid_grade_level/v1/score`. The empty text, and a text with no words, gives 0.
 *
 * @example
 * fleschKincaidGrade('Cool dogs wear da sunglasses.') // => 2.8800000000000026
 */
export function fleschKincaidGrade(text: string): number {
  return fleschKincaidFromCounts(readabilityCounts(text))
}

/**
 * textstat 0.7.11's `automated_readability_index(text)` (no rounding): MLflow's
 * `ari_grade_level/v1/score`. The empty text, and a text with no words, gives 0.
 *
 * @example
 * automatedReadabilityIndex('Cool dogs wear da sunglasses.') // => 4.62
 */
export function automatedReadabilityIndex(text: string): number {
  return automatedReadabilityFromCounts(readabilityCounts(text, false))
}

function perRow(texts: readonly unknown[], grade: (counts: ReadabilityCounts) => number, withSyllables: boolean): Float64Array {
  const out = new Float64Array(texts.length)
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]
    out[i] = typeof text === 'string' ? grade(readabilityCounts(text, withSyllables)) : Number.NaN
  }
  return out
}

/**
 * {@link fleschKincaidGrade} per row; a row that is not a string gives NaN (MLflow records None).
 * The CMU dictionary and the hyphenation patterns are read on the first call.
 *
 * @example
 * fleschKincaidGrades(['Cool dogs wear da sunglasses.', '']) // => Float64Array [2.88…, 0]
 */
export function fleschKincaidGrades(texts: readonly unknown[]): Float64Array {
  return perRow(texts, fleschKincaidFromCounts, true)
}

/**
 * {@link automatedReadabilityIndex} per row; a row that is not a string gives NaN. Counts no
 * syllables, so it reads no dictionary.
 *
 * @example
 * automatedReadabilityIndices(['Cool dogs wear da sunglasses.', '']) // => Float64Array [4.62, 0]
 */
export function automatedReadabilityIndices(texts: readonly unknown[]): Float64Array {
  return perRow(texts, automatedReadabilityFromCounts, false)
}

/**
 * Both grades per row from one count of each text: what {@link fleschKincaidGrades} and
 * {@link automatedReadabilityIndices} give, at the cost of one of them (a model type computing
 * both should call this).
 *
 * @example
 * readabilityGrades(['Cool dogs wear da sunglasses.']) // => { fleschKincaid: [2.88…], automatedReadability: [4.62] }
 */
export function readabilityGrades(texts: readonly unknown[]): { fleschKincaid: Float64Array; automatedReadability: Float64Array } {
  const fleschKincaid = new Float64Array(texts.length)
  const automatedReadability = new Float64Array(texts.length)
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]
    if (typeof text !== 'string') {
      fleschKincaid[i] = automatedReadability[i] = Number.NaN
      continue
    }
    const counts = readabilityCounts(text)
    fleschKincaid[i] = fleschKincaidFromCounts(counts)
    automatedReadability[i] = automatedReadabilityFromCounts(counts)
  }
  return { fleschKincaid, automatedReadability }
}
