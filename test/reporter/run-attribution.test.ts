/**
 * Which run of a test a report line belongs to. A test evaluating two models, each followed by
 * toMatchBaseline, whose first check threw: the second model was never checked, yet was reported
 * as passed (terminal PASS, summary.md ✅, junit verdict "pass"), so `-u` for the "only" failure
 * accepted its regression. And a warning was charged to the test's first run whichever run it
 * was about (the candidate's within-noise threshold shown, ⚠️, on the reference).
 */
import { describe, expect, test } from 'vitest'
import { buildReportEntries, UNCHECKED_NOTE } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import type { EvalgateTaskMeta } from '../../src/run/test-meta.js'
import type { BaselineComparison, GateResult } from '../../src/run/verdicts.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const failedBaseline = (where: { runName?: string; runIndex?: number }): { gate: GateResult; comparison: BaselineComparison } => ({
  gate: { kind: 'baseline', matcher: 'toMatchBaseline', title: 'baseline two models > baseline-model', pass: false, message: '1 metric regressed', ...where },
  comparison: {
    key: 'two models > baseline-model',
    file: '__baselines__/m.test.ts.json',
    status: 'failed',
    notes: [],
    rows: [{ metric: 'accuracy_score', baseline: 0.9, current: 0.82, change: -0.08, allowed: '-0.02 (tolerance)', verdict: 'fail', greaterIsBetter: true }],
    ...where,
  },
})

function failedTest(name: string, meta: Partial<EvalgateTaskMeta> & Pick<EvalgateTaskMeta, 'runs'>): ReportedTest {
  return { file: 'm.test.ts', suitePath: [], name, fullName: name, state: 'failed', durationMs: 1, errors: ['1 metric regressed'], meta: { version: 1, gates: [], baselines: [], warnings: [], ...meta } }
}

/** Two models, the first one's baseline check threw: the second's check never ran. */
function twoModels(named: boolean): ReportedTest {
  const { gate, comparison } = failedBaseline(named ? { runName: 'baseline-model' } : { runIndex: 0 })
  const runs = named ? [handBuiltRun({ name: 'baseline-model' }), handBuiltRun({ name: 'candidate', metrics: { accuracy_score: 0.82, f1_score: 0.8 } })] : [handBuiltRun(), handBuiltRun({ metrics: { accuracy_score: 0.82, f1_score: 0.8 } })]
  return failedTest(named ? 'two models' : 'unnamed two', { runs, gates: [gate], baselines: [comparison] })
}

