import { showControls } from './visible-controls.js'

/**
 * Escapes a string for HTML text and double-quoted attribute values. Every string that comes
 * from the data (labels, slice values, test names, messages) goes through here before it
 * reaches `index.html`; control characters are made visible (`\x1b`) on the way.
 *
 * @example escapeHtml('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(value: unknown): string {
  return showControls(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
