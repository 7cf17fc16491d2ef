/**
 * A classifier's probabilities are kept as one column per class; the run table's row-major
 * matrix is built from them when it is read, and is the same matrix as before.
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../../src/evaluate/index.js'
import { scopeContext } from '../../../src/evaluate/scope-context.js'
import { classifierType } from '../../../src/model-types/classifier/classifier-type.js'
import {
  columnsOfMatrix,
  defineProbabilities,
  gatherColumnsAsMatrix,
  matrixColumns,
  matrixOfColumns,
  probabilityColumnsOf,
} from '../../../src/model-types/classifier/probability-columns.js'
import { deserializeRunTable, runTableOf, serializeRunTable } from '../../../src/run/run-table.js'

const columns = [Float64Array.of(0.1, 0.2, 0.3), Float64Array.of(0.5, 0.5, 0.5), Float64Array.of(0.4, 0.3, 0.2)]
const matrix = Float64Array.of(0.1, 0.5, 0.4, 0.2, 0.5, 0.3, 0.3, 0.5, 0.2)

describe('matrix and columns', () => {
  test('matrixOfColumns, columnsOfMatrix and gatherColumnsAsMatrix', () => {
    expect(matrixOfColumns(columns)).toStrictEqual(matrix)
    expect(columnsOfMatrix(matrix, 3)).toStrictEqual(columns)
    expect(gatherColumnsAsMatrix(columns, Int32Array.of(2, 0, 2))).toStrictEqual(Float64Array.of(0.3, 0.5, 0.2, 0.1, 0.5, 0.4, 0.3, 0.5, 0.2))
    expect(gatherColumnsAsMatrix(columns, Int32Array.of())).toStrictEqual(new Float64Array(0))
  })

  test('matrixColumns splits a matrix once', () => {
    const own = Float64Array.from(matrix)
    expect(matrixColumns(own, 3)).toStrictEqual(columns)
    expect(matrixColumns(own, 3)).toBe(matrixColumns(own, 3))
  })

  test('defineProbabilities: the matrix is an enumerable property built on first read and kept; the columns are not enumerable', () => {
    const part = defineProbabilities({ targetIndex: Int32Array.of(0, 1, 2) } as Record<string, unknown>, columns)
    part.rowSumsOk = Uint8Array.of(1, 1, 1)
    expect(Object.keys(part)).toStrictEqual(['targetIndex', 'probabilities', 'rowSumsOk'])
    expect(probabilityColumnsOf(part, 3)).toBe(columns)
    const first = part.probabilities
    expect(first).toStrictEqual(matrix)
    expect(part.probabilities).toBe(first)
    expect({ ...part }.probabilities).toBe(first)
    // A plain part (read back from JSON, or substituted outputs): its matrix's columns.
    expect(probabilityColumnsOf({ probabilities: matrix }, 3)).toStrictEqual(columns)
    expect(probabilityColumnsOf({}, 3)).toBeUndefined()
  })
})

describe('an evaluated classifier', () => {
  const data = [
    { y: 'a', p: 'b', pa: 0.2, pb: 0.7, pc: 0.1 },
    { y: 'b', p: 'b', pa: 0.1, pb: 0.6, pc: 0.3 },
    { y: 'c', p: 'c', pa: 0.25, pb: 0.25, pc: 0.5 },
    { y: 'a', p: 'a', pa: 0.8, pb: 0.15, pc: 0.05 },
  ]

  test("the run table's probabilities are the row-major matrix, in JSON too; substituted outputs keep them", async () => {
    const run = await evaluate({ data, targets: 'y', predictions: 'p', probabilities: ['pa', 'pb', 'pc'], modelType: 'classifier' })
    const table = runTableOf(run)!
    const expected = Float64Array.of(0.2, 0.7, 0.1, 0.1, 0.6, 0.3, 0.25, 0.25, 0.5, 0.8, 0.15, 0.05)
    const part = table.encoded as Parameters<typeof classifierType.outputs>[0]
    const kept = classifierType.withOutputs(part, { predictedIndex: Int32Array.of(0, 1, 2, 0) })
    expect(kept.columns.probabilities).toBe(part.columns.probabilities)
    expect(table.encoded.columns.probabilities).toStrictEqual(expected)
    expect(classifierType.outputs(part).probabilities).toStrictEqual(expected)
    const back = deserializeRunTable(JSON.parse(JSON.stringify(serializeRunTable(table))))
    expect(back.encoded.columns.probabilities).toStrictEqual(expected)
    // Scopes of the part read back (a plain matrix) equal the fresh part's (columns).
    const context = scopeContext({ level: 0.95, seed: 3, resamples: 50, rowResamples: 50 }, true)
    const backPart = back.encoded as typeof part
    expect(classifierType.scopeMetrics(backPart, null, context)).toStrictEqual(classifierType.scopeMetrics(part, null, context))
    expect(classifierType.scopeMetrics(backPart, Int32Array.of(0, 2, 3), context)).toStrictEqual(classifierType.scopeMetrics(part, Int32Array.of(0, 2, 3), context))
  })

  test('row sums: no flags when every row sums to 1; flags from the first bad row on, the rows before it good', async () => {
    const good = await evaluate({ data, targets: 'y', predictions: 'p', probabilities: ['pa', 'pb', 'pc'], modelType: 'classifier' })
    expect(runTableOf(good)!.encoded.columns.rowSumsOk).toBeUndefined()
    const bad = data.map((row, i) => (i === 2 || i === 3 ? { ...row, pc: row.pc + 0.2 } : row))
    const run = await evaluate({ data: bad, targets: 'y', predictions: 'p', probabilities: ['pa', 'pb', 'pc'], modelType: 'classifier' })
    expect(runTableOf(run)!.encoded.columns.rowSumsOk).toStrictEqual(Uint8Array.of(1, 1, 0, 0))
    expect(run.notes.join('\n')).toContain('probabilities of 2 row(s) do not sum to 1 (first: row 3, sum 1.2')
  })
})
