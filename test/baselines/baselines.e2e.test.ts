// Baselines in real Vitest processes on the `baselines` fixture project: what needs Vitest itself.
// One copy of the project goes through the scenarios in order, as a team would: the first local
// run (concurrent tests in one file, two tests of one name, one test's baseline folder cannot be
// written), a pull request that regresses run under CI with `-u` (Vitest's own CI detection and
// `-u`: nothing is written), and a bot's `-u` in CI with EVALGATE_UPDATE_BASELINES=1 (moving an
// entry from its old key, removing an obsolete one). The last two both start from what the first
// run wrote, so the bot's run works on a copy of the project made after the first run and runs
// at the same time as the pull request's. Each run costs seconds, so several checks share one; the scenarios that need no Vitest process (CI with no baseline, an old key and an
// obsolete entry under CI and locally, corrupt files and `-u` repairing them) drive the matcher
// directly in test/baselines/baseline-scenarios.test.ts.
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decodeCorrectness } from '../../src/baselines/correctness-bitset.js'
import { decodeClassPredictions } from '../../src/baselines/stored-predictions.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import type { BaselineFile } from '../../src/baselines/types.js'
import { feedbackRows, wrongRows } from '../fixtures/projects/shared/feedback-fixture.js'

const LABELS = ['negative', 'neutral', 'positive']
import { prepareFixture, removeFixture, runVitest, type FixtureRun } from '../vitest/fixture-project.js'

const accuracyOf = (model: string, rows = 600): number => {
  const wrong = wrongRows(model)
  let right = 0
  for (let id = 0; id < rows; id++) if (!wrong(id)) right++
  return right / rows
}

