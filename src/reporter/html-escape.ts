import { escapeMarkup } from '../history/escape-markup.js'
import { wellFormed } from '../run/visible-controls.js'

/**
 * Escapes a string for HTML text and double-quoted attribute values. Every string that comes
 * from the data (labels, slice values, test names, messages) goes through here before it
 * reaches `index.html`; control characters are made visible (`\x1b`) on the way.
 *
 * @example escapeHtml('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(value: unknown): string {
  return escapeMarkup(value)
}

/**
 * A relative link to a file of the results folder for an `href`: each path segment
 * percent-encoded (folder names are already safe; this keeps any other character from being
 * read as a fragment, query or escape). Escape the result with `escapeHtml` as any attribute.
 *
 * @example fileHref('a b/run.json') // 'a%20b/run.json'
 */
export function fileHref(path: string): string {
  return path.split('/').map(uriComponent).join('/')
}

/**
 * `encodeURIComponent` that never throws: a lone surrogate (half an emoji cut from a test name)
 * is encoded as U+FFFD instead of failing the whole report with `URIError: URI malformed`.
 *
 * @example uriComponent('run-a\ud83d') // 'run-a%EF%BF%BD'
 */
export function uriComponent(text: string): string {
  return encodeURIComponent(wellFormed(text))
}
