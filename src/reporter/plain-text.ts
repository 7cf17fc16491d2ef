import { showControls } from '../run/visible-controls.js'

// ANSI colour and style sequences (SGR, `ESC [ ... m`) and OSC 8 hyperlink brackets
// (`ESC ] 8 ; params ; uri BEL|ST`): what formatted messages carry; the link text stays.
// eslint-disable-next-line no-control-regex
const FORMATTING = /\u001b\[[0-9;]*m|\u001b\]8;[^\u0007\u001b]*;[^\u0007\u001b]*(?:\u0007|\u001b\\)/g

/**
 * Turns a message printed for a terminal into plain text: removes the ANSI colour sequences
 * matcher messages are coloured with and hyperlink brackets (keeping the link text), and makes
 * every other control character visible (`\x1b]0;PWNED\x07` stays readable as such instead of
 * acting, or silently vanishing). Tabs and line breaks are kept.
 *
 * @example plainText('\u001b[31m0.05\u001b[39m') // '0.05'
 */
export function plainText(text: string): string {
  return showControls(text.replace(FORMATTING, ''))
}
