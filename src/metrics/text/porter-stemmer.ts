/**
 * NLTK's `PorterStemmer()` in its default mode (`NLTK_EXTENSIONS`), NLTK 3.8: Porter's 1980
 * algorithm plus NLTK's changes (a pool of irregular forms, `ies`/`ied` of 4-letter words, `y -> i`
 * only after a consonant that is not the whole stem, `bli -> ble`, `fulli`, `logi`, the recursive
 * `alli` rule, a two-letter vowel-consonant stem counting as *o, words of 1-2 letters kept).
 * Written from NLTK's rules (no npm stemmer follows NLTK's mode: the common ones implement the
 * original algorithm or Martin Porter's published version). Checked word for word against NLTK
 * 3.8 on the committed fixture (test/fixtures/text/porter_stemmer.json).
 *
 * Indexing is by UTF-16 unit: for text in the Basic Multilingual Plane (every ROUGE token, which
 * is `[a-z0-9]+`) that is NLTK's code-point indexing; words holding astral characters (emoji) may
 * differ in the double-letter rules.
 */

const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['sky', 'sky'], ['skies', 'sky'], ['dying', 'die'], ['lying', 'lie'], ['tying', 'tie'], ['news', 'news'],
  ['innings', 'inning'], ['inning', 'inning'], ['outings', 'outing'], ['outing', 'outing'],
  ['cannings', 'canning'], ['canning', 'canning'], ['howe', 'howe'], ['proceed', 'proceed'],
  ['exceed', 'exceed'], ['succeed', 'succeed'],
])

function isVowelLetter(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'
}

/** Porter's consonant: not a, e, i, o, u, and not a y that follows a consonant. */
function isConsonant(word: string, i: number): boolean {
  const c = word[i]
  if (isVowelLetter(c)) return false
  if (c === 'y') return i === 0 ? true : !isConsonant(word, i - 1)
  return true
}

/** m in [C](VC){m}[V]: the number of vowel-to-consonant changes. */
function measure(stem: string): number {
  let m = 0
  let previousVowel = false
  for (let i = 0; i < stem.length; i++) {
    const consonant = isConsonant(stem, i)
    if (consonant && previousVowel) m++
    previousVowel = !consonant
  }
  return m
}

function positiveMeasure(stem: string): boolean {
  return measure(stem) > 0
}

function measureAbove1(stem: string): boolean {
  return measure(stem) > 1
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true
  return false
}

/** *d: ends with a double consonant. */
function endsDoubleConsonant(word: string): boolean {
  const n = word.length
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1)
}

/** *o: ends consonant-vowel-consonant, the last not w, x or y; NLTK adds a two-letter vowel-consonant word. */
function endsCvc(word: string): boolean {
  const n = word.length
  if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)) {
    const last = word[n - 1]
    if (last !== 'w' && last !== 'x' && last !== 'y') return true
  }
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1)
}

/** One suffix rule: suffix, replacement, condition on the stem left after removing the suffix. */
type Rule = readonly [suffix: string, replacement: string, condition: ((stem: string) => boolean) | null]

/**
 * The first rule whose suffix the word ends with decides: its replacement if its condition holds,
 * else the word unchanged (later rules are not tried).
 */
function applyFirstRule(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length)
      return condition === null || condition(stem) ? stem + replacement : word
    }
  }
  return word
}

function step1a(word: string): string {
  if (word.endsWith('ies') && word.length === 4) return word.slice(0, -3) + 'ie'
  return applyFirstRule(word, [['sses', 'ss', null], ['ies', 'i', null], ['ss', 'ss', null], ['s', '', null]])
}

function step1b(word: string): string {
  if (word.endsWith('ied')) return word.slice(0, -3) + (word.length === 4 ? 'ie' : 'i')
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3)
    return measure(stem) > 0 ? stem + 'ee' : word
  }
  let stem: string | undefined
  if (word.endsWith('ed') && containsVowel(word.slice(0, -2))) stem = word.slice(0, -2)
  else if (word.endsWith('ing') && containsVowel(word.slice(0, -3))) stem = word.slice(0, -3)
  if (stem === undefined) return word
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e'
  if (endsDoubleConsonant(stem)) {
    const last = stem[stem.length - 1]
    return last === 'l' || last === 's' || last === 'z' ? stem : stem.slice(0, -1)
  }
  return measure(stem) === 1 && endsCvc(stem) ? stem + 'e' : stem
}

function step1c(word: string): string {
  if (!word.endsWith('y')) return word
  const stem = word.slice(0, -1)
  return stem.length > 1 && isConsonant(stem, stem.length - 1) ? stem + 'i' : word
}

