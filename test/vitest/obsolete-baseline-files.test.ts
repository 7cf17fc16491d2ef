/**
 * Baseline files whose test file is gone (moved, renamed, deleted): reported locally, removed by
 * `-u`, a failure in CI. Before, `mv evals/b.eval.test.ts evals/sub/` left
 * evals/__baselines__/b.eval.test.ts.json behind without a word.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Vitest } from 'vitest/node'
import { baselinePathFor } from '../../src/vitest/baseline-files.js'
import { findObsoleteBaselineFiles, ObsoleteBaselineFiles, testFileOfBaseline } from '../../src/vitest/obsolete-baseline-files.js'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { fakeTestModules } from '../history/fake-vitest.js'
import { fixtureReportedTests } from '../reporter/report-fixture-tests.js'

/** An empty baseline file as evalgate writes it. */
const BASELINE_FILE = '{\n  "entries": {},\n  "evalgateBaseline": 2\n}\n'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'evalgate-obsolete-'))
  for (const file of ['evals/a.eval.test.ts', 'evals/sub/c.eval.test.ts']) {
    mkdirSync(join(root, file, '..'), { recursive: true })
    writeFileSync(join(root, file), '')
  }
  for (const file of ['evals/a.eval.test.ts', 'evals/b.eval.test.ts', 'evals/sub/c.eval.test.ts', 'node_modules/x/y.test.ts']) {
    const path = baselinePathFor(join(root, file), root, '__baselines__')
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, BASELINE_FILE)
  }
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function fakeVitest(updateSnapshot: 'all' | 'new' | 'none', root?: string): { vitest: Vitest; lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  const vitest = { config: { root, snapshotOptions: { updateSnapshot } }, logger: { log: (t: string) => lines.push(t), error: (t: string) => errors.push(t) } } as unknown as Vitest
  return { vitest, lines, errors }
}

