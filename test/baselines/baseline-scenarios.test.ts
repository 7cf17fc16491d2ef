// The baseline scenarios that need no Vitest process, moved here from baselines.e2e.test.ts: the
// `toMatchBaseline` matcher is called directly (a matcher state carrying the test and Vitest's
// `snapshotUpdateState`: `new` locally, `all` under `-u`, `none` in CI), `CI` is std-env's `isCI`
// (mocked: set per scenario), and the end of a test file is `finishBaselineFile`, which the setup
// file calls after the file's tests. The runs are real `evaluate()` runs of the fixture projects'
// data and models (test/fixtures/projects/shared/feedback-fixture.ts), checked by the same test
// names as test/fixtures/projects/baselines/model.test.ts, so the keys, files and messages are
// those a Vitest run gives. What needs Vitest itself (its CI detection and `-u`, concurrent tests,
// two tests of one name, the opt-in variable) stays in baselines.e2e.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from '@vitest/runner'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { decodeCorrectness } from '../../src/baselines/correctness-bitset.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import type { BaselineFile, BaselineUpdateState } from '../../src/baselines/types.js'
import { evaluate, type Row } from '../../src/index.js'
import { RowFailure, type ModelAdapter } from '../../src/models/types.js'
import type { EvalRun } from '../../src/run/types.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { toMatchBaseline } from '../../src/vitest/matchers/to-match-baseline.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { feedbackRows, flippingModel, wrongRows } from '../fixtures/projects/shared/feedback-fixture.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-baseline-scenarios-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

const accuracyOf = (model: string, rows = 600): number => {
  const wrong = wrongRows(model)
  let right = 0
  for (let id = 0; id < rows; id++) if (!wrong(id)) right++
  return right / rows
}

/** The fixture's rows and models, typed as evaluate() takes them. */
const rowsOf = (count?: number): Row[] => feedbackRows(count) as unknown as Row[]
const modelOf = (model: string) => flippingModel(model) as unknown as (rows: Row[]) => string[]

const runs = new Map<string, Promise<EvalRun>>()
/** The fixture project's `evaluateModel` (model.test.ts), each run made once. */
const evaluateModel = (model: string, rows = 600, name?: string): Promise<EvalRun> => {
  const key = `${model}/${rows}/${name}`
  if (!runs.has(key)) {
    runs.set(
      key,
      evaluate({
        data: rowsOf(rows),
        targets: 'true_sentiment',
        modelType: 'classifier',
        model: modelOf(model),
        slices: ['category'],
        inputColumns: ['id', 'text', 'category', 'channel'],
        ...(name !== undefined ? { name } : {}),
      }),
    )
  }
  return runs.get(key)!
}
/** The fixture project's concurrent.test.ts runs (no slices, named `run-<i>`). */
const concurrentRun = (model: string, index: number): Promise<EvalRun> => {
  const key = `concurrent/${model}/${index}`
  if (!runs.has(key)) runs.set(key, evaluate({ data: rowsOf(), targets: 'true_sentiment', modelType: 'classifier', model: modelOf(model), batchSize: 150, name: `run-${index}` }))
  return runs.get(key)!
}

let ids = 0
/** A test of `file` as the matcher sees it (`task`): id, full name, file, meta. */
const fakeTest = (filepath: string, name: string): Test => ({ id: `t${++ids}`, name, fullTestName: name, type: 'test', mode: 'run', meta: {}, file: { filepath }, result: { state: 'run', retryCount: 0, repeatCount: 0 } }) as unknown as Test

/** One `expect(run).toMatchBaseline(options)` in `test`: its pass and message, or the error it throws. */
function matchBaseline(task: Test, run: EvalRun, update: BaselineUpdateState, options: { tolerance?: number } = {}): { pass: boolean; message: string } {
  const state = { isNot: false, task, snapshotState: { snapshotUpdateState: update }, utils: { matcherHint: () => 'expect(run).toMatchBaseline(options)' } }
  const result = toMatchBaseline.call(state as never, run, options)
  return { pass: result.pass, message: result.message() }
}

/** What one test did: passed, or failed with these messages (a thrown error counts as a failure). */
interface Outcome {
  test: Test
  pass: boolean
  errors: string[]
}

