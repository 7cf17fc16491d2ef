/**
 * The Content-Security-Policy of every HTML page evalgate writes (the reporter's `index.html`,
 * `evalgate history`'s pages): no script, no network, no form, no base; inline styles, and
 * images from the page's own folder or `data:` URIs. Strings from the data are escaped as well;
 * the policy keeps a missed one from running or fetching anything.
 *
 * @example `<head>${CONTENT_SECURITY_POLICY_META}</head>`
 */
export const CONTENT_SECURITY_POLICY_META =
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self' file:; base-uri 'none'; form-action 'none'">`
