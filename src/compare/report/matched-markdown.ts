/**
 * The Markdown of `evalgate compare` over results folders: one section per test matched across
 * the folders (its comparison, headings one level down), then the runs left unmatched and why.
 */
import { markdownCell, renderComparisonMarkdown } from './comparison-markdown.js'
import type { RunMatching } from './match-runs.js'
import type { RunComparison } from './run-comparison.js'

/** One matched test and its comparison, with the folder its page was written to. */
export interface MatchedComparison {
  label: string
  folder: string
  comparison: RunComparison
}

/**
 * Renders the matched tests' comparisons and the unmatched runs as one Markdown document.
 *
 * @example
 * renderMatchedMarkdown(['before', 'after'], [{ label: 'a.test.ts > model', folder: '1-a', comparison }], matching)
 * // '# evalgate compare: 1 test matched across before, after\n...'
 */
export function renderMatchedMarkdown(inputs: readonly string[], compared: readonly MatchedComparison[], matching: RunMatching): string {
  const lines = [
    `# evalgate compare: ${compared.length} test${compared.length === 1 ? '' : 's'} matched across ${inputs.map(markdownCell).join(', ')}`,
    '',
    `Each run of ${markdownCell(inputs[0])} is compared with the run of the same test (test file, full test name, run name) in the other folders.`,
    '',
  ]
  for (const { label, folder, comparison } of compared) {
    lines.push(`## ${markdownCell(label)}`, '', `Page: \`${markdownCell(folder)}/index.html\``, '')
    const body = renderComparisonMarkdown(comparison).replace(/^# evalgate compare\n/, '').replace(/^(#+) /gm, '#$1 ')
    lines.push(body.trim(), '')
  }
  if (matching.unmatched.length > 0) {
    lines.push('## Unmatched runs', '')
    for (const { run, reason } of matching.unmatched) lines.push(`- ${markdownCell(run.source)}: ${markdownCell(reason)}`)
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}