function step2(word: string): string {
  if (word.endsWith('alli') && positiveMeasure(word.slice(0, -4))) return step2(word.slice(0, -4) + 'al')
  return applyFirstRule(word, [
    ['ational', 'ate', positiveMeasure],
    ['tional', 'tion', positiveMeasure],
    ['enci', 'ence', positiveMeasure],
    ['anci', 'ance', positiveMeasure],
    ['izer', 'ize', positiveMeasure],
    ['bli', 'ble', positiveMeasure],
    ['alli', 'al', positiveMeasure],
    ['entli', 'ent', positiveMeasure],
    ['eli', 'e', positiveMeasure],
    ['ousli', 'ous', positiveMeasure],
    ['ization', 'ize', positiveMeasure],
    ['ation', 'ate', positiveMeasure],
    ['ator', 'ate', positiveMeasure],
    ['alism', 'al', positiveMeasure],
    ['iveness', 'ive', positiveMeasure],
    ['fulness', 'ful', positiveMeasure],
    ['ousness', 'ous', positiveMeasure],
    ['aliti', 'al', positiveMeasure],
    ['iviti', 'ive', positiveMeasure],
    ['biliti', 'ble', positiveMeasure],
    ['fulli', 'ful', positiveMeasure],
    // NLTK measures the stem with the l of "logi" kept
    ['logi', 'log', () => positiveMeasure(word.slice(0, -3))],
  ])
}

const STEP3: readonly Rule[] = [
  ['icate', 'ic', positiveMeasure],
  ['ative', '', positiveMeasure],
  ['alize', 'al', positiveMeasure],
  ['iciti', 'ic', positiveMeasure],
  ['ical', 'ic', positiveMeasure],
  ['ful', '', positiveMeasure],
  ['ness', '', positiveMeasure],
]

const STEP4: readonly Rule[] = [
  ['al', '', measureAbove1],
  ['ance', '', measureAbove1],
  ['ence', '', measureAbove1],
  ['er', '', measureAbove1],
  ['ic', '', measureAbove1],
  ['able', '', measureAbove1],
  ['ible', '', measureAbove1],
  ['ant', '', measureAbove1],
  ['ement', '', measureAbove1],
  ['ment', '', measureAbove1],
  ['ent', '', measureAbove1],
  ['ion', '', (stem) => measure(stem) > 1 && (stem.endsWith('s') || stem.endsWith('t'))],
  ['ou', '', measureAbove1],
  ['ism', '', measureAbove1],
  ['ate', '', measureAbove1],
  ['iti', '', measureAbove1],
  ['ous', '', measureAbove1],
  ['ive', '', measureAbove1],
  ['ize', '', measureAbove1],
]

function step5a(word: string): string {
  if (!word.endsWith('e')) return word
  const stem = word.slice(0, -1)
  const m = measure(stem)
  return m > 1 || (m === 1 && !endsCvc(stem)) ? stem : word
}

function step5b(word: string): string {
  return word.endsWith('ll') && measure(word.slice(0, -1)) > 1 ? word.slice(0, -1) : word
}

/**
 * Stem one word as NLTK 3.8's `PorterStemmer().stem(word)` does (lowercases first).
 *
 * @param word one word
 * @example
 * porterStem('caresses')   // => 'caress'
 * porterStem('happiness')  // => 'happi'
 * porterStem('generously') // => 'gener'
 * porterStem('dying')      // => 'die'
 */
export function porterStem(word: string): string {
  const lower = word.toLowerCase()
  const irregular = IRREGULAR.get(word)
  if (irregular !== undefined) return irregular
  // NLTK keeps words of at most 2 characters (Python's len: code points of the word as given)
  if (word.length <= 2 || (word.length <= 4 && Array.from(word).length <= 2)) return lower
  let stem = step1a(lower)
  stem = step1b(stem)
  stem = step1c(stem)
  stem = step2(stem)
  stem = applyFirstRule(stem, STEP3)
  stem = applyFirstRule(stem, STEP4)
  stem = step5a(stem)
  return step5b(stem)
}

/**
 * A {@link porterStem} that remembers up to `limit` words (ROUGE stems the same words again and again).
 *
 * @example
 * const stem = cachedPorterStemmer()
 * stem('running') // => 'run'
 */
export function cachedPorterStemmer(limit = 100_000): (word: string) => string {
  const cache = new Map<string, string>()
  return (word) => {
    let stem = cache.get(word)
    if (stem === undefined) {
      stem = porterStem(word)
      if (cache.size >= limit) cache.clear()
      cache.set(word, stem)
    }
    return stem
  }
}
