/**
 * Names every JavaScript object has (`__proto__`, `constructor`, `toString`) as column names,
 * slice values and metric names. Before: a CSV column named `__proto__` had no fingerprint, so
 * half its values flipped passed the gate silently (a column named `region` fails it); the model
 * received `row.__proto__` as Object.prototype, not the cell; a slice column `constructor`
 * outside `inputColumns` had no fingerprint; the baseline file dropped the key on writing; and
 * the matchers read `run.slices['constructor']` / the alias table's `toString` from
 * Object.prototype (TypeError instead of the value or "not found").
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import type { BaselineEntry } from '../../src/baselines/types.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { loadDataset } from '../../src/data/index.js'
import { datasetFromRecords } from '../../src/data/dataset.js'
import { defineMetric, evaluate, type Row } from '../../src/index.js'
import { linkRunTable, deserializeRunTable, runTableOf, serializeRunTable } from '../../src/run/run-table.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import '../../src/vitest/matcher-types.js'
import { inputColumnEncoder } from '../../src/models/input-columns.js'
import { probabilityPrediction } from '../../src/models/probabilities.js'
import { tempFolder } from '../data/temp-files.js'

const folder = tempFolder('property-names')
afterAll(() => {
  folder.remove()
  setWorkerOptions(undefined)
})
beforeAll(() => {
  expect.extend(evalgateMatchers)
})

/** A CSV of 60 rows: text, a column `name`, y (a or b). `flip` changes every other row's `name` value. */
function csv(name: string, flip = false): string {
  const lines = [`text,${name},y`]
  for (let i = 0; i < 60; i++) lines.push(`t${i},${(i % 3 === 0) !== (flip && i % 2 === 0) ? 'p' : 'q'},${i % 2 ? 'a' : 'b'}`)
  return `${lines.join('\n')}\n`
}

const model = (rows: Row[]): string[] => rows.map((row, i) => (i % 7 === 0 ? (row.y === 'a' ? 'b' : 'a') : String(row.y)))

/** The entry as a baseline file holds it: written by stableStringify, read by JSON.parse. */
const throughFile = (entry: BaselineEntry): BaselineEntry => JSON.parse(stableStringify(entry)) as BaselineEntry

describe('a column named like an Object.prototype property is a column like any other', () => {
  test('the model receives row.__proto__ as an own property holding the cell', async () => {
    const data = await loadDataset(folder.write('rows.csv', csv('__proto__')))
    const seen: unknown[] = []
    await evaluate({ data, targets: 'y', modelType: 'classifier', model: (rows) => rows.map((row) => (seen.push(Object.hasOwn(row, '__proto__') ? row['__proto__'] : 'inherited'), String(row.y))) })
    expect(seen.slice(0, 3)).toEqual(['p', 'q', 'q'])
    expect(Object.keys(data.rows(0, 1)[0])).toEqual(['text', '__proto__', 'y'])
  })

  test.each(['__proto__', 'constructor', 'region'])('an input column %s changed fails the gate, through the baseline file, naming the column', async (name) => {
    const run = async (flip: boolean) => evaluate({ data: await loadDataset(folder.write(`${name}-${flip}.csv`, csv(name, flip))), targets: 'y', modelType: 'classifier', model })
    const entry = throughFile(createBaselineEntry(await run(false)))
    expect(Object.keys(entry.dataset.columnFingerprints ?? {}).sort()).toEqual([name, 'text', 'y'].sort())
    expect(compareWithBaseline(entry, await run(false)).status).toBe('passed')
    const verdict = compareWithBaseline(entry, await run(true))
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes[0]).toContain(`column "${name}" changed`)
  })

  test.each(['__proto__', 'constructor'])('a slice column %s outside inputColumns has its fingerprint and its slices in the baseline file', async (name) => {
    const run = async (flip: boolean) =>
      evaluate({ data: await loadDataset(folder.write(`slice-${name}-${flip}.csv`, csv(name, flip))), targets: 'y', modelType: 'classifier', slices: [name], inputColumns: ['text'], minSliceSize: 1, model })
    const entry = throughFile(createBaselineEntry(await run(false)))
    expect(Object.hasOwn(entry.dataset.columnFingerprints ?? {}, name)).toBe(true)
    expect(Object.keys(entry.slices)).toEqual([`${name}=p`, `${name}=q`])
    const verdict = compareWithBaseline(entry, await run(true))
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes[0]).toContain(`column "${name}" changed`)
  })

  test('records lacking a key named constructor read null there, not Object.prototype.constructor', () => {
    const data = datasetFromRecords([{ constructor: 'x', y: 'a' }, { y: 'b' }])
    expect(data.column('constructor').values).toEqual(['x', null])
  })

  test('JSON Lines: a record lacking constructor reads null there; a served model is sent a __proto__ input as its own field', async () => {
    const data = await loadDataset(folder.write('rows.jsonl', '{"constructor":"x","__proto__":"p","y":"a"}\n{"y":"b"}\n'))
    expect(data.column('constructor').values).toEqual(['x', null])
    expect(data.column('__proto__').values).toEqual(['p', null])
    const encode = inputColumnEncoder('mlflowModel', ['__proto__', 'constructor'])
    expect(JSON.stringify(encode(data.rows(0, 1)[0], 0))).toBe('{"__proto__":"p","constructor":"x"}')
    expect(() => encode({ y: 'b' }, 1)).toThrow('mlflowModel: input column "__proto__" is missing in row 2')
  })

  test('the run table keeps a __proto__ column through JSON, and custom metrics read it', async () => {
    const data = await loadDataset(folder.write('table.csv', csv('__proto__')))
    const share = defineMetric({ name: 'share_p', greaterIsBetter: true, fn: (t) => Array.from(t.column('__proto__')).filter((v) => v === 'p').length / t.rowCount })
    const run = await evaluate({ data, targets: 'y', modelType: 'classifier', model, minSliceSize: 1, extraMetrics: [share] })
    expect(run.metrics.share_p).toBeCloseTo(20 / 60, 12)
    const table = runTableOf(run)
    if (table === undefined) throw new Error('no run table')
    const back = deserializeRunTable(JSON.parse(JSON.stringify(serializeRunTable(table))))
    expect(Object.hasOwn(back.columns, '__proto__')).toBe(true)
    expect(back.columns['__proto__'].values.slice(0, 3)).toEqual(['p', 'q', 'q'])
    linkRunTable(run, back)
    // A slice of the column, computed from the table read back (not declared in evaluate()).
    expect(run).toHaveSliceF1('__proto__=p', 0)
  })

  test('a custom metric named like an Object.prototype property is refused with the fix', () => {
    expect(() => defineMetric({ name: 'constructor', greaterIsBetter: true, fn: () => 1 })).toThrow(
      'defineMetric: name "constructor" is a property every JavaScript object has (Object.prototype.constructor), so it cannot name a metric; pick another name (e.g. "constructor_metric")',
    )
  })
})

