/**
 * Wording and layout of the reports after adversarial pass 35: the header counts runs "with
 * warnings" (it read "1 WARNINGS"); the compare page's first table is ordered by p and says so
 * (it was headed "Largest changes"), its verdict beside the change so it stays in view at 1400 px.
 */
import { describe, expect, test } from 'vitest'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { renderComparePage } from '../../src/reporter/compare-page.js'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { renderComparisonMarkdown } from '../../src/compare/report/comparison-markdown.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'
import { baselineAndFineTuned } from '../compare/compare-runs-fixture.js'

describe('report wording', () => {
  test('the header badge counts runs with warnings: "1 with warnings", not "1 warnings"', () => {
    const warned: ReportedTest = { file: 'm.test.ts', suitePath: [], name: 'w', fullName: 'w', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [handBuiltRun()], gates: [], baselines: [], warnings: ['something'] } }
    const html = renderHtmlReport(buildReportEntries([warned]).map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('<span class="badge warn">1 with warnings</span>')
    expect(html).not.toContain('1 warnings')
  })

  test('the compare page and compare.md say their first table is ordered by p; the verdict follows the change', async () => {
    const [a, b] = baselineAndFineTuned(false)
    const comparison = compareRuns([
      { name: 'base', source: 'a/run.json', run: a },
      { name: 'tuned', source: 'b/run.json', run: b },
    ] as never)
    const page = await renderComparePage(comparison)
    expect(page).toContain('<h2>Clearest changes against run 1 (base), smallest p first</h2>')
    expect(page).not.toContain('Largest changes')
    expect(page).toContain('<th>change</th><th>verdict</th><th>p (two-sided)</th>')
    const row = /<table class="cmp largest">.*?<tbody><tr[^>]*>(.*?)<\/tr>/s.exec(page)?.[1] ?? ''
    expect(row).toMatch(/data-change="[^"]+">[^<]+<\/td><td><span class="verdict (better|worse|no-clear-change)">/)
    expect(renderComparisonMarkdown(comparison)).toContain('## Clearest changes against run 1 (base), smallest p first')
  })
})