describe('a run its failed test never checked', () => {
  test.each([
    [true, 'two models > candidate'],
    [false, 'unnamed two > run 2'],
  ])('is neither passed nor failed but unchecked, in every report (named runs: %s)', (named, title) => {
    const tests = [twoModels(named)]
    const entries = buildReportEntries(tests)
    expect(entries.map((e) => e.verdict)).toEqual(['fail', 'unchecked'])
    expect(entries[1].title).toBe(title)

    const terminal = renderTerminalTable(entries)
    expect(terminal).toMatch(new RegExp(`^UNCHECKED +${title}`, 'm'))
    expect(terminal).not.toMatch(/^PASS/m)
    expect(terminal).toContain(`${title}: ${UNCHECKED_NOTE}`)

    const summary = renderSummaryMarkdown(entries)
    expect(summary).toContain('❌ 1 run failed · ➖ 1 not checked')
    expect(summary).not.toContain('✅')
    expect(summary).toContain(`| ➖ | ${title.replace(/>/g, '&gt;')} |`)
    expect(summary).toContain('no assertion on this run completed (the test failed before checking it, or the run was only compared with in a comparison that failed)')

    const junit = buildJunitXml(tests, entries)
    const prefix = named ? 'candidate' : 'run2'
    expect(junit).toContain(`<property name="${prefix}.evalgate.verdict" value="unchecked"/>`)
    expect(junit).toContain(`<property name="${prefix}.evalgate.verdict_note" value="${UNCHECKED_NOTE}"/>`)

    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('<span class="badge unchecked">1 not checked</span>')
    const section = html.slice(html.indexOf(`id="${entries[1].anchor}"`))
    expect(section).toContain(`<h2><span class="badge unchecked">not checked</span> ${title.replace(/>/g, '&gt;')}</h2>`)
    expect(section).toContain('no assertion on this run completed')
    const summaryRow = html.slice(html.indexOf(`href="#${entries[1].anchor}"`) - 200, html.indexOf(`href="#${entries[1].anchor}"`) + 600)
    expect(summaryRow).toContain('not checked')
    expect(summaryRow).not.toContain('no baseline')
  })

  test("toOutperform's other run, only compared with, has no check of its own: not checked, never passed (adversarial pass 56; it was shown PASS)", () => {
    const outperform: GateResult = { kind: 'outperform', matcher: 'toOutperform', title: 'candidate vs base', pass: false, message: 'no gain', runName: 'candidate', comparedRunName: 'base' }
    const runs = [handBuiltRun({ name: 'candidate' }), handBuiltRun({ name: 'base' }), handBuiltRun({ name: 'third' })]
    expect(buildReportEntries([failedTest('three', { runs, gates: [outperform] })]).map((e) => [e.run.name, e.verdict])).toEqual([
      ['candidate', 'fail'],
      ['base', 'unchecked'],
      ['third', 'unchecked'],
    ])
  })

  test("a reference whose comparison passed keeps its pass when another run's check fails the test (adversarial pass 58)", () => {
    const outperform: GateResult = { kind: 'outperform', matcher: 'toOutperform', title: 'candidate vs base', pass: true, message: 'gain', runName: 'candidate', comparedRunName: 'base' }
    const third: GateResult = { kind: 'threshold', matcher: 'toHaveMetric', title: 'accuracy >= 0.95', pass: false, message: 'low', runName: 'third', metric: 'accuracy_score', value: 0.9, threshold: 0.95 }
    const runs = [handBuiltRun({ name: 'candidate' }), handBuiltRun({ name: 'base' }), handBuiltRun({ name: 'third' })]
    expect(buildReportEntries([failedTest('three', { runs, gates: [outperform, third] })]).map((e) => [e.run.name, e.verdict])).toEqual([
      ['candidate', 'pass'],
      ['base', 'pass'],
      ['third', 'fail'],
    ])
  })

  test('a passed test, or a test failed on something else, keeps its verdicts', () => {
    const runs = [handBuiltRun({ name: 'a' }), handBuiltRun({ name: 'b' })]
    const passedTest = { ...failedTest('fine', { runs }), state: 'passed' as const, errors: [] }
    expect(buildReportEntries([passedTest]).map((e) => e.verdict)).toEqual(['pass', 'pass'])
    expect(buildReportEntries([failedTest('threw', { runs })]).map((e) => e.verdict)).toEqual(['fail', 'fail'])
  })

  test('a test that failed outside evalgate after checking one run: that run passed, the other carries the failure (was: both FAIL, then "not checked", which no report counted as a failure: adversarial pass 37)', () => {
    const passed: GateResult = { kind: 'baseline', matcher: 'toMatchBaseline', title: 'baseline threw > a', pass: true, message: 'ok', runName: 'a' }
    const runs = [handBuiltRun({ name: 'a' }), handBuiltRun({ name: 'b' })]
    const entries = buildReportEntries([{ ...failedTest('threw after checks', { runs, gates: [passed] }), errors: ['AssertionError: expected 0.5 to be greater than 0.9'] }])
    expect(entries.map((e) => [e.run.name, e.verdict])).toEqual([
      ['a', 'pass'],
      ['b', 'fail'],
    ])
    const summary = renderSummaryMarkdown(entries)
    expect(summary).toContain('❌ 1 run failed · ✅ 1 passed')
    expect(summary).not.toContain('not checked')
    expect(renderTerminalTable(entries, undefined)).toMatch(/FAIL\s+threw after checks > b/)
    // every run checked and passed: the failure lies elsewhere, and every run shows it
    const both = [passed, { ...passed, runName: 'b' }]
    expect(buildReportEntries([failedTest('threw at the end', { runs, gates: both })]).map((e) => e.verdict)).toEqual(['fail', 'fail'])
  })
})

