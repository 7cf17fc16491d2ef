/**
 * A failed test that recorded no evaluated run (its `evaluate()` threw: a served model answering
 * HTTP 400, bad data) fails the Vitest run, but the reports did not see it (adversarial pass 33):
 * summary.md and index.html said "No test evaluated a model in this run." under "0 evaluated
 * runs" with no failure badge, the terminal table was not printed, and beside two evaluated
 * failures summary.md said "❌ 2 runs failed" and named the third test nowhere. A test that
 * evaluated and then threw was listed "❌" in summary.md without its error. Now every report
 * lists such tests (junit.xml already had a case for each).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestModule } from 'vitest/node'
import { describe, expect, test } from 'vitest'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { collectReportedTests, collectUnevaluatedFailures } from '../../src/reporter/collect-tests.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { RESULTS_MARKER } from '../../src/reporter/results-folder.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { fakeTestModules, fakeVitest } from '../history/fake-vitest.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

const HTTP_400 = 'model endpoint http://127.0.0.1:9/predict answered HTTP 400 Bad Request for rows 0-31: {"error":"<b>bad input</b> @octocat"}'

function failedTest(file: string, fullName: string, errors: string[], extra: Partial<ReportedTest> = {}): ReportedTest {
  return { file, suitePath: [], name: fullName, fullName, state: 'failed', durationMs: 5, errors, errorType: 'Error', ...extra }
}

const failMode = failedTest('evals/served.eval.ts', 'served model > fail mode', [HTTP_400])

describe('failed tests that evaluated no model', () => {
  test('collectUnevaluatedFailures lists failed tests without runs only, with the first error and no stack', () => {
    const tests = [
      failMode,
      failedTest('test/unit.test.ts', 'parses a row', ['expected 1 to be 2\n    at /p/test/unit.test.ts:3:9\n    at run (node:internal)', 'second error']),
      { ...failedTest('evals/served.eval.ts', 'meta without runs', ['boom']), meta: { ...binaryMeta(), runs: [] } },
      failedTest('evals/served.eval.ts', 'no message', []),
      ...fixtureReportedTests(), // one failed test with a run, passed tests without one
      { ...failedTest('evals/served.eval.ts', 'skipped', []), state: 'skipped' as const },
    ]
    expect(collectUnevaluatedFailures(tests)).toEqual([
      { file: 'evals/served.eval.ts', title: 'served model > fail mode', message: HTTP_400, errorType: 'Error' },
      { file: 'test/unit.test.ts', title: 'parses a row', message: 'expected 1 to be 2', errorType: 'Error' },
      { file: 'evals/served.eval.ts', title: 'meta without runs', message: 'boom', errorType: 'Error' },
      { file: 'evals/served.eval.ts', title: 'no message', message: 'test failed', errorType: 'Error' },
    ])
  })

  test('the Vitest project is named where the run has several', () => {
    const tests = [failedTest('a.eval.ts', 'x', ['e'], { project: 'node' }), failedTest('a.eval.ts', 'x', ['e'], { project: 'edge' })]
    expect(collectUnevaluatedFailures(tests).map((f) => [f.title, f.shownProject])).toEqual([
      ['[node] x', 'node'],
      ['[edge] x', 'edge'],
    ])
    expect(collectUnevaluatedFailures([tests[0]])[0].title).toBe('x')
  })

  test('read from the test modules as a --merge-reports run rebuilds them: state and errors, no annotations', () => {
    const modules = fakeTestModules([failMode, ...fixtureReportedTests()])
    expect(collectUnevaluatedFailures(collectReportedTests(modules)).map((f) => f.title)).toEqual(['served model > fail mode'])
  })

  test('summary.md: alone, the headline counts the failed test and a section names it, escaped', () => {
    const summary = renderSummaryMarkdown([], 'index.html', [], collectUnevaluatedFailures([failMode]))
    expect(summary.split('\n')[2]).toBe('❌ 1 test failed without evaluating a model · no test evaluated a model in this run')
    expect(summary).toContain('### ❌ Tests that failed without evaluating a model (1)\n\n- **served model &gt; fail mode** (evals/served.eval.ts): model endpoint')
    expect(summary).toContain('&lt;b&gt;bad input&lt;/b&gt; @&#8203;octocat')
    expect(summary).not.toContain('No test evaluated a model in this run.')
  })

  test('summary.md: beside evaluated runs that failed, the third failed test is counted and named', () => {
    const tests = [...fixtureReportedTests(), failMode]
    const summary = renderSummaryMarkdown(buildReportEntries(tests), 'index.html', [], collectUnevaluatedFailures(tests))
    expect(summary.split('\n')[2]).toMatch(/^❌ 1 test failed without evaluating a model · ❌ 1 run failed · /)
    expect(summary).toContain('- **served model &gt; fail mode** (evals/served.eval.ts): model endpoint http://127.0.0.1:9/predict answered HTTP 400')
  })

  test("summary.md: a long error is cut to its first line's first 300 characters (index.html has it whole)", () => {
    const long = failedTest('a.eval.ts', 'long', [`${'y'.repeat(5000)}\nsecond line`])
    const item = renderSummaryMarkdown([], undefined, [], collectUnevaluatedFailures([long])).split('\n').find((line) => line.startsWith('- **long**'))
    expect(item).toBe(`- **long** (a.eval.ts): ${'y'.repeat(299)}…`)
  })

  test('summary.md: many such tests stay within its length, the rest counted', () => {
    const many = Array.from({ length: 3000 }, (_, i) => failedTest(`evals/f${i}.eval.ts`, `test ${i}`, [`${'x'.repeat(60)} ${i}`]))
    const summary = renderSummaryMarkdown([], 'index.html', [], collectUnevaluatedFailures(many))
    expect(summary.length).toBeLessThanOrEqual(60_000)
    expect(summary).toMatch(/- … \d+ more in the full report \(index\.html\)/)
  })

  test('index.html: a callout names file, test and error, escaped; the header has a failure badge', () => {
    const html = renderHtmlReport([], { unevaluatedFailures: collectUnevaluatedFailures([failMode]) })
    expect(html).toContain('<b>Tests that failed without evaluating a model (1)</b>')
    expect(html).toContain('<div class="counts"><span class="badge fail">1 test failed without evaluating</span></div>')
    expect(html).toContain('<b>served model &gt; fail mode</b> <span class="iv">evals/served.eval.ts</span>')
    expect(html).toContain('{&quot;error&quot;:&quot;&lt;b&gt;bad input&lt;/b&gt;')
    expect(html).not.toContain('<b>bad input</b>')
  })

  test('the terminal table is printed when no test evaluated, one line per test; many are counted', () => {
    const one = renderTerminalTable([], 'eval-results/index.html', collectUnevaluatedFailures([failMode]))
    expect(one).toBe(
      [
        ' evalgate: no test evaluated a model',
        ' FAIL without evaluating a model: 1 test',
        `  evals/served.eval.ts > served model > fail mode: ${HTTP_400}`,
        ' report: eval-results/index.html',
        '',
      ].join('\n'),
    )
    const many = collectUnevaluatedFailures(Array.from({ length: 11 }, (_, i) => failedTest('a.eval.ts', `t${i}`, ['e'])))
    const lines = renderTerminalTable([], undefined, many).split('\n')
    expect(lines.filter((line) => line.startsWith('  a.eval.ts > t'))).toHaveLength(8)
    expect(lines).toContain('  … and 3 more')
  })

  test('the terminal table lists them under the evaluated runs', () => {
    const tests = [...fixtureReportedTests(), failMode]
    const table = renderTerminalTable(buildReportEntries(tests), undefined, collectUnevaluatedFailures(tests))
    expect(table).toContain('binary churn model')
    expect(table).toContain('\n FAIL without evaluating a model: 1 test\n  evals/served.eval.ts > served model > fail mode: model endpoint')
  })

  test('the reporter writes them into summary.md and index.html and prints them, with no evaluated run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-unevaluated-'))
    // A previous run's results folder: one with no evaluated run is written only over evalgate's own.
    mkdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'out', RESULTS_MARKER), '')
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'out' })
    reporter.onInit(fakeVitest(lines, dir))
    await reporter.onTestRunEnd(fakeTestModules([failMode]) as TestModule[])
    const out = (name: string) => readFileSync(join(dir, 'out', name), 'utf8')
    expect(out('summary.md')).toContain('❌ 1 test failed without evaluating a model')
    expect(out('index.html')).toContain('Tests that failed without evaluating a model (1)')
    expect(out('junit.xml')).toContain('name="served model > fail mode"')
    expect(lines.join('\n')).toContain('evals/served.eval.ts > served model > fail mode: model endpoint')
  })

  test('no evaluated run and no results folder yet: the failure is still reported (a served model down on a fresh CI checkout); with no failure, nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-unevaluated-'))
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'out' })
    reporter.onInit(fakeVitest(lines, dir))
    await reporter.onTestRunEnd(fakeTestModules([failMode]) as TestModule[])
    expect(lines.join('\n')).toContain('FAIL without evaluating a model: 1 test')
    expect(readFileSync(join(dir, 'out', 'summary.md'), 'utf8')).toContain('failed without evaluating a model')
    const quiet = mkdtempSync(join(tmpdir(), 'evalgate-unevaluated-'))
    const none: string[] = []
    const again = new EvalgateReporter({ outputDir: 'out' })
    again.onInit(fakeVitest(none, quiet))
    await again.onTestRunEnd(fakeTestModules([{ ...failMode, state: 'passed', errors: [] }]) as TestModule[])
    expect(none).toEqual([])
    expect(existsSync(join(quiet, 'out'))).toBe(false)
  })
})

describe('failures outside any test in the terminal (adversarial pass 34: summary.md had them, the terminal block did not)', () => {
  test('listed under the table with the tests that failed before evaluating, and alone', () => {
    const outside = [{ file: 'evals/a.eval.ts', message: 'Error: beforeAll boom' }]
    const alone = renderTerminalTable([], undefined, [], outside)
    expect(alone).toContain(' FAIL outside any test: 1\n  evals/a.eval.ts > (outside any test): Error: beforeAll boom')
    const both = renderTerminalTable([], undefined, collectUnevaluatedFailures([failMode]), outside)
    expect(both).toContain(' FAIL without evaluating a model: 1 test; outside any test: 1')
  })
})

describe("credentials in a test's own error (adversarial pass 34)", () => {
  test('a URL with user:password, an api_key query value and a ghp_ token are hidden in what the reports read', () => {
    const secret = `ghp_${'Zz9'.repeat(12)}`
    const tests = collectReportedTests(fakeTestModules([failedTest('evals/hook.eval.ts', 'posts', [`POST https://bot:HOOKSECRET@hooks.example.com/x?api_key=QSECRET failed with ${secret}`])]))
    const message = tests[0]!.errors[0]!
    expect(message).not.toMatch(/HOOKSECRET|QSECRET|ghp_Zz9/)
    expect(message).toContain('https://[redacted]@hooks.example.com/x?api_key=[redacted]')
  })
})

describe('a test that evaluated and then failed with an error no gate explains', () => {
  const threw = (): ReportedTest => ({ ...fixtureReportedTests()[2], state: 'failed', errors: ['boom <i>x</i>\nsecond line'], errorType: 'TypeError' })

  test("summary.md shows the error's first line under the test, escaped", () => {
    const summary = renderSummaryMarkdown(buildReportEntries([threw()]), 'index.html')
    const row = summary.split('\n').find((line) => line.includes('binary churn model'))
    expect(row).toMatch(/^\| ❌ \| binary churn model<br>TypeError: boom &lt;i&gt;x&lt;\/i&gt; \| /)
    expect(summary).not.toContain('second line')
  })

  test("a failed gate's own error is not repeated there (the Failed gates section has it)", () => {
    const summary = renderSummaryMarkdown(buildReportEntries(fixtureReportedTests()), 'index.html')
    const row = summary.split('\n').find((line) => line.includes('sentiment &gt; classifies feedback'))
    expect(row).not.toContain('<br>Error:')
  })

  test('the whole report: index.html and summary.md both show it', async () => {
    const content = await buildReportContent([threw()], { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 5, maxCurveClasses: 5 })
    expect(content.summaryMarkdown).toContain('<br>TypeError: boom')
    expect(String(content.files.get('index.html'))).toContain('<div class="callout error">boom &lt;i&gt;x&lt;/i&gt;')
    expect(content.unevaluatedFailures).toEqual([])
  })
})