function check(task: Test, run: EvalRun, update: BaselineUpdateState, options?: { tolerance?: number }): Outcome {
  try {
    const result = matchBaseline(task, run, update, options)
    return { test: task, pass: result.pass, errors: result.pass ? [] : [result.message] }
  } catch (error) {
    return { test: task, pass: false, errors: [(error as Error).message] }
  }
}

interface ProjectRun {
  /** Outcomes by test name; twins (two tests named 'twin') in order. */
  tests: Map<string, Outcome[]>
  /** The model file's end: its warnings, or the error it throws. */
  warnings: string[] | undefined
  error: string | undefined
}

/**
 * The fixture project's model.test.ts in one run: gate A (MODEL_A), gate B (unless dropB, with
 * tolerance 0), gate C (ROWS_C rows), 'two runs' (three checks, soft), two tests named 'twin',
 * then the end of the file.
 */
async function runModelFile(root: string, update: BaselineUpdateState, env: { modelA?: string; dropB?: boolean; modelFirst?: string; modelTwin?: string } = {}): Promise<ProjectRun> {
  const filepath = join(root, 'model.test.ts')
  const tests = new Map<string, Outcome[]>()
  const add = (outcome: Outcome) => tests.set(outcome.test.name, [...(tests.get(outcome.test.name) ?? []), outcome])
  add(check(fakeTest(filepath, 'gate A'), await evaluateModel(env.modelA ?? 'good'), update))
  if (!env.dropB) add(check(fakeTest(filepath, 'gate B'), await evaluateModel('good'), update, { tolerance: 0 }))
  add(check(fakeTest(filepath, 'gate C'), await evaluateModel('good'), update))
  const twoRuns = fakeTest(filepath, 'two runs')
  const soft = [check(twoRuns, await evaluateModel(env.modelFirst ?? 'good'), update), check(twoRuns, await evaluateModel('regressed'), update), check(twoRuns, await evaluateModel('noise', 600, 'candidate'), update)]
  add({ test: twoRuns, pass: soft.every((o) => o.pass), errors: soft.flatMap((o) => o.errors) })
  add(check(fakeTest(filepath, 'twin'), await evaluateModel(env.modelTwin ?? 'good'), update))
  add(check(fakeTest(filepath, 'twin'), await evaluateModel('regressed'), update))
  const finished = [...tests.values()].flat().map((o) => ({ name: o.test.name, completed: o.pass }))
  const session = takeBaselineSession(filepath)!
  try {
    return { tests, warnings: finishBaselineFile(session, finished), error: undefined }
  } catch (error) {
    return { tests, warnings: undefined, error: (error as Error).message }
  }
}

/** The fixture project's concurrent.test.ts: four tests 'concurrent > model <i>', each a run named `run-<i>`. */
async function runConcurrentFile(root: string, update: BaselineUpdateState): Promise<Outcome[]> {
  const filepath = join(root, 'concurrent.test.ts')
  const outcomes: Outcome[] = []
  for (const [index, model] of ['good', 'regressed', 'noise', 'good'].entries()) outcomes.push(check(fakeTest(filepath, `concurrent > model ${index}`), await concurrentRun(model, index), update))
  finishBaselineFile(takeBaselineSession(filepath)!, outcomes.map((o) => ({ name: o.test.name, completed: o.pass })))
  return outcomes
}

let projects = 0
/** A fresh project root; the plugin's options of the fixture's vitest.config.ts (tolerance 0.0005). */
function project(): string {
  const root = join(work, `project-${++projects}`)
  setWorkerOptions({ root, baselineDir: '__baselines__', baseline: { tolerance: 0.0005 }, confidence: 'point' })
  return root
}

/** A project after its first local run (what baselines.e2e's first run writes for these files). */
async function seededProject(): Promise<{ root: string; modelFile: string; concurrentFile: string }> {
  const root = project()
  ci.value = false
  const first = await runModelFile(root, 'new')
  for (const outcome of [...first.tests.values()].flat()) expect(outcome.errors, outcome.test.name).toEqual([])
  await runConcurrentFile(root, 'new')
  return { root, modelFile: join(root, '__baselines__/model.test.ts.json'), concurrentFile: join(root, '__baselines__/concurrent.test.ts.json') }
}

