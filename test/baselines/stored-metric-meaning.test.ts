// A baseline malformed in meaning (adversarial pass 52, M2): a stored log_loss turned round
// (`greaterIsBetter: true`) passed a log_loss regression as an improvement, and a stored accuracy
// of 1e308, 1e999 (read as Infinity) or -0.5 was compared ("fell from ∞ to 0.8390"). Each is now
// the corrupt-baseline error naming the file, the entry, the metric and what is wrong; `-u`
// repairs it. What evaluate() itself writes, from real runs of every model type (undefined
// metrics left out, intervals, slices, custom metrics), is accepted.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { BaselineFileSession } from '../../src/baselines/session.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import { BaselineStore, parseBaselineFile } from '../../src/baselines/store.js'
import type { BaselineEntry } from '../../src/baselines/types.js'
import { validateBaselineFile } from '../../src/baselines/validate-baseline-file.js'
import { defineMetric, evaluate } from '../../src/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { lcg } from './lcg.js'

const fileWith = (entries: Record<string, unknown>): string => stableStringify({ evalgateBaseline: 2, entries })

/** An entry tracking every metric of `run` (those without a direction too), as `metrics` naming them all writes it. */
const entryOfAll = (run: EvalRun): BaselineEntry => createBaselineEntry(run, { metrics: Object.keys(run.metrics) })

/** The same custom metric, defined each way round. */
const spread = (greaterIsBetter: boolean) => defineMetric({ name: 'score_spread', greaterIsBetter, fn: (table) => (table as unknown as { rowCount: number }).rowCount / 1000 })

async function binaryRun(flatten = 0): Promise<EvalRun> {
  const u = lcg(3)
  const data = Array.from({ length: 300 }, (_, i) => {
    const y = u() < 0.5 ? 1 : 0
    const p = Math.min(0.99, Math.max(0.01, (y === 1 ? 0.7 : 0.3) + (u() - 0.5) * 0.5))
    // one region holds only negatives: its roc_auc is undefined (NaN), which no entry stores
    return { id: i, region: i % 3 === 0 ? 'north' : i % 3 === 1 ? 'south' : y === 0 ? 'solo' : 'south', y, p: flatten === 0 ? p : 0.5 + (p - 0.5) * (1 - flatten) }
  })
  return evaluate({ data, targets: 'y', scores: 'p', modelType: 'classifier', inputColumns: ['id', 'region'], slices: ['region'], extraMetrics: [spread(true)], intervals: { resamples: 100, rowResamples: 30 } })
}

/** A real run of every model type, with slices and intervals. */
async function everyModelType(): Promise<Record<string, EvalRun>> {
  const u = lcg(5)
  const labels = ['a', 'b', 'c']
  const multiclass = Array.from({ length: 240 }, (_, i) => {
    const target = labels[i % 3]
    const raw = labels.map((label) => (label === target ? 2 : 0.5) + u())
    const sum = raw.reduce((a, b) => a + b, 0)
    const p = raw.map((r) => r / sum)
    return { id: i, g: i % 2 === 0 ? 'x' : 'y', target, prediction: labels[p.indexOf(Math.max(...p))], p_a: p[0], p_b: p[1], p_c: p[2] }
  })
  const regression = Array.from({ length: 200 }, (_, i) => ({ id: i, g: i % 2 === 0 ? 'x' : 'y', y: i % 2 === 0 ? 3 : 1 + u() * 10, yhat: 1 + u() * 10 }))
  const cities = ['Paris', 'Berlin', 'Rome', 'Madrid']
  const qa = Array.from({ length: 80 }, (_, i) => ({ q: `capital ${i}?`, g: i % 2 === 0 ? 'x' : 'y', answer: cities[i % 4], output: u() < 0.8 ? cities[i % 4] : i % 5 === 0 ? '' : cities[(i + 1) % 4] }))
  const words = ['model', 'data', 'test', 'gate', 'metric', 'slice', 'report', 'baseline']
  const summaries = Array.from({ length: 60 }, (_, i) => {
    const reference = Array.from({ length: 8 }, (_, w) => words[(i + w * 3) % words.length]).join(' ')
    return { doc: `doc ${i}`, g: i % 2 === 0 ? 'x' : 'y', reference, summary: reference.split(' ').filter(() => u() < 0.7).join(' ') || 'model' }
  })
  const replies = Array.from({ length: 60 }, (_, i) => ({ prompt: `prompt ${i}`, g: i % 2 === 0 ? 'x' : 'y', reply: u() < 0.9 ? `a kind reply ${i}` : `an awful reply ${i}` }))
  const retrieval = Array.from({ length: 100 }, (_, i) => ({ query: `q${i}`, g: i % 2 === 0 ? 'x' : 'y', relevant: JSON.stringify([`d${i % 7}`]), retrieved: JSON.stringify(u() < 0.7 ? [`d${i % 7}`, 'e', 'f'] : ['e', `d${i % 7}`, 'f']) }))
  const intervals = { resamples: 100, rowResamples: 30 }
  const toxicity = (texts: string[]): number[] => texts.map((text) => (text.includes('awful') ? 0.9 : 0.05))
  return {
    binary: await binaryRun(),
    multiclass: await evaluate({ data: multiclass, targets: 'target', predictions: 'prediction', probabilities: ['p_a', 'p_b', 'p_c'], labels, modelType: 'classifier', slices: ['g'], extraMetrics: [spread(false)], intervals }),
    // constant targets in slice x: its r2 is scikit-learn's convention (0 unless every prediction is exact)
    regressor: await evaluate({ data: regression, targets: 'y', predictions: 'yhat', modelType: 'regressor', slices: ['g'], extraMetrics: [spread(false)], intervals }),
    qa: await evaluate({ data: qa, targets: 'answer', predictions: 'output', modelType: 'question-answering', slices: ['g'], intervals }),
    summarization: await evaluate({ data: summaries, targets: 'reference', predictions: 'summary', modelType: 'text-summarization', slices: ['g'], intervals }),
    text: await evaluate({ data: replies, predictions: 'reply', modelType: 'text', toxicity, slices: ['g'], intervals } as Parameters<typeof evaluate>[0]),
    retriever: await evaluate({ data: retrieval, targets: 'relevant', predictions: 'retrieved', modelType: 'retriever', slices: ['g'], intervals }),
  }
}

