import { showControls } from '../run/visible-controls.js'

/**
 * Escapes a string for HTML/SVG text and double-quoted attribute values, with control and bidi
 * characters made visible (`\x1b`, `\u202e`, see `showControls`). Every string of the history
 * page and of the reporter's pages that comes from git, a baseline file or the data (test names,
 * slice keys, authors, commit messages, labels) goes through here.
 *
 * @example escapeMarkup('<b a="1">\u202e') // '&lt;b a=&quot;1&quot;&gt;\\u202e'
 */
export function escapeMarkup(value: unknown): string {
  return showControls(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
