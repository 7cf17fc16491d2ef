// A failing baseline says why first (adversarial pass 14e: with 30 slices, `Note: evaluation data
// changed ...` came after a 124-row table, and 120 "within noise" lines followed it): the reason
// above the table, failing rows first, many slice rows that did not fail counted, not listed,
// in the message, the warning and the report. The matcher is called directly, as in
// baseline-scenarios.test.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from '@vitest/runner'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { renderBaselineTable } from '../../src/baselines/diff-table.js'
import type { BaselineUpdateState } from '../../src/baselines/types.js'
import { evaluate, type Row } from '../../src/index.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import type { BaselineMetricVerdict } from '../../src/run/verdicts.js'
import type { EvalRun } from '../../src/run/types.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { toMatchBaseline } from '../../src/vitest/matchers/to-match-baseline.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { evalgateMeta } from '../../src/vitest/task-meta.js'
import { feedbackRows, flippingModel } from '../fixtures/projects/shared/feedback-fixture.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-failure-order-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

/** Slices by category and channel of the fixture's rows: over 20 slice rows per entry. */
const evaluateModel = (model: string, rows = 600): Promise<EvalRun> =>
  evaluate({
    data: feedbackRows(rows) as unknown as Row[],
    targets: 'true_sentiment',
    modelType: 'classifier',
    model: flippingModel(model) as unknown as (rows: Row[]) => string[],
    slices: ['category', 'channel'],
    inputColumns: ['id', 'text', 'category', 'channel'],
  })

let ids = 0
const fakeTest = (filepath: string, name: string): Test => ({ id: `t${++ids}`, name, fullTestName: name, type: 'test', mode: 'run', meta: {}, file: { filepath }, result: { state: 'run', retryCount: 0, repeatCount: 0 } }) as unknown as Test

function call(task: Test, run: EvalRun, update: BaselineUpdateState, options: Record<string, unknown> = {}): { pass: boolean; message: string } {
  const state = { isNot: false, task, snapshotState: { snapshotUpdateState: update }, utils: { matcherHint: () => 'expect(run).toMatchBaseline(options)' } }
  const result = toMatchBaseline.call(state as never, run, options as never)
  return { pass: result.pass, message: result.message() }
}

/** A project whose entry 'model 1' was written from the good model on 600 rows; CI is then set. */
async function seeded(name: string): Promise<string> {
  const root = join(work, name)
  setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point', runOutputs: true })
  const file = join(root, 'model.test.ts')
  ci.value = false
  expect(call(fakeTest(file, 'model'), await evaluateModel('good'), 'new').pass).toBe(true)
  finishBaselineFile(takeBaselineSession(file)!, [{ name: 'model', completed: true }])
  ci.value = true
  return file
}

describe('the failure message of toMatchBaseline', () => {
  test('data changed: the note saying so comes before the table; the slice rows are counted, not listed', async () => {
    const file = await seeded('data-changed')
    const { pass, message } = call(fakeTest(file, 'model'), await evaluateModel('good', 640), 'none')
    takeBaselineSession(file)
    expect(pass).toBe(false)
    const note = message.indexOf('Note: evaluation data changed')
    const table = message.indexOf('\nmetric ')
    expect(note).toBeGreaterThan(0)
    expect(table).toBeGreaterThan(note)
    expect(message).toMatch(/\n… 2\d slice rows that did not fail: [^\n]*; every row is in the evalgate report's baseline comparison\n/)
    // the overall rows are still listed, the slice rows are not
    const rows = message.slice(table).split('\n\n')[0]
    expect(rows).toMatch(/\naccuracy_score\s+0\.\d{4}/)
    expect(rows).not.toContain('[category=billing]')
  })

  test('many small drops within noise: the warning lists three and counts the rest', async () => {
    const file = await seeded('noise')
    const task = fakeTest(file, 'model')
    const { pass } = call(task, await evaluateModel('noise'), 'none', { tolerance: 0 })
    takeBaselineSession(file)
    expect(pass).toBe(true)
    const [warning] = evalgateMeta(task).warnings
    const [first, ...rest] = warning.split('\n')
    // the metrics, and the rows where they are more (every row a warning)
    const header = /^baseline "model 1": (\d+) metrics(?: \((\d+) rows: [^)]+\))? moved beyond what is allowed but within noise:$/.exec(first)!
    const count = Number(header[2] ?? header[1])
    expect(count).toBeGreaterThan(4)
    expect(rest).toHaveLength(4)
    for (const line of rest.slice(0, 3)) expect(line).toMatch(/^ {2}- \S+ fell from 0\.\d{4} to 0\.\d{4} .*within noise/)
    expect(rest[3]).toBe(`  … and ${count - 3} more; every one is in the evalgate report's baseline comparison`)
  })
})

describe('renderBaselineTable', () => {
  const row = (fields: Partial<BaselineMetricVerdict> & Pick<BaselineMetricVerdict, 'metric'>): BaselineMetricVerdict => ({
    baseline: 0.6,
    current: 0.5,
    change: -0.1,
    allowed: '0 (tolerance)',
    verdict: 'noise',
    greaterIsBetter: true,
    ...fields,
  })
  const rows = [
    row({ metric: 'accuracy_score', verdict: 'fail' }),
    ...Array.from({ length: 30 }, (_, i) => row({ metric: 'f1_score', slice: `region=r${i}`, verdict: i < 26 ? 'noise' : 'pass' })),
    row({ metric: 'f1_score', slice: 'region=r99', verdict: 'missing', current: null, change: null }),
  ]

  test('above the limit, slice rows that did not fail are one line of counts; without it, all are listed', () => {
    const lines = renderBaselineTable(rows, { maxOtherSliceRows: 10 }).split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toMatch(/^accuracy_score\s.*FAIL$/)
    expect(lines[2]).toMatch(/^f1_score\[region=r99\]\s.*MISSING$/)
    expect(lines[3]).toBe('… 30 slice rows that did not fail: 26 pass (within noise), 4 pass')
    expect(renderBaselineTable(rows).split('\n')).toHaveLength(33)
  })

  test('the report lists the failing rows first and folds the 30 slice rows that did not fail, and notes beyond three, into <details>', async () => {
    const meta = binaryMeta()
    const notes = ['evaluation data changed: fingerprint a -> b', ...Array.from({ length: 30 }, (_, i) => `f1_score[region=r${i}] fell from 0.6 to 0.5, beyond the allowed drop but within noise`)]
    meta.baselines = [{ key: 'churn 1', file: 'evals/__baselines__/churn.eval.ts.json', status: 'failed', rows: [...rows].reverse(), notes }]
    const reported: ReportedTest = { file: 'evals/churn.eval.ts', suitePath: [], name: 'churn', fullName: 'churn', state: 'failed', durationMs: 1, errors: [], meta }
    const content = await buildReportContent([reported], { html: true, summary: false, junitInFolder: false, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    const html = content.files.get('index.html')!.toString()
    const section = html.slice(html.indexOf('<h3>Baseline comparison</h3>'))
    const details = section.indexOf('<details><summary>30 slice rows that did not fail: 26 pass (within noise), 4 pass</summary>')
    expect(details).toBeGreaterThan(0)
    const listed = section.slice(0, details)
    expect(listed.match(/<tr><td>/g)).toHaveLength(2)
    expect(listed.indexOf('region=r99')).toBeLessThan(listed.indexOf('<td>accuracy_score</td>'))
    expect(listed).toContain('evaluation data changed')
    expect(listed).toContain('<details><summary>28 more notes</summary>')
  })
})
