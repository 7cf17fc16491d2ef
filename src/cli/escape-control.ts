/**
 * Control characters in data (labels, slice values, column names, file paths) must not reach a
 * terminal raw: `\x1b]0;…\x07` retitles the window, `\x1b[2J` clears it, a bare `\r` overwrites a
 * line. Every line the CLI prints goes through `escapeControlCharacters`.
 */

// C0 controls except the line feed that separates output lines, DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g

/**
 * `text` with every C0 control except `\n`, DEL and every C1 control written as a visible `\u001b`
 * escape. The escape is JSON's own, so a JSON document stays valid JSON (its strings then hold the
 * same characters), and a table shows `\u001b[2J` where a label holds ESC [ 2 J.
 *
 * @example
 * escapeControlCharacters('\x1b]0;PWNED\x07 ok\n') // '\\u001b]0;PWNED\\u0007 ok\n'
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
