// One attempt of a test is one result, in a real Vitest process on the `attempts` fixture project:
// - a test that timed out goes on running while Vitest runs the next test; what it evaluates
//   and asserts then touches nothing of that test (its baseline entries, meta, report) and
//   records nothing (a warning says so once).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accuracyOf } from '../fixtures/projects/shared/feedback-fixture.js'
import { prepareFixture, removeFixture, runVitest, type FixtureRun } from './fixture-project.js'

describe('test attempts (real Vitest process)', () => {
  let run: FixtureRun
  let root: string
  const read = (file: string): string => readFileSync(join(root, file), 'utf8')
  const terminal = (): string => run.output.slice(run.output.indexOf(' evalgate\n'))
  beforeAll(async () => {
    root = prepareFixture('attempts')
    run = await runVitest(root, { ci: false })
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
})
