/**
 * Python 3's Unicode character classes as textstat's regular expressions and `str.split()` see
 * them (Python 3.11, Unicode 14; checked against Python's own tables in
 * test/metrics/text/python-char-classes.test.ts).
 */

/** `str.isspace()`, `re`'s `\s` and the separators of `str.split()`: JavaScript's `\s` differs (it has U+FEFF, lacks U+001C-U+001F and U+0085). */
export function isPythonSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f)
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  )
}

/** ASCII word characters: `[A-Za-z0-9_]`. */
const ASCII_WORD = new Uint8Array(128)
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code)
  ASCII_WORD[code] = /[A-Za-z0-9_]/.test(char) ? 1 : 0
}
/** Python's Unicode `\w` is exactly letters (L*), numbers (N*) and `_` (checked over every code point). */
const UNICODE_WORD = /[\p{L}\p{N}_]/uy

/**
 * Whether the code point starting at `index` of `text` is a word character in Python's Unicode
 * `re` (`\w`, and so `\b`); JavaScript's `\w` and `\b` are ASCII-only even with the `u` flag.
 */
export function isPythonWordAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 128) return ASCII_WORD[code] === 1
  UNICODE_WORD.lastIndex = index
  return UNICODE_WORD.test(text)
}