describe('a label named __proto__ keeps its probability', () => {
  const labels = ['__proto__', 'b']
  const data = Array.from({ length: 40 }, (_, i) => ({ i, y: labels[i % 2] }))

  test('probabilities as a list in labels order, and from a served model', async () => {
    const run = await evaluate({ data, targets: 'y', modelType: 'classifier', labels, intervals: false, model: (rows) => rows.map((row) => ({ probabilities: row.y === '__proto__' ? [0.8, 0.2] : [0.3, 0.7] })) })
    expect(run.metrics.roc_auc).toBe(1)
    expect(run.metrics.log_loss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12)
    expect(Object.entries(probabilityPrediction([0.8, 0.2], labels).probabilities)).toEqual([['__proto__', 0.8], ['b', 0.2]])
  })

  test("a custom metric reads table.probabilities['__proto__'] as the label's column", async () => {
    let keys: string[] = []
    const mean = defineMetric({
      name: 'mean_p_proto',
      greaterIsBetter: true,
      fn: (t) => {
        const probabilities = (t as unknown as { probabilities: Record<string, Float64Array> }).probabilities
        keys = Object.keys(probabilities)
        return Object.hasOwn(probabilities, '__proto__') ? probabilities['__proto__'].reduce((a, v) => a + v, 0) / t.rowCount : -1
      },
    })
    const run = await evaluate({ data, targets: 'y', modelType: 'classifier', labels, intervals: false, extraMetrics: [mean], model: (rows) => rows.map((row) => ({ probabilities: row.y === '__proto__' ? [0.8, 0.2] : [0.3, 0.7] })) })
    expect(run.metrics.mean_p_proto).toBeCloseTo(0.55, 12)
    expect(keys).toEqual(['__proto__', 'b'])
  })
})

describe('the matchers look names up as own properties', () => {
  const data = Array.from({ length: 80 }, (_, i) => ({ i, y: i % 2 ? 'a' : 'b', role: i % 4 < 2 ? 'constructor' : 'engineer' }))
  const run = () => evaluate({ data, targets: 'y', modelType: 'classifier', slices: ['role'], minSliceSize: 10, intervals: false, model: (rows) => rows.map((row) => String(row.y)) })

  test('a slice value named constructor is found; toString, absent, is "not found"', async () => {
    const result = await run()
    expect(result).toHaveSliceF1('constructor', 0.5)
    expect(result).toHaveSliceF1('role=constructor', 0.5)
    expect(() => expect(result).toHaveSliceF1('toString', 0.5)).toThrow('slice "toString" not found in any declared slice column')
  })

  test('metric names constructor and toString are "not found", never a TypeError', async () => {
    const result = await run()
    expect(() => expect(result).toHaveMetric('constructor', 0.5)).toThrow('metric "constructor" not found')
    expect(() => expect(result).toHaveMetric('toString', 0.5)).toThrow('metric "toString" not found')
    expect(() => expect(result).toHaveClassMetric('a', 'toString' as 'f1', 0.5)).toThrow('toHaveClassMetric: metric "toString" is not a per-class metric')
    expect(() => expect(result).toMatchBaseline({ metrics: ['toString'] })).toThrow('"toString"')
  })
})
