/**
 * The reporter's run end as a user meets it (fix19b): a step summary that cannot be written is a
 * warning, not a red run (it was an unhandled ENOENT, exit 1, no table); errors Vitest caught
 * outside any test are in all three reports (summary.md said "✅ 1 run passed"); evalgate's
 * lines go to stderr while `--reporter=json` prints its document on stdout (the table broke the
 * JSON); other tools' files in the results folder are kept (the run failed, or they were deleted).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SerializedError, Vitest } from 'vitest/node'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { collectUnhandledFailures } from '../../src/reporter/collect-tests.js'
import { otherToolOutputs, stdoutDocumentReporter } from '../../src/reporter/other-outputs.js'
import { fakeTestModules } from '../history/fake-vitest.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

const savedSummary = process.env.GITHUB_STEP_SUMMARY
afterEach(() => {
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY
  else process.env.GITHUB_STEP_SUMMARY = savedSummary
  vi.restoreAllMocks()
})

/** A Vitest whose logger appends to `lines`, with the given reporters and output files. */
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

describe('an interrupt while the report is written', () => {
  test("the interrupt's line stays on until the results folder is in place, then goes (adversarial pass 56: a Ctrl-C while a large report was written said nothing)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    delete process.env.GITHUB_STEP_SUMMARY
    const reporter = new EvalgateReporter({ outputDir: 'out', terminal: false })
    reporter.onInit(vitestWith([], dir))
    const before = process.listenerCount('SIGINT')
    reporter.onTestRunStart()
    expect(process.listenerCount('SIGINT')).toBe(before + 1)
    const writing = reporter.onTestRunEnd(fakeTestModules(evaluated()))
    // building and writing the report: still listening
    expect(process.listenerCount('SIGINT')).toBe(before + 1)
    expect(process.listenerCount('SIGTERM')).toBeGreaterThan(0)
    await writing
    expect(readdirSync(join(dir, 'out'))).toContain('index.html')
    expect(process.listenerCount('SIGINT')).toBe(before)
  })
})

