/**
 * One run checked twice in a test against one baseline entry (adversarial pass 52, H2):
 * `toMatchBaseline()` then `toMatchBaseline({ metrics: ['accuracy'] })` wrote the entry with the
 * last call's options (accuracy alone), so under CI a log_loss regression passed; the same with
 * `{ slices: false }`. Two checks of one entry with different options are now an error on the
 * second, locally and in CI, and neither writes the entry; the same options again still check the
 * one entry, and a name gives a check its own entry.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from '@vitest/runner'
import { afterAll, describe, expect, test, vi } from 'vitest'
import type { BaselineFile, BaselineUpdateState } from '../../src/baselines/types.js'
import { ConfigError } from '../../src/errors.js'
import { evaluate, type Row } from '../../src/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { callToMatchBaseline, fakeTest } from './matcher-call.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-checked-twice-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

/** 400 rows of two regions; `sharp` scores are the same labels as `base` with worse probabilities (a log_loss regression). */
const rows = Array.from({ length: 400 }, (_, id) => {
  const y = (id * 7) % 3 === 0 ? 1 : 0
  const right = (id * 11) % 10 !== 0
  const label = right ? y : 1 - y
  return { id, region: id % 2 === 0 ? 'north' : 'south', y, base: label === 1 ? 0.7 : 0.3, sharp: label === 1 ? 0.99 : 0.01 }
})
const runOf = (scores: 'base' | 'sharp'): Promise<EvalRun> =>
  evaluate({ data: rows as unknown as Row[], targets: 'y', scores, modelType: 'classifier', inputColumns: ['id', 'region'], slices: ['region'] })

let projects = 0
function project(): { root: string; file: string; stored: () => BaselineFile | undefined } {
  const root = join(work, `p${++projects}`)
  setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point' })
  const stored = join(root, '__baselines__/model.test.ts.json')
  return { root, file: join(root, 'model.test.ts'), stored: () => (existsSync(stored) ? (JSON.parse(readFileSync(stored, 'utf8')) as BaselineFile) : undefined) }
}

/** One test checking `run` with each of `calls` in turn: the results, or the error the first refused call threw. */
function checks(file: string, run: EvalRun, update: BaselineUpdateState, calls: Array<Record<string, unknown>>): { passes: boolean[]; error?: Error; task: Test } {
  const task = fakeTest(file, 'binary model')
  const passes: boolean[] = []
  try {
    for (const options of calls) passes.push(callToMatchBaseline(task, run, update, options).pass)
  } catch (error) {
    return { passes, error: error as Error, task }
  } finally {
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'binary model', completed: passes.length === calls.length && passes.every(Boolean) }])
  }
  return { passes, task }
}

