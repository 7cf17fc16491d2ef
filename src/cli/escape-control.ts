/**
 * Control characters in data (labels, slice values, column names, file paths) must not reach a
 * terminal raw: `\x1b]0;…\x07` retitles the window, `\x1b[2J` clears it, a bare `\r` overwrites a
 * line. Every line the CLI prints goes through `escapeControlCharacters`.
 */

// C0 controls except the line feed that separates output lines, DEL, the C1 controls, and the
// bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what a
// terminal shows (a label can make `evil` read as `live`), as the reporter escapes them too.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * `text` with every C0 control except `\n`, DEL, every C1 control and the bidi controls written as a visible `\u001b`
 * escape. The escape is JSON's own, so a JSON document stays valid JSON (its strings then hold the
 * same characters), and a table shows `\u001b[2J` where a label holds ESC [ 2 J.
 *
 * @example
 * escapeControlCharacters('\x1b]0;PWNED\x07 ok\n') // '\\u001b]0;PWNED\\u0007 ok\n'
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