describe('errors outside any test (unhandledErrors)', () => {
  const late = { message: 'late boom', name: 'Error', type: 'Uncaught Exception', VITEST_TEST_PATH: '/p/evals/a.eval.test.ts', VITEST_TEST_NAME: 'passes' }

  test('read as failures outside any test, under the test file Vitest names, else (no test file)', () => {
    expect(collectUnhandledFailures([late, { message: 'rejected', type: 'Unhandled Rejection' }], '/p')).toEqual([
      { file: 'evals/a.eval.test.ts', message: 'Uncaught Exception: Error: late boom (the latest test that might have caused it: "passes")', errorType: 'Error' },
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

  test("junit.xml gives an error thrown outside any test its own type (a timer's TypeError), as for a failed test", async () => {
    // Was: type="Error" for every failure outside a test.
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    delete process.env.GITHUB_STEP_SUMMARY
    const reporter = new EvalgateReporter({ outputDir: 'out', terminal: false })
    reporter.onInit(vitestWith([], dir))
    const typeError = { ...late, name: 'TypeError', message: "Cannot read properties of undefined (reading 'x')", VITEST_TEST_PATH: join(dir, 'test/churn.eval.ts') }
    await reporter.onTestRunEnd(fakeTestModules(evaluated()), [typeError] as SerializedError[])
    expect(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8')).toMatch(/name="\(outside any test\)"[^>]*>\s*<failure message="Uncaught Exception: TypeError: Cannot read[^"]*" type="TypeError"/)
  })
})

describe('stdout kept for a machine-readable document', () => {
  test('which reporters print a document on stdout', () => {
    expect(stdoutDocumentReporter({ root: '/p', reporters: [['default', {}]] })).toBeUndefined()
    expect(stdoutDocumentReporter({ root: '/p', reporters: [['json', {}]] })).toBe('json')
    expect(stdoutDocumentReporter({ root: '/p', reporters: [['json', {}]], outputFile: { json: 'r.json' } })).toBeUndefined()
    expect(stdoutDocumentReporter({ root: '/p', reporters: [['junit', { outputFile: 'j.xml' }]] })).toBeUndefined()
    expect(stdoutDocumentReporter({ root: '/p', reporters: [['default', {}], ['junit', {}]], outputFile: { json: 'r.json' } })).toBe('junit')
    expect(stdoutDocumentReporter({ root: '/p', reporters: [['tap-flat', {}]], outputFile: 'x.txt' })).toBe('tap-flat')
  })

  test('with --reporter=json and no outputFile, the table goes to stderr and stdout gets nothing of evalgate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    delete process.env.GITHUB_STEP_SUMMARY
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const stdout = vi.spyOn(process.stdout, 'write')
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'out' })
    reporter.onInit(vitestWith(lines, dir, { reporters: [['json', {}]] }))
    await reporter.onTestRunEnd(fakeTestModules(evaluated()))
    const written = stderr.mock.calls.map(([chunk]) => String(chunk)).join('')
    stderr.mockRestore()
    expect(lines).toEqual([])
    expect(stdout.mock.calls.map(([chunk]) => String(chunk)).join('')).not.toContain('binary churn model')
    expect(written).toContain('binary churn model')
  })
})

describe("other tools' outputs in the results folder", () => {
  test('reporters with an outputFile inside it and the coverage report, by top-level name; others not', () => {
    const config = {
      root: '/p',
      reporters: [['json', {}], ['junit', { outputFile: 'eval-results/junit.xml' }], ['html', {}], ['default', {}]],
      outputFile: { json: 'eval-results/vitest.json', html: 'site/index.html' },
      coverage: { enabled: true, reportsDirectory: '/p/eval-results/coverage' },
    }
    expect(otherToolOutputs(config, '/p/eval-results')).toEqual(
      new Map([
        ['vitest.json', "Vitest's json reporter, outputFile (eval-results/vitest.json)"],
        ['junit.xml', "Vitest's junit reporter, outputFile (eval-results/junit.xml)"],
        ['coverage', 'the coverage report, coverage.reportsDirectory (eval-results/coverage)'],
      ]),
    )
    expect(otherToolOutputs({ ...config, coverage: { enabled: false, reportsDirectory: '/p/eval-results/coverage' } }, '/p/eval-results').has('coverage')).toBe(false)
  })

  test('coverage.reportsDirectory equal to outputDir is refused when the run starts, naming both options and the fix; a folder inside it is fine', () => {
    // Was: a green run ended in "refusing to replace … not written by evalgate", exit 1, no report.
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    const coverage = (reportsDirectory: string, enabled = true) => vitestWith([], dir, { coverage: { enabled, reportsDirectory } })
    for (const same of ['out', join(dir, 'out'), 'out/']) {
      const start = () => new EvalgateReporter({ outputDir: 'out' }).onInit(coverage(same))
      expect(start).toThrow(expect.objectContaining({ name: 'ConfigError', code: 'results-folder-shared-with-coverage' }))
      expect(start).toThrow(/coverage\.reportsDirectory and evalgate's outputDir are one folder .*--coverage\.reportsDirectory=coverage .*out\/coverage.*another outputDir/)
    }
    expect(() => new EvalgateReporter({ outputDir: 'out' }).onInit(coverage('out/coverage'))).not.toThrow()
    expect(() => new EvalgateReporter({ outputDir: 'out' }).onInit(coverage('coverage'))).not.toThrow()
    expect(() => new EvalgateReporter({ outputDir: 'out' }).onInit(coverage('out', false))).not.toThrow()
  })

  test('an outputDir holding only .gitkeep gets the report, and keeps the .gitkeep (adversarial pass 58)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    delete process.env.GITHUB_STEP_SUMMARY
    mkdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'out', '.gitkeep'), '')
    const reporter = new EvalgateReporter({ outputDir: 'out', terminal: false })
    reporter.onInit(vitestWith([], dir))
    await reporter.onTestRunEnd(fakeTestModules(evaluated()))
    expect(readdirSync(join(dir, 'out'))).toEqual(expect.arrayContaining(['.gitkeep', 'index.html']))
  })

  test('an outputDir of another tool (not empty, no marker), or the project itself, is refused when the run starts, not after every test (adversarial pass 56)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    mkdirSync(join(dir, 'docs'))
    writeFileSync(join(dir, 'docs', 'guide.md'), '# mine\n')
    writeFileSync(join(dir, 'package.json'), '{}\n')
    for (const outputDir of ['docs', '.', '']) {
      expect(() => new EvalgateReporter({ outputDir }).onInit(vitestWith([], dir)), outputDir).toThrow(/refusing to replace ".*": it is not empty and was not written by evalgate/)
    }
    // a new folder, or one evalgate wrote, starts
    expect(() => new EvalgateReporter({ outputDir: 'eval-results' }).onInit(vitestWith([], dir))).not.toThrow()
    // a folder holding only what keeps it in git starts too (adversarial pass 58); a file as outputDir is refused at start
    mkdirSync(join(dir, 'kept'))
    writeFileSync(join(dir, 'kept', '.gitkeep'), '')
    writeFileSync(join(dir, 'kept', '.DS_Store'), '')
    expect(() => new EvalgateReporter({ outputDir: 'kept' }).onInit(vitestWith([], dir))).not.toThrow()
    writeFileSync(join(dir, 'afile'), 'x')
    expect(() => new EvalgateReporter({ outputDir: 'afile' }).onInit(vitestWith([], dir))).toThrow(/outputDir ".*afile" is a file \(or is under one\), not a folder; choose another outputDir, or move the file/)
    expect(() => new EvalgateReporter({ outputDir: 'afile/sub' }).onInit(vitestWith([], dir))).toThrow(/outputDir ".*afile\/sub" is a file \(or is under one\)/)
    expect(readFileSync(join(dir, 'docs', 'guide.md'), 'utf8')).toBe('# mine\n')
  })

  test('the reporter keeps a Vitest JSON report written into the folder on a fresh checkout, and the run does not fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    delete process.env.GITHUB_STEP_SUMMARY
    const reporter = new EvalgateReporter({ outputDir: 'out', terminal: false })
    reporter.onInit(vitestWith([], dir, { reporters: [['json', {}]], outputFile: { json: 'out/vitest.json' } }))
    reporter.onTestRunStart()
    mkdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'out/vitest.json'), '{"numTotalTests":1}')
    await reporter.onTestRunEnd(fakeTestModules(evaluated()))
    expect(readFileSync(join(dir, 'out/vitest.json'), 'utf8')).toBe('{"numTotalTests":1}')
    expect(readdirSync(join(dir, 'out'))).toContain('index.html')
  })

  test('a second run end without onTestRunStart still replaces its own files (they are not taken for another tool\'s)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-run-end-'))
    delete process.env.GITHUB_STEP_SUMMARY
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'out', terminal: false })
    reporter.onInit(vitestWith(lines, dir))
    await reporter.onTestRunEnd(fakeTestModules(evaluated()))
    await reporter.onTestRunEnd(fakeTestModules(fixtureReportedTests()))
    expect(lines).toEqual([])
    expect(readFileSync(join(dir, 'out/summary.md'), 'utf8')).toContain('house price regressor')
  })
})
