/**
 * SQuAD v1.1's answer normalisation (`normalize_answer` in its official evaluate script), as
 * Python 3 runs it: lowercase (`str.lower`), drop ASCII punctuation (`string.punctuation`), replace
 * the words a / an / the with a space (`\b(a|an|the)\b`, where Python's `\b` is Unicode-aware:
 * letters, numbers and `_` are word characters), then collapse whitespace (`str.split()`, which
 * splits on Python's Unicode whitespace, not JavaScript's `\s`).
 */

/** `string.punctuation`: the 32 ASCII punctuation characters. */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g
/** `\b(a|an|the)\b` with Python's Unicode word characters. */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu
/** The same for text that is all ASCII, where Python's Unicode `\b` and JavaScript's ASCII `\b` agree (faster). */
const ARTICLES_ASCII = /\b(?:a|an|the)\b/g
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ALL_ASCII = /^[\x00-\x7f]*$/
/** Characters Python's `str.split()` splits on (`str.isspace()`). */
// eslint-disable-next-line no-control-regex -- Python counts the separators U+001C-U+001F as whitespace
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

/**
 * The tokens of SQuAD's normalised answer (`normalize_answer(s).split()`).
 *
 * @example
 * squadTokens('The Eiffel  Tower!') // => ['eiffel', 'tower']
 */
export function squadTokens(text: string): string[] {
  const lowered = text.toLowerCase().replace(ASCII_PUNCTUATION, '').replace(ALL_ASCII.test(text) ? ARTICLES_ASCII : ARTICLES, ' ')
  return lowered.split(PYTHON_WHITESPACE).filter((token) => token.length > 0)
}

/**
 * SQuAD v1.1's `normalize_answer`.
 *
 * @example
 * normalizeAnswer('  The Eiffel Tower, Paris.') // => 'eiffel tower paris'
 * normalizeAnswer("Don't panic")               // => 'dont panic'
 */
export function normalizeAnswer(text: string): string {
  return squadTokens(text).join(' ')
}
