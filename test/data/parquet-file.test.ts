import { parquetWriteFile } from 'hyparquet-writer'
import { afterAll, describe, expect, test } from 'vitest'
import { fingerprintDataset, loadDataset } from '../../src/data/index.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('parquet')
afterAll(() => folder.remove())

describe('loadDataset: Parquet (hyparquet)', () => {
  test('reads every row group into typed columns; INT64 becomes numbers; nulls make a mixed column', async () => {
    const path = folder.path('rows.parquet')
    const rows = 2500
    parquetWriteFile({
      filename: path,
      rowGroupSize: 1000,
      columnData: [
        { name: 'label', data: Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'spam' : 'ham')), type: 'STRING' },
        { name: 'score', data: Float64Array.from({ length: rows }, (_, i) => i / rows), type: 'DOUBLE' },
        { name: 'count', data: Array.from({ length: rows }, (_, i) => BigInt(i)), type: 'INT64' },
        { name: 'flag', data: Array.from({ length: rows }, (_, i) => (i === 5 ? null : i % 2 === 0)), type: 'BOOLEAN', nullable: true },
      ],
    })
    const data = await loadDataset(path)
    expect(data.rowCount).toBe(rows)
    expect(data.columnNames).toEqual(['label', 'score', 'count', 'flag'])
    expect(data.column('label').kind).toBe('string')
    expect(data.value('label', 2498)).toBe('ham')
    expect(data.value('label', 2499)).toBe('spam')
    const score = data.column('score')
    expect(score.kind).toBe('number')
    expect(score.values[1234]).toBe(1234 / rows)
    expect(data.column('count')).toEqual({ kind: 'number', values: Float64Array.from({ length: rows }, (_, i) => i) })
    expect(data.column('flag').kind).toBe('mixed')
    expect(data.value('flag', 4)).toBe(true)
    expect(data.value('flag', 5)).toBe(null)
    expect(data.value('flag', 7)).toBe(false)
  })

  test('the same values from Parquet and CSV have the same fingerprint', async () => {
    const parquet = folder.path('same.parquet')
    parquetWriteFile({
      filename: parquet,
      columnData: [
        { name: 'y', data: ['a', 'b', 'a'], type: 'STRING' },
        { name: 'x', data: new Float64Array([1.5, 2, -3]), type: 'DOUBLE' },
      ],
    })
    const csv = folder.write('same.csv', 'y,x\na,1.5\nb,2\na,-3\n')
    const [fromParquet, fromCsv] = [await loadDataset(parquet), await loadDataset(csv)]
    expect(fingerprintDataset(fromParquet, ['y', 'x'])).toBe(fingerprintDataset(fromCsv, ['y', 'x']))
  })

  test('a file that is not Parquet', async () => {
    await expect(loadDataset(folder.write('fake.parquet', 'a,b\n1,2\n'))).rejects.toMatchObject({ code: 'DATASET_INVALID_PARQUET' })
  })
})
