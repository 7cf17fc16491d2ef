/**
 * A served run that lost 300 of its 400 rows (`onError: 'skip'`) read `PASS skip errors baseline
 * accuracy_score=1 f1_score=1 baseline written` in the terminal and a green line in summary.md;
 * only index.html's notes said "300 of 400 rows failed" (adversarial pass 36). Every summary of a
 * run now says how many of its rows failed.
 */
import { describe, expect, test } from 'vitest'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

function servedTest(name: string, failed: number): ReportedTest {
  const run = handBuiltRun({ metrics: { accuracy_score: 1, f1_score: 1, ...(failed > 0 ? { error_count: failed, error_rate: failed / 400 } : {}) }, exampleCount: 400 - failed })
  run.dataset.rowCount = 400
  run.model = { kind: 'adapter', errorCount: failed }
  return { file: 'skip.eval.test.ts', suitePath: [], name, fullName: name, state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [run], gates: [], baselines: [], warnings: [] } }
}

describe('rows failed in the model, wherever a run is summarised', () => {
  const tests = [servedTest('skip errors baseline', 300), servedTest('all answered', 0)]
  const entries = buildReportEntries(tests)

  test('the terminal row says how many rows failed; a run without failures says nothing of them', () => {
    const terminal = renderTerminalTable(entries, 'eval-results/index.html')
    const lines = terminal.split('\n')
    expect(lines.find((line) => line.includes('skip errors baseline'))).toContain('accuracy_score=1 f1_score=1 (300 of 400 rows failed)')
    expect(lines.find((line) => line.includes('all answered'))).not.toContain('failed')
  })

  test("summary.md says it in the run's row and in the headline", () => {
    const summary = renderSummaryMarkdown(entries, 'eval-results/index.html')
    const headline = summary.split('\n')[2]
    expect(headline).toBe('✅ 2 runs passed · ⚠️ 1 run lost rows to model errors (300 of 400 rows failed)')
    const row = summary.split('\n').find((line) => line.includes('skip errors baseline'))
    expect(row).toContain('⚠️ **300 of 400 rows failed** (left out of the metrics)')
    expect(summary.split('\n').find((line) => line.includes('all answered'))).not.toContain('rows failed')
  })

  test('a summary without failed rows keeps its headline as it was', () => {
    const summary = renderSummaryMarkdown(buildReportEntries([servedTest('all answered', 0)]))
    expect(summary.split('\n')[2]).toBe('✅ 1 run passed')
  })

  test("index.html's summary table says it beside the examples counted; junit.xml carries error_count and error_rate", () => {
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('</table>', html.indexOf('id="summary"')))
    expect(summary).toContain('100 examples · <b class="worse">300 of 400 rows failed</b>')
    const junit = buildJunitXml(tests, entries)
    expect(junit).toContain('<property name="error_count" value="300"/>')
    expect(junit).toContain('<property name="error_rate" value="0.75"/>')
  })
})