const read = (file: string): BaselineFile => JSON.parse(readFileSync(file, 'utf8'))
const only = (run: ProjectRun, name: string): Outcome => run.tests.get(name)![0]

describe('baseline scenarios (the matcher and the end of a file, no Vitest process)', () => {
  test('CI with a missing baseline fails and writes nothing', async () => {
    const root = project()
    ci.value = true
    const run = await runModelFile(root, 'none')
    const gateA = only(run, 'gate A')
    expect(gateA.pass).toBe(false)
    expect(gateA.errors[0]).toContain('no baseline entry "gate A 1" in __baselines__/model.test.ts.json')
    expect(gateA.errors[0]).toContain(
      'Baselines are never written when CI is set: to accept the current numbers, run `npx vitest run -u` locally and commit __baselines__/model.test.ts.json, or let a CI job write them by setting EVALGATE_UPDATE_BASELINES=1',
    )
    expect(gateA.test.meta.evalgate?.baselines[0].status).toBe('missing')
    expect(existsSync(join(root, '__baselines__'))).toBe(false)
  })

  test('an entry under its old key (the plain test name) is still read; an obsolete entry fails under CI and is only reported locally; nothing is written', async () => {
    const { root, modelFile } = await seededProject()
    const old = read(modelFile)
    old.entries['gate C'] = old.entries['gate C 1']
    delete old.entries['gate C 1']
    writeFileSync(modelFile, stableStringify(old))
    const before = readFileSync(modelFile, 'utf8')

    ci.value = true
    const inCi = await runModelFile(root, 'none', { dropB: true })
    expect(only(inCi, 'gate A').pass).toBe(true)
    expect(only(inCi, 'gate C').pass).toBe(true)
    expect(only(inCi, 'gate C').test.meta.evalgate?.baselines[0].notes).toContain('read the entry stored under its old key "gate C"; `vitest -u` stores it as "gate C 1"')
    // the entry is named on the first line, which the end-of-run table shows (adversarial pass 60)
    expect(inCi.error!.split('\n')[0]).toBe('1 obsolete baseline entry in __baselines__/model.test.ts.json (no test checks it any more): "gate B 1"')
    expect(inCi.error).toContain('  - gate B 1\n')
    expect(readFileSync(modelFile, 'utf8')).toBe(before)

    ci.value = false
    const local = await runModelFile(root, 'new', { dropB: true })
    for (const outcome of [...local.tests.values()].flat()) expect(outcome.errors, outcome.test.name).toEqual([])
    expect(local.error).toBeUndefined()
    expect(local.warnings!.join('\n')).toContain('obsolete baseline entry')
    expect(readFileSync(modelFile, 'utf8')).toBe(before)

    // -u removes it and says so (it was silent, where removing a whole obsolete file was said: adversarial pass 60)
    const updated = await runModelFile(root, 'all', { dropB: true })
    expect(updated.warnings!.join('\n')).toContain('removed 1 obsolete baseline entry from __baselines__/model.test.ts.json (no test checks it any more):\n  - gate B 1')
    expect(Object.keys(read(modelFile).entries)).not.toContain('gate B 1')
  })

  test('corrupt files (a merge conflict; a bitset of the wrong length) are the one clear error and are left untouched locally; `vitest -u` locally repairs both', async () => {
    const { root, modelFile, concurrentFile } = await seededProject()
    const corrupt = readFileSync(modelFile, 'utf8').replace('"gate C 1": {', '<<<<<<< HEAD\n  "gate C 1": {')
    writeFileSync(modelFile, corrupt)
    const line = corrupt.split('\n').findIndex((l) => l.includes('<<<<<<<')) + 1
    const concurrent = read(concurrentFile)
    concurrent.entries['concurrent > model 1 > run-1'].correct!.length = 599
    const malformedPart = stableStringify(concurrent)
    writeFileSync(concurrentFile, malformedPart)

    ci.value = false
    const run = await runModelFile(root, 'new')
    const error = only(run, 'gate A').errors[0]
    expect(error).toContain(`baseline file __baselines__/model.test.ts.json is not a valid evalgate baseline (line ${line}): invalid JSON`)
    expect(error).toContain('left untouched')
    expect(error).toContain('run `npx vitest run -u` locally to write it again')
    expect(only(run, 'gate C').pass).toBe(false)
    expect(readFileSync(modelFile, 'utf8')).toBe(corrupt)
    const bitsetLine = malformedPart.split('\n').findIndex((l, i, all) => l.includes('"correct": {') && all.slice(0, i).some((p) => p.includes('"concurrent > model 1 > run-1": {'))) + 1
    const partError = (await runConcurrentFile(root, 'new'))[1].errors[0]
    expect(partError).toBe(
      `baseline file __baselines__/concurrent.test.ts.json is not a valid evalgate baseline (line ${bitsetLine}): entry "concurrent > model 1 > run-1": "correct" holds 599 outcomes for 600 examples; it was left untouched: fix the file by hand (e.g. resolve a merge conflict), or run \`npx vitest run -u\` locally to write it again`,
    )
    expect(readFileSync(concurrentFile, 'utf8')).toBe(malformedPart)

    // `vitest -u` locally
    const repair = await runModelFile(root, 'all')
    for (const outcome of [...repair.tests.values()].flat()) expect(outcome.errors, outcome.test.name).toEqual([])
    expect(Object.keys(read(modelFile).entries)).toEqual(['gate A 1', 'gate B 1', 'gate C 1', 'twin 1', 'twin 2', 'two runs 1', 'two runs 2', 'two runs > candidate'])
    expect(read(modelFile).entries['gate A 1'].metrics.accuracy_score.value).toBeCloseTo(accuracyOf('good'), 12)
    expect(repair.warnings!.join('\n')).toContain('repaired the malformed baseline file __baselines__/model.test.ts.json')
    const model1 = (await runConcurrentFile(root, 'all'))[1]
    const repaired = read(concurrentFile).entries['concurrent > model 1 > run-1']
    expect(repaired.correct!.length).toBe(600)
    expect(Array.from(decodeCorrectness(repaired.correct!)).filter((bit) => bit === 0)).toHaveLength(Math.round((1 - accuracyOf('regressed')) * 600))
    expect(model1.test.meta.evalgate?.baselines[0].notes.join('\n')).toContain('the stored baseline was malformed')
  })
})

