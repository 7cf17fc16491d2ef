/**
 * Baseline files whose test file is gone (moved, renamed, deleted): reported locally, removed by
 * `-u`, a failure in CI. Before, `mv evals/b.eval.test.ts evals/sub/` left
 * evals/__baselines__/b.eval.test.ts.json behind without a word.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Vitest } from 'vitest/node'
import { baselinePathFor } from '../../src/vitest/baseline-files.js'
import { findObsoleteBaselineFiles, ObsoleteBaselineFiles, testFileOfBaseline } from '../../src/vitest/obsolete-baseline-files.js'

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
    writeFileSync(path, '{}')
  }
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function fakeVitest(updateSnapshot: 'all' | 'new' | 'none'): { vitest: Vitest; lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  const vitest = { config: { snapshotOptions: { updateSnapshot } }, logger: { log: (t: string) => lines.push(t), error: (t: string) => errors.push(t) } } as unknown as Vitest
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
    writeFileSync(gone, '{}')
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
})
