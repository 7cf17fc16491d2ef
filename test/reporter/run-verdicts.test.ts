/**
 * In a failed test with several runs, the run whose own check failed is the failed one: before,
 * toOutperform's reference run (and a second model that met its baseline) was marked ❌ too, and
 * summary.md's header counted "❌ 2 failed" for one failed test without saying it counts runs.
 */
import { describe, expect, test } from 'vitest'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const gate = (pass: boolean, runIndex: number) => ({
  kind: 'outperform' as const,
  matcher: 'toOutperform',
  title: 'outperforms',
  pass,
  message: pass ? 'ok' : 'candidate should outperform base on accuracy_score by more than 0\n\nCandidate: 0.8\nOther:     0.81\nDifference (better is positive): -0.0100, required > 0\np-value: 0.812 that the gain is at most 0 (mcnemar-exact, 3 vs 5)\nExamples: 600',
  runIndex,
})

function testWith(state: ReportedTest['state'], gates: ReturnType<typeof gate>[]): ReportedTest {
  return { file: 'm.test.ts', suitePath: [], name: 'candidate beats base', fullName: 'candidate beats base', state, durationMs: 1, errors: state === 'failed' ? ['no gain'] : [], meta: { version: 1, runs: [handBuiltRun({ name: 'candidate' }), handBuiltRun({ name: 'base' })], gates, baselines: [], warnings: [] } }
}

describe('the verdict of each run of a failed test', () => {
  test('the run whose check failed fails; the reference run, with no check of its own, is not checked (adversarial pass 56: it read as passed)', () => {
    const entries = buildReportEntries([testWith('failed', [gate(false, 0)])])
    expect(entries.map((e) => [e.title, e.verdict])).toEqual([
      ['candidate beats base > candidate', 'fail'],
      ['candidate beats base > base', 'unchecked'],
    ])
    const summary = renderSummaryMarkdown(entries)
    expect(summary).toContain('❌ 1 run failed · ➖ 1 not checked')
    // The failed gate shows by how much, and the p-value (was the first line alone).
    expect(summary).toContain('by more than 0; Difference (better is positive): -0.0100, required &gt; 0; p-value: 0.812')
  })

  test("a failed test with no baseline check says it was not compared, not 'no baseline' (adversarial pass 67: read as a file missing where one was committed)", async () => {
    const { renderHtmlReport } = await import('../../src/reporter/html.js')
    const entries = buildReportEntries([testWith('failed', [gate(false, 0)])])
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('not compared (the test failed before any baseline check)')
    const passed = buildReportEntries([testWith('passed', [gate(true, 0)])])
    expect(renderHtmlReport(passed.map((entry) => ({ entry, plots: [], files: [] })))).toContain('>no baseline<')
  })

  test('a test that failed on something else than evalgate checks fails every run', () => {
    expect(buildReportEntries([testWith('failed', [gate(true, 0)])]).map((e) => e.verdict)).toEqual(['fail', 'fail'])
  })
})

describe('a test.fails test', () => {
  const baselineGate = { kind: 'baseline' as const, matcher: 'toMatchBaseline', title: 'baseline known regression 1', pass: false, message: '4 metrics regressed beyond what is allowed', runIndex: 0 }
  const known = (state: ReportedTest['state']): ReportedTest => ({
    file: 'm.test.ts', suitePath: [], name: 'known regression', fullName: 'known regression', state, durationMs: 1, errors: state === 'failed' ? ['Expect test to fail'] : [], expectedToFail: true,
    meta: {
      version: 1,
      runs: [handBuiltRun({})],
      gates: [baselineGate],
      baselines: [{ key: 'known regression 1', file: 'b.json', status: 'failed', notes: [], rows: [{ metric: 'accuracy_score', baseline: 0.9, current: 0.7, change: -0.2, allowed: '0 (tolerance)', verdict: 'fail', greaterIsBetter: true, pValue: 1e-6, test: 'mcnemar-exact' }] }],
      warnings: [],
    },
  })

  test('whose checks failed, as it expects, warns and fails nothing in any report (adversarial pass 64: JUnit and summary.md said it failed on a green job)', async () => {
    const tested = known('passed')
    const entries = buildReportEntries([tested])
    expect(entries.map((e) => e.verdict)).toEqual(['warn'])
    expect(entries[0].gates).toEqual([{ ...baselineGate, pass: true, expectedFailure: true }])
    expect(entries[0].warnings.at(-1)).toContain('expected to fail (test.fails)')
    const summary = renderSummaryMarkdown(entries)
    expect(summary).not.toContain('❌')
    expect(summary).toContain('(expected: test.fails)')
    const { renderHtmlReport } = await import('../../src/reporter/html.js')
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('failed, as test.fails expects')
    expect(html).not.toMatch(/class="badge fail"[^>]*>failed</)
    const { buildJunitXml } = await import('../../src/reporter/junit.js')
    const junit = buildJunitXml([tested], entries)
    expect(junit).not.toContain('<failure')
    expect(junit).toMatch(/<property name="expected_failure" value="true" ?\/>/)
  })

  test('whose checks passed fails, as Vitest fails it', () => {
    const passing = { ...known('failed'), meta: { ...known('failed').meta!, gates: [{ ...baselineGate, pass: true }], baselines: [] } }
    expect(buildReportEntries([passing]).map((e) => e.verdict)).toEqual(['fail'])
  })
})

describe('the headline metrics of a run', () => {
  test('a metric that failed its baseline is shown even when it is not a headline metric', async () => {
    const { headlineMetrics } = await import('../../src/reporter/headline-metrics.js')
    const run = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, vip_accuracy: 0 } })
    const failing = { key: 'm 1', file: 'b.json', status: 'failed' as const, notes: [], rows: [{ metric: 'vip_accuracy', baseline: 1, current: 0, change: -1, allowed: '0 (tolerance)', verdict: 'fail' as const, greaterIsBetter: true }] }
    expect(headlineMetrics(run, [failing]).map((m) => m.name)).toEqual(['accuracy_score', 'f1_score', 'vip_accuracy'])
    expect(headlineMetrics(run, []).map((m) => m.name)).toEqual(['accuracy_score', 'f1_score'])
  })

  test("so is one that fell beyond its allowance within noise, the warning's (the WARN row names what moved)", async () => {
    const { headlineMetrics } = await import('../../src/reporter/headline-metrics.js')
    const run = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, roc_auc: 0.93, log_loss: 0.4085 } })
    const warned = { key: 'm 1', file: 'b.json', status: 'passed' as const, notes: [], rows: [{ metric: 'log_loss', baseline: 0.3717, current: 0.4085, change: 0.0368, allowed: '0 (tolerance)', verdict: 'noise' as const, greaterIsBetter: false, pValue: 0.028 }] }
    expect(headlineMetrics(run, [warned]).map((m) => m.name)).toEqual(['accuracy_score', 'f1_score', 'roc_auc', 'log_loss'])
  })
})
