import { afterAll, describe, expect, test } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { fingerprintDatasetColumns } from '../../src/data/fingerprint.js'
import { ConfigError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('decimal')
afterAll(() => folder.remove())

// A CSV as pandas' to_csv writes floats (1.0, 2.5), with a re-export that writes 26.40 for 26.4.
const PANDAS = 'x,price,zip,label\n1.0,26.4,007,1\n2.5,3,010,0\n-0.25,1e3,123,1\n'
const REEXPORT = 'x,price,zip,label\n1.00,26.40,7,1\n2.50,3.00,10,0\n-.25,1000,123,1\n'

describe("loadDataset(path, { numbers: 'decimal' })", () => {
  test('a column of decimal numbers as other tools write them is a number column; by default it stays text', async () => {
    const path = folder.write('pandas.csv', PANDAS)
    const canonical = await loadDataset(path)
    expect(canonical.column('x').kind).toBe('string')
    expect(canonical.column('zip').kind).toBe('string')
    expect(canonical.value('x', 0)).toBe('1.0')
    const decimal = await loadDataset(path, { numbers: 'decimal' })
    expect(decimal.column('x')).toEqual({ kind: 'number', values: Float64Array.of(1, 2.5, -0.25) })
    expect(decimal.column('price')).toEqual({ kind: 'number', values: Float64Array.of(26.4, 3, 1000) })
    expect(decimal.column('zip')).toEqual({ kind: 'number', values: Float64Array.of(7, 10, 123) })
    expect(decimal.rows()[0]).toEqual({ x: 1, price: 26.4, zip: 7, label: 1 })
  })

  test('the same numbers written another way have the same fingerprint (not a data change)', async () => {
    const a = folder.write('a.csv', PANDAS)
    const b = folder.write('b.csv', REEXPORT)
    const columns = ['x', 'price', 'zip', 'label']
    const decimalA = fingerprintDatasetColumns(await loadDataset(a, { numbers: 'decimal' }), columns)
    const decimalB = fingerprintDatasetColumns(await loadDataset(b, { numbers: 'decimal' }), columns)
    expect(decimalB).toEqual(decimalA)
    const canonicalA = fingerprintDatasetColumns(await loadDataset(a), columns)
    const canonicalB = fingerprintDatasetColumns(await loadDataset(b), columns)
    expect(canonicalB.fingerprint).not.toBe(canonicalA.fingerprint)
  })

  test('a column with an empty cell, NaN, inf, an overflowing number or text stays text', async () => {
    const path = folder.write('gaps.csv', 'empty,nan,inf,huge,word,ok\n1.0,1.0,1.0,1.0,1.0,1.0\n,NaN,inf,1e400,a1,2\n')
    const data = await loadDataset(path, { numbers: 'decimal' })
    for (const name of ['empty', 'nan', 'inf', 'huge', 'word']) expect(data.column(name).kind, name).toBe('string')
    expect(data.column('ok')).toEqual({ kind: 'number', values: Float64Array.of(1, 2) })
    expect(data.value('empty', 1)).toBe('')
  })

  test('a column of more distinct values than the loader codes (100,000) is read too', async () => {
    const lines = ['v']
    for (let i = 0; i < 100_002; i++) lines.push(`${i}.50`)
    const data = await loadDataset(folder.write('many.csv', `${lines.join('\n')}\n`), { numbers: 'decimal' })
    const column = data.column('v')
    expect(column.kind).toBe('number')
    expect(column.values[100_001]).toBe(100_001.5)
  })

  test('numbers on a JSON or Parquet file is an error: their cells keep their types', async () => {
    const error = await loadDataset(folder.write('rows.jsonl', '{"x":"1.0"}\n{"x":"2"}\n'), { numbers: 'decimal' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('loadDataset: numbers applies to CSV files only; JSON cells keep the types the file gives them, so leave numbers out for')
  })

  // Adversarial pass 37: ids 9007199254740992 and ...993 both became 9007199254740992, and
  // rowKeyColumns then refused rows the file tells apart.
  test('a column holding an integer beyond 2^53 (a 64-bit id) stays text, exact', async () => {
    const data = await loadDataset(folder.write('ids.csv', 'id,x\n9007199254740992,1.0\n9007199254740993,2.0\n3,3.0\n'), { numbers: 'decimal' })
    expect(data.column('id')).toEqual({ kind: 'string', values: ['9007199254740992', '9007199254740993', '3'], untyped: true })
    expect(data.column('x').kind).toBe('number')
  })

  test('an unknown value is an error naming the choices', async () => {
    const path = folder.write('c.csv', PANDAS)
    const error = await loadDataset(path, { numbers: 'pandas' as never }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('DATASET_UNKNOWN_NUMBERS')
    expect((error as ConfigError).message).toContain(`unknown loadDataset option numbers: "pandas"; use 'decimal'`)
  })

  test('a model function receives numbers, so x + 1 adds', async () => {
    const path = folder.write('reg.csv', 'x,y\n1.0,2.0\n2.5,3.5\n4.0,5.0\n')
    const seen: unknown[] = []
    const run = await evaluate({
      data: await loadDataset(path, { numbers: 'decimal' }),
      modelType: 'regressor',
      targets: 'y',
      model: (rows) => rows.map((row) => {
        seen.push(row.x)
        return (row.x as number) + 1
      }),
      intervals: false,
    })
    expect(seen).toEqual([1, 2.5, 4])
    expect(run.metrics.mean_absolute_error).toBe(0)
  })
})
