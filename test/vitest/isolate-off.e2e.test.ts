// `isolate: false`, one worker for three test files, in a real Vitest process: the evalgate hooks
// (the test scope, the run outputs, the baseline file written after the file's tests) run for
// every file, not only for the worker's first (a.test.ts, which checks no baseline), with the
// plugin and with `setupFiles: ['evalgate/setup']` alone.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { prepareFixture, removeFixture, runVitest } from './fixture-project.js'

const UNATTRIBUTED = 'evaluate() finished in a concurrent test outside the test scope'

describe.each([
  ['the plugin', []],
  ["setupFiles: ['evalgate/setup']", ['--config', 'vitest.setup-only.config.ts']],
])('isolate: false with %s', (_, configArgs: string[]) => {
  test('later files write their baselines, which then gate in CI', async () => {
    const root = prepareFixture('isolate-off')
    const first = await runVitest(root, { ci: false, args: configArgs })
    expect(first.exitCode, first.output).toBe(0)
    expect(first.modules.map((module) => module.file)).toEqual(['a.test.ts', 'b.test.ts', 'c.test.ts'])
    expect(first.test('other file').meta?.baselines[0]).toMatchObject({ status: 'written', file: '__baselines__/b.test.ts.json' })
    for (const file of ['b.test.ts', 'c.test.ts']) expect(existsSync(join(root, `__baselines__/${file}.json`)), file).toBe(true)
    expect(Object.keys(JSON.parse(readFileSync(join(root, '__baselines__/c.test.ts.json'), 'utf8')).entries ?? {})).toEqual(['concurrent > good 1', 'concurrent > regressed 1'])
    // the concurrent tests of a later file run in their scope: each has its one run, no warning
    expect(first.output).not.toContain(UNATTRIBUTED)
    expect(first.test('concurrent > good').meta?.runs).toHaveLength(1)
    expect(first.test('concurrent > regressed').meta?.runs).toHaveLength(1)
    expect(first.test('concurrent > good').meta?.baselines.map((baseline) => baseline.key)).toEqual(['concurrent > good 1'])
    if (configArgs.length === 0) expect(first.test('concurrent > good').meta?.outputs).toHaveLength(1)

    // in CI the later file's entry gates: a regression fails
    const regressed = await runVitest(root, { ci: true, args: configArgs, env: { MODEL: 'regressed' } })
    expect(regressed.exitCode, regressed.output).toBe(1)
    expect(regressed.test('other file').state).toBe('failed')
    expect(regressed.test('other file').errors[0]).toContain('regressed beyond what is allowed against the baseline entry "other file 1"')
    expect(regressed.test('concurrent > good').state).toBe('passed')
    removeFixture(root)
  }, 240_000)
})

test('a server.deps.external pattern that hands the setup file to Node: it runs, with a warning under isolate: false naming the fix', async () => {
  // with isolation on (the default) every file gets its hooks, as before the .mts setup file (this config failed to start)
  const root = prepareFixture('isolate-off')
  const isolated = await runVitest(root, { ci: false, args: ['--config', 'vitest.external-dist.config.ts'] })
  expect(isolated.exitCode, isolated.output).toBe(0)
  for (const file of ['b.test.ts', 'c.test.ts']) expect(existsSync(join(root, `__baselines__/${file}.json`)), file).toBe(true)
  expect(isolated.output).not.toContain('matches evalgate\'s setup file')
  // isolate: false: the setup file runs once per worker; the warning names the pattern and the inline entry
  const shared = await runVitest(root, { ci: false, args: ['--config', 'vitest.external-dist.config.ts', '--isolate=false', '--maxWorkers=1'] })
  expect(shared.output).toContain("[evalgate] test.server.deps.external pattern /\\/dist\\// matches evalgate's setup file, so Node loads it once per worker")
  expect(shared.output).toContain('Add /evalgate\\/dist\\/vitest\\/setup-file\\.mts$/ to test.server.deps.inline')
  removeFixture(root)
}, 180_000)
