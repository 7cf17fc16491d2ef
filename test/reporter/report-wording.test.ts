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

describe('a failing metric is always in its row', () => {
  test("a text run failing non_empty_output_rate names it in the terminal row, summary.md and index.html's summary, beside the grade levels", async () => {
    const { renderTerminalTable } = await import('../../src/reporter/terminal-table.js')
    const { renderSummaryMarkdown } = await import('../../src/reporter/summary-markdown.js')
    const run = { ...handBuiltRun({ metrics: { 'flesch_kincaid_grade_level/v1/mean': 7.1, 'ari_grade_level/v1/mean': 8.2, 'token_count/v1/mean': 41, non_empty_output_rate: 0.62 } }), modelType: 'text' as const }
    const gate = { kind: 'threshold' as const, matcher: 'toHaveMetric', title: 'non_empty_output_rate >= 0.95', pass: false, metric: 'non_empty_output_rate', value: 0.62, threshold: 0.95, message: 'non_empty_output_rate should be >= 0.95' }
    const failed: ReportedTest = { file: 'gen.test.ts', suitePath: [], name: 'generator', fullName: 'generator', state: 'failed', durationMs: 1, errors: ['non_empty_output_rate should be >= 0.95'], meta: { version: 1, runs: [run], gates: [gate], baselines: [], warnings: [] } }
    const entries = buildReportEntries([failed])
    expect(renderTerminalTable(entries).split('\n').find((line) => line.startsWith('FAIL'))).toMatch(/ non_empty_output_rate=0\.62 flesch_kincaid_grade_level\/v1\/mean=7\.1 /)
    expect(renderSummaryMarkdown(entries)).toContain('non\\_empty\\_output\\_rate **0.62**')
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('</table>', html.indexOf('id="summary"')))
    expect(summary).toContain('<span class="name">non_empty_output_rate</span>')
  })
})

describe('the positive label of a binary run', () => {
  test('the terminal row and the html header name it beside the positive-label metrics (adversarial pass 35: either text label is a plausible positive)', async () => {
    const { renderTerminalTable } = await import('../../src/reporter/terminal-table.js')
    const run = { ...handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.8, roc_auc: 0.95 } }), labels: ['fraud', 'legit'], posLabel: 'legit' }
    const testOf = (runs: ReadonlyArray<typeof run | Omit<typeof run, 'posLabel'>>): ReportedTest => ({ file: 'm.test.ts', suitePath: [], name: 'fraud model', fullName: 'fraud model', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [...runs], gates: [], baselines: [], warnings: [] } })
    const entries = buildReportEntries([testOf([run])])
    expect(renderTerminalTable(entries).split('\n').find((line) => line.startsWith('PASS'))).toContain('f1_score=0.8 roc_auc=0.95 (positive "legit")')
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('2 classes (positive label <code>legit</code>)')
    // a multiclass run (no positive label) and a run whose headline has no positive-label metric say nothing
    const { posLabel: _, ...multiclass } = { ...run, labels: ['a', 'b', 'c'] }
    expect(renderTerminalTable(buildReportEntries([testOf([multiclass])]))).not.toContain('positive')
    expect(renderHtmlReport(buildReportEntries([testOf([{ ...run, posLabel: '<b>x</b>' }])]).map((entry) => ({ entry, plots: [], files: [] })))).toContain('(positive label <code>&lt;b&gt;x&lt;/b&gt;</code>)')
    // a line feed in the label is shown as \n: it cannot print a row of its own (adversarial pass 56: a fake PASS row)
    const forged = renderTerminalTable(buildReportEntries([testOf([{ ...run, posLabel: 'yes\nPASS  fraud model  accuracy_score=0.99' }])]))
    expect(forged.split('\n').filter((line) => line.startsWith('PASS'))).toHaveLength(1)
    expect(forged).toContain('(positive "yes\\nPASS  fraud model  accuracy_score=0.99")')
  })
})
