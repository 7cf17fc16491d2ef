import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** Syllables of each word of the CMU Pronouncing Dictionary (first pronunciation), built on first use. */
let syllables: Map<string, number> | undefined

/** Fewer entries than this means the package's file is not the shape read here. */
const MINIMUM_ENTRIES = 100_000

/**
 * Stressed vowels of one ARPAbet pronunciation: the phones ending in a stress digit (0, 1 or 2),
 * as textstat counts them. A `# comment` after the phones (cmusphinx's notes such as
 * `# place, danish`) is not part of the pronunciation.
 */
export function stressedVowels(phones: string): number {
  const end = phones.indexOf('#')
  const stop = end < 0 ? phones.length : end
  let count = 0
  for (let i = 0; i < stop; i++) {
    const code = phones.charCodeAt(i)
    const next = i + 1 < stop ? phones.charCodeAt(i + 1) : 32
    if (code >= 48 && code <= 57 && next === 32) count++
  }
  return count
}

/**
 * Reads `cmu-pronouncing-dictionary` (npm, 3.0.0: cmusphinx/cmudict as an object literal, one
 * `"word": "PHONES",` line per entry, alternates as `word(2)`) without evaluating its 4.7 MB
 * module: one pass over its text, which is several times faster than importing it. Checked
 * against the imported module in test/metrics/text/cmu-syllables.test.ts.
 */
function loadSyllables(): Map<string, number> {
  const require = createRequire(import.meta.url)
  const path = require.resolve('cmu-pronouncing-dictionary')
  const source = readFileSync(path, 'utf8')
  const map = new Map<string, number>()
  let lineStart = source.indexOf('\n  "')
  while (lineStart >= 0) {
    const keyStart = lineStart + 4
    const keyEnd = source.indexOf('": "', keyStart)
    const valueEnd = source.indexOf('"', keyEnd + 4)
    if (keyEnd < 0 || valueEnd < 0) break
    const word = source.slice(keyStart, keyEnd)
    // alternates are "word(2)", "word(3)": textstat takes the first pronunciation only
    if (!word.endsWith(')')) map.set(word, stressedVowels(source.slice(keyEnd + 4, valueEnd)))
    lineStart = source.indexOf('\n  "', valueEnd)
  }
  if (map.size < MINIMUM_ENTRIES) throw new Error(`cmu-pronouncing-dictionary at ${path}: read ${map.size} words, expected over ${MINIMUM_ENTRIES}; the package's file format changed, pin cmu-pronouncing-dictionary 3.0.0`)
  return map
}

/**
 * Syllables of a lowercase word by the CMU Pronouncing Dictionary, as textstat 0.7.11 counts them:
 * the first pronunciation's phones that carry a stress digit; `undefined` when the word is not in
 * the dictionary. The dictionary is read on the first call.
 *
 * @param word lowercase word (apostrophes kept: `don't`, `'s`)
 * @example
 * cmuSyllables('readability') // => 5
 * cmuSyllables('qwzx')        // => undefined
 */
export function cmuSyllables(word: string): number | undefined {
  syllables ??= loadSyllables()
  return syllables.get(word)
}

/** Whether the dictionary has been read in this process (it is read on the first {@link cmuSyllables}). */
export function cmuDictionaryLoaded(): boolean {
  return syllables !== undefined
}
