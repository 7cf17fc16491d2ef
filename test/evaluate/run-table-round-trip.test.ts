/**
 * The run table as a contract: a run read back from JSON with its deserialised table does what
 * the fresh run does (on-demand slices, the slice lookup of the matchers, baseline entries and
 * slice rows, built-in paired tests), and the table's JSON keeps every typed array exactly.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { SliceRowIndex } from '../../src/baselines/slice-rows.js'
import { compareRuns } from '../../src/compare/index.js'
import { evaluate } from '../../src/evaluate/index.js'
import { scopeMetricsOf, slicesOf } from '../../src/evaluate/run-table-engine.js'
import { RUN_TABLE_VERSION, deserializeRunTable, linkRunTable, runTableOf, serializeRunTable } from '../../src/run/run-table.js'
import type { RunTable } from '../../src/run/run-table.js'
import type { EvalRun } from '../../src/run/types.js'
import { findSlice } from '../../src/vitest/matchers/slice-lookup.js'
import { sampleClassifierRecords } from './run-samples.js'

const records = sampleClassifierRecords(300)
const options = { data: records, targets: 'target', probabilities: ['p_a', 'p_b', 'p_c'], modelType: 'classifier' as const, slices: ['category'] }

/** The run and its table as they would be written to disk and read back. */
function readBack(run: EvalRun): { run: EvalRun; table: RunTable } {
  const copy = JSON.parse(JSON.stringify(run)) as EvalRun
  const table = deserializeRunTable(JSON.parse(JSON.stringify(serializeRunTable(runTableOf(run)!))))
  linkRunTable(copy, table)
  return { run: copy, table }
}

describe('run table JSON', () => {
  test('typed arrays, columns, settings and slice rows survive exactly', async () => {
    const run = await evaluate({ ...options, predictions: 'prediction' })
    const fresh = runTableOf(run)!
    const { table } = readBack(run)
    expect(table.version).toBe(RUN_TABLE_VERSION)
    expect(table.encoded.columns.probabilities).toBeInstanceOf(Float64Array)
    expect(table.encoded.columns.targetIndex).toBeInstanceOf(Int32Array)
    expect(table.encoded.columns).toEqual(fresh.encoded.columns)
    expect(table.encoded.settings).toEqual({ labels: ['a', 'b', 'c'], posIndex: null, average: 'weighted' })
    expect(Object.keys(table.slices)).toEqual(['category=billing', 'category=shipping', 'category=technical_support'])
    expect(table.slices['category=billing']).toEqual(fresh.slices['category=billing'])
    expect(table.columns.text.values).toEqual(fresh.columns.text.values)
    expect(table.columnNames).toEqual(fresh.columnNames)
  })

  test('a table of another version, or without slice rows, is refused with the reason', () => {
    expect(() => deserializeRunTable({ version: 99 })).toThrow('run table: version 99 is not supported')
    const json = { version: RUN_TABLE_VERSION, modelType: 'regressor', rowCount: 0, columnNames: [], columns: {}, inputColumns: [], encoded: { settings: {}, columns: {} }, slices: { 'a=b': [1, 2] } }
    expect(() => deserializeRunTable(json)).toThrow('slice "a=b" has no row indices')
  })
})

describe('a run read back with its table does what a fresh one does', () => {
  test('on-demand slices and the matchers’ slice lookup', async () => {
    const run = await evaluate({ ...options, predictions: 'prediction' })
    const back = readBack(run)
    const fresh = slicesOf(run, runTableOf(run)!, 'region')
    expect(Object.keys(fresh)).toEqual(['region=eu', 'region=us'])
    expect(slicesOf(back.run, back.table, 'region')).toEqual(fresh)
    expect(findSlice(back.run, 'region=eu')).toEqual(fresh['region=eu'])
    expect(findSlice(back.run, 'region=eu').metrics.accuracy_score).toBe(
      records.filter((r) => r.region === 'eu' && r.target === r.prediction).length / records.filter((r) => r.region === 'eu').length,
    )
  })

  test('baseline entries, slice rows and metrics recomputed with another model’s outputs', async () => {
    const run = await evaluate({ ...options, predictions: 'prediction' })
    const back = readBack(run)
    expect(createBaselineEntry(back.run)).toEqual(createBaselineEntry(run))
    expect(createBaselineEntry(run).predictions).toBeDefined()
    expect(new SliceRowIndex(back.run).rows('category=billing')).toEqual(new SliceRowIndex(run).rows('category=billing'))
    const allFirst = { predictedIndex: new Int32Array(300) }
    const recomputed = scopeMetricsOf(back.table, null, { outputs: allFirst })
    expect(recomputed).toEqual(scopeMetricsOf(runTableOf(run)!, null, { outputs: allFirst }))
    expect(recomputed.accuracy_score).toBe(records.filter((r) => r.target === 'a').length / 300)
  })

  test('built-in paired tests (toOutperform’s comparison) give the same verdict', async () => {
    const a = await evaluate({ ...options, predictions: 'prediction' })
    // Another model: right on every row but every seventh, where it answers "c".
    const b = await evaluate({ ...options, probabilities: undefined, model: (rows) => rows.map((r) => (Number(r.id) % 7 === 0 ? 'c' : String(r.target))) })
    const settings = { margin: 0, greaterIsBetter: true, seed: 7, alpha: 0.05 }
    const fresh = compareRuns(a, b, 'f1_score', settings)
    const back = compareRuns(readBack(a).run, readBack(b).run, 'f1_score', settings)
    expect(back).toEqual(fresh)
    expect(b.metrics.f1_score).toBeGreaterThan(a.metrics.f1_score)
    expect(() => compareRuns(JSON.parse(JSON.stringify(a)) as EvalRun, b, 'f1_score', settings)).toThrow('toOutperform needs both runs')
  })
})
