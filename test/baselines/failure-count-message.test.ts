/**
 * The failure's headline counts metrics, not rows: a regression of 2 metrics overall and in 4
 * slices read "10 metrics regressed" (adversarial pass 52: "25 metrics regressed" for 6 metrics in
 * 5 scopes, and "5 metrics regressed" with `metrics: ['accuracy']`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { evaluate, type Row } from '../../src/index.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { callToMatchBaseline, fakeTest } from './matcher-call.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-failure-count-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

const rows = Array.from({ length: 400 }, (_, id) => ({ id, group: 'abcd'[id % 4], x: ((id * 37) % 101) / 10, y: ((id * 37) % 101) / 5 + ((id * 13) % 7) / 7 }))
const model = (bias: number) =>
  evaluate({ data: rows as unknown as Row[], targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], slices: ['group'], model: (batch) => batch.map((row) => 2 * (row.x as number) + 0.4 + bias) })

describe('the failure headline', () => {
  test('counts the metrics that regressed, and says in how many rows and slices', async () => {
    const root = join(work, 'a')
    setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point', runOutputs: true })
    const file = join(root, 'price.test.ts')
    const options = { metrics: ['mae', 'mse'] }
    ci.value = false
    expect(callToMatchBaseline(fakeTest(file, 'price'), await model(0), 'new', options).pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'price', completed: true }])
    ci.value = true
    const failed = callToMatchBaseline(fakeTest(file, 'price'), await model(2), 'none', options)
    expect(failed.pass).toBe(false)
    expect(failed.message).toContain('2 metrics (10 rows: overall and in 4 slices) regressed beyond what is allowed against the baseline entry "price 1"')
  })
})
