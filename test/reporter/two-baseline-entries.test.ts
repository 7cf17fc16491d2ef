/**
 * One run checked by two baseline entries, as the README advises (`toMatchBaseline({ name:
 * 'sliced' })` and `toMatchBaseline({ name: 'overall', slices: false })`), whose verdicts differ
 * for a metric (adversarial pass 54, finding 1): the sliced entry's Holm family left accuracy
 * within noise while the overall entry failed it (FAIL p=0.0081), and index.html's Metrics table
 * read `accuracy_score … ▼ -0.0210 noise` under a FAIL badge: the first entry's row. Every report
 * fed by the overall row now shows the worst verdict among the entries, and names the entry.
 * And junit.xml (finding 2) repeated `baseline.status` and `baseline.accuracy_score.verdict` once
 * per entry in one testcase, so a dashboard keeping one value per name read "passed / noise":
 * where a run has several entries, the names hold the entry's name.
 */
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, test } from 'vitest'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { overallBaselineRow } from '../../src/reporter/headline-metrics.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { metricsTable } from '../../src/reporter/run-tables.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import type { BaselineComparison, BaselineMetricVerdict, GateResult } from '../../src/run/verdicts.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const FILE = 'evals/__baselines__/two.eval.test.ts.json'

function accuracyRow(verdict: BaselineMetricVerdict['verdict'], slice?: string): BaselineMetricVerdict {
  return { metric: 'accuracy_score', ...(slice !== undefined ? { slice } : {}), baseline: 0.767, current: 0.746, change: -0.021, allowed: '0 (tolerance)', verdict, greaterIsBetter: true, pValue: 0.0081, test: 'mcnemar-exact' }
}

/** The sliced entry: accuracy within noise under Holm over 21 hypotheses; f1 passed. */
function sliced(): BaselineComparison {
  const f1: BaselineMetricVerdict = { metric: 'f1_score', baseline: 0.88, current: 0.88, change: 0, allowed: '0 (tolerance)', verdict: 'pass', greaterIsBetter: true }
  return { key: 'one run, two entries > sliced', runName: 'sliced', file: FILE, status: 'passed', notes: [], rows: [accuracyRow('noise'), accuracyRow('noise', 'region=r13'), f1] }
}

/** The overall entry (slices: false): accuracy failed. */
function overall(): BaselineComparison {
  return { key: 'one run, two entries > overall', runName: 'overall', file: FILE, status: 'failed', notes: [], rows: [accuracyRow('fail')] }
}

function twoEntriesTest(baselines: BaselineComparison[]): ReportedTest {
  const gates: GateResult[] = baselines.map((b) => ({ kind: 'baseline', matcher: 'toMatchBaseline', title: `baseline ${b.key}`, pass: b.status !== 'failed', message: b.status === 'failed' ? '1 metric regressed beyond what is allowed' : `${b.key}: passed`, runName: b.runName }))
  const failed = baselines.some((b) => b.status === 'failed')
  return {
    file: 'evals/two.eval.test.ts',
    suitePath: [],
    name: 'one run, two entries',
    fullName: 'one run, two entries',
    state: failed ? 'failed' : 'passed',
    durationMs: 1,
    errors: failed ? ['1 metric regressed beyond what is allowed'] : [],
    meta: { version: 1, runs: [handBuiltRun({ metrics: { accuracy_score: 0.746, f1_score: 0.88 } })], gates, baselines, warnings: [] },
  }
}

/** The Metrics table's row of a metric in index.html, its cells as text. */
function metricsRowCells(html: string, metric: string): string[] {
  const table = html.slice(html.indexOf('<h3>Metrics</h3>'))
  const row = new RegExp(`<tr><td>${metric}</td>.*?</tr>`).exec(table)?.[0]
  expect(row).toBeDefined()
  return [...row!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''))
}