describe('what evaluate() writes is accepted', () => {
  test('entries of real runs of every model type (every metric tracked, intervals, slices, an undefined roc_auc, a constant-target r2, custom metrics either way round) have no problem', async () => {
    const runs = await everyModelType()
    const entries = Object.fromEntries(Object.entries(runs).flatMap(([name, run]) => [[`${name} 1`, entryOfAll(run)], [`${name} 2`, createBaselineEntry(run)]]))
    const validated = validateBaselineFile(fileWith(entries))
    expect(validated.problems).toEqual([])
    expect(Object.keys(validated.file.entries)).toHaveLength(14)
    // the cases the checks are about are in these entries
    expect(entries['binary 1'].metrics.log_loss.greaterIsBetter).toBe(false)
    expect(entries['binary 1'].slices['region=solo'].metrics.roc_auc).toBeUndefined()
    expect(entries['regressor 1'].metrics.r2_score.greaterIsBetter).toBe(true)
    expect(entries['text 1'].metrics['token_count/v1/mean'].greaterIsBetter).toBeNull()
    expect(entries['multiclass 1'].metrics.score_spread.greaterIsBetter).toBe(false)
  }, 60_000)
})

/** One change in meaning per case: how to make it, and what the error must say. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases reach into any part of a parsed entry
const MEANINGLESS: Array<[string, (entry: Record<string, any>) => void, string]> = [
  ['a built-in metric turned round (log_loss greater is better)', (e) => (e.metrics.log_loss.greaterIsBetter = true), 'metric "log_loss" has greaterIsBetter true, but a lower log_loss is better (greaterIsBetter false): the gate would pass every rise of it as an improvement'],
  ['a built-in metric without its direction', (e) => (e.metrics.accuracy_score.greaterIsBetter = null), 'metric "accuracy_score" has greaterIsBetter null, but a higher accuracy_score is better (greaterIsBetter true)'],
  ['an accuracy of 1e308', (e) => (e.metrics.accuracy_score.value = 1e308), 'metric "accuracy_score" has the value 1e+308, but accuracy_score lies between 0 and 1'],
  ['an accuracy of -0.5', (e) => (e.metrics.accuracy_score.value = -0.5), 'metric "accuracy_score" has the value -0.5, but accuracy_score lies between 0 and 1'],
  ['a negative log_loss', (e) => (e.metrics.log_loss.value = -0.2), 'metric "log_loss" has the value -0.2, but log_loss is never below 0'],
  ['a slice accuracy above 1', (e) => (e.slices['region=north'].metrics.accuracy_score.value = 1.5), 'slice "region=north": metric "accuracy_score" has the value 1.5, but accuracy_score lies between 0 and 1'],
  ['an interval whose lower bound is above its upper bound', (e) => (e.metrics.accuracy_score.lower = 0.99), 'metric "accuracy_score" has its interval\'s lower bound 0.99 above its upper bound'],
  ['an interval level of 95', (e) => (e.metrics.accuracy_score.level = 95), 'metric "accuracy_score" has the interval level 95, expected a confidence level between 0 and 1 (e.g. 0.95)'],
]

describe('a baseline malformed in meaning is the corrupt-baseline error', () => {
  test.each(MEANINGLESS)('%s', async (_, breakIt, what) => {
    const entry = JSON.parse(JSON.stringify(createBaselineEntry(await binaryRun())))
    breakIt(entry)
    const text = fileWith({ 'good 1': createBaselineEntry(await binaryRun()), 'binary model 1': entry })
    const validated = validateBaselineFile(text)
    expect(validated.problems).toHaveLength(1)
    expect(validated.problems[0].what).toContain(what)
    expect(Object.keys(validated.file.entries)).toEqual(['good 1'])
    expect(() => parseBaselineFile(text, '__baselines__/model.eval.test.ts.json')).toThrow(
      new RegExp(`^baseline file __baselines__/model\\.eval\\.test\\.ts\\.json is not a valid evalgate baseline \\(line ${validated.problems[0].line}\\): entry "binary model 1": `),
    )
  })

  test('a value written as 1e999 (read as Infinity) is named as not finite', async () => {
    const text = fileWith({ 'binary model 1': createBaselineEntry(await binaryRun()) })
    const edited = text.replace(/("accuracy_score": \{[^}]*?"value": )[0-9.e-]+/, '$11e999')
    expect(edited).not.toBe(text)
    expect(validateBaselineFile(edited).problems[0]).toMatchObject({
      entry: 'binary model 1',
      what: 'metric "accuracy_score" has the value Infinity, expected a finite number (evalgate writes only finite values; 1e999 is read as Infinity)',
    })
  })

  test("a custom metric's direction is in the test file's defineMetric: the file alone accepts either (the session checks it against the run, below)", async () => {
    const entry = createBaselineEntry(await binaryRun())
    expect(entry.metrics.score_spread.greaterIsBetter).toBe(true)
    const turned = JSON.parse(JSON.stringify(entry))
    turned.metrics.score_spread.greaterIsBetter = false
    expect(validateBaselineFile(fileWith({ 'binary model 1': turned })).problems).toEqual([])
  })
})

describe('in a session: local and CI runs refuse the file, -u repairs it', () => {
  const folder = mkdtempSync(join(tmpdir(), 'evalgate-meaning-'))
  let counter = 0

  /** A file whose entry "binary model 1" is `edit`ed, written from the unflattened model. */
  async function editedFile(edit: (entry: BaselineEntry) => void): Promise<string> {
    const path = join(folder, `f${++counter}/__baselines__/model.eval.test.ts.json`)
    mkdirSync(dirname(path), { recursive: true })
    const entry = createBaselineEntry(await binaryRun(), { metrics: ['log_loss', 'accuracy_score', 'score_spread'] })
    edit(entry)
    writeFileSync(path, fileWith({ 'binary model 1': entry }))
    return path
  }

  test('log_loss turned round: a log_loss regression is refused as a corrupt file, not passed as "improved"; -u rewrites the direction', async () => {
    const path = await editedFile((entry) => (entry.metrics.log_loss.greaterIsBetter = true))
    const worse = await binaryRun(0.6)
    const options = { metrics: ['log_loss'] }
    for (const state of ['new', 'none'] as const) {
      const session = new BaselineFileSession(path, '__baselines__/model.eval.test.ts.json', state)
      expect(() => session.check('binary model 1', worse, options)).toThrow(
        /^baseline file __baselines__\/model\.eval\.test\.ts\.json is not a valid evalgate baseline \(line \d+\): entry "binary model 1": metric "log_loss" has greaterIsBetter true, but a lower log_loss is better/,
      )
    }
    const session = new BaselineFileSession(path, '__baselines__/model.eval.test.ts.json', 'all')
    const check = session.check('binary model 1', await binaryRun(), options)
    expect(check.notes.join('\n')).toMatch(/the stored baseline was malformed \(line \d+\): entry "binary model 1": metric "log_loss" has greaterIsBetter true.*; it is rewritten/)
    session.finish([{ name: 'binary model', completed: true }])
    expect(new BaselineStore().read(path)?.entries['binary model 1'].metrics.log_loss.greaterIsBetter).toBe(false)
  }, 60_000)

  test("a custom metric stored the other way round from its defineMetric is refused locally and in CI, naming both; -u rewrites it", async () => {
    const path = await editedFile((entry) => (entry.metrics.score_spread.greaterIsBetter = false))
    const before = readFileSync(path, 'utf8')
    const line = before.split('\n').findIndex((text) => text.includes('"score_spread": {')) + 1
    const run = await binaryRun()
    for (const state of ['new', 'none'] as const) {
      const session = new BaselineFileSession(path, '__baselines__/model.eval.test.ts.json', state)
      expect(() => session.check('binary model 1', run, {})).toThrow(
        `baseline file __baselines__/model.eval.test.ts.json is not a valid evalgate baseline (line ${line}): entry "binary model 1": custom metric "score_spread" is stored with greaterIsBetter false, but its defineMetric says true (a higher value is better): the file was edited, or the definition turned round since the entry was written; it was left untouched`,
      )
    }
    expect(readFileSync(path, 'utf8')).toBe(before)
    const session = new BaselineFileSession(path, '__baselines__/model.eval.test.ts.json', 'all')
    const check = session.check('binary model 1', run, {})
    expect(check.notes.join('\n')).toContain('custom metric "score_spread" is stored with greaterIsBetter false')
    session.finish([{ name: 'binary model', completed: true }])
    expect(new BaselineStore().read(path)?.entries['binary model 1'].metrics.score_spread.greaterIsBetter).toBe(true)
  }, 60_000)
})
