import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestModule, Vitest } from 'vitest/node'
import { afterEach, describe, expect, test } from 'vitest'
import { EvalgateReporter } from '../../src/reporter/index.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

/** Just the parts of Vitest's TestModule / TestCase the reporter reads. */
function fakeModules(tests: readonly ReportedTest[]): TestModule[] {
  const files = [...new Set(tests.map((t) => t.file))]
  return files.map((file) => {
    const module = { type: 'module' }
    const cases = tests
      .filter((t) => t.file === file)
      .map((t) => ({
        name: t.name,
        fullName: t.fullName,
        parent: t.suitePath.length > 0 ? { type: 'suite', name: t.suitePath[0], parent: module } : module,
        result: () => ({ state: t.state, errors: t.errors.map((message) => ({ message })) }),
        diagnostic: () => ({ duration: t.durationMs }),
        meta: () => (t.meta ? { evalgate: t.meta } : {}),
      }))
    return Object.assign(module, { relativeModuleId: file, children: { *allTests() { yield* cases } } }) as unknown as TestModule
  })
}

function fakeVitest(lines: string[], root: string): Vitest {
  return { config: { root }, logger: { log: (text: string) => lines.push(text) } } as unknown as Vitest
}

const savedSummary = process.env.GITHUB_STEP_SUMMARY
afterEach(() => {
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY
  else process.env.GITHUB_STEP_SUMMARY = savedSummary
})

describe('EvalgateReporter options', () => {
  test('defaults: folder with index.html, junit.xml, summary.md; table through the Vitest logger; step summary appended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-reporter-'))
    const stepSummary = join(dir, 'step-summary.md')
    writeFileSync(stepSummary, 'previous step\n')
    process.env.GITHUB_STEP_SUMMARY = stepSummary
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'results' })
    reporter.onInit(fakeVitest(lines, dir))
    await reporter.onTestRunEnd(fakeModules(fixtureReportedTests()))
    const out = join(dir, 'results')
    expect(readdirSync(out).filter((f) => !f.includes('__'))).toEqual(['.evalgate-results', 'index.html', 'junit.xml', 'summary.md'])
    const appended = readFileSync(stepSummary, 'utf8')
    expect(appended.startsWith('previous step\n## evalgate · model evaluation')).toBe(true)
    expect(appended.slice('previous step\n'.length)).toBe(readFileSync(join(out, 'summary.md'), 'utf8'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`report: ${join(out, 'index.html')}`)
    expect(lines[0]).toMatch(/^FAIL {2}sentiment > classifies feedback/m)
  })

  test('junit as a path, html and summary off, terminal off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-reporter-'))
    delete process.env.GITHUB_STEP_SUMMARY
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'out', junit: 'reports/evals.xml', html: false, summary: false, terminal: false })
    reporter.onInit(fakeVitest(lines, dir))
    await reporter.onTestRunEnd(fakeModules(fixtureReportedTests()))
    expect(readdirSync(join(dir, 'out')).filter((f) => !f.includes('__'))).toEqual(['.evalgate-results'])
    expect(readFileSync(join(dir, 'reports/evals.xml'), 'utf8')).toContain('<testsuite name="test/sentiment.eval.ts"')
    expect(lines).toEqual([])
  })

  test('maxMisclassifiedRows limits the HTML table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-reporter-'))
    const reporter = new EvalgateReporter({ outputDir: 'out', maxMisclassifiedRows: 3, terminal: false, summary: false })
    reporter.onInit(fakeVitest([], dir))
    await reporter.onTestRunEnd(fakeModules(fixtureReportedTests().slice(0, 1)))
    const html = readFileSync(join(dir, 'out/index.html'), 'utf8')
    const table = html.slice(html.indexOf('<table class="rows">'), html.indexOf('</table>', html.indexOf('<table class="rows">')))
    expect(table.match(/<tr>/g)).toHaveLength(1 + 3)
    expect(html).toContain('3 of 40 rows shown')
  })

  test('no evaluated test and no previous results: nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-reporter-'))
    const reporter = new EvalgateReporter({ outputDir: 'out', terminal: false })
    reporter.onInit(fakeVitest([], dir))
    await reporter.onTestRunEnd(fakeModules(fixtureReportedTests().filter((t) => !t.meta)))
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })

  test('the default export is the reporter class (usable as reporters: ["evalgate/reporter"])', async () => {
    const module = await import('../../src/reporter/index.js')
    expect(module.default).toBe(EvalgateReporter)
    expect(new module.default({ outputDir: 'x' }).options.outputDir).toBe('x')
  })
})
