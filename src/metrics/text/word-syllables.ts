import { cmuSyllables } from './cmu-syllables.js'
import { enUsHyphenation, hyphenationPositions } from './hyphenation.js'

/** Syllables of each word seen (text repeats its words), bounded. */
const cache = new Map<string, number>()
const CACHE_LIMIT = 200_000

/**
 * Syllables of one lowercase word as textstat 0.7.11's `count_syllables` counts them for `en_US`:
 * the CMU Pronouncing Dictionary's first pronunciation (phones carrying a stress digit) when the
 * word is in it, else pyphen's en_US hyphenation points plus one. Cached per word; the
 * dictionary and the patterns are read on the first call.
 *
 * @param word a lowercase word as textstat's `list_words(lowercase=True)` gives it
 * @example
 * wordSyllables('readability') // => 5 (CMU)
 * wordSyllables('evalgate')    // => 2 (not in CMU: pyphen's eval-gate)
 */
export function wordSyllables(word: string): number {
  let count = cache.get(word)
  if (count === undefined) {
    count = cmuSyllables(word) ?? hyphenationPositions(word, enUsHyphenation()).length + 1
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(word, count)
  }
  return count
}

/**
 * pyphen's syllable estimate alone (en_US points plus one), without the dictionary: what textstat
 * uses for words the CMU Pronouncing Dictionary lacks.
 *
 * @example
 * pyphenSyllables('hyphenation') // => 3
 */
export function pyphenSyllables(word: string): number {
  return hyphenationPositions(word, enUsHyphenation()).length + 1
}
