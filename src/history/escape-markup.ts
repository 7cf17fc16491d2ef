/**
 * Escapes a string for HTML/SVG text and double-quoted attribute values. Every string of the
 * history page that comes from git or a baseline file (test names, slice keys, authors, commit
 * messages) goes through here.
 *
 * @example escapeMarkup('<b a="1">') // '&lt;b a=&quot;1&quot;&gt;'
 */
export function escapeMarkup(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
