/**
 * The failure message of a run on changed data whose rows were matched to the baseline's
 * (adversarial pass 24b): without `allowDataChange` the headline said only that the data changed,
 * while the table below showed metrics failing on the rows both hold; it now says both. The
 * summary's list of regressions says which rows a matched row's values are of.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { evaluate, type Row } from '../../src/index.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'
import { callToMatchBaseline, fakeTest } from './matcher-call.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-keyed-message-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

const rows = Array.from({ length: 500 }, (_, id) => ({ id, x: ((id * 37) % 101) / 10, y: ((id * 37) % 101) / 5 + ((id * 13) % 7) / 7 }))
const regress = (data: typeof rows, bias: number) =>
  evaluate({ data: data as unknown as Row[], targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], model: (batch) => batch.map((row) => 2 * (row.x as number) + 0.4 + ((row.id as number) < 400 ? bias : 0)) })

describe('changed data, matched rows', () => {
  test('without allowDataChange the headline says the data changed and what regressed on the rows both hold', async () => {
    const root = join(work, 'a')
    setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point', runOutputs: true })
    const file = join(root, 'price.test.ts')
    ci.value = false
    expect(callToMatchBaseline(fakeTest(file, 'price'), await regress(rows.slice(0, 400), 0), 'new').pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'price', completed: true }])
    ci.value = true
    const { pass, message } = callToMatchBaseline(fakeTest(file, 'price'), await regress(rows, 0.5), 'none')
    takeBaselineSession(file)
    expect(pass).toBe(false)
    expect(message.split('\n\n')[1]).toBe('the evaluation data changed since the baseline entry "price 1" in __baselines__/price.test.ts.json was written; on the rows both hold, 3 metrics regressed beyond what is allowed')
  })

  test("the summary's regressions say which rows a matched comparison's values are of", async () => {
    const meta = binaryMeta()
    const comparison = meta.baselines[0]!
    comparison.comparedOn = '800 of 1,000 rows'
    comparison.status = 'failed'
    comparison.rows[1] = { ...comparison.rows[1]!, baseline: 0.95, current: 0.9, change: -0.05, verdict: 'fail' }
    const content = await buildReportContent([{ file: 'test/churn.eval.ts', suitePath: [], name: 'churn', fullName: 'churn', state: 'failed', durationMs: 3, errors: [], meta }], { html: false, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    expect(content.files.get('summary.md')!.toString()).toContain('accuracy\\_score 0.9500 → 0.9000 on 800 of 1,000 rows (-0.0500')
  })
})
