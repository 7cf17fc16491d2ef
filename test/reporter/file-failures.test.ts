/**
 * A failure outside any test (the obsolete-entry check of a baseline file under CI, in the setup
 * file's afterAll) fails the Vitest run, so every report says so: before, summary.md said
 * "✅ 5 passed", junit.xml had failures="0" and index.html did not mention it.
 */
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, test } from 'vitest'
import { collectFileFailures } from '../../src/reporter/collect-tests.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import type { TestModule } from 'vitest/node'
import { fixtureReportedTests } from './report-fixture-tests.js'

const failure = {
  file: 'evals/model.eval.test.ts',
  message: 'BaselineError: 1 obsolete baseline entry in __baselines__/model.eval.test.ts.json: "old name 1" <script>x</script>\nrun `npx vitest run -u` locally',
}

describe('failures outside any test', () => {
  test('collectFileFailures reads the module and its suites, in file order', () => {
    const module = (id: string, errors: string[], suiteErrors: string[] = []) =>
      ({ relativeModuleId: id, errors: () => errors.map((message) => ({ message })), children: { allSuites: () => [{ errors: () => suiteErrors.map((message) => ({ message })) }] } }) as unknown as TestModule
    expect(collectFileFailures([module('b.test.ts', ['late']), module('a.test.ts', [], ['in a describe']), module('c.test.ts', [])])).toEqual([
      { file: 'a.test.ts', message: 'in a describe' },
      { file: 'b.test.ts', message: 'late' },
    ])
  })

  test('summary.md, junit.xml and index.html each show it as a failure, escaped', () => {
    const tests = fixtureReportedTests()
    const entries = buildReportEntries(tests)
    const summary = renderSummaryMarkdown(entries, 'index.html', [failure])
    expect(summary).toContain('### ❌ Failed outside any test (1)')
    // the headline says the run failed before counting the runs that passed
    expect(summary.split('\n')[2]).toMatch(/^❌ 1 failure outside any test · /)
    expect(summary).toContain('- **evals/model.eval.test.ts**: BaselineError: 1 obsolete baseline entry')
    expect(summary).not.toContain('<script>')
    expect(renderSummaryMarkdown([], undefined, [failure])).toContain('Failed outside any test (1)')

    const xml = buildJunitXml(tests, entries, [failure])
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
      testsuites: { testsuite: Array<{ name: string; failures: string; testcase: Array<{ name: string; failure?: unknown }> }> }
    }
    const suite = parsed.testsuites.testsuite.find((s) => s.name === failure.file)!
    expect(suite.testcase.find((c) => c.name === '(outside any test)')?.failure).toBeDefined()
    expect(Number(suite.failures)).toBeGreaterThanOrEqual(1)

    const html = renderHtmlReport([], { fileFailures: [failure] })
    expect(html).toContain('<b>Failed outside any test (1)</b>')
    // the header's counts start with it
    expect(html).toContain('<div class="counts"><span class="badge fail">1 failed outside any test</span></div>')
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(html).not.toContain('<script>x')
  })
})