describe('toMatchBaseline options are checked against the run (a typo must not empty the gate)', () => {
  const call = (task: Test, run: EvalRun, update: BaselineUpdateState, options: Record<string, unknown>): { pass: boolean; message: string } => {
    const state = { isNot: false, task, snapshotState: { snapshotUpdateState: update }, utils: { matcherHint: () => 'expect(run).toMatchBaseline(options)' } }
    const result = toMatchBaseline.call(state as never, run, options as never)
    return { pass: result.pass, message: result.message() }
  }

  test('-u over a regressed model: the drops are "accepted" in the meta and the reports, not failures (adversarial pass 33: FAIL badges and "baseline regressions" on a passing run); a missed threshold stays a failure', async () => {
    const root = project()
    const file = join(root, 'accepted.test.ts')
    ci.value = false
    expect(call(fakeTest(file, 'accept'), await evaluateModel('good'), 'new', {}).pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'accept', completed: true }])
    const task = fakeTest(file, 'accept')
    expect(call(task, await evaluateModel('regressed'), 'all', {}).pass).toBe(true)
    const comparison = task.meta.evalgate!.baselines[0]!
    expect(comparison.status).toBe('updated')
    const accuracy = comparison.rows.find((row) => row.metric === 'accuracy_score' && row.slice === undefined)!
    expect(accuracy.verdict).toBe('accepted')
    expect(comparison.rows.some((row) => row.verdict === 'fail')).toBe(false)
    const entries = buildReportEntries([{ file: 'accepted.test.ts', suitePath: [], name: 'accept', fullName: 'accept', state: 'passed', durationMs: 1, errors: [], meta: task.meta.evalgate! }])
    expect(entries[0]!.verdict).toBe('pass')
    const summary = renderSummaryMarkdown(entries)
    expect(summary).toContain('<br>(baseline updated) |')
    expect(summary).not.toContain('Baseline regressions')
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'accept', completed: true }])
    // a threshold the regressed model misses is still a failed row under -u, against the good model's entry
    expect(call(fakeTest(file, 'accept'), await evaluateModel('good'), 'all', {}).pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'accept', completed: true }])
    const strict = fakeTest(file, 'accept')
    const missed = call(strict, await evaluateModel('regressed'), 'all', { metrics: ['accuracy'], slices: false, threshold: accuracyOf('good') })
    expect(missed.pass).toBe(false)
    const strictRow = strict.meta.evalgate!.baselines[0]!.rows.find((row) => row.metric === 'accuracy_score')!
    expect(strictRow.verdict).toBe('fail')
    expect(strictRow.missedThreshold).toBe(true)
    // against the entry -u replaced, not the one it just wrote (adversarial pass 34: 0.6983 -> 0.6983, the drop gone)
    expect(strictRow.baseline).toBeCloseTo(accuracyOf('good'), 12)
    expect(strictRow.current).toBeCloseTo(accuracyOf('regressed'), 12)
    expect(missed.message).toContain('updated all the same')
    takeBaselineSession(file)
  })

  test('an entry written from a run whose rows failed and were skipped warns, naming the share (adversarial pass 36: 300 of 400 rows lost, the bar written without a word)', async () => {
    const root = project()
    const file = join(root, 'skipped.test.ts')
    ci.value = false
    const rows = rowsOf(200)
    const predict = modelOf('good')
    const run = await evaluate({
      data: rows,
      targets: 'true_sentiment',
      modelType: 'classifier',
      inputColumns: ['id', 'text', 'category', 'channel'],
      // a served model whose server failed on three rows in four (onError: 'skip')
      model: {
        kind: 'evalgate.model-adapter',
        name: 'flaky server',
        describe: () => ({ adapter: 'test' }),
        predict: async (batch: Row[]) => {
          const labels = predict(batch)
          return batch.map((row, i) => (Number(row.id) % 4 !== 0 ? new RowFailure(i, 'HTTP 503') : labels[i]))
        },
        stats: () => ({ cacheHits: 0, cacheMisses: 0, requests: 1, retries: 0, failedRows: 0 }),
      } satisfies ModelAdapter<Row>,
      intervals: false,
    })
    expect(run.model.errorCount).toBe(150)
    const task = fakeTest(file, 'skipped')
    expect(call(task, run, 'new', {}).pass).toBe(true)
    expect(task.meta.evalgate!.warnings, JSON.stringify(task.meta.evalgate!.warnings)).toContain(
      "baseline \"skipped 1\" was written from a run in which 150 of 200 rows failed and were skipped (onError: 'skip'): its metrics are those of the 50 rows scored, and its error_rate 0.75 is the bar; if the failures were the server's, fix it and run vitest -u again",
    )
    takeBaselineSession(file)
  })

  test("metrics: ['f1'] tracks f1_score (the alias the other matchers take), so a regression of F1 fails under CI", async () => {
    const root = project()
    const file = join(root, 'alias.test.ts')
    ci.value = false
    expect(call(fakeTest(file, 'f1 only'), await evaluateModel('good'), 'new', { metrics: ['f1'] }).pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'f1 only', completed: true }])
    const stored = read(join(root, '__baselines__/alias.test.ts.json')).entries['f1 only 1']
    expect(Object.keys(stored.metrics)).toEqual(['f1_score'])

    ci.value = true
    const regressed = call(fakeTest(file, 'f1 only'), await evaluateModel('regressed'), 'none', { metrics: ['f1'] })
    expect(regressed.pass).toBe(false)
    expect(regressed.message).toContain('f1_score')
    takeBaselineSession(file)
  })

  test('a metric the run does not have, no tracked metric at all, or an unknown option is a clear error, never an empty entry', async () => {
    const root = project()
    const file = join(root, 'typo.test.ts')
    ci.value = false
    const run = await evaluateModel('good')
    expect(() => call(fakeTest(file, 'typo'), run, 'new', { metrics: ['f1_scor'] })).toThrow(/metrics names metric "f1_scor", which the run does not have; did you mean "f1_score"\?/)
    expect(() => call(fakeTest(file, 'typo'), run, 'new', { metrics: [] })).toThrow('toMatchBaseline: metrics: [] tracks no metric, so its baseline entry would hold none and pass every run; name the metrics to track, or leave metrics out for the defaults; the run has: ')
    expect(() => call(fakeTest(file, 'typo'), run, 'new', { tolerence: 0.5 })).toThrow(/unknown option "tolerence" in the options; did you mean "tolerance"\?/)
    expect(() => call(fakeTest(file, 'typo'), run, 'new', { perMetric: { f1_score: { threshhold: 0.9 } } })).toThrow(/unknown option "threshhold" in perMetric.f1_score/)
    expect(() => call(fakeTest(file, 'typo'), run, 'new', { perMetric: { rmse: { tolerance: 0.1 } } })).toThrow(/perMetric names metric "rmse", which the run does not have/)
    // a class's own metric points at defineMetric (adversarial pass 39)
    const label = run.perClass![0]!.label
    expect(() => call(fakeTest(file, 'typo'), run, 'new', { metrics: [`recall_score[${label}]`] })).toThrow(`names metric "recall_score[${label}]", which the run does not have; a class's own metric is in the run's per-class table, not a metric of the run: to gate it, compute it with defineMetric`)
    // Thrown before the matcher opens the file's baseline session: nothing to write.
    expect(takeBaselineSession(file)).toBeUndefined()
    expect(existsSync(join(root, '__baselines__/typo.test.ts.json'))).toBe(false)
  })

  test('a threshold holds on every run: the run that writes the entry, the one under -u, and later ones, without advising -u', async () => {
    const root = project()
    const file = join(root, 'threshold.test.ts')
    ci.value = false
    const run = await evaluateModel('good')
    const accuracy = run.metrics.accuracy_score
    // Above the model's accuracy: missed. Below it: met.
    const missed = call(fakeTest(file, 'bar'), run, 'new', { metrics: ['accuracy'], slices: false, threshold: accuracy + 0.05 })
    expect(missed.pass).toBe(false)
    expect(missed.message).toContain('1 metric misses the threshold set for it (baseline entry "bar 1" in __baselines__/threshold.test.ts.json, written all the same)')
    expect(missed.message).not.toContain('vitest run -u')
    const met = call(fakeTest(file, 'bar too'), run, 'new', { metrics: ['accuracy'], slices: false, threshold: accuracy - 0.05 })
    expect(met.pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'bar', completed: false }, { name: 'bar too', completed: true }])

    const updated = call(fakeTest(file, 'bar'), run, 'all', { metrics: ['accuracy'], slices: false, threshold: accuracy + 0.05 })
    expect(updated.pass).toBe(false)
    expect(updated.message).toContain('updated all the same')
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'bar', completed: false }])

    ci.value = true
    const later = call(fakeTest(file, 'bar'), run, 'none', { metrics: ['accuracy'], slices: false, threshold: accuracy + 0.05 })
    expect(later.pass).toBe(false)
    expect(later.message).toContain('1 metric misses the threshold set for it (baseline entry "bar 1" in __baselines__/threshold.test.ts.json)')
    expect(later.message).not.toContain('regressed')
    expect(later.message).not.toContain('vitest run -u')
    takeBaselineSession(file)
  })
})