describe('a warning belongs to the run it is about', () => {
  const noise = 'accuracy_score = 0.85 against >= 0.84: the verdict is within noise'
  const soft = (meta: Pick<EvalgateTaskMeta, 'warnings' | 'runWarnings'> & Partial<Pick<EvalgateTaskMeta, 'baselines'>>, named = true): ReportedTest => ({
    file: 'm.test.ts',
    suitePath: [],
    name: 'soft',
    fullName: 'soft',
    state: 'passed',
    durationMs: 1,
    errors: [],
    meta: { version: 1, runs: named ? [handBuiltRun({ name: 'ref' }), handBuiltRun({ name: 'cand' })] : [handBuiltRun(), handBuiltRun()], gates: [], baselines: [], ...meta },
  })

  test('by run name, or by the index of an unnamed run', () => {
    const byName = buildReportEntries([soft({ warnings: [noise], runWarnings: [{ message: noise, runName: 'cand' }] })])
    expect(byName.map((e) => [e.title, e.verdict, e.warnings])).toEqual([
      ['soft > ref', 'pass', []],
      ['soft > cand', 'warn', [noise]],
    ])
    const byIndex = buildReportEntries([soft({ warnings: [noise], runWarnings: [{ message: noise, runIndex: 1 }] }, false)])
    expect(byIndex.map((e) => e.warnings)).toEqual([[], [noise]])
    const summary = renderSummaryMarkdown(byName)
    expect(summary).toContain('| ⚠️ | soft &gt; cand |')
    expect(summary).toContain('| ✅ | soft &gt; ref |')
    // and says what the warning is, under the run it is about (was: a ⚠️ and nothing to read)
    expect(summary).toContain('### Warnings\n\n- **soft &gt; cand**: accuracy\\_score = 0.85 against &gt;= 0.84: the verdict is within noise\n')
  })

  test('a warning of several lines names what it lists under its first line, the first few and how many more', () => {
    const several = [
      'baseline "few large errors 1": 6 metrics moved beyond what is allowed but within noise:',
      '  - mean_absolute_error rose from 0.2187 to 0.5305 (+0.3118, worse), beyond the allowed drop but within noise (p=0.13)',
      '  - r2_score fell from 0.9944 to 0.3805 (-0.6139, worse), beyond the allowed drop but within noise (p=0.064)',
      '  - root_mean_squared_error rose from 0.2667 to 2.8057 (+2.5390, worse), beyond the allowed drop but within noise (p=0.055)',
      '  - max_error rose from 1 to 9 (+8, worse), beyond the allowed drop but within noise (p=0.2)',
      '  - within_0_5 fell from 0.9458 to 0.9333 (-0.0125, worse), beyond the allowed drop but within noise (p=0.057)',
      "  … and 1 more; every one is in the evalgate report's baseline comparison",
    ].join('\n')
    const summary = renderSummaryMarkdown(buildReportEntries([soft({ warnings: [several], runWarnings: [{ message: several, runName: 'cand' }] })]))
    const section = summary.slice(summary.indexOf('### Warnings'))
    // Was: the first line alone, ending in a colon, naming no metric.
    expect(section).toContain('- **soft &gt; cand**: baseline "few large errors 1": 6 metrics moved beyond what is allowed but within noise:\n  - mean\\_absolute\\_error rose from 0.2187 to 0.5305 (+0.3118, worse)')
    expect(section).toContain('\n  - r2\\_score fell from 0.9944 to 0.3805 (-0.6139, worse)')
    expect(section).toContain('\n  - max\\_error rose from 1 to 9 (+8, worse)')
    expect(section).not.toContain('within\\_0\\_5')
    expect(section).toContain('\n  - … 2 more lines in the full report\n')
  })

  test("a check that names its entry otherwise than its run (toMatchBaseline({ name })) is the checked run's, by its index; an unnamed run is titled by its check's name unless another run has it (adversarial pass 52, M3)", () => {
    const comparison = (runName: string, runIndex?: number): BaselineComparison => ({ key: `soft > ${runName}`, file: 'b.json', status: 'passed', notes: [], rows: [], runName, ...(runIndex !== undefined ? { runIndex } : {}) })
    // run 2, named "cand" by evaluate(), checked as "other": its warning and check are its own
    const renamed = buildReportEntries([soft({ warnings: [noise], runWarnings: [{ message: noise, runName: 'other', runIndex: 1 }], baselines: [comparison('ref'), comparison('other', 1)] })])
    expect(renamed.map((e) => [e.title, e.warnings.length, e.baselines.map((b) => b.key)])).toEqual([
      ['soft > ref', 0, ['soft > ref']],
      ['soft > cand', 1, ['soft > other']],
    ])
    // two unnamed runs checked as "p" and "q"; then a name that is another run's own keeps `run 2`
    const unnamed = buildReportEntries([soft({ warnings: [], baselines: [comparison('p', 0), comparison('q', 1)] }, false)])
    expect(unnamed.map((e) => e.title)).toEqual(['soft > p', 'soft > q'])
    const clash = { ...soft({ warnings: [] }) }
    clash.meta = { ...clash.meta!, runs: [handBuiltRun({ name: 'ref' }), handBuiltRun()], baselines: [comparison('ref', 1)] }
    expect(buildReportEntries([clash]).map((e) => e.title)).toEqual(['soft > ref', 'soft > run 2'])
  })

  test('the same text about two runs is shown on both; a warning of an older version stays on the first run', () => {
    const both = buildReportEntries([soft({ warnings: [noise], runWarnings: [{ message: noise, runName: 'ref' }, { message: noise, runName: 'cand' }] })])
    expect(both.map((e) => e.warnings)).toEqual([[noise], [noise]])
    expect(buildReportEntries([soft({ warnings: [noise] })]).map((e) => e.warnings)).toEqual([[noise], []])
  })
})

