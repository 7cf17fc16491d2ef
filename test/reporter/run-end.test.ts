/**
 * The reporter's run end as a user meets it (fix19b): a step summary that cannot be written is a
 * warning, not a red run (it was an unhandled ENOENT, exit 1, no table); errors Vitest caught
 * outside any test are in all three reports (summary.md said "✅ 1 run passed").
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SerializedError, Vitest } from 'vitest/node'
import { afterEach, describe, expect, test } from 'vitest'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { collectUnhandledFailures } from '../../src/reporter/collect-tests.js'
import { fakeTestModules } from '../history/fake-vitest.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

const savedSummary = process.env.GITHUB_STEP_SUMMARY
afterEach(() => {
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY
  else process.env.GITHUB_STEP_SUMMARY = savedSummary
})

/** A Vitest whose logger appends to `lines`, with the given config. */
function vitestWith(lines: string[], root: string, config: Record<string, unknown> = {}): Vitest {
  return { config: { root, ...config }, logger: { log: (text: string) => lines.push(text) } } as unknown as Vitest
}

const evaluated = () => fixtureReportedTests().filter((t) => t.file === 'test/churn.eval.ts')

describe('the step summary', () => {
  test('a $GITHUB_STEP_SUMMARY that cannot be written is one warning; the folder and the table are still written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'nonexistent/dir/x.md')
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'out' })
    reporter.onInit(vitestWith(lines, dir))
    await expect(reporter.onTestRunEnd(fakeTestModules(evaluated()))).resolves.toBeUndefined()
    expect(readdirSync(join(dir, 'out'))).toContain('summary.md')
    const warning = lines.find((line) => line.includes('GITHUB_STEP_SUMMARY'))
    expect(warning).toMatch(/^evalgate: warning \(test outcome unchanged\): could not append the summary to \$GITHUB_STEP_SUMMARY \(.*nonexistent\/dir\/x\.md\): ENOENT/)
    expect(lines.some((line) => line.includes('binary churn model'))).toBe(true)
  })
})

describe('errors outside any test (unhandledErrors)', () => {
  const late = { message: 'late boom', name: 'Error', type: 'Uncaught Exception', VITEST_TEST_PATH: '/p/evals/a.eval.test.ts', VITEST_TEST_NAME: 'passes' }

  test('read as failures outside any test, under the test file Vitest names, else (no test file)', () => {
    expect(collectUnhandledFailures([late, { message: 'rejected', type: 'Unhandled Rejection' }], '/p')).toEqual([
      { file: 'evals/a.eval.test.ts', message: 'Uncaught Exception: Error: late boom (the latest test that might have caused it: "passes")' },
      { file: '(no test file)', message: 'Unhandled Rejection: rejected' },
    ])
  })

  test('summary.md, junit.xml and index.html show them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    delete process.env.GITHUB_STEP_SUMMARY
    const reporter = new EvalgateReporter({ outputDir: 'out', terminal: false })
    reporter.onInit(vitestWith([], dir))
    await reporter.onTestRunEnd(fakeTestModules(evaluated()), [{ ...late, VITEST_TEST_PATH: join(dir, 'test/churn.eval.ts') }] as SerializedError[])
    const out = (name: string) => readFileSync(join(dir, 'out', name), 'utf8')
    expect(out('summary.md')).toContain('### ❌ Failed outside any test (1)')
    expect(out('summary.md')).toContain('- **test/churn.eval.ts**: Uncaught Exception: Error: late boom')
    expect(out('junit.xml')).toMatch(/<testcase classname="test\/churn.eval.ts" name="\(outside any test\)"[^>]*>\s*<failure message="Uncaught Exception: Error: late boom/)
    expect(out('index.html')).toContain('<b>Failed outside any test (1)</b>')
    expect(out('index.html')).toContain('late boom')
  })
})