describe('two unnamed runs in one test: each check is reported beside the run it checked', () => {
  test("the second run's failed baseline is the second run's, in the meta and in the report entries", async () => {
    const { root, modelFile } = await seededProject()
    // The second entry made from the good model: the second (regressed) run now fails against it.
    const stored = read(modelFile)
    stored.entries['two runs 2'] = stored.entries['two runs 1']
    writeFileSync(modelFile, stableStringify(stored))
    ci.value = true
    const inCi = await runModelFile(root, 'none')
    const twoRuns = only(inCi, 'two runs').test
    const meta = twoRuns.meta.evalgate!
    expect(meta.runs.map((r) => r.name)).toEqual([undefined, undefined, 'candidate'])
    expect(meta.baselines.map((b) => [b.key, b.status, b.runIndex])).toEqual([
      ['two runs 1', 'passed', 0],
      ['two runs 2', 'failed', 1],
      ['two runs > candidate', expect.any(String), undefined],
    ])
    const entries = buildReportEntries([{ file: 'model.test.ts', suitePath: [], name: 'two runs', fullName: 'two runs', state: 'failed', durationMs: 1, errors: [], meta }])
    expect(entries.map((e) => [e.title, e.baselines.map((b) => b.key)])).toEqual([
      ['two runs > run 1', ['two runs 1']],
      ['two runs > run 2', ['two runs 2']],
      ['two runs > candidate', ['two runs > candidate']],
    ])
    expect(entries[1].verdict).toBe('fail')
  })
})