describe('obsolete baseline files', () => {
  test('testFileOfBaseline inverts baselinePathFor, for a relative and an absolute baseline folder', () => {
    for (const dir of ['__baselines__', join(root, 'all-baselines')]) {
      const test = join(root, 'evals/sub/c.eval.test.ts')
      expect(testFileOfBaseline(baselinePathFor(test, root, dir), root, dir)).toBe(test)
    }
    expect(testFileOfBaseline(join(root, 'evals/other/x.json'), root, '__baselines__')).toBeUndefined()
  })

  test('only the file whose test file is gone is obsolete (node_modules is not searched)', async () => {
    expect(await findObsoleteBaselineFiles(root, '__baselines__')).toEqual([join(root, 'evals/__baselines__/b.eval.test.ts.json')])
  })

  test('JSON that is not a baseline file is never obsolete, however the folder is named (adversarial pass 64: -u deleted the evaluation set kept in baselineDir "data")', async () => {
    mkdirSync(join(root, 'evals/data/reports'), { recursive: true })
    writeFileSync(join(root, 'evals/data/feedback.json'), '[{"text": "ok", "label": "pos"}]')
    writeFileSync(join(root, 'evals/data/label-config.json'), '{"labels": ["pos", "neg"]}')
    writeFileSync(join(root, 'evals/data/gone.eval.test.ts.json'), BASELINE_FILE)
    expect(await findObsoleteBaselineFiles(root, 'data')).toEqual([join(root, 'evals/data/gone.eval.test.ts.json')])
    // an absolute folder is searched below: its other JSON is left alone too
    writeFileSync(join(root, 'evals/data/reports/coverage-summary.json'), '{"total": {}}')
    expect(await findObsoleteBaselineFiles(root, join(root, 'evals/data'))).toEqual([join(root, 'evals/data/gone.eval.test.ts.json')])
  })

  test('an empty or cut baseline file whose test is gone is obsolete too; with baselineDir "." the files beside the tests are searched (adversarial pass 66)', async () => {
    mkdirSync(join(root, 'evals/__baselines__'), { recursive: true })
    writeFileSync(join(root, 'evals/__baselines__/empty.eval.test.ts.json'), '')
    writeFileSync(join(root, 'evals/__baselines__/cut.eval.test.ts.json'), BASELINE_FILE.slice(0, 20))
    expect(await findObsoleteBaselineFiles(root, '__baselines__')).toEqual(['b', 'cut', 'empty'].map((name) => join(root, `evals/__baselines__/${name}.eval.test.ts.json`)))
    writeFileSync(join(root, 'evals/gone.eval.test.ts.json'), BASELINE_FILE)
    expect(await findObsoleteBaselineFiles(root, '.')).toContain(join(root, 'evals/gone.eval.test.ts.json'))
  })

  test('a baseline folder written with a trailing slash or ./ is the same folder (adversarial pass 64: no obsolete file was ever found)', async () => {
    for (const dir of ['__baselines__/', './__baselines__', '__baselines__//']) {
      expect(await findObsoleteBaselineFiles(root, dir)).toEqual([join(root, 'evals/__baselines__/b.eval.test.ts.json')])
    }
  })

  test("a project's files are named under Vitest's root, as the reports name them (adversarial pass 64: two packages of a monorepo had the same relative path)", async () => {
    const local = fakeVitest('new', join(root, '..'))
    const reporter = new ObsoleteBaselineFiles(root, '__baselines__', false)
    reporter.onInit(local.vitest)
    await reporter.onTestRunEnd()
    expect(local.lines[0]).toContain(`: ${join(basename(root), 'evals/__baselines__/b.eval.test.ts.json')};`)
  })

  test('where a test file of its name lives elsewhere, the line says where its baseline belongs (adversarial pass 66: a changed baselineDir)', async () => {
    writeFileSync(join(root, 'evals/sub/b.eval.test.ts'), '')
    const local = fakeVitest('new', root)
    const reporter = new ObsoleteBaselineFiles(root, '__baselines__', false)
    reporter.onInit(local.vitest)
    await reporter.onTestRunEnd()
    expect(local.lines[0]).toContain('evals/__baselines__/b.eval.test.ts.json (a test file of its name is evals/sub/b.eval.test.ts: move it to evals/sub/__baselines__/b.eval.test.ts.json to keep its baseline)')
  })

  test('locally a line says so; -u removes it; in CI the run fails, saying how to fix it', async () => {
    const local = fakeVitest('new')
    const reporter = new ObsoleteBaselineFiles(root, '__baselines__', false)
    reporter.onInit(local.vitest)
    await reporter.onTestRunEnd()
    expect(local.lines[0]).toContain('evalgate: 1 obsolete baseline file (the test file it belongs to no longer exists): evals/__baselines__/b.eval.test.ts.json')

    const previousExitCode = process.exitCode
    const ci = fakeVitest('all')
    // In CI, Vitest's state is 'all' under -u too: still nothing is removed.
    const inCi = new ObsoleteBaselineFiles(root, '__baselines__', true)
    inCi.onInit(ci.vitest)
    await inCi.onTestRunEnd()
    expect(ci.errors[0]).toContain('run `npx vitest run -u` locally to remove it')
    expect(process.exitCode).toBe(1)
    process.exitCode = previousExitCode

    const update = fakeVitest('all')
    const updating = new ObsoleteBaselineFiles(root, '__baselines__', false)
    updating.onInit(update.vitest)
    await updating.onTestRunEnd()
    expect(existsSync(join(root, 'evals/__baselines__/b.eval.test.ts.json'))).toBe(false)
    expect(existsSync(join(root, 'evals/__baselines__/a.eval.test.ts.json'))).toBe(true)
    expect(update.lines[0]).toContain('removed 1 obsolete baseline file')
  })

  // adversarial pass 22r: `-u` removed an obsolete file a newer evalgate wrote, which this version
  // otherwise refuses to touch.
  test('-u keeps an obsolete file of a newer layout, saying so, and removes the others', async () => {
    const newer = join(root, 'evals/__baselines__/b.eval.test.ts.json')
    writeFileSync(newer, '{"entries":{},"evalgateBaseline":4}')
    const gone = baselinePathFor(join(root, 'evals/d.eval.test.ts'), root, '__baselines__')
    writeFileSync(gone, BASELINE_FILE)
    const update = fakeVitest('all')
    const updating = new ObsoleteBaselineFiles(root, '__baselines__', false)
    updating.onInit(update.vitest)
    await updating.onTestRunEnd()
    expect(existsSync(newer)).toBe(true)
    expect(existsSync(gone)).toBe(false)
    expect(update.lines).toEqual([
      'evalgate: removed 1 obsolete baseline file (the test file is gone): evals/__baselines__/d.eval.test.ts.json',
      'evalgate: kept evals/__baselines__/b.eval.test.ts.json: obsolete (the test file is gone) but written by a newer evalgate (baseline format 4), which this version never rewrites or removes; upgrade evalgate, or remove it by hand',
    ])
  })

  // adversarial pass 38: in CI the run exited 1 on a leftover baseline file, while the table said
  // PASS, junit.xml failures="0", summary.md "✅ 1 run passed" and index.html "1 passed": the check
  // only logged. Now each obsolete file is a failure outside any test in every report.
  test('in CI each obsolete file is a failure outside any test, naming the file, its test file and the fix; locally and under -u none', async () => {
    const previousExitCode = process.exitCode
    const ci = fakeVitest('none', root)
    const inCi = new ObsoleteBaselineFiles(root, '__baselines__', true)
    inCi.onInit(ci.vitest)
    expect(await inCi.failuresAtRunEnd()).toEqual([
      {
        file: 'evals/__baselines__/b.eval.test.ts.json',
        message: 'obsolete baseline file: its test file evals/b.eval.test.ts no longer exists. Baselines are never written when CI is set: run `npx vitest run -u` locally to remove it (or move it beside the moved test file) and commit',
        errorType: 'BaselineError',
      },
    ])
    process.exitCode = previousExitCode

    const local = new ObsoleteBaselineFiles(root, '__baselines__', false)
    local.onInit(fakeVitest('new', root).vitest)
    expect(await local.failuresAtRunEnd()).toEqual([])
    expect(existsSync(join(root, 'evals/__baselines__/b.eval.test.ts.json'))).toBe(true)
  })

  test("the evalgate reporter's reports name it, written once, whichever reporter Vitest calls first; the check logs once per run", async () => {
    const previousExitCode = process.exitCode
    const previousSummary = process.env.GITHUB_STEP_SUMMARY
    delete process.env.GITHUB_STEP_SUMMARY
    try {
      for (const evalgateFirst of [true, false]) {
        const ci = fakeVitest('none', root)
        const check = new ObsoleteBaselineFiles(root, '__baselines__', true)
        const reporter = new EvalgateReporter({ outputDir: `out-${evalgateFirst}` })
        reporter.addRunEndFailureSource(check)
        check.onInit(ci.vitest)
        reporter.onInit(ci.vitest)
        check.onTestRunStart()
        reporter.onTestRunStart()
        // As Vitest's report('onTestRunEnd'): every reporter called at once, awaited together.
        const modules = fakeTestModules(fixtureReportedTests().filter((t) => t.file === 'test/churn.eval.ts'))
        const reporters = evalgateFirst ? [reporter, check] : [check, reporter]
        await Promise.all(reporters.map((r) => r.onTestRunEnd(modules, [])))
        const out = (name: string): string => readFileSync(join(root, `out-${evalgateFirst}`, name), 'utf8')
        expect(ci.errors.filter((line) => line.includes('obsolete baseline file'))).toHaveLength(1)
        const table = ci.lines.find((line) => line.includes(' evalgate\n'))!
        expect(table).toContain(' FAIL outside any test: 1\n  evals/__baselines__/b.eval.test.ts.json > (outside any test): obsolete baseline file: its test file evals/b.eval.test.ts no longer exists.')
        expect(ci.lines.filter((line) => line.includes(' evalgate\n'))).toHaveLength(1)
        expect(out('summary.md').split('\n')[2]).toMatch(/^❌ 1 failure outside any test · /)
        expect(out('summary.md')).toContain('- **evals/\\_\\_baselines\\_\\_/b.eval.test.ts.json**: obsolete baseline file')
        expect(out('junit.xml')).toMatch(/<testsuites name="evalgate" tests="\d+" failures="1"/)
        expect(out('junit.xml')).toMatch(/<testcase classname="evals\/__baselines__\/b.eval.test.ts.json" name="\(outside any test\)"[^>]*>\s*<failure message="obsolete baseline file: its test file evals\/b.eval.test.ts no longer exists. [^"]*run `npx vitest run -u` locally[^"]*" type="BaselineError"/)
        expect(out('index.html')).toContain('<span class="badge fail">1 failed outside any test</span>')
        expect(out('index.html')).toContain('<b>evals/__baselines__/b.eval.test.ts.json</b><div class="callout error">obsolete baseline file')
      }
    } finally {
      process.exitCode = previousExitCode
      if (previousSummary !== undefined) process.env.GITHUB_STEP_SUMMARY = previousSummary
    }
  })

  test('locally the reports do not list it (a line says so, as for an obsolete entry)', async () => {
    const previousSummary = process.env.GITHUB_STEP_SUMMARY
    delete process.env.GITHUB_STEP_SUMMARY
    try {
      const local = fakeVitest('new', root)
      const check = new ObsoleteBaselineFiles(root, '__baselines__', false)
      const reporter = new EvalgateReporter({ outputDir: 'out' })
      reporter.addRunEndFailureSource(check)
      check.onInit(local.vitest)
      reporter.onInit(local.vitest)
      const modules = fakeTestModules(fixtureReportedTests().filter((t) => t.file === 'test/churn.eval.ts'))
      await Promise.all([reporter, check].map((r) => r.onTestRunEnd(modules, [])))
      expect(local.lines.filter((line) => line.startsWith('evalgate: 1 obsolete baseline file'))).toHaveLength(1)
      expect(readFileSync(join(root, 'out/summary.md'), 'utf8')).not.toContain('outside any test')
      expect(readFileSync(join(root, 'out/junit.xml'), 'utf8')).toMatch(/failures="0"/)
    } finally {
      if (previousSummary !== undefined) process.env.GITHUB_STEP_SUMMARY = previousSummary
    }
  })
})