describe('a run checked by two baseline entries whose verdicts differ', () => {
  test('the overall row is the worst verdict among the entries, whichever entry comes first, and names it', () => {
    expect(overallBaselineRow([sliced(), overall()], 'accuracy_score')).toMatchObject({ verdict: 'fail', entry: 'overall', pValue: 0.0081 })
    expect(overallBaselineRow([overall(), sliced()], 'accuracy_score')).toMatchObject({ verdict: 'fail', entry: 'overall' })
    // A metric that only one entry holds: its row, no entry named.
    const f1 = overallBaselineRow([sliced(), overall()], 'f1_score')
    expect(f1?.verdict).toBe('pass')
    expect(f1?.entry).toBeUndefined()
    // One entry: its row as it is.
    expect(overallBaselineRow([sliced()], 'accuracy_score')).toEqual(accuracyRow('noise'))
  })

  test('missing beats noise, noise beats pass, pass beats improved; a tie keeps the first entry', () => {
    const withAccuracy = (name: string, verdict: BaselineMetricVerdict['verdict']): BaselineComparison => ({ key: `m > ${name}`, runName: name, file: FILE, status: 'passed', notes: [], rows: [accuracyRow(verdict)] })
    expect(overallBaselineRow([withAccuracy('a', 'noise'), withAccuracy('b', 'missing')], 'accuracy_score')).toMatchObject({ verdict: 'missing', entry: 'b' })
    expect(overallBaselineRow([withAccuracy('a', 'pass'), withAccuracy('b', 'noise')], 'accuracy_score')).toMatchObject({ verdict: 'noise', entry: 'b' })
    expect(overallBaselineRow([withAccuracy('a', 'improved'), withAccuracy('b', 'pass')], 'accuracy_score')).toMatchObject({ verdict: 'pass', entry: 'b' })
    expect(overallBaselineRow([withAccuracy('a', 'pass'), withAccuracy('b', 'pass')], 'accuracy_score')).toMatchObject({ verdict: 'pass', entry: 'a' })
    // An entry of an unnamed run is named by its key.
    const unnamed: BaselineComparison = { key: 'm 1', file: FILE, status: 'failed', notes: [], rows: [accuracyRow('fail')] }
    expect(overallBaselineRow([withAccuracy('overall', 'noise'), unnamed], 'accuracy_score')).toMatchObject({ verdict: 'fail', entry: 'm 1' })
    // The same entry recorded twice (a run checked again with the same options) is one entry: none named.
    expect(overallBaselineRow([overall(), overall()], 'accuracy_score')?.entry).toBeUndefined()
  })

  test("index.html's Metrics table reads fail (overall), under the run's FAIL badge", () => {
    const entries = buildReportEntries([twoEntriesTest([sliced(), overall()])])
    expect(entries[0].verdict).toBe('fail')
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    const cells = metricsRowCells(html, 'accuracy_score')
    expect(cells.at(-3)).toBe('0.767')
    expect(cells.at(-2)).toBe('▼ -0.0210')
    expect(cells.at(-1)).toBe('fail (overall)')
    // f1_score is the sliced entry's only: its verdict, no entry named.
    expect(metricsRowCells(html, 'f1_score').at(-1)).toBe('pass')
    // The headline change in the Summary names the entry too.
    expect(html).toContain('<span class="worse">▼ -0.0210</span> <span class="iv">(entry overall)</span>')
  })

  test('metrics.csv, summary.md and the terminal table give the failing entry', () => {
    const [entry] = buildReportEntries([twoEntriesTest([sliced(), overall()])])
    const csv = metricsTable(entry.run, entry.baselines)
    expect(csv.columns.slice(-2)).toEqual(['baseline_verdict', 'baseline_entry'])
    expect(csv.rows.find((r) => r.metric === 'accuracy_score')).toMatchObject({ baseline_verdict: 'fail', baseline_entry: 'overall' })
    expect(csv.rows.find((r) => r.metric === 'f1_score')).toMatchObject({ baseline_verdict: 'pass', baseline_entry: undefined })
    expect(renderSummaryMarkdown([entry])).toContain('| accuracy\\_score 🔴 -0.0210 (entry overall)<br>f1\\_score ⚪ ±0 |')
    expect(renderTerminalTable([entry])).toContain('accuracy_score -0.0210 (worse, entry overall), f1_score ±0')
  })

  test('a run of one entry reads as before: no entry named', () => {
    const entries = buildReportEntries([twoEntriesTest([overall()])])
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(metricsRowCells(html, 'accuracy_score').at(-1)).toBe('fail')
    expect(renderSummaryMarkdown(entries)).toContain('| accuracy\\_score 🔴 -0.0210 |')
    expect(renderTerminalTable(entries)).toContain('accuracy_score -0.0210 (worse)')
    expect(html).not.toContain('(entry ')
  })
})

