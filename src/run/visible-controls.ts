// C0 controls (tab, LF and CR are left to the caller), DEL, C1 controls, the Unicode
// direction overrides/isolates that reorder text ("Trojan source"), U+2028/U+2029, and the
// noncharacters U+FFFE/U+FFFF, which XML does not allow (its builder would drop them silently).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g
/** Half a surrogate pair on its own (`'👍'.slice(0, 1)`): no character, not encodable as UTF-8, URIs or XML. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Text with every lone surrogate replaced by U+FFFD (�), as a UTF-8 file would show it anyway:
 * safe for `encodeURIComponent` (which throws `URI malformed` on it), file names and XML.
 *
 * @example wellFormed('model \ud83d') // 'model \ufffd'
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd')
}

/**
 * Makes control characters visible as escapes (`\x1b`, `\x00`, `\u202e`), so a test name, label
 * or slice value cannot ring a bell, retitle a terminal, hide text or reorder a line in any file
 * the reporter writes; the reader still sees that the character was there. Tabs and line breaks
 * are kept (each output decides what to do with them). A lone surrogate becomes U+FFFD (see
 * {@link wellFormed}), as in folder names and links.
 *
 * @example showControls('a\u001b]0;PWNED\u0007b') // 'a\\x1b]0;PWNED\\x07b'
 */
export function showControls(text: string): string {
  return wellFormed(text).replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/**
 * {@link showControls} for text shown inside one line (a table row): line feeds, carriage returns
 * and tabs are escaped too (`\n`, `\r`, `\t`), so a label holding `\nPASS ...` cannot print a
 * row of its own (adversarial pass 56).
 *
 * @example showControlsInline('yes\nPASS') // 'yes\\nPASS'
 */
export function showControlsInline(text: string): string {
  return showControls(text).replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'))
}

// What JSON.stringify leaves raw but a terminal or editor would act on: DEL, C1, bidi controls.
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * `JSON.stringify` with the control characters it leaves raw (DEL, C1, line/paragraph
 * separators, bidi overrides) written as `\uXXXX` escapes: the same JSON value, nothing hidden.
 *
 * @example jsonWithoutControls({ a: '\u202e' }) // '{"a":"\\u202e"}'
 */
export function jsonWithoutControls(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
