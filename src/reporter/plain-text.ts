// ANSI escape sequences: CSI (colours, cursor moves) and OSC (hyperlinks, titles).
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u009b[0-?]*[ -/]*[@-~]/g
// Control characters other than tab, LF and CR (not allowed in XML 1.0, noise in HTML).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/**
 * Turns a message printed for a terminal into plain text: removes ANSI colour and hyperlink
 * sequences (matcher messages are coloured) and other control characters, keeping tabs and
 * line breaks.
 *
 * @example plainText('\u001b[31m0.05\u001b[39m') // '0.05'
 */
export function plainText(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, '')
}