/** The properties of the test's own testcase (not its gates'), in order, as [name, value]. */
function testCaseProperties(xml: string): Array<[string, string]> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) })
  const cases = (parser.parse(xml) as { testsuites: { testsuite: Array<{ testcase: Array<Record<string, unknown>> }> } }).testsuites.testsuite.flatMap((suite) => suite.testcase)
  const own = cases.find((c) => c.name === 'one run, two entries')
  const props = (own?.properties as { property: Array<{ name: string; value: string }> }).property
  return props.map((p) => [p.name, p.value])
}

describe('junit.xml of a run checked by two baseline entries', () => {
  test("each entry's baseline properties are named with the entry, no name twice", () => {
    const tests = [twoEntriesTest([sliced(), overall()])]
    const props = testCaseProperties(buildJunitXml(tests, buildReportEntries(tests)))
    const names = props.map(([name]) => name)
    expect(new Set(names).size).toBe(names.length)
    const byName = Object.fromEntries(props)
    expect(byName['baseline.sliced.status']).toBe('passed')
    expect(byName['baseline.sliced.accuracy_score.verdict']).toBe('noise')
    expect(byName['baseline.sliced.accuracy_score[region=r13].verdict']).toBe('noise')
    expect(byName['baseline.overall.status']).toBe('failed')
    expect(byName['baseline.overall.accuracy_score']).toBe('0.767')
    expect(byName['baseline.overall.accuracy_score.change']).toBe('-0.021')
    expect(byName['baseline.overall.accuracy_score.verdict']).toBe('fail')
    expect(names.filter((name) => /^baseline\.(status|accuracy_score)/.test(name))).toEqual([])
  })

  test('a run of one entry keeps the names without it', () => {
    const tests = [twoEntriesTest([overall()])]
    const byName = Object.fromEntries(testCaseProperties(buildJunitXml(tests, buildReportEntries(tests))))
    expect(byName['baseline.status']).toBe('failed')
    expect(byName['baseline.accuracy_score.verdict']).toBe('fail')
    expect(Object.keys(byName).filter((name) => name.includes('overall'))).toEqual([])
  })
})

describe('a drop within noise is drawn amber, not in the failures\' red (adversarial pass 54, low)', () => {
  test('index.html and summary.md: the sliced entry alone (noise) reads amber and 🟡; with the failing entry, red and 🔴', () => {
    const noiseOnly = buildReportEntries([twoEntriesTest([sliced()])])
    const html = renderHtmlReport(noiseOnly.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('<span class="noisy">▼ -0.0210</span>')
    expect(html).not.toContain('<span class="worse">▼ -0.0210</span>')
    expect(renderSummaryMarkdown(noiseOnly)).toContain('accuracy\\_score 🟡 -0.0210')
    const both = buildReportEntries([twoEntriesTest([sliced(), overall()])])
    expect(renderHtmlReport(both.map((entry) => ({ entry, plots: [], files: [] })))).toContain('<span class="worse">▼ -0.0210</span>')
    expect(renderSummaryMarkdown(both)).toContain('accuracy\\_score 🔴 -0.0210')
  })
})
