/**
 * Changed evaluation data with `allowDataChange`: the rows the baseline also holds are matched by
 * their content (row keys) and compared with the paired tests. Before, rows were paired by
 * position, so after rows were appended or reordered every metric got the unpaired test from the
 * two intervals: a regressor's bias on the original rows, caught 8 times in 10 on unchanged data,
 * was caught 1 time in 10 with 80 rows appended and 0 in 10 with the rows reordered, and easy
 * rows added hid it as an improvement (adversarial passes 23s and 23w).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline, toComparison } from '../../src/baselines/verdict.js'
import { matchEntryRows } from '../../src/baselines/row-matching.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'
import { resolveBaselineOptions } from '../../src/vitest/matchers/baseline-options.js'
import { validateBaselineFile } from '../../src/baselines/validate-baseline-file.js'
import { cellKeyPart, keysOfCells, matchRows, rowKeys } from '../../src/data/row-keys.js'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'
import { RowFailure, type ModelAdapter } from '../../src/models/types.js'

interface Row extends Record<string, unknown> {
  id: number
  x: number
  region: string
  y: number
}

/** 800 rows, then 200 more (ids 800-999) of the same law. */
function regressorRows(count: number, seed = 3): Row[] {
  const random = createRandom(seed)
  return Array.from({ length: count }, (_, id) => {
    const x = random.normal()
    return { id, x, region: ['north', 'south'][id % 2]!, y: 10 + 2 * x + random.normal() }
  })
}

/** A model's prediction of each row by id: the baseline's is 10 + 2x plus its own noise. */
function predictions(rows: Row[], seed: number, bias: (row: Row) => number = () => 0): Map<number, number> {
  const random = createRandom(seed)
  return new Map(rows.map((row) => [row.id, 10 + 2 * row.x + 0.3 * random.normal() + bias(row)]))
}

const regress = (rows: Row[], model: Map<number, number>) =>
  evaluate({ data: rows, targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], slices: ['region'], model: (batch: Row[]) => batch.map((row) => model.get(row.id)!) })

const all = regressorRows(1000)
const original = all.slice(0, 800)
const baselineModel = predictions(all, 11)
/** The same model but 0.6 worse on every original row: exact on the new ones, so all 1,000 rows' MAE looks better. */
const regressed = new Map([...baselineModel].map(([id, value]) => [id, id < 800 ? value + 0.6 : all[id]!.y]))

/** A served model that times out on some rows (onError: 'skip'), as an in-process adapter. */
const served = (model: Map<number, number>, failing: (id: number) => boolean): ModelAdapter<Row> => ({
  kind: 'evalgate.model-adapter',
  name: 'flaky server',
  describe: () => ({ adapter: 'test' }),
  predict: async (batch) => batch.map((row, i) => (failing(row.id) ? new RowFailure(i, 'timed out') : model.get(row.id)!)),
  stats: () => ({ cacheHits: 0, cacheMisses: 0, requests: 1, retries: 0, failedRows: 0 }),
})

function rowOf(verdict: ReturnType<typeof compareWithBaseline>, metric: string, slice?: string) {
  return verdict.rows.find((row) => row.metric === metric && row.slice === slice)!
}

describe('row keys', () => {
  test('equal cells give equal keys; 1 and "1" differ; -0 is 0 and every NaN one', () => {
    const keys = rowKeys(
      [
        { kind: 'mixed', values: [1, '1', 1, null] },
        { kind: 'number', values: Float64Array.of(0, 0, -0, Number.NaN) },
      ],
      4,
    )
    expect(keys[0]).toBe(keys[2])
    expect(keys[0]).not.toBe(keys[1])
    const nan = rowKeys([{ kind: 'number', values: Float64Array.of(Number.NaN, -Number.NaN) }], 2)
    expect(nan[0]).toBe(nan[1])
  })

  test('rows of one key pair one to one, in order; the rest are added or gone', () => {
    expect([...matchRows(Uint32Array.of(7, 8, 7), Uint32Array.of(7, 9, 7, 7, 8))]).toEqual([0, -1, 2, -1, 1])
  })

  test('an entry stores a key per row, over the targets and inputs', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    expect(entry.rowKeys).toMatchObject({ encoding: 'uint32le-base64', length: 800, columns: ['y', 'id', 'x'] })
  })
})

