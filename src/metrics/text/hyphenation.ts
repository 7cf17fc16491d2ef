import { readPackagedTextData } from './packaged-data.js'

/** One Liang pattern as pyphen stores it: the offset of its first non-zero value, and the values from there. */
interface HyphenationPattern {
  offset: number
  values: readonly number[]
}

/** Parsed patterns of one `hyph_*.dic`, keyed by the pattern's letters (pyphen's `HyphDict`). */
export interface HyphenationPatterns {
  patterns: ReadonlyMap<string, HyphenationPattern>
  /** Longest key, in code points: no longer substring can match. */
  maxLength: number
}

const SKIPPED_PREFIXES = ['%', '#', 'LEFTHYPHENMIN', 'RIGHTHYPHENMIN', 'COMPOUNDLEFTHYPHENMIN', 'COMPOUNDRIGHTHYPHENMIN']

/**
 * Splits one pattern as pyphen's `re.findall(r'(\d?)(\D?)')` does: pairs of an optional digit and
 * an optional non-digit, plus the empty pair the search finds at the end.
 */
function splitPattern(pattern: string): { letters: string[]; values: number[] } {
  const chars = Array.from(pattern)
  const letters: string[] = []
  const values: number[] = []
  let i = 0
  for (;;) {
    const from = i
    let value = 0
    if (i < chars.length && isDigit(chars[i]!)) value = Number(chars[i++])
    let letter = ''
    if (i < chars.length && !isDigit(chars[i]!)) letter = chars[i++]!
    letters.push(letter)
    values.push(value)
    if (i >= chars.length) {
      // findall's last, empty match at the end (only when the match before it was not empty)
      if (i > from) {
        letters.push('')
        values.push(0)
      }
      return { letters, values }
    }
  }
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9'
}

/**
 * Parses a hunspell/pyphen `hyph_*.dic` the way pyphen 0.13.2's `HyphDict` does: the first line
 * names the charset (only UTF-8 is read here), comment and `*HYPHENMIN` lines are skipped, each
 * pattern's all-zero values are dropped, leading and trailing zeros are chopped, and a later
 * pattern with the same letters replaces an earlier one. Nonstandard (`/`, `=`) patterns are not
 * supported (the en_US file has none).
 *
 * @param text the whole file
 * @example
 * parseHyphenationPatterns('UTF-8\n1ba\n').patterns.get('ba') // => { offset: 0, values: [1] }
 */
export function parseHyphenationPatterns(text: string): HyphenationPatterns {
  const lines = text.split('\n')
  const charset = (lines[0] ?? '').trim()
  if (charset.toUpperCase() !== 'UTF-8') throw new Error(`hyphenation patterns: charset "${charset}" is not supported; convert the file to UTF-8`)
  const patterns = new Map<string, HyphenationPattern>()
  let maxLength = 0
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!.trim()
    if (line === '' || SKIPPED_PREFIXES.some((prefix) => line.startsWith(prefix))) continue
    if (line.includes('/') && line.includes('=')) throw new Error(`hyphenation patterns: line ${n + 1} ("${line}") is a nonstandard pattern, which is not supported`)
    const { letters, values } = splitPattern(line)
    let start = 0
    let end = values.length
    while (start < end && values[start] === 0) start++
    if (start === end) continue
    while (values[end - 1] === 0) end--
    const key = letters.join('')
    patterns.set(key, { offset: start, values: values.slice(start, end) })
    maxLength = Math.max(maxLength, Array.from(key).length)
  }
  return { patterns, maxLength }
}

/**
 * Liang's hyphenation points of one word, as pyphen's `Pyphen(left, right).positions(word)`:
 * every substring of `.word.` that is a pattern raises the values it covers to its own, odd
 * values are points, and points closer than `left` to the start or `right` to the end are dropped.
 * Positions count code points.
 *
 * @param word one word (lowercased here, as pyphen does)
 * @param dictionary parsed patterns
 * @example
 * hyphenationPositions('hyphenation', enUsHyphenation()) // => [2, 6] (hy-phen-ation)
 */
export function hyphenationPositions(word: string, dictionary: HyphenationPatterns, left = 2, right = 2): number[] {
  const chars = Array.from(`.${word.toLowerCase()}.`)
  const references = new Array<number>(chars.length + 1).fill(0)
  for (let i = 0; i < chars.length - 1; i++) {
    let key = ''
    const last = Math.min(i + dictionary.maxLength, chars.length)
    for (let j = i + 1; j <= last; j++) {
      key += chars[j - 1]
      const pattern = dictionary.patterns.get(key)
      if (pattern === undefined) continue
      const from = i + pattern.offset
      const to = Math.min(from + pattern.values.length, references.length)
      for (let k = from; k < to; k++) references[k] = Math.max(references[k]!, pattern.values[k - from]!)
    }
  }
  const length = Array.from(word).length
  const points: number[] = []
  for (let i = 0; i < references.length; i++) {
    const position = i - 1
    if (references[i]! % 2 === 1 && position >= left && position <= length - right) points.push(position)
  }
  return points
}

let enUs: HyphenationPatterns | undefined

/**
 * pyphen's `en_US` patterns (`data/hyph_en_US.dic`, 11,107 patterns from Debian's hyphen-en-us
 * 2.8.8), read and parsed on first use only.
 *
 * @example
 * enUsHyphenation().maxLength // => 28
 */
export function enUsHyphenation(): HyphenationPatterns {
  enUs ??= parseHyphenationPatterns(readPackagedTextData('hyph_en_US.dic'))
  return enUs
}

/** Whether the en_US patterns have been read in this process (on the first {@link enUsHyphenation}). */
export function enUsHyphenationLoaded(): boolean {
  return enUs !== undefined
}
