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

  // Adversarial pass 36: list<int64> doc ids arrived as BigInts ("document id 1 is an object"),
  // and a model summing them threw "Cannot mix BigInt and other types".
  test('int64 inside lists is numbers where exact, and an id beyond 2^53 its exact decimal string', async () => {
    const path = folder.path('lists.parquet')
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'ids', data: [[1n, 2n], [9007199254740993n], []] },
        { name: 'big', data: [1n, 9007199254740993n, -3n] },
      ],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'ids', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', type: 'INT64' },
        { name: 'big', repetition_type: 'REQUIRED', type: 'INT64' },
      ],
    })
    const data = await loadDataset(path)
    expect(data.rows()).toEqual([
      { ids: [1, 2], big: 1 },
      { ids: ['9007199254740993'], big: '9007199254740993' },
      { ids: [], big: -3 },
    ])
  })

  test('a file that is not Parquet', async () => {
    await expect(loadDataset(folder.write('fake.parquet', 'a,b\n1,2\n'))).rejects.toMatchObject({ code: 'DATASET_INVALID_PARQUET' })
  })
})
