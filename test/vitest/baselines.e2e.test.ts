// Baselines in real Vitest processes on the `baselines` fixture project. One copy of the project
// goes through the scenarios in order, as a team would: CI before any baseline, the first local
// run, a pull request that regresses, an obsolete entry, `vitest -u`, a corrupt file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decodeCorrectness } from '../../src/baselines/correctness-bitset.js'
import { decodeClassPredictions } from '../../src/baselines/stored-predictions.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import type { BaselineFile } from '../../src/baselines/types.js'
import { feedbackRows, wrongRows } from '../fixtures/projects/shared/feedback-fixture.js'

const LABELS = ['negative', 'neutral', 'positive']
import { prepareFixture, removeFixture, runVitest } from './fixture-project.js'

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

  beforeAll(() => {
    root = prepareFixture('baselines')
    modelFile = join(root, '__baselines__/model.test.ts.json')
    concurrentFile = join(root, '__baselines__/concurrent.test.ts.json')
  })
  afterAll(() => removeFixture(root))

  test('CI with a missing baseline fails and writes nothing', async () => {
    const run = await runVitest(root, { ci: true })
    expect(run.exitCode).toBe(1)
    const gateA = run.test('gate A')
    expect(gateA.state).toBe('failed')
    expect(gateA.errors[0]).toContain('no baseline entry "gate A" in __baselines__/model.test.ts.json')
    expect(gateA.errors[0]).toContain('never written when CI is set')
    expect(gateA.meta?.baselines[0].status).toBe('missing')
    expect(existsSync(join(root, '__baselines__'))).toBe(false)
  }, 180_000)

  test('the first local run writes one stable, sorted file per test file', async () => {
    const run = await runVitest(root, { ci: false })
    expect(run.exitCode, run.output).toBe(0)
    expect(run.test('gate A').meta?.baselines[0].status).toBe('written')
    const text = readFileSync(modelFile, 'utf8')
    expect(stableStringify(JSON.parse(text))).toBe(text)
    // one value per line: no line holds two values
    for (const line of text.split('\n')) expect(line).toMatch(/^\s*(("[^"]*": )?("[^"]*"|-?[\d.e+-]+|true|false|null|\{|\[)|\}|\]),?$|^$/)
    const file = read(modelFile)
    expect(Object.keys(file.entries)).toEqual(['gate A', 'gate B', 'gate C'])
    const entry = file.entries['gate A']
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

  test('a regressed model fails with the diff table, a noise-level change passes with a warning, changed data is detected; CI writes nothing', async () => {
    const before = readFileSync(modelFile, 'utf8')
    const run = await runVitest(root, { ci: true, env: { MODEL_A: 'regressed', MODEL_B: 'noise', ROWS_C: '640' } })
    expect(run.exitCode).toBe(1)

    const gateA = run.test('gate A')
    expect(gateA.state).toBe('failed')
    const message = gateA.errors[0]
    expect(message).toContain('regressed beyond what is allowed against the baseline entry "gate A"')
    expect(message).toContain('- Baseline')
    expect(message).toContain('+ Current')
    expect(message).toMatch(/metric\s+value\s+change\s+allowed\s+verdict/)
    expect(message).toMatch(new RegExp(`- accuracy_score\\s+${accuracyOf('good').toFixed(4)}\\s+baseline`))
    expect(message).toMatch(new RegExp(`\\+ accuracy_score\\s+${accuracyOf('regressed').toFixed(4)}\\s+-${(accuracyOf('good') - accuracyOf('regressed')).toFixed(4)}\\s+-0\\.0005 \\(tolerance\\)\\s+FAIL p=\\S+ mcnemar-mid-p`))
    // with the data unchanged, every metric the stored predictions give is tested paired
    expect(message).toMatch(/\+ f1_score\[category=technical_support\].*FAIL p=\S+ paired-permutation/)
    const tests = new Set(gateA.meta?.baselines[0].rows.filter((row) => row.pValue !== undefined).map((row) => row.test))
    expect(tests).toContain('mcnemar-mid-p')
    expect(tests).toContain('paired-permutation')
    // every tested row is paired (no unpaired fallback), some share another row's hypothesis
    for (const name of tests) expect(name).toMatch(/^(mcnemar-mid-p|paired-permutation|paired-mean|paired-delong|paired-resample)( \(as \S+\))?$/)
    expect(gateA.meta?.baselines[0].status).toBe('failed')
    // the plugin's default options reach the worker: tolerance 0.0005 from vitest.config.ts
    expect(gateA.meta?.baselines[0].rows[0]).toMatchObject({ metric: 'accuracy_score', allowed: '-0.0005 (tolerance)' })
    expect(gateA.meta?.gates.at(-1)).toMatchObject({ kind: 'baseline', pass: false })

    const gateB = run.test('gate B')
    expect(gateB.state).toBe('passed')
    const noiseRow = gateB.meta?.baselines[0].rows.find((row) => row.metric === 'accuracy_score' && row.slice === undefined)
    expect(noiseRow).toMatchObject({ verdict: 'noise', test: 'mcnemar-mid-p' })
    expect(noiseRow?.change).toBeCloseTo(accuracyOf('noise') - accuracyOf('good'), 12)
    expect(gateB.annotations).toHaveLength(1)
    expect(gateB.annotations[0].type).toBe('warning')
    expect(gateB.annotations[0].message).toMatch(/^baseline "gate B": (\d+ metrics fell beyond the tolerance but within noise:\n[\s\S]*)?accuracy_score fell from 0\.8967 to 0\.8950 \(-0\.0017\), beyond the allowed drop but within noise \(p=0\.\d+, mcnemar-mid-p, alpha 0\.05 over \d+ hypotheses, Holm: [\d.e-]+\)/m)
    expect(gateB.meta?.warnings.some((w) => w.includes('within noise'))).toBe(true)

    const gateC = run.test('gate C')
    expect(gateC.state).toBe('failed')
    expect(gateC.errors[0]).toContain('the evaluation data changed')
    expect(gateC.errors[0]).toContain('600 -> 640 rows')
    expect(gateC.meta?.baselines[0].status).toBe('data-changed')

    expect(run.test('model 1').state).toBe('passed')
    expect(readFileSync(modelFile, 'utf8')).toBe(before)
  }, 180_000)

  test('an obsolete entry fails under CI and is only reported locally; nothing is written', async () => {
    const before = readFileSync(modelFile, 'utf8')
    const ci = await runVitest(root, { ci: true, env: { DROP_B: '1' } })
    expect(ci.exitCode).toBe(1)
    expect(ci.test('gate A').state).toBe('passed')
    const moduleErrors = ci.module('model.test.ts').errors.join('\n')
    expect(moduleErrors).toContain('1 obsolete baseline entry in __baselines__/model.test.ts.json')
    expect(moduleErrors).toContain('- gate B')
    expect(readFileSync(modelFile, 'utf8')).toBe(before)

    const local = await runVitest(root, { ci: false, env: { DROP_B: '1' } })
    expect(local.exitCode, local.output).toBe(0)
    expect(local.module('model.test.ts').meta?.warnings.join('\n')).toContain('obsolete baseline entry')
    expect(readFileSync(modelFile, 'utf8')).toBe(before)
  }, 240_000)

  test('`vitest -u` rewrites the entries and removes obsolete ones', async () => {
    const run = await runVitest(root, { ci: false, args: ['-u'], env: { MODEL_A: 'regressed', DROP_B: '1' } })
    expect(run.exitCode, run.output).toBe(0)
    expect(run.test('gate A').meta?.baselines[0].status).toBe('updated')
    const file = read(modelFile)
    expect(Object.keys(file.entries)).toEqual(['gate A', 'gate C'])
    expect(file.entries['gate A'].metrics.accuracy_score.value).toBeCloseTo(accuracyOf('regressed'), 12)
  }, 180_000)

  test('a corrupt baseline file is a clear error and is left untouched', async () => {
    const corrupt = readFileSync(modelFile, 'utf8').replace('"gate C": {', '<<<<<<< HEAD\n  "gate C": {')
    writeFileSync(modelFile, corrupt)
    const line = corrupt.split('\n').findIndex((l) => l.includes('<<<<<<<')) + 1
    const run = await runVitest(root, { ci: false })
    expect(run.exitCode).toBe(1)
    const error = run.test('gate A').errors[0]
    expect(error).toContain(`baseline file __baselines__/model.test.ts.json is not a valid evalgate baseline (line ${line})`)
    expect(error).toContain('left untouched')
    expect(run.test('gate C').state).toBe('failed')
    expect(readFileSync(modelFile, 'utf8')).toBe(corrupt)
    expect(run.test('model 0').state).toBe('passed')
  }, 180_000)
})
