/**
 * One baseline row, one way of writing its numbers (adversarial pass 38): the matcher's failure
 * table printed `recall_score[region=apac]  0.8730    0.7381`, summary.md
 * `recall_score [region=apac] 0.873 → 0.7381` and index.html `0.873` and `0.7381`: the same row
 * of values, a trailing zero dropped in two outputs of three.
 */
import { describe, expect, test } from 'vitest'
import { renderBaselineTable } from '../../src/baselines/diff-table.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import type { BaselineMetricVerdict } from '../../src/run/verdicts.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const rows: BaselineMetricVerdict[] = [
  { metric: 'recall_score', slice: 'region=apac', baseline: 0.873, current: 0.7381, change: -0.1349, allowed: '0 (tolerance)', verdict: 'fail', greaterIsBetter: true, pValue: 0, test: 'paired-delong' },
  { metric: 'f1_score', slice: 'region=emea', baseline: 0.81, current: null, change: null, allowed: '0 (tolerance)', verdict: 'missing', greaterIsBetter: true },
]

function regressedTest(): ReportedTest {
  const comparison = { key: 'churn model', file: '__baselines__/m.test.ts.json', status: 'failed' as const, notes: [], rows, runIndex: 0 }
  const gate = { kind: 'baseline' as const, matcher: 'toMatchBaseline', title: 'baseline churn model', pass: false, message: '1 metric regressed', runIndex: 0 }
  return { file: 'm.test.ts', suitePath: [], name: 'churn model', fullName: 'churn model', state: 'failed', durationMs: 1, errors: ['1 metric regressed'], meta: { version: 1, runs: [handBuiltRun()], gates: [gate], baselines: [comparison], warnings: [] } }
}

describe('a baseline row', () => {
  test("summary.md and index.html write its values as the matcher's failure table does", () => {
    const table = renderBaselineTable(rows)
    expect(table).toMatch(/recall_score\[region=apac\] +0\.8730 +0\.7381 /)
    const entries = buildReportEntries([regressedTest()])
    const summary = renderSummaryMarkdown(entries)
    expect(summary).toContain('recall\\_score [region=apac] 0.8730 → 0.7381 (-0.1349, allowed 0 (tolerance), p<1e-300 paired-delong)')
    expect(summary).toContain('f1\\_score [region=emea] (baseline 0.8100) missing from the run')
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('<td class="num">0.8730</td><td class="num">0.7381</td>')
    expect(html).not.toContain('<td class="num">0.873</td>')
    // a p-value that underflowed to 0 reads p<1e-300, escaped in the HTML (adversarial pass 42: a raw "<" in a cell)
    expect(table).toContain('FAIL p<1e-300 paired-delong')
    expect(html).toContain('paired-delong p&lt;1e-300</td>')
  })
})