describe('changed data compared on the rows both hold', () => {
  test('rows appended and the model worse on the original rows: fails on those rows, paired (it passed as an improvement)', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const current = await regress(all, regressed)
    // On all 1,000 rows the regressed model looks better than the baseline did on its 800.
    expect(current.metrics.mean_absolute_error).toBeLessThan(entry.metrics.mean_absolute_error!.value)
    const verdict = compareWithBaseline(entry, current, { allowDataChange: true })
    expect(verdict.status).toBe('failed')
    const mae = rowOf(verdict, 'mean_absolute_error')
    expect(mae.verdict).toBe('fail')
    expect(mae.test).toBe('paired-mean')
    // The values shown are of the 800 shared rows: the baseline's stored value, the regressed model's there.
    expect(mae.baseline).toBeCloseTo(entry.metrics.mean_absolute_error!.value, 12)
    expect(mae.current!).toBeGreaterThan(mae.baseline! + 0.1)
    expect(rowOf(verdict, 'mean_absolute_error', 'region=north').verdict).toBe('fail')
    expect(verdict.notes[0]).toBe(
      'evaluation data changed: 800 -> 1,000 rows (allowed: compared on the 800 rows the baseline also holds (of 1,000 now, matched by their content), with the paired tests; the values below are of those rows)',
    )
    expect(verdict.notes.join('\n')).not.toContain('would raise the bar')
  })

  test('rows appended, the model unchanged: passes, every value as stored', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const verdict = compareWithBaseline(entry, await regress(all, baselineModel), { allowDataChange: true })
    expect(verdict.status).toBe('passed')
    for (const row of verdict.rows) expect(row.change).toBeCloseTo(0, 12)
  })

  test('rows reordered: the note says they are the same rows, and a regression is caught', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const shuffled = [...original].sort((a, b) => (a.id * 7919) % 800 - (b.id * 7919) % 800)
    const same = compareWithBaseline(entry, await regress(shuffled, baselineModel), { allowDataChange: true })
    expect(same.status).toBe('passed')
    expect(same.notes[0]).toMatch(/^evaluation data changed: columns "y", "id", "x" changed \(the same rows in another order\) \(allowed: compared on the 800 rows the baseline also holds \(matched by their content\)/)
    const worse = compareWithBaseline(entry, await regress(shuffled, regressed), { allowDataChange: true })
    expect(rowOf(worse, 'root_mean_squared_error').verdict).toBe('fail')
    // Without allowDataChange the run fails as changed data; its rows show the comparison on the matched rows.
    const refused = compareWithBaseline(entry, await regress(shuffled, regressed))
    expect(refused.status).toBe('data-changed')
    expect(refused.notes[0]).toContain('; the values below compare the models on the 800 rows the baseline also holds (matched by their content), with the paired tests; to accept the new data, run `vitest -u` with the model the baseline was written from')
    expect(refused.notes[0]).toMatch(/or pass \{ allowDataChange: true \} to gate on those rows$/)
    expect(rowOf(refused, 'root_mean_squared_error')).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
  })

  test('rows removed: compared on the rows left, and the note counts the rows gone', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const kept = original.filter((row) => row.id % 10 !== 0)
    const verdict = compareWithBaseline(entry, await regress(kept, regressed), { allowDataChange: true })
    expect(rowOf(verdict, 'mean_absolute_error').verdict).toBe('fail')
    expect(verdict.notes[0]).toContain('compared on the 720 rows the baseline also holds (matched by their content; 80 of its 800 rows are not in the data now (a row with a changed cell is a new row; with rowKeyColumns naming an id, only a changed id or target makes one))')
  })

  test('a threshold still bounds the value on all rows', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const current = await regress(all, baselineModel)
    const verdict = compareWithBaseline(entry, current, { allowDataChange: true, perMetric: { mean_absolute_error: { threshold: current.metrics.mean_absolute_error! - 0.01 } } })
    expect(rowOf(verdict, 'mean_absolute_error')).toMatchObject({ verdict: 'fail', missedThreshold: true })
  })

  test('an entry without row keys (an earlier version) is compared on all rows with unpaired tests, and the note says why', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    delete entry.rowKeys
    const verdict = compareWithBaseline(entry, await regress(all, regressed), { allowDataChange: true })
    expect(rowOf(verdict, 'mean_absolute_error').verdict).toBe('improved')
    expect(verdict.notes[0]).toContain('(allowed: compared on all rows with unpaired tests, which catch far less: the baseline entry stores no row keys')
  })

  test('a classifier whose rows were reordered and appended: accuracy on the shared rows gets McNemar', async () => {
    const random = createRandom(5)
    const rows = Array.from({ length: 660 }, (_, id) => ({ id, text: `ticket ${id}`, label: ['billing', 'tech', 'sales'][id % 3]! }))
    const right = (row: { id: number; label: string }, wrongEvery: number) => (row.id % wrongEvery === 0 ? (row.label === 'tech' ? 'sales' : 'tech') : row.label)
    const noise = new Map(rows.map((row) => [row.id, random.uniform() < 0.05]))
    const classify = (data: typeof rows, wrongEvery: number) =>
      evaluate({ data, targets: 'label', modelType: 'classifier', inputColumns: ['id', 'text'], model: (batch: typeof rows) => batch.map((row) => (noise.get(row.id) ? 'sales' : right(row, wrongEvery))) })
    const entry = createBaselineEntry(await classify(rows.slice(0, 600), 1000))
    const next = [...rows].reverse()
    const verdict = compareWithBaseline(entry, await classify(next, 8), { allowDataChange: true, metrics: ['accuracy_score'] })
    expect(rowOf(verdict, 'accuracy_score')).toMatchObject({ verdict: 'fail', test: 'mcnemar-exact' })
  })

  test('a binary classifier with probabilities, rows reordered and appended: log_loss and roc_auc on the shared rows get their paired tests', async () => {
    const random = createRandom(8)
    const rows = Array.from({ length: 700 }, (_, id) => {
      const positive = random.uniform() < 0.4
      return { id, text: `ticket ${id}`, label: positive ? 'yes' : 'no', score: (positive ? 1.2 : 0) + random.normal() }
    })
    const flatten = new Map(rows.map((row) => [row.id, random.normal()]))
    // The current model's scores are flattened and noisier on the original rows; its labels mostly stay.
    const classify = (data: typeof rows, worse: boolean) =>
      evaluate({
        data,
        targets: 'label',
        modelType: 'classifier',
        labels: ['no', 'yes'],
        posLabel: 'yes',
        inputColumns: ['id', 'text'],
        model: (batch: typeof rows) =>
          batch.map((row) => {
            const z = worse && row.id < 600 ? 0.5 * (row.score - 0.6) + 0.6 * flatten.get(row.id)! : row.score - 0.6
            const p = 1 / (1 + Math.exp(-1.6 * z))
            return { probabilities: [1 - p, p] }
          }),
      })
    const entry = createBaselineEntry(await classify(rows.slice(0, 600), false))
    const verdict = compareWithBaseline(entry, await classify([...rows].reverse(), true), { allowDataChange: true, metrics: ['log_loss', 'roc_auc'] })
    expect(rowOf(verdict, 'log_loss')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
    expect(rowOf(verdict, 'roc_auc')).toMatchObject({ verdict: 'fail', test: 'paired-delong' })
    expect(rowOf(verdict, 'roc_auc').baseline).toBeCloseTo(entry.metrics.roc_auc!.value, 12)
  })

  test('question answering with rows appended: exact match on the shared rows gets the paired mean of the stored per-row scores', async () => {
    const qa = Array.from({ length: 440 }, (_, id) => ({ id, question: `what is item ${id}?`, answer: `item ${id}` }))
    const answer = (wrongEvery: number) => (batch: typeof qa) => batch.map((row) => (row.id < 400 && row.id % wrongEvery === 0 ? 'no idea' : row.answer))
    const ask = (data: typeof qa, wrongEvery: number) => evaluate({ data, targets: 'answer', modelType: 'question-answering', inputColumns: ['id', 'question'], model: answer(wrongEvery) })
    const entry = createBaselineEntry(await ask(qa.slice(0, 400), 10))
    expect(entry.outputTexts).toBeUndefined()
    const verdict = compareWithBaseline(entry, await ask(qa, 4), { allowDataChange: true })
    expect(rowOf(verdict, 'exact_match/v1')).toMatchObject({ verdict: 'fail', test: 'paired-mean', baseline: 0.9, current: 0.75 })
  })

  test('a class new with the added rows: the stored labels and probabilities are put on the new label list, and the shared rows are paired', async () => {
    const rows = Array.from({ length: 330 }, (_, id) => ({ id, text: `ticket ${id}`, label: id < 300 ? ['billing', 'tech'][id % 2]! : 'sales' }))
    const classify = (data: typeof rows, wrongEvery: number) =>
      evaluate({ data, targets: 'label', modelType: 'classifier', inputColumns: ['id', 'text'], model: (batch: typeof rows) => batch.map((row) => ({ label: row.id % wrongEvery === 0 ? 'tech' : row.label, probabilities: Object.fromEntries(['billing', 'sales', 'tech'].filter((label) => label !== 'sales' || data.length > 300).map((label) => [label, label === (row.id % wrongEvery === 0 ? 'tech' : row.label) ? 0.8 : 0.2 / (data.length > 300 ? 2 : 1)])) })) })
    const entry = createBaselineEntry(await classify(rows.slice(0, 300), 1000))
    expect(entry.predictions?.labels).toEqual(['billing', 'tech'])
    const same = compareWithBaseline(entry, await classify(rows, 1000), { allowDataChange: true, metrics: ['accuracy_score', 'log_loss'] })
    expect(same.notes[0]).toContain('compared on the 300 rows the baseline also holds (of 330 now, matched by their content)')
    expect(rowOf(same, 'accuracy_score')).toMatchObject({ change: 0, verdict: 'pass' })
    expect(same.status).toBe('passed')
    const worse = compareWithBaseline(entry, await classify(rows, 4), { allowDataChange: true, metrics: ['accuracy_score'] })
    expect(rowOf(worse, 'accuracy_score')).toMatchObject({ verdict: 'fail', test: 'mcnemar-exact' })
  })

  test('unchanged data, rows failed in a served model: the rows both evaluated are compared paired (it was unpaired for every metric)', async () => {
    const serve = (model: Map<number, number>, failing: (id: number) => boolean) =>
      evaluate({ data: original, targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], model: served(model, failing) })
    const entry = createBaselineEntry(await serve(baselineModel, (id) => id % 50 === 0))
    expect(entry.rowKeys?.length).toBe(784)
    const verdict = compareWithBaseline(entry, await serve(regressed, (id) => id % 40 === 1))
    expect(verdict.status).toBe('failed')
    expect(rowOf(verdict, 'mean_absolute_error')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
    expect(verdict.notes[0]).toBe("rows failed in the model (the baseline's: 16 of 800, this run's: 20 of 800), so the models were compared on the 764 rows both evaluated (matched by their content), with the paired tests; the values below are of those rows")
    expect(compareWithBaseline(entry, await serve(baselineModel, (id) => id % 40 === 1)).status).toBe('passed')
    // error_rate, tracked by default: tested on the failed-row counts, and no note calls it unpaired
    const failingMore = compareWithBaseline(entry, await serve(baselineModel, (id) => id % 3 === 0))
    expect(rowOf(failingMore, 'error_rate')).toMatchObject({ verdict: 'fail', test: 'fisher-exact' })
    expect(failingMore.notes.join('\n')).not.toContain('error_rate cannot be recomputed')
  })

  test('error_rate beyond the defaults (adversarial pass 29): an entry written before it was tracked, an explicit metrics list, a slice a failure takes below minSliceSize', async () => {
    const serve = (failing: (id: number) => boolean, minSliceSize?: number) =>
      evaluate({ data: original, targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], slices: ['region'], ...(minSliceSize ? { minSliceSize } : {}), model: served(baselineModel, failing) })
    const fresh = createBaselineEntry(await serve(() => false))
    // an entry of an earlier version: no error_rate stored; its failed rows are the set's rows it did not evaluate
    const old = structuredClone(fresh)
    delete old.metrics.error_rate
    const third = await serve((id) => id % 3 === 0)
    const againstOld = compareWithBaseline(old, third)
    expect(rowOf(againstOld, 'error_rate')).toMatchObject({ verdict: 'fail', test: 'fisher-exact', baseline: 0 })
    expect(againstOld.ungated).toBeUndefined()
    // the same predictions from a function (no served model, so no row can have failed): error_rate is 0, not missing (pass 30)
    const local = compareWithBaseline(fresh, await regress(original, baselineModel))
    expect(rowOf(local, 'error_rate')).toMatchObject({ verdict: 'pass', current: 0 })
    expect(local.status).toBe('passed')
    // an explicit list without error_rate: a warning says the failed rows are not gated
    const listed = compareWithBaseline(fresh, third, { metrics: ['mean_absolute_error'] })
    expect(listed.status).toBe('passed')
    expect(listed.warnings).toContain("267 of 800 rows failed in the model and are left out of every metric compared; metrics leaves error_rate out, so more failed rows than the baseline's are not gated: add 'error_rate' to metrics")
    // slices of exactly minSliceSize rows: one timeout takes one below it; compared on the rows both
    // evaluated, not failed as a slice gone (pass 29), and its regression still fails (pass 30)
    const atMinimum = createBaselineEntry(await serve(() => false, 400))
    const once = compareWithBaseline(atMinimum, await serve((id) => id === 8, 400))
    expect(once.rows.filter((row) => row.verdict === 'missing')).toEqual([])
    expect(once.status).toBe('passed')
    expect(rowOf(once, 'mean_absolute_error', 'region=north')).toMatchObject({ verdict: 'pass', change: 0 })
    const worseNorth = new Map([...baselineModel].map(([id, value]) => [id, id % 2 === 0 ? value + 0.6 : value]))
    const hidden = await evaluate({ data: original, targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], slices: ['region'], minSliceSize: 400, model: served(worseNorth, (id) => id === 8) })
    expect(rowOf(compareWithBaseline(atMinimum, hidden), 'mean_absolute_error', 'region=north')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
  })

  test('a threshold names the value of all rows it bounds, beside the row of the shared rows (adversarial pass 24a)', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const current = await regress(all, baselineModel)
    const verdict = compareWithBaseline(entry, current, { allowDataChange: true, perMetric: { mean_absolute_error: { threshold: 0.5 } } })
    expect(rowOf(verdict, 'mean_absolute_error').allowed).toBe(`<= 0.5 (threshold; all rows: ${current.metrics.mean_absolute_error!.toFixed(4)}), 0 (tolerance)`)
    expect(verdict.comparedOn).toBe('800 of 1,000 rows')
  })

  test('the reports say which rows a change of matched rows is of, beside the run\'s values of all rows', async () => {
    const meta = binaryMeta()
    meta.baselines[0]!.comparedOn = '800 of 1,000 rows'
    const content = await buildReportContent([{ file: 'test/churn.eval.ts', suitePath: [], name: 'churn', fullName: 'churn', state: 'passed', durationMs: 3, errors: [], meta }], { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    expect(renderTerminalTable(content.entries)).toContain("accuracy_score ±0, roc_auc +0.0300 (better) on 800 of 1,000 rows")
    expect(content.files.get('summary.md')!.toString()).toContain('<br>(on 800 of 1,000 rows)')
    expect(content.files.get('index.html')!.toString()).toContain('Baseline and change on 800 of 1,000 rows (the rows the baseline also holds); value and interval of all rows')
    expect(content.files.get('junit.xml')!.toString()).toContain('<property name="baseline.compared_on" value="800 of 1,000 rows"/>')
  })

  test("targets read from another column: rows whose target changed are not shared, so a text type's stored scores are never set against new references (adversarial pass 24a)", async () => {
    const qa = Array.from({ length: 400 }, (_, id) => ({ id, question: `what is item ${id}?`, answer: `item ${id}`, corrected: id % 3 === 0 ? `thing ${id}` : `item ${id}` }))
    const ask = (targets: 'answer' | 'corrected') => evaluate({ data: qa, targets, modelType: 'question-answering', inputColumns: ['id', 'question'], model: (batch: typeof qa) => batch.map((row) => row.answer) })
    const entry = createBaselineEntry(await ask('answer'))
    const verdict = compareWithBaseline(entry, await ask('corrected'), { allowDataChange: true })
    // Was: exact_match/v1 1 -> 0.665 "on the 400 rows the baseline also holds", a regression of an unchanged model.
    expect(verdict.status).toBe('passed')
    expect(verdict.notes[0]).toContain('compared on the 266 rows the baseline also holds (of 400 now, matched by their content; 134 of its 400 rows are not in the data now (a row with a changed cell is a new row; with rowKeyColumns naming an id, only a changed id or target makes one))')
  })

  test('why rows cannot be matched: no outputs above their cap, no table (a run read back from JSON) (adversarial pass 24a)', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const big = { ...entry, exampleCount: 250_001, dataset: { ...entry.dataset, rowCount: 250_001 } }
    delete big.rowKeys
    delete big.predictions
    const run = await regress(all, regressed)
    expect(matchEntryRows(big, run)).toEqual({ reason: 'the baseline stores no per-example outputs (250,001 examples, above the 250,000-example cap for stored regressor predictions), so no row keys either' })
    expect(matchEntryRows(entry, JSON.parse(JSON.stringify(run)))).toEqual({ reason: "the run's rows are not in memory (read back from JSON without its table)" })
    expect(toComparison(compareWithBaseline(entry, run, { allowDataChange: true }), 'k', 'f', 'failed').comparedOn).toBe('800 of 1,000 rows')
  })

  test('changed data and rows failed in the model: the note counts the failures apart from the rows gone (adversarial pass 24b)', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const current = await evaluate({ data: all, targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], slices: ['region'], model: served(baselineModel, (id) => id % 50 === 0) })
    const verdict = compareWithBaseline(entry, current, { allowDataChange: true })
    expect(verdict.notes[0]).toContain('compared on the 784 rows the baseline also holds (of 980 evaluated now, matched by their content; 16 of its 800 rows are not in the data now or failed in this run\'s model (a row with a changed cell is a new row; with rowKeyColumns naming an id, only a changed id or target makes one); this run\'s model failed on 20 rows)')
    // the baseline's model (in-process) failed on none: 20 failed rows now fail error_rate, and nothing else
    expect(verdict.rows.filter((row) => row.verdict === 'fail').map((row) => [row.metric, row.test])).toEqual([['error_rate', 'fisher-exact']])
  })

  test('rows only removed: the reports say the values are of the rows left, not the stored ones (adversarial pass 24b)', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const verdict = compareWithBaseline(entry, await regress(original.slice(0, 720), baselineModel), { allowDataChange: true })
    expect(verdict.comparedOn).toBe("720 rows, of the baseline's 800")
  })

  test('no row matches (the keyed columns but the targets rewritten): the note names the keyed columns and the fix (adversarial pass 24b)', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    // Both columns besides the targets changed in every row: nothing is left to tell the rows apart.
    const rewritten = all.map((row) => ({ ...row, x: row.x + 1e-9, id: row.id + 0.5 }))
    const shifted = new Map([...baselineModel].map(([id, value]) => [id + 0.5, value]))
    const verdict = compareWithBaseline(entry, await regress(rewritten, shifted), { allowDataChange: true })
    expect(verdict.notes[0]).toContain('(allowed: compared on all rows with unpaired tests, which catch far less: no row of the baseline\'s is in the data now: each row is keyed by its cells in "y", "id", "x", and a row with any of them changed is another row; matching them on the columns that did not change was refused: without "id" (changed in most rows), "x" (changed in most rows) no column but the targets is left to tell the rows apart (rows are keyed by the targets and the input columns, by default every column of the file: name the columns that tell one row from another and stay the same (not "id", "x", changed in most rows or gone) with toMatchBaseline({ rowKeyColumns: [...] }), or the columns the model reads with inputColumns, so that other columns can change without unmatching the rows; either keys the entry the next `vitest -u` writes, not the stored one; where an id column itself was renumbered, no key pairs the rows')
  })

  test('a feature changed in every row with only an id left to vouch for the pairs: refused, since new examples under reused ids look the same (adversarial pass 27); rowKeyColumns pairs them', async () => {
    const entry = createBaselineEntry(await regress(original, baselineModel))
    const rewritten = all.map((row) => ({ ...row, x: row.x + 1e-9 }))
    const verdict = compareWithBaseline(entry, await regress(rewritten, regressed), { allowDataChange: true })
    expect(verdict.notes[0]).toContain('matching them on the columns that did not change was refused: without "x" (changed in most rows) only "id" has mostly distinct values, and one such column alone (it may be a row number or an id, which new rows can reuse) does not tell a rewritten column from rows replaced by new ones (rows are keyed by the targets and the input columns, by default every column of the file: name the columns that tell one row from another and stay the same (not "x", changed in most rows or gone)')
    expect(verdict.notes[0]).toContain("toMatchBaseline({ rowKeyColumns: ['id'] })")
    const byId = compareWithBaseline(createBaselineEntry(await regress(original, baselineModel), { rowKeyColumns: ['id'] }), await regress(rewritten, regressed), { allowDataChange: true })
    expect(rowOf(byId, 'mean_absolute_error')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
  })

  test('rowKeyColumns: rows keyed by their id (and targets), so a column no model reads can be rewritten with the data and the rows still match (adversarial pass 24b)', async () => {
    const withNotes = (rows: Row[]) => rows.map((row) => ({ ...row, note: `reviewed ${row.id}` }))
    const annotate = (rows: Row[], model: Map<number, number>) => evaluate({ data: withNotes(rows), targets: 'y', modelType: 'regressor', slices: ['region'], model: (batch: Row[]) => batch.map((row) => model.get(row.id)!) })
    const byId = createBaselineEntry(await annotate(original, baselineModel), { rowKeyColumns: ['id'] })
    expect(byId.rowKeys?.columns).toEqual(['y', 'id'])
    const rewritten = (await annotate(all, regressed))
    // The notes column rewritten in every row: keyed by every column, no row would match.
    const refreshed = await evaluate({ data: all.map((row) => ({ ...row, note: `re-reviewed ${row.id}` })), targets: 'y', modelType: 'regressor', slices: ['region'], model: (batch: Row[]) => batch.map((row) => regressed.get(row.id)!) })
    // Keyed by every column and without the cell hashes (an entry written before them), no row would match.
    const { cells: _cells, ...keysOnly } = createBaselineEntry(await annotate(original, baselineModel)).rowKeys!
    expect(compareWithBaseline({ ...createBaselineEntry(await annotate(original, baselineModel)), rowKeys: keysOnly }, refreshed, { allowDataChange: true }).notes[0]).toContain("no row of the baseline's is in the data now")
    const verdict = compareWithBaseline(byId, refreshed, { allowDataChange: true })
    expect(verdict.notes[0]).toContain('compared on the 800 rows the baseline also holds (of 1,000 now, matched by their "y", "id")')
    expect(rowOf(verdict, 'mean_absolute_error')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
    expect(compareWithBaseline(byId, rewritten, { allowDataChange: true }).status).toBe('failed')
  })

  describe('a column dropped or rewritten in most rows is left out of the match (the stored cell hashes)', () => {
    const withColumns = (rows: Row[], extra: (row: Row) => Record<string, unknown>) => rows.map((row) => ({ ...row, ...extra(row) }))
    const annotated = (rows: Row[], model: Map<number, number>) =>
      evaluate({ data: rows, targets: 'y', modelType: 'regressor', slices: ['region'], model: (batch: Row[]) => batch.map((row) => model.get(row.id)!) })
    const baselineRows = withColumns(original, (row) => ({ note: `reviewed ${row.id}`, source: ['web', 'app', 'mail'][row.id % 3] }))

    test('a notes column rewritten in every row and 200 rows appended, keyed by every column: the regression fails paired, the note names the column (adversarial pass 24b)', async () => {
      const entry = createBaselineEntry(await annotated(baselineRows, baselineModel))
      expect(entry.rowKeys?.columns).toEqual(expect.arrayContaining(['y', 'id', 'x', 'note', 'source']))
      expect(typeof entry.rowKeys?.cells).toBe('string')
      const refreshed = withColumns(all, (row) => ({ note: `re-reviewed ${row.id}`, source: ['web', 'app', 'mail'][row.id % 3] }))
      const verdict = compareWithBaseline(entry, await annotated(refreshed, regressed), { allowDataChange: true })
      expect(verdict.notes[0]).toContain('compared on the 800 rows the baseline also holds (of 1,000 now, matched by their content without "note" (changed in most rows)), with the paired tests')
      expect(rowOf(verdict, 'mean_absolute_error')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
      expect(verdict.status).toBe('failed')
      // The same model on the refreshed data passes, every value as stored.
      const same = compareWithBaseline(entry, await annotated(refreshed, baselineModel), { allowDataChange: true })
      expect(same.status).toBe('passed')
      expect(rowOf(same, 'mean_absolute_error').current).toBe(entry.metrics.mean_absolute_error!.value)
    })

    test('a column dropped: the rows match on the others, and the note says it is gone', async () => {
      const entry = createBaselineEntry(await annotated(baselineRows, baselineModel))
      const dropped = withColumns(all, (row) => ({ source: ['web', 'app', 'mail'][row.id % 3] }))
      const verdict = compareWithBaseline(entry, await annotated(dropped, regressed), { allowDataChange: true })
      expect(verdict.notes[0]).toContain('matched by their content without "note" (gone))')
      expect(rowOf(verdict, 'mean_absolute_error')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
    })

    test('a column reshuffled among its few values (its cells as common as before) and a notes column rewritten: both left out', async () => {
      const entry = createBaselineEntry(await annotated(baselineRows, baselineModel))
      const shuffled = withColumns(all, (row) => ({ note: `re-reviewed ${row.id}`, source: ['web', 'app', 'mail'][(row.id * 7 + 1) % 3] }))
      const verdict = compareWithBaseline(entry, await annotated(shuffled, regressed), { allowDataChange: true })
      expect(verdict.notes[0]).toContain('matched by their content without "note" (changed in most rows) and "source" (changed in most rows))')
      expect(rowOf(verdict, 'mean_absolute_error')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
    })

    test('a column edited in a tenth of the rows stays in the keys: those rows are other rows, not paired', async () => {
      const entry = createBaselineEntry(await annotated(baselineRows, baselineModel))
      const edited = withColumns(all, (row) => ({ note: row.id % 10 === 0 ? `edited ${row.id}` : `reviewed ${row.id}`, source: ['web', 'app', 'mail'][row.id % 3] }))
      const verdict = compareWithBaseline(entry, await annotated(edited, baselineModel), { allowDataChange: true })
      expect(verdict.notes[0]).toContain('compared on the 720 rows the baseline also holds (of 1,000 now, matched by their content; 80 of its 800 rows are not in the data now (a row with a changed cell is a new row; with rowKeyColumns naming an id, only a changed id or target makes one))')
    })

    test('a fresh sample of rows (new ids and texts): the class and region left would pair arbitrary rows, so nothing is matched', async () => {
      const sample = (first: number) => Array.from({ length: 600 }, (_, i) => ({ id: first + i, text: `ticket ${first + i}`, region: ['north', 'south'][i % 2]!, label: ['billing', 'tech', 'sales'][i % 3]! }))
      const classify = (data: ReturnType<typeof sample>) => evaluate({ data, targets: 'label', modelType: 'classifier', model: (batch: typeof data) => batch.map((row) => row.label) })
      const entry = createBaselineEntry(await classify(sample(0)))
      expect(entry.rowKeys?.columns).toEqual(expect.arrayContaining(['label', 'id', 'text', 'region']))
      const verdict = compareWithBaseline(entry, await classify(sample(10_000)), { allowDataChange: true })
      expect(verdict.notes[0]).toContain("compared on all rows with unpaired tests, which catch far less: no row of the baseline's is in the data now")
    })

    test('rows replaced under reused row numbers (idx) are not paired with the examples they replaced: x was not rewritten, its rows are new (adversarial pass 26)', async () => {
      const random = createRandom(21)
      const example = (idx: number) => {
        const x = random.normal()
        return { idx, region: ['north', 'south'][idx % 2]!, x, label: x + 0.5 * random.normal() > 0 ? 'yes' : 'no' }
      }
      const before = Array.from({ length: 1000 }, (_, idx) => example(idx))
      // The first 400 rows kept; rows 400-999 new examples that reuse idx 400-999.
      const after = [...before.slice(0, 400), ...Array.from({ length: 600 }, (_, i) => example(400 + i))]
      const classify = (data: typeof before) => evaluate({ data, targets: 'label', modelType: 'classifier', model: (batch: typeof before) => batch.map((row) => (row.x > 0 ? 'yes' : 'no')) })
      const entry = createBaselineEntry(await classify(before))
      const verdict = compareWithBaseline(entry, await classify(after), { allowDataChange: true })
      expect(verdict.notes[0]).toContain('compared on the 400 rows the baseline also holds (of 1,000 now, matched by their content; 600 of its 1,000 rows are not in the data now (a row with a changed cell is a new row; with rowKeyColumns naming an id, only a changed id or target makes one))')
      expect(verdict.status).toBe('passed')
    })

    test('70% of the rows replaced under reused ids (id, x, label): only the 300 rows kept are paired (adversarial pass 27)', async () => {
      const random = createRandom(27)
      const example = (id: number) => {
        const x = random.normal()
        return { id, x, label: x + 0.5 * random.normal() > 0 ? 'yes' : 'no' }
      }
      const before = Array.from({ length: 1000 }, (_, id) => example(id))
      const after = [...before.slice(0, 300), ...Array.from({ length: 700 }, (_, i) => example(300 + i))]
      const classify = (data: typeof before) => evaluate({ data, targets: 'label', modelType: 'classifier', model: (batch: typeof before) => batch.map((row) => (row.x > 0 ? 'yes' : 'no')) })
      const verdict = compareWithBaseline(createBaselineEntry(await classify(before)), await classify(after), { allowDataChange: true })
      expect(verdict.notes[0]).toContain('compared on the 300 rows the baseline also holds (of 1,000 now, matched by their content; 700 of its 1,000 rows are not in the data now (a row with a changed cell is a new row; with rowKeyColumns naming an id, only a changed id or target makes one))')
      expect(verdict.status).toBe('passed')
    })

    test('an honest refresh (export date rewritten, notes edited in 55% of rows, x nudged in 30%): the rows whose x is unchanged are paired by id and x (adversarial pass 27)', async () => {
      const random = createRandom(28)
      const before = Array.from({ length: 1000 }, (_, id) => {
        const x = random.normal()
        return { id, x, note: `note ${id}`, exported: '2026-11-01', label: x + 0.5 * random.normal() > 0 ? 'yes' : 'no' }
      })
      const after = before.map((row) => ({ ...row, exported: '2026-12-01', note: row.id < 550 ? `re-read ${row.id}` : row.note, x: row.id < 300 ? row.x + 1e-6 : row.x }))
      const classify = (data: typeof before, flip: number) => evaluate({ data, targets: 'label', modelType: 'classifier', model: (batch: typeof before) => batch.map((row) => ((row.x > 0) !== (row.id % 100 < flip) ? 'yes' : 'no')) })
      const entry = createBaselineEntry(await classify(before, 0))
      const verdict = compareWithBaseline(entry, await classify(after, 4), { allowDataChange: true })
      expect(verdict.notes[0]).toContain('compared on the 700 rows the baseline also holds (of 1,000 now, matched by their content without "note" (changed in most rows) and "exported" (changed in most rows); 300 of its 1,000 rows are not in the data now (a row with a changed cell is a new row; with rowKeyColumns naming an id, only a changed id or target makes one))')
      expect(rowOf(verdict, 'accuracy_score')).toMatchObject({ verdict: 'fail', test: 'mcnemar-exact' })
    })

    test('the stored cell hashes are validated with the row keys, and one key part is taken out of a key by XOR', async () => {
      const entry = createBaselineEntry(await regress(original.slice(0, 10), baselineModel))
      const text = JSON.stringify({ evalgateBaseline: 2, entries: { 'a 1': { ...entry, rowKeys: { ...entry.rowKeys!, cells: 'AAAA' } } } }, null, 2)
      expect(JSON.stringify(validateBaselineFile(text))).toContain('their cell hashes hold 3 bytes, expected 60 for 10 examples of 3 columns (uint16)')
      const cells = Uint16Array.of(1, 2, 3, 4, 5, 6)
      const both = keysOfCells(cells, 2, [0, 1, 2])
      expect(Array.from(both, (key, row) => (key ^ cellKeyPart(cells[2 * 2 + row]!, 2)) >>> 0)).toEqual(Array.from(keysOfCells(cells, 2, [0, 1])))
      expect(keysOfCells(Uint16Array.of(7, 7, 1, 2), 2, [0, 1])[0]).not.toBe(keysOfCells(Uint16Array.of(7, 7, 2, 1), 2, [0, 1])[0])
    })
  })

  test('rowKeyColumns names columns of the data, as a list: anything else is a clear error', async () => {
    const run = await regress(original, baselineModel)
    expect(() => resolveBaselineOptions(run, {}, { rowKeyColumns: ['ids'] })).toThrow('toMatchBaseline: rowKeyColumns names column "ids", which the evaluation data does not have; did you mean "id"?')
    expect(() => resolveBaselineOptions(run, {}, { rowKeyColumns: 'id' as never })).toThrow("rowKeyColumns must be a list of column names that tell one row from another, e.g. ['id'], received \"id\"")
    expect(resolveBaselineOptions(run, {}, { rowKeyColumns: ['id'] }).rowKeyColumns).toEqual(['id'])
  })

  test('rowKeyColumns whose values repeat on rows that differ elsewhere are a clear error: the rows of one key would be paired in their order, so wrongly once they move (adversarial pass 32)', async () => {
    // ids 0-399 twice (two rows per id, other x, same region parity): the id does not tell them apart
    const twice = original.map((row) => ({ ...row, id: row.id % 400 }))
    const run = await regress(twice, new Map(twice.map((row, i) => [row.id, 10 + 2 * row.x + (i % 3) * 0.1])))
    const message = 'toMatchBaseline: rowKeyColumns ["id"] do not tell the rows apart: rows 1 and 401 have the same "id" and the same target but differ in "x"'
    // at the targets alone they differ (other y), so name y too: still the same
    expect(() => resolveBaselineOptions(run, {}, { rowKeyColumns: ['id'] })).not.toThrow()
    const sameTargets = twice.map((row, i) => (i >= 400 ? { ...row, y: twice[i - 400]!.y } : row))
    const repeated = await regress(sameTargets, new Map(sameTargets.map((row) => [row.id, row.y])))
    expect(() => resolveBaselineOptions(repeated, {}, { rowKeyColumns: ['id'] })).toThrow(message)
    expect(() => resolveBaselineOptions(repeated, {}, { rowKeyColumns: ['id'] })).toThrow('name columns whose values are unique together (e.g. rowKeyColumns: ["id","x"]), or leave rowKeyColumns out to key each row by all its cells')
    expect(() => resolveBaselineOptions(repeated, {}, { rowKeyColumns: ['id', 'x'] })).not.toThrow()
    // rows equal in every column are the same example either way: no error
    const copies = [...original.slice(0, 50), ...original.slice(0, 50)]
    const copiesRun = await regress(copies, baselineModel)
    expect(() => resolveBaselineOptions(copiesRun, {}, { rowKeyColumns: ['id'] })).not.toThrow()
  })

  test('rowKeyColumns given only after the entry was written: the note says it takes effect at -u (adversarial pass 32: it changed nothing while the note kept recommending it)', async () => {
    const withNotes = (rows: Row[], note: string) => rows.map((row) => ({ ...row, note: `${note} ${row.id}` }))
    const annotate = (rows: Row[], note: string, model: Map<number, number>) => evaluate({ data: withNotes(rows, note), targets: 'y', modelType: 'regressor', slices: ['region'], model: (batch: Row[]) => batch.map((row) => model.get(row.id)!) })
    const byContent = createBaselineEntry(await annotate(original, 'reviewed', baselineModel))
    expect(byContent.rowKeys?.named).toBeUndefined()
    const later = compareWithBaseline(byContent, await annotate(all, 're-reviewed', regressed), { allowDataChange: true, rowKeyColumns: ['id'] })
    expect(later.notes[0]).toContain('. rowKeyColumns ["id"] takes effect when the baseline entry is written, and this one keys its rows by their content: to pair rows by "id", run `vitest -u` locally with the data and the model the baseline was written from, then change the data')
    // written with it: no such sentence, and the note names the columns the rows were matched by
    const byId = createBaselineEntry(await annotate(original, 'reviewed', baselineModel), { rowKeyColumns: ['id'] })
    expect(byId.rowKeys?.named).toBe(true)
    const verdict = compareWithBaseline(byId, await annotate(all.slice(0, 900), 're-reviewed', regressed), { allowDataChange: true, rowKeyColumns: ['id'] })
    expect(verdict.notes[0]).not.toContain('takes effect')
    expect(verdict.notes[0]).toContain('(of 900 now, matched by their "y", "id")')
    expect(verdict.status).toBe('failed')
  })

  test('a numeric column that changed in every row: the note says a number format may be why (adversarial pass 32: 26.40 written as 26.4 is text against numbers)', async () => {
    const asText = original.map((row) => ({ ...row, x: row.x.toFixed(20) }))
    const before = createBaselineEntry(await evaluate({ data: asText, targets: 'y', modelType: 'regressor', inputColumns: ['id', 'x'], slices: ['region'], model: (batch: typeof asText) => batch.map((row) => baselineModel.get(row.id)!) }))
    const verdict = compareWithBaseline(before, await regress(original, baselineModel))
    expect(verdict.notes[0]).toContain('column "x" changed (if only the number format of "x" changed, e.g. 26.40 written as 26.4 or 1.0 as 1: a CSV column is read as numbers only when every cell is written as JavaScript prints the number, else as text as written, so the two files differ in type; write it as before, or accept it with `vitest -u`; `loadDataset(path, { numbers: \'decimal\' })` reads 26.40 and 26.4 as one number from then on, after one `vitest -u`, since the column\'s type changes)')
    // rows appended: the row counts say what changed, no hint
    expect(compareWithBaseline(createBaselineEntry(await regress(original, baselineModel)), await regress(all, baselineModel)).notes[0]).not.toContain('number format')
    // x edited on 20 rows, the others matched with x kept: a number format written anew changes
    // every cell (its type), so no hint (adversarial pass 54: it was offered here too)
    const edited = original.map((row) => (row.id % 40 === 0 ? { ...row, x: row.x + 1 } : row))
    const fewRows = compareWithBaseline(createBaselineEntry(await regress(original, baselineModel)), await regress(edited, baselineModel))
    expect(fewRows.notes[0]).toContain('column "x" changed')
    expect(fewRows.notes[0]).not.toContain('number format')
  })

  test('a malformed row key part is the corrupt-baseline error, naming the part', async () => {
    const entry = createBaselineEntry(await regress(original.slice(0, 10), baselineModel))
    const text = JSON.stringify({ evalgateBaseline: 2, entries: { 'a 1': { ...entry, rowKeys: { ...entry.rowKeys!, length: 9 } } } }, null, 2)
    const validated = validateBaselineFile(text)
    expect(JSON.stringify(validated)).toContain('\\"rowKeys\\" holds 9 keys for 10 examples')
  })
})