describe.sequential('baselines (real Vitest processes)', () => {
  let root: string
  let modelFile: string
  let concurrentFile: string
  const read = (file: string): BaselineFile => JSON.parse(readFileSync(file, 'utf8'))
  const accuracyIn = (file: string, key: string): number | undefined => read(file).entries[key]?.metrics.accuracy_score.value

  beforeAll(() => {
    root = prepareFixture('baselines')
    modelFile = join(root, '__baselines__/model.test.ts.json')
    concurrentFile = join(root, '__baselines__/concurrent.test.ts.json')
  })
  afterAll(() => {
    removeFixture(root)
    removeFixture(`${root}-update`)
  })

  /**
   * The bot's run (`-u` in CI with EVALGATE_UPDATE_BASELINES=1) on a copy of the project as the
   * first run left it, gate C's entry put back under its old key (the plain test name, as an
   * earlier evalgate stored it); started by the pull request's test so the two runs overlap.
   */
  let updateRun: Promise<{ run: FixtureRun; modelFile: string }> | undefined
  const startUpdateRun = () =>
    (updateRun ??= (async () => {
      const copy = `${root}-update`
      cpSync(root, copy, { recursive: true })
      const copyModelFile = join(copy, '__baselines__/model.test.ts.json')
      const old = read(copyModelFile)
      old.entries['gate C'] = old.entries['gate C 1']
      delete old.entries['gate C 1']
      writeFileSync(copyModelFile, stableStringify(old))
      const run = await runVitest(copy, { ci: true, args: ['-u'], env: { MODEL_A: 'regressed', DROP_B: '1', EVALGATE_UPDATE_BASELINES: '1' } })
      return { run, modelFile: copyModelFile }
    })())

  test('the first local run writes one stable, sorted file per test file, one entry per check; a folder that cannot be written is a clear error', async () => {
    // locked/__baselines__ cannot be written: read-only, or (root ignores permissions) a file in the way
    const lockedFolder = join(root, 'locked/__baselines__')
    const asRoot = process.getuid?.() === 0
    if (asRoot) writeFileSync(lockedFolder, 'in the way')
    else {
      mkdirSync(lockedFolder)
      chmodSync(lockedFolder, 0o500)
    }
    const run = await runVitest(root, { ci: false, env: { LOCKED: '1' } })
    rmSync(lockedFolder, { recursive: true, force: true })
    expect(run.exitCode, run.output).toBe(1)
    const lockedErrors = run.module('locked/locked.test.ts').errors.join('\n')
    expect(lockedErrors).toMatch(/baseline file locked\/__baselines__\/locked\.test\.ts\.json cannot be written \((EACCES|ENOTDIR|EEXIST): [^)]+\): make the folder __baselines__ and the file writable/)
    expect(lockedErrors).not.toContain('.tmp')
    for (const module of run.modules.filter((m) => !m.file.includes('locked'))) {
      expect(module.errors, module.file).toEqual([])
      for (const test of module.tests) expect(test.state, test.name).toBe('passed')
    }
    expect(run.test('gate A').meta?.baselines[0]).toMatchObject({ key: 'gate A 1', status: 'written' })
    const text = readFileSync(modelFile, 'utf8')
    expect(stableStringify(JSON.parse(text))).toBe(text)
    // one value per line: no line holds two values
    for (const line of text.split('\n')) expect(line).toMatch(/^\s*(("[^"]*": )?("[^"]*"|-?[\d.e+-]+|true|false|null|\{|\[)|\}|\]),?$|^$/)
    const file = read(modelFile)
    expect(Object.keys(file.entries)).toEqual(['gate A 1', 'gate B 1', 'gate C 1', 'twin 1', 'twin 2', 'two runs 1', 'two runs 2', 'two runs > candidate'])
    // every check has its own entry with its own model's numbers
    expect(accuracyIn(modelFile, 'two runs 1')).toBeCloseTo(accuracyOf('good'), 12)
    expect(accuracyIn(modelFile, 'two runs 2')).toBeCloseTo(accuracyOf('regressed'), 12)
    expect(accuracyIn(modelFile, 'two runs > candidate')).toBeCloseTo(accuracyOf('noise'), 12)
    expect(accuracyIn(modelFile, 'twin 1')).toBeCloseTo(accuracyOf('good'), 12)
    expect(accuracyIn(modelFile, 'twin 2')).toBeCloseTo(accuracyOf('regressed'), 12)
    const entry = file.entries['gate A 1']
    expect(entry.metrics.accuracy_score.value).toBeCloseTo(accuracyOf('good'), 12)
    expect(entry.metrics.accuracy_score.lower).toBeLessThan(entry.metrics.accuracy_score.value)
    expect(entry.exampleCount).toBe(600)
    expect(entry.dataset.rowCount).toBe(600)
    expect(entry.dataset.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(Object.keys(entry.slices)).toEqual(['category=billing', 'category=product_A', 'category=product_B', 'category=technical_support'])
    const wrong = wrongRows('good')
    expect(entry.predictions).toMatchObject({ encoding: 'uint8-base64', length: 600, labels: ['negative', 'neutral', 'positive'] })
    const predicted = decodeClassPredictions(entry.predictions!)
    expect(Array.from(predicted)).toEqual(feedbackRows(600).map((row) => (wrong(row.id) ? (LABELS.indexOf(row.true_sentiment) + 1) % 3 : LABELS.indexOf(row.true_sentiment))))
    const correct = decodeCorrectness(entry.correct!)
    expect(Array.from(correct)).toEqual(Array.from({ length: 600 }, (_, id) => (wrong(id) ? 0 : 1)))
  }, 180_000)

  test('concurrent tests in one file write one consistent file, each run on its own test', async () => {
    const file = read(concurrentFile)
    expect(Object.keys(file.entries)).toEqual([0, 1, 2, 3].map((i) => `concurrent > model ${i} > run-${i}`))
    expect(file.entries['concurrent > model 1 > run-1'].metrics.accuracy_score.value).toBeCloseTo(accuracyOf('regressed'), 12)
    expect(file.entries['concurrent > model 2 > run-2'].metrics.accuracy_score.value).toBeCloseTo(accuracyOf('noise'), 12)
  })

  test('under CI with -u: a regressed model fails with the table and how to update, a noise-level change passes with a warning, changed data is detected, each check meets its own entry; nothing is written', async () => {
    const before = readFileSync(modelFile, 'utf8')
    const beforeConcurrent = readFileSync(concurrentFile, 'utf8')
    void startUpdateRun()
    const run = await runVitest(root, { ci: true, args: ['-u'], env: { MODEL_A: 'regressed', MODEL_B: 'noise', ROWS_C: '640', MODEL_FIRST: 'regressed', MODEL_TWIN: 'regressed' } })
    expect(run.exitCode).toBe(1)

    const gateA = run.test('gate A')
    expect(gateA.state).toBe('failed')
    const message = gateA.errors[0]
    expect(message).toContain('regressed beyond what is allowed against the baseline entry "gate A 1"')
    // the table: one line per metric, failing rows first
    const lines = message.split('\n')
    const header = lines.findIndex((line) => /^metric\s+baseline\s+current\s+change\s+allowed\s+verdict$/.test(line))
    expect(header).toBeGreaterThan(0)
    const drop = accuracyOf('good') - accuracyOf('regressed')
    expect(lines[header + 1]).toMatch(new RegExp(`^accuracy_score\\s+${accuracyOf('good').toFixed(4)}\\s+${accuracyOf('regressed').toFixed(4)}\\s+-${drop.toFixed(4)} worse\\s+-0\\.0005 \\(tolerance\\)\\s+FAIL p=\\S+ mcnemar-exact$`))
    const rows = lines.slice(header + 1, lines.findIndex((line, i) => i > header && line === ''))
    expect(rows.length).toBe(gateA.meta!.baselines[0].rows.length)
    const failing = rows.map((line) => /FAIL|MISSING/.test(line))
    expect(failing).toEqual([...failing].sort((a, b) => Number(b) - Number(a)))
    expect(message).not.toContain('- Baseline')
    // with the data unchanged, every metric the stored predictions give is tested paired
    expect(message).toMatch(/\nf1_score\[category=technical_support\].*FAIL p=\S+ paired-permutation/)
    // CI ignored -u, and says how to update
    expect(message).toContain('Baselines are never written when CI is set (`-u` was ignored): to accept the current numbers, run `npx vitest run -u` locally and commit __baselines__/model.test.ts.json, or let a CI job write them by setting EVALGATE_UPDATE_BASELINES=1 and running `vitest run -u`.')
    const tests = new Set(gateA.meta?.baselines[0].rows.filter((row) => row.pValue !== undefined).map((row) => row.test))
    expect(tests).toContain('mcnemar-exact')
    expect(tests).toContain('paired-permutation')
    // every tested row is paired (no unpaired fallback), some share another row's hypothesis
    for (const name of tests) expect(name).toMatch(/^(mcnemar-exact|paired-permutation|paired-mean|paired-delong|paired-resample)( \(as \S+\))?$/)
    expect(gateA.meta?.baselines[0].status).toBe('failed')
    // the plugin's default options reach the worker: tolerance 0.0005 from vitest.config.ts
    expect(gateA.meta?.baselines[0].rows[0]).toMatchObject({ metric: 'accuracy_score', allowed: '-0.0005 (tolerance)' })
    expect(gateA.meta?.gates.at(-1)).toMatchObject({ kind: 'baseline', pass: false })

    const gateB = run.test('gate B')
    expect(gateB.state).toBe('passed')
    const noiseRow = gateB.meta?.baselines[0].rows.find((row) => row.metric === 'accuracy_score' && row.slice === undefined)
    expect(noiseRow).toMatchObject({ verdict: 'noise', test: 'mcnemar-exact' })
    expect(noiseRow?.change).toBeCloseTo(accuracyOf('noise') - accuracyOf('good'), 12)
    expect(gateB.annotations).toHaveLength(1)
    expect(gateB.annotations[0].type).toBe('warning')
    expect(gateB.annotations[0].message).toMatch(/^baseline "gate B 1": (\d+ metrics[^\n]* moved beyond what is allowed but within noise:\n[\s\S]*)?accuracy_score fell from 0\.8967 to 0\.8950 \(-0\.0017, worse\), beyond the allowed drop but within noise \(p=0\.\d+, mcnemar-exact, alpha 0\.05 over 3 hypotheses, Holm: 0\.05\)/m)
    // (the 5 rows of the whole set can reach Holm's last level, 2^-5 below 0.05: no "too few" there;
    // the slices' label metrics, with 4 rows or fewer differing, are left out of the family)
    expect(gateB.meta?.warnings.some((w) => w.includes('within noise'))).toBe(true)

    const gateC = run.test('gate C')
    expect(gateC.state).toBe('failed')
    expect(gateC.errors[0]).toContain('the evaluation data changed')
    expect(gateC.errors[0]).toContain('600 -> 640 rows')
    expect(gateC.meta?.baselines[0].status).toBe('data-changed')

    // three checks in one test, each against its own entry: only the first (good -> regressed) fails
    const twoRuns = run.test('two runs')
    expect(twoRuns.state).toBe('failed')
    expect(twoRuns.meta?.baselines.map((b) => [b.key, b.status])).toEqual([
      ['two runs 1', 'failed'],
      ['two runs 2', 'passed'],
      ['two runs > candidate', 'passed'],
    ])
    // two tests of one name: the first (now regressed) fails against its own good entry, the second passes
    const twins = run.modules.flatMap((module) => module.tests).filter((test) => test.name === 'twin')
    expect(twins.map((test) => [test.state, test.meta?.baselines[0].key])).toEqual([
      ['failed', 'twin 1'],
      ['passed', 'twin 2'],
    ])
    expect(twins[0].errors[0]).toContain('against the baseline entry "twin 1"')

    expect(run.test('model 1').state).toBe('passed')
    expect(readFileSync(modelFile, 'utf8')).toBe(before)
    expect(readFileSync(concurrentFile, 'utf8')).toBe(beforeConcurrent)
  }, 180_000)

  test('a test whose same-named predecessor is skipped is an error, never checked against that test\'s entry', async () => {
    // Before, the second "twin" (regressed) took the key "twin 1" of the skipped first one and was
    // compared with it: a regression to that entry's level passed under CI.
    const run = await runVitest(root, { ci: true, env: { SKIP_TWIN: '1' }, args: ['model.test.ts', '-t', 'twin'] })
    const twins = run.modules.flatMap((module) => module.tests).filter((test) => test.name === 'twin')
    expect(twins.map((test) => test.state)).toEqual(['skipped', 'failed'])
    expect(twins[1].errors[0]).toContain('test "twin" has the same full name as an earlier test in this file that does not run this time (skipped, todo, or left out by .only)')
    expect(twins[1].errors[0]).toContain('give the two tests different names')
  }, 120_000)

  test("so is one whose same-named predecessor is a test.fails that failed before its check, as it expects (adversarial pass 66: under -u it overwrote that test's entry)", async () => {
    const run = await runVitest(root, { ci: true, env: { FAILS_TWIN: '1' }, args: ['model.test.ts', '-t', 'twin'] })
    const twins = run.modules.flatMap((module) => module.tests).filter((test) => test.name === 'twin')
    expect(twins.map((test) => test.state), run.output).toEqual(['passed', 'failed'])
    expect(twins[1].errors[0]).toContain('test "twin" has the same full name as an earlier test in this file that failed before checking its baseline')
  }, 120_000)

  test('`vitest -u` in a CI job that opts in (EVALGATE_UPDATE_BASELINES=1) rewrites the entries, moves the old key and removes obsolete ones', async () => {
    // gate C's entry under its old key (the plain test name), as an earlier evalgate stored it: see startUpdateRun
    const { run, modelFile } = await startUpdateRun()
    expect(run.exitCode, run.output).toBe(0)
    expect(run.test('gate A').meta?.baselines[0].status).toBe('updated')
    const file = read(modelFile)
    expect(Object.keys(file.entries)).toEqual(['gate A 1', 'gate C 1', 'twin 1', 'twin 2', 'two runs 1', 'two runs 2', 'two runs > candidate'])
    expect(file.entries['gate A 1'].metrics.accuracy_score.value).toBeCloseTo(accuracyOf('regressed'), 12)
    expect(file.entries['gate C 1'].metrics.accuracy_score.value).toBeCloseTo(accuracyOf('good'), 12)
  }, 180_000)
})
