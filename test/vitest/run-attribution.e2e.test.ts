// Which test and which run a report line belongs to, in a real Vitest process on the
// `attribution` fixture project (under CI, one run): runs and engine warnings of concurrent tests
// land on the test that made them, not on Vitest's "current test" (the one started last); a run
// its failed test never checked is reported as not checked, not passed; a warning is shown on
// the run it is about. Needs `npm run build` first, as the other e2e tests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { accuracyOf } from '../fixtures/projects/shared/feedback-fixture.js'
import { prepareFixture, removeFixture, runVitest, type FixtureRun } from './fixture-project.js'

describe('which test and run a report line belongs to (real Vitest process)', () => {
  let run: FixtureRun
  let root: string
  const results = (file: string): string => readFileSync(join(root, 'eval-results', file), 'utf8')
  beforeAll(async () => {
    root = prepareFixture('attribution')
    run = await runVitest(root, { ci: true })
  }, 180_000)
  afterAll(() => removeFixture(root))

  test('each concurrent test carries its own run, also one asserted late or never', () => {
    const a = run.test('model a')
    const b = run.test('model b')
    const unasserted = run.test('unasserted')
    expect([a.state, b.state, unasserted.state], run.output).toEqual(['passed', 'passed', 'passed'])
    expect(a.meta?.runs.map((r) => r.metrics.accuracy_score)).toEqual([accuracyOf('good')])
    expect(b.meta?.runs.map((r) => r.metrics.accuracy_score)).toEqual([accuracyOf('regressed')])
    expect(unasserted.meta?.runs.map((r) => r.labels)).toEqual([['mixed', 'negative', 'neutral', 'positive']])
    // the engine's warning is an annotation of the test that evaluated, not a console line
    expect(unasserted.annotations.map((n) => [n.type, n.message.slice(0, 40)])).toEqual([['warning', `the model's predictions: label "mixed" (`]])
    expect([...a.annotations, ...b.annotations]).toEqual([])
    expect(run.output).not.toContain('[evalgate] warning:')
    const summary = results('summary.md')
    expect(summary).not.toContain('model b &gt; run')
    expect(summary).toContain('| ✅ | model b |')
    // its warning is the test's, about its one run: the reports show it (⚠️), not only the annotation
    expect(summary).toContain('| ⚠️ | unasserted |')
    expect(unasserted.meta?.warnings).toHaveLength(1)
    expect([...(a.meta?.warnings ?? []), ...(b.meta?.warnings ?? [])]).toEqual([])
  })

  test('a run whose check never ran is not checked, not passed, in every report', () => {
    expect(run.test('two models').state).toBe('failed')
    const terminal = run.output.slice(run.output.indexOf(' evalgate\n'))
    expect(terminal).toMatch(/^FAIL +two models > baseline-model/m)
    expect(terminal).toMatch(/^UNCHECKED +two models > candidate/m)
    expect(terminal).toMatch(/^UNCHECKED +unnamed two > run 2/m)
    expect(terminal).not.toMatch(/^PASS +(two models > candidate|unnamed two)/m)
    expect(terminal).toContain('two models > candidate: not checked: no assertion on this run completed')
    const summary = results('summary.md')
    expect(summary).toContain('❌ 2 runs failed · ➖ 2 not checked')
    expect(summary).toContain('| ➖ | two models &gt; candidate |')
    const junit = results('junit.xml')
    expect(junit).toContain('<property name="candidate.evalgate.verdict" value="unchecked"/>')
    expect(junit).toContain('<property name="run2.evalgate.verdict" value="unchecked"/>')
    expect(junit).not.toContain('candidate.evalgate.verdict" value="pass"')
    const html = results('index.html')
    expect(html).toContain('<span class="badge unchecked">2 not checked</span>')
    expect(html).toContain('<span class="badge unchecked">not checked</span> two models &gt; candidate</h2>')
  })

  test('a warning is shown on the run it is about', () => {
    const soft = run.test('soft')
    expect(soft.state, run.output).toBe('passed')
    expect(soft.meta?.runWarnings?.map((w) => [w.runName, w.message.slice(0, 20)])).toEqual([['cand', 'accuracy_score = 0.8']])
    expect(run.test('soft unnamed').meta?.runWarnings?.map((w) => w.runIndex)).toEqual([1])
    const terminal = run.output.slice(run.output.indexOf(' evalgate\n'))
    expect(terminal).toMatch(/^PASS +soft > ref\b/m)
    expect(terminal).toMatch(/^WARN +soft > cand\b/m)
    expect(terminal).toMatch(/^PASS +soft unnamed > run 1\b/m)
    expect(terminal).toMatch(/^WARN +soft unnamed > run 2\b/m)
    const html = results('index.html')
    const section = (anchor: string) => html.slice(html.indexOf(`<section class="card run" id="${anchor}"`), html.indexOf('</section>', html.indexOf(`<section class="card run" id="${anchor}"`)))
    expect(section('run-checks.test__soft__ref')).not.toContain('within noise')
    expect(section('run-checks.test__soft__cand')).toContain('accuracy_score = 0.8')
  })
})
