// One attempt of a test is one result, in a real Vitest process on the `attempts` fixture project:
// - a test that timed out goes on running while Vitest runs the next test; what it evaluates
//   and asserts then touches nothing of that test (its baseline entries, meta, report) and
//   records nothing (a warning says so once);
// - a retried or repeated test shows one attempt in every report, as Vitest shows one result:
//   the last, or, once a repeat failed, the first failing repeat.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accuracyOf } from '../fixtures/projects/shared/feedback-fixture.js'
import { inFixtureCopy, prepareFixture, removeFixture, runVitest, type FixtureRun } from './fixture-project.js'

describe('test attempts (real Vitest process)', () => {
  let run: FixtureRun
  let root: string
  const read = (file: string): string => readFileSync(join(root, file), 'utf8')
  const terminal = (): string => run.output.slice(run.output.indexOf(' evalgate\n'))
  beforeAll(async () => {
    root = prepareFixture('attempts')
    run = await runVitest(root, { ci: false, args: ['late.test.ts', 'attempts.test.ts'] })
  }, 180_000)
  afterAll(() => removeFixture(root))

  test("a timed-out test's late code writes nothing on the next test", () => {
    expect(run.test('slow').state, run.output).toBe('failed')
    expect(run.test('slow').errors[0]).toContain('Test timed out in 50ms')
    const next = run.test('next')
    expect(next.state, run.output).toBe('passed')
    expect(next.meta?.runs.map((r) => r.metrics.accuracy_score)).toEqual([accuracyOf('good')])
    expect(next.meta?.gates.map((gate) => [gate.matcher, gate.pass])).toEqual([['toMatchBaseline', true]])
    expect(next.meta?.baselines.map((baseline) => baseline.key)).toEqual(['next 1'])
    expect(run.test('slow').meta?.runs ?? []).toEqual([])
    const entries = JSON.parse(read('__baselines__/late.test.ts.json')).entries
    expect(Object.keys(entries)).toEqual(['next 1'])
    expect(entries['next 1'].metrics.accuracy_score.value).toBe(accuracyOf('good'))
    expect(terminal()).toMatch(/^PASS +next +accuracy_score=0\.8967/m)
    expect(terminal()).not.toMatch(/next > run/)
    expect(run.output.split('ran after its test "slow" had finished').length - 1).toBe(1)
  })

  test("a retried test's timed-out first attempt writes nothing on the next test, though the retry passed", async () => {
    await inFixtureCopy('attempts', async (own) => {
      const retried = await runVitest(own, { ci: false, args: ['retry-timeout.test.ts'] })
      expect(retried.exitCode, retried.output).toBe(0)
      expect(retried.test('slow then fast').state, retried.output).toBe('passed')
      const next = retried.test('after retry')
      expect(next.meta?.baselines.map((baseline) => baseline.key), retried.output).toEqual(['after retry 1'])
      expect(next.meta?.runs.map((r) => r.metrics.accuracy_score)).toEqual([accuracyOf('good')])
      const entries = JSON.parse(readFileSync(join(own, '__baselines__/retry-timeout.test.ts.json'), 'utf8')).entries
      expect(Object.keys(entries).sort()).toEqual(['after retry 1', 'slow then fast 1'])
      expect(entries['after retry 1'].metrics.accuracy_score.value).toBe(accuracyOf('good'))
      expect(retried.output.split('ran after its test "slow then fast" had finished').length - 1).toBe(1)
    })
  }, 120_000)

  test("a retried test that failed on every attempt leaves its entry as it was under -u, and writes none on a first run (the first attempt's check is forgotten)", async () => {
    await inFixtureCopy('attempts', async (own) => {
      const file = join(own, '__baselines__/retry-fails.test.ts.json')
      const first = await runVitest(own, { ci: false, args: ['retry-fails.test.ts'] })
      expect(first.exitCode, first.output).toBe(1)
      expect(existsSync(file), first.output).toBe(false)
      const seed = await runVitest(own, { ci: false, args: ['retry-fails.test.ts'], env: { PHASE: 'seed' } })
      expect(seed.exitCode, seed.output).toBe(0)
      const seeded = readFileSync(file, 'utf8')
      const updated = await runVitest(own, { ci: false, args: ['-u', 'retry-fails.test.ts'] })
      expect(updated.exitCode, updated.output).toBe(1)
      expect(readFileSync(file, 'utf8')).toBe(seeded)
    })
  }, 120_000)

  test('a check in a promise a passed test did not await is checked, as part of the test running then: under CI it fails the run', async () => {
    // its own copy of the project: these runs write eval-results/ too
    await inFixtureCopy('attempts', async (own) => {
      const floating = await runVitest(own, { ci: true, args: ['floating.test.ts'] })
      expect(floating.test('floating').state, floating.output).toBe('passed')
      expect(floating.exitCode, floating.output).toBe(1)
      expect(floating.output).toContain('no baseline entry "after floating 1"')
      expect(existsSync(join(own, '__baselines__/floating.test.ts.json'))).toBe(false)
    })
  }, 120_000)

  test("a timer a test started runs a later test's awaited check: that check is the later test's", async () => {
    await inFixtureCopy('attempts', async (own) => {
      const limiter = await runVitest(own, { ci: false, args: ['limiter.test.ts'] })
      expect(limiter.exitCode, limiter.output).toBe(0)
      expect(limiter.test('second').meta?.baselines.map((baseline) => baseline.key)).toEqual(['second 1'])
      expect(Object.keys(JSON.parse(readFileSync(join(own, '__baselines__/limiter.test.ts.json'), 'utf8')).entries)).toEqual(['first 1', 'second 1'])
      expect(limiter.output).not.toContain('had finished')
    })
  }, 120_000)

  test('vi.waitFor checking one run again checks one entry: a regression fails, no second entry is written', async () => {
    await inFixtureCopy('attempts', async (own) => {
      const good = await runVitest(own, { ci: false, args: ['waitfor.test.ts'] })
      expect(good.exitCode, good.output).toBe(0)
      const regressed = await runVitest(own, { ci: false, args: ['waitfor.test.ts'], env: { MODEL: 'regressed' } })
      expect(regressed.exitCode, regressed.output).toBe(1)
      expect(regressed.test('waitFor').state).toBe('failed')
      expect(Object.keys(JSON.parse(readFileSync(join(own, '__baselines__/waitfor.test.ts.json'), 'utf8')).entries)).toEqual(['waitFor 1'])
    })
  }, 120_000)

  test('a retried test shows its last attempt, in every report', () => {
    const flaky = run.test('flaky model')
    expect(flaky.state, run.output).toBe('passed')
    expect(flaky.meta?.runs.map((r) => r.metrics.accuracy_score)).toEqual([accuracyOf('good')])
    expect(flaky.meta?.gates.map((gate) => [gate.matcher, gate.pass])).toEqual([['toHaveMetric', true], ['toMatchBaseline', true]])
    expect(flaky.meta?.outputs).toHaveLength(1)
    expect(terminal()).toMatch(/^PASS +flaky model +accuracy_score=0\.8967/m)
    expect(terminal()).not.toMatch(/flaky model > run/)
    // one test failed (repeat fails once), one run of it, and the gate it missed
    expect(read('eval-results/summary.md')).toContain('❌ 1 run failed · ✅ 3 passed')
    const junit = read('eval-results/junit.xml')
    expect(junit).toContain('<testsuite name="attempts.test.ts" time=')
    expect(junit).toMatch(/<testsuite name="attempts\.test\.ts" [^>]*tests="8" failures="2"/)
    expect(junit.split('classname="attempts.test.ts > flaky model" name="gate: accuracy_score >= 0.85"').length - 1).toBe(1)
  })

  test('a repeated test shows its last repeat, or its first failing one', () => {
    const repeated = run.test('repeated')
    expect(repeated.meta?.runs).toHaveLength(1)
    expect(repeated.meta?.baselines.map((baseline) => [baseline.key, baseline.status])).toEqual([['repeated 1', 'written']])
    const failing = run.test('repeat fails once')
    expect(failing.state).toBe('failed')
    expect(failing.meta?.runs.map((r) => r.metrics.accuracy_score)).toEqual([accuracyOf('regressed')])
    expect(failing.meta?.gates.map((gate) => [gate.matcher, gate.pass])).toEqual([['toHaveMetric', false]])
    expect(terminal()).toMatch(/^FAIL +repeat fails once +accuracy_score=0\.7933/m)
    expect(terminal()).not.toMatch(/repeated > run|repeat fails once > run/)
  })
})
