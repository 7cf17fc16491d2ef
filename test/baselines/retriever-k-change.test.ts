/**
 * A retriever run with another `k` than its baseline entry (adversarial pass 23s): the entry's
 * `*_at_3` were reported MISSING and the run's `*_at_5` as "written before they were tracked",
 * and nothing said `k 3 -> 5`. `k` is now recorded with the entry (`metricOptions`, as `stemmer`
 * is), so the failure's first line names the change and the note gives the advice for a changed
 * definition; an entry written before `k` was recorded is read and compared as before.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from '@vitest/runner'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import type { BaselineUpdateState } from '../../src/baselines/types.js'
import { evaluate, type Row } from '../../src/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { evalgateMeta } from '../../src/vitest/task-meta.js'
import { callToMatchBaseline, fakeTest } from './matcher-call.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-k-change-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

const queries = Array.from({ length: 120 }, (_, id) => ({ id, family: id % 2 === 0 ? 'orders' : 'billing', relevant: [`d${id}`] }))
const ranked = (id: number): string[] => Array.from({ length: 8 }, (_, r) => (r === id % 6 ? `d${id}` : `n${(id + r) % 50}`))
const retrieve = (k?: number): Promise<EvalRun> =>
  evaluate({ data: queries as unknown as Row[], targets: 'relevant', modelType: 'retriever', slices: ['family'], model: (rows) => rows.map((r) => ranked(r.id as number)), ...(k === undefined ? {} : { k }), intervals: false })

const call = (task: Test, run: EvalRun, update: BaselineUpdateState) => callToMatchBaseline(task, run, update)

describe('a retriever run with another k than its baseline entry', () => {
  test('the entry records k, and the verdict says the metrics are defined differently (k 3 -> 5), not that 5-metrics are untracked', async () => {
    const entry = createBaselineEntry(await retrieve())
    expect(entry.metricOptions).toEqual({ k: 3 })
    const verdict = compareWithBaseline(entry, await retrieve(5))
    expect(verdict).toMatchObject({ status: 'definition-changed', definitionChanged: true, definitionChange: 'k 3 -> 5' })
    expect(verdict.notes[0]).toBe("the metrics are defined differently from the baseline's (k 3 -> 5), so the stored values are not comparable; run `vitest -u` locally, with the model the baseline was written from, to record the baseline under the new definition (with a changed model, -u would store its numbers as the bar)")
    expect(verdict.ungated).toBeUndefined()
    expect(compareWithBaseline(entry, await retrieve(3)).status).toBe('passed')
  })

  test('an entry written before k was recorded is read and compared as before: no failure for the missing record', async () => {
    const { metricOptions: _dropped, ...older } = createBaselineEntry(await retrieve())
    const verdict = compareWithBaseline(older, await retrieve())
    expect(verdict.status).toBe('passed')
    expect(verdict.dataChanged).toBe(false)
  })

  test("the matcher's first line names k 3 -> 5; the note gives the advice for a changed definition", async () => {
    const root = join(work, 'k')
    setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point', runOutputs: true })
    const file = join(root, 'ret.test.ts')
    ci.value = false
    expect(call(fakeTest(file, 'retriever'), await retrieve(), 'new').pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'retriever', completed: true }])
    ci.value = true
    const task = fakeTest(file, 'retriever')
    const { pass, message } = call(task, await retrieve(5), 'none')
    takeBaselineSession(file)
    expect(pass).toBe(false)
    expect(message.split('\n\n')[1]).toBe('the metrics are defined differently from the baseline entry "retriever 1" in __baselines__/ret.test.ts.json (k 3 -> 5)')
    expect(message).toContain('Note: the metrics are defined differently from the baseline\'s (k 3 -> 5), so the stored values are not comparable; run `vitest -u` locally, with the model the baseline was written from, to record the baseline under the new definition (with a changed model, -u would store its numbers as the bar)')
    expect(evalgateMeta(task).warnings.join('\n')).not.toContain('written before')
  })
})