describe('one run checked twice in a test', () => {
  test('with other metrics: the second check is an error naming the test, the entry, what differs and the fix; nothing is written for the entry', async () => {
    const { file, stored } = project()
    ci.value = false
    const { passes, error, task } = checks(file, await runOf('base'), 'new', [{}, { metrics: ['accuracy'] }])
    expect(passes).toEqual([true])
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('baseline-check-options-differ')
    expect(error!.message).toBe(
      'toMatchBaseline: test "binary model" checks the same run against the baseline entry "binary model 1" twice with options that store different entries (metrics: ["accuracy_score","f1_score","log_loss","precision_recall_auc","precision_score","recall_score","roc_auc"], then ["accuracy_score"]): one entry is stored with one check\'s options (the metrics, slices, row keys and directions it keeps), so one check would silently narrow or turn round the other; nothing is written for "binary model 1". ' +
        "Give one of the checks an entry of its own with a name: expect(run).toMatchBaseline({ name: 'second check', metrics: [\"accuracy\"] }); or check the run again with the same options",
    )
    expect(stored()).toBeUndefined()
    // and the reports do not say the first check wrote it (the terminal said "baseline written")
    const meta = task.meta.evalgate!
    expect(meta.baselines.map((b) => [b.key, b.status, b.notes])).toEqual([['binary model 1', 'failed', ['not written: the same run was checked again against "binary model 1" with other options (metrics: ["accuracy_score","f1_score","log_loss","precision_recall_auc","precision_score","recall_score","roc_auc"], then ["accuracy_score"])']]])
    expect(meta.gates.map((g) => [g.title, g.pass, g.message === error!.message])).toEqual([
      ['baseline binary model 1', true, false],
      ['baseline binary model 1', false, true],
    ])
    expect(meta.gates[0]!.message).not.toContain('baseline written')
  })

  test('with slices: false after the default, or the default after a narrower check: an error too, and neither entry is written', async () => {
    const { file, stored } = project()
    ci.value = false
    const run = await runOf('base')
    const slices = checks(file, run, 'new', [{}, { slices: false }])
    expect(slices.error?.message).toContain('(slices: true, then false)')
    const narrowFirst = checks(file, run, 'new', [{ metrics: ['accuracy'] }, {}])
    expect(narrowFirst.error?.message).toContain('(metrics: ["accuracy_score"], then ["accuracy_score","f1_score","log_loss","precision_recall_auc","precision_score","recall_score","roc_auc"])')
    expect(stored()).toBeUndefined()
  })

  test('under CI the second check fails too, where the narrower one alone would pass a log_loss regression', async () => {
    const { file, stored } = project()
    ci.value = false
    expect(checks(file, await runOf('base'), 'new', [{}]).passes).toEqual([true])
    ci.value = true
    const regressed = await runOf('sharp')
    expect(regressed.metrics.accuracy_score).toBe((await runOf('base')).metrics.accuracy_score)
    const inCi = checks(file, regressed, 'none', [{}, { metrics: ['accuracy'] }])
    expect(inCi.passes).toEqual([false])
    expect(inCi.error?.message).toContain('twice with options that store different entries (metrics: ["accuracy_score","f1_score","log_loss","precision_recall_auc","precision_score","recall_score","roc_auc"], then ["accuracy_score"])')
    // the entry is the first run's, every headline metric of it
    expect(Object.keys(stored()!.entries['binary model 1']!.metrics)).toContain('log_loss')
  })

  test('with the same options (spelled alike or not) it checks its one entry, as documented', async () => {
    const { file, stored } = project()
    ci.value = false
    const run = await runOf('base')
    expect(checks(file, run, 'new', [{}, {}, { slices: true, tolerance: 0 }]).passes).toEqual([true, true, true])
    expect(Object.keys(stored()!.entries)).toEqual(['binary model 1'])
    const narrow = project()
    expect(checks(narrow.file, run, 'new', [{ metrics: ['accuracy', 'f1'] }, { metrics: ['f1_score', 'accuracy_score'] }]).passes).toEqual([true, true])
    expect(Object.keys(narrow.stored()!.entries['binary model 1']!.metrics).sort()).toEqual(['accuracy_score', 'f1_score'])
  })

  test('a name gives the narrower check its own entry, and the full one keeps log_loss', async () => {
    const { file, stored } = project()
    ci.value = false
    const run = await runOf('base')
    expect(checks(file, run, 'new', [{}, { name: 'accuracy only', metrics: ['accuracy'] }]).passes).toEqual([true, true])
    const entries = stored()!.entries
    expect(Object.keys(entries).sort()).toEqual(['binary model 1', 'binary model > accuracy only'])
    expect(Object.keys(entries['binary model 1']!.metrics)).toContain('log_loss')
    expect(Object.keys(entries['binary model > accuracy only']!.metrics)).toEqual(['accuracy_score'])
    ci.value = true
    const inCi = checks(file, await runOf('sharp'), 'none', [{}, { name: 'accuracy only', metrics: ['accuracy'] }])
    expect(inCi.passes).toEqual([false, true])
  })
})

describe('withinNoise on a baseline gate (adversarial pass 54)', () => {
  test('a check that failed is not marked within noise, though other rows of it moved only within noise; one that passed so is', async () => {
    const { file } = project()
    ci.value = false
    checks(file, await runOf('base'), 'new', [{}])
    // north's log loss rises far (its wrong rows made sharp); south's a little, 3 rows less sure (within noise)
    let nudged = 0
    const mixed = rows.map((row) => {
      if (row.region === 'north') return { ...row, current: row.sharp }
      return { ...row, current: nudged++ < 3 ? (row.base > 0.5 ? 0.65 : 0.35) : row.base }
    })
    const run = (data: typeof mixed) => evaluate({ data: data as unknown as Row[], targets: 'y', scores: 'current', modelType: 'classifier', inputColumns: ['id', 'region'], slices: ['region'] })
    ci.value = true
    const failed = checks(file, await run(mixed), 'none', [{}])
    const [failedGate] = failed.task.meta.evalgate!.gates
    expect(failedGate!.pass).toBe(false)
    expect(failed.task.meta.evalgate!.baselines[0]!.rows.some((row) => row.verdict === 'noise')).toBe(true)
    expect(failedGate!.withinNoise).toBeUndefined()
    const southOnly = mixed.map((row) => (row.region === 'north' ? { ...row, current: row.base } : row))
    const passed = checks(file, await run(southOnly), 'none', [{}])
    expect(passed.task.meta.evalgate!.gates[0]).toMatchObject({ pass: true, withinNoise: true })
  })
})
