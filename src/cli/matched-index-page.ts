/**
 * The top page of `evalgate compare` over results folders: a static list (no script, opens
 * offline) of the tests matched across the folders, each linking to its comparison page with its
 * tested changes counted, then the runs left unmatched and why.
 */
import type { RunMatching } from '../compare/report/match-runs.js'
import type { MatchedComparison } from '../compare/report/matched-markdown.js'
import { escapeHtml as e } from '../reporter/html-escape.js'
import { REPORT_CSS } from '../reporter/html-style.js'
import { CONTENT_SECURITY_POLICY_META } from '../run/content-security-policy.js'

function changeCounts(comparison: MatchedComparison['comparison']): string {
  let better = 0
  let worse = 0
  for (const row of comparison.rows) {
    for (const change of row.changes) {
      if (change?.verdict === 'better') better++
      else if (change?.verdict === 'worse') worse++
    }
  }
  return `${better} better, ${worse} worse`
}

/**
 * The index page's HTML.
 *
 * @example
 * renderMatchedIndex(['before', 'after'], compared, matching) // '<!doctype html>…<a href="1-a.test.ts-model/index.html">…'
 */
export function renderMatchedIndex(inputs: readonly string[], compared: readonly MatchedComparison[], matching: RunMatching): string {
  const items = compared.map(({ label, folder, comparison }) => `<li><a href="${e(encodeURIComponent(folder))}/index.html">${e(label)}</a> (${e(changeCounts(comparison))}; ${comparison.sharedData ? 'same data' : 'different data'})</li>`)
  const unmatched = matching.unmatched.map(({ run, reason }) => `<li>${e(run.source)}: ${e(reason)}</li>`)
  return [
    '<!doctype html>',
    // Styled as every other page evalgate writes (it was the one page in the browser's default serif; adversarial pass 35).
    `<html lang="en"><head><meta charset="utf-8">${CONTENT_SECURITY_POLICY_META}<meta name="viewport" content="width=device-width,initial-scale=1"><title>evalgate compare</title><style>${REPORT_CSS}</style></head><body>`,
    `<header class="top"><h1>evalgate compare: ${compared.length} test${compared.length === 1 ? '' : 's'} matched across ${e(inputs.join(', '))}</h1></header>`,
    '<main><section class="card">',
    `<p>Each run of ${e(inputs[0])} is compared with the run of the same test (test file, full test name, run name) in the other folders.</p>`,
    `<ul id="matched">${items.join('')}</ul>`,
    '</section>',
    unmatched.length > 0 ? `<section class="card"><h2>Unmatched runs</h2><ul id="unmatched">${unmatched.join('')}</ul></section>` : '',
    '</main></body></html>',
    '',
  ].join('\n')
}