describe("another run's failed assertion", () => {
  /** Runs a and b; the test failed on a's MAE (1.272), so b's checks never ran. */
  function twoRegressors(named: boolean): ReportedTest {
    const message = 'mean_absolute_error should be <= 1\n\nExpected: <= 1\nReceived: 1.272'
    const gate: GateResult = { kind: 'threshold', matcher: 'toHaveMetric', title: 'mean_absolute_error <= 1', pass: false, message, metric: 'mean_absolute_error', value: 1.272, threshold: 1, ...(named ? { runName: 'a' } : { runIndex: 0 }) }
    const runs = named ? [handBuiltRun({ name: 'a' }), handBuiltRun({ name: 'b' })] : [handBuiltRun(), handBuiltRun()]
    return { ...failedTest('two models', { runs, gates: [gate] }), errors: [`expect(run).toHaveMetric(name, threshold)\n\n${message}`] }
  }

  test.each([
    [true, 'a'],
    [false, 'run 1'],
  ])("is not shown under the other run as its own failure: the box names the run whose assertion failed (named runs: %s)", (named, owner) => {
    const entries = buildReportEntries([twoRegressors(named)])
    expect(entries.map((e) => e.verdict)).toEqual(['fail', 'unchecked'])
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    const sectionOf = (anchor: string): string => {
      const start = html.indexOf(`<section class="card run" id="${anchor}"`)
      return html.slice(start, html.indexOf('</section>', start))
    }
    const first = sectionOf(entries[0].anchor)
    const second = sectionOf(entries[1].anchor)
    // The run that failed keeps its red box.
    expect(first).toContain('<div class="callout error">expect(run).toHaveMetric(name, threshold)')
    // The other run says whose assertion failed, with no red box and no value of the other run's.
    expect(second).not.toContain('callout error')
    expect(second).not.toContain('Received: 1.272')
    expect(second).toContain(`The test failed on an assertion on run <b>${owner}</b>, not on this run: mean_absolute_error should be &lt;= 1</div>`)
  })

  test('an error of no assertion (a throw) is still shown under every run', () => {
    const test = { ...twoRegressors(true), errors: ['Error: boom'] }
    const entries = buildReportEntries([test])
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html.match(/<div class="callout error">Error: boom<\/div>/g)).toHaveLength(2)
  })
})
