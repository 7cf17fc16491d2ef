/**
 * Dictionary-coded CSV string columns (src/data/coded-strings.ts): the loader keeps label and
 * slice columns as codes into their distinct strings; everything that reads them (values, cells,
 * JSON, the fingerprint, classifier labels, slices) sees the same column as a plain one.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { codedStringColumn } from '../../src/data/coded-strings.js'
import { datasetFromRecords, fingerprintDataset, loadDataset, numericColumn } from '../../src/data/index.js'
import type { Column, Dataset } from '../../src/data/index.js'
import { evaluate } from '../../src/evaluate/index.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('coded')
afterAll(() => folder.remove())

const codedOf = (column: Column) => (column.kind === 'string' ? column.coded : undefined)

/** The same cells as a plain column (datasetFromRecords never codes). */
function plainTwin(data: Dataset): Dataset {
  const records = data.columnNames.length === 0 ? [] : Array.from({ length: data.rowCount }, (_, i) => Object.fromEntries(data.columnNames.map((name) => [name, data.value(name, i)])))
  return datasetFromRecords(records)
}

describe('coded string columns from CSV', () => {
  test('a label column is coded in first-seen order; values, cells, JSON and keys are those of a plain column', async () => {
    const data = await loadDataset(folder.write('labels.csv', 'label,n\nb,1\na,2\n"b",3\n"a ""q""",4\nc,5\na,6\n'))
    const column = data.column('label')
    expect(codedOf(column)?.dictionary).toStrictEqual(['b', 'a', 'a "q"', 'c'])
    expect(Array.from(codedOf(column)?.codes ?? [])).toStrictEqual([0, 1, 0, 2, 3, 1])
    expect(data.value('label', 3)).toBe('a "q"')
    const plain = { kind: 'string', values: ['b', 'a', 'b', 'a "q"', 'c', 'a'], untyped: true }
    expect(Object.keys(column)).toStrictEqual(['kind', 'values', 'untyped'])
    expect(JSON.stringify(column)).toBe(JSON.stringify(plain))
    expect({ ...column }).toStrictEqual(plain)
    expect(column.values).toBe(column.values) // built once, kept
  })

  test('numbers before the first text become their canonical text; each distinct string gets one code', async () => {
    const data = await loadDataset(folder.write('turns.csv', 'x\n1\n2.5\n1\nfoo\n2.5\n'))
    const column = data.column('x')
    expect(codedOf(column)?.dictionary).toStrictEqual(['1', '2.5', 'foo'])
    expect(column.values).toStrictEqual(['1', '2.5', '1', 'foo', '2.5'])
  })

  test('past 100,000 distinct values the column is plain strings, every cell as written', async () => {
    const rows = 100_050
    const text = `id,label\n${Array.from({ length: rows }, (_, i) => `id${i},${i % 3 === 0 ? 'x' : 'y'}`).join('\n')}\n`
    const data = await loadDataset(folder.write('ids.csv', text))
    const ids = data.column('id')
    expect(codedOf(ids)).toBeUndefined()
    expect(ids.values.length).toBe(rows)
    expect(ids.values[0]).toBe('id0')
    expect(ids.values[rows - 1]).toBe(`id${rows - 1}`)
    expect(codedOf(data.column('label'))?.dictionary).toStrictEqual(['x', 'y'])
  })

  test('the fingerprint of a coded column equals that of the same plain column (back-references, across the 64 KB hash chunks)', async () => {
    const labels = Array.from({ length: 30_000 }, (_, i) => `v${(i * 7) % 23}${i === 20_000 ? '-late' : ''}`)
    const data = await loadDataset(folder.write('fp.csv', `label,score\n${labels.map((l, i) => `${l},${i}`).join('\n')}\n`))
    expect(codedOf(data.column('label'))).toBeDefined()
    const plain = plainTwin(data)
    expect(codedOf(plain.column('label'))).toBeUndefined()
    expect(fingerprintDataset(data, ['label', 'score'])).toBe(fingerprintDataset(plain, ['label', 'score']))
  })

  test('a classifier run on coded columns equals the run on the same plain columns; a bad label names its first row', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => {
      const target = ['cat', 'dog', 'eel'][i % 3]
      const predicted = ['cat', 'dog', 'eel'][(i * 5) % 7 % 3]
      return `${target},${predicted},${['north', 'south'][i % 2]}`
    })
    const data = await loadDataset(folder.write('run.csv', `target,predicted,region\n${rows.join('\n')}\n`))
    const options = { targets: 'target', predictions: 'predicted', modelType: 'classifier' as const, slices: ['region'], intervals: false as const }
    const coded = await evaluate({ ...options, data })
    const plain = await evaluate({ ...options, data: plainTwin(data) })
    expect(coded.metrics).toStrictEqual(plain.metrics)
    expect(coded.slices).toStrictEqual(plain.slices)
    expect(coded.dataset.fingerprint).toBe(plain.dataset.fingerprint)

    const bad = await loadDataset(folder.write('bad.csv', 'target,predicted\ncat,cat\ndog,dog\n"",cat\ncat,cat\n'))
    await expect(evaluate({ data: bad, targets: 'target', predictions: 'predicted', modelType: 'classifier' })).rejects.toThrow(/row 3 \(file line 4\) is empty/)
  })

  test('codedStringColumn builds its values only when asked', () => {
    const column = codedStringColumn(Int32Array.of(1, 0, 1), ['p', 'q'], false)
    expect(Object.keys(column)).toStrictEqual(['kind', 'values'])
    expect(column.values).toStrictEqual(['q', 'p', 'q'])
  })
})

describe('CSV file lines', () => {
  test('one line per row (no line array): row r is on line first + r; a later blank line or quoted line break is counted from there on', async () => {
    const simple = await loadDataset(folder.write('simple.csv', 'y\n1\n2\nx\n'))
    expect(() => numericColumn(simple, 'y', 'targets')).toThrowError(/row 3 \(file line 4\) has "x"/)
    const later = await loadDataset(folder.write('later.csv', 'y,t\n1,a\n2,"b\nc"\n\n3,d\nx,e\n'))
    expect(() => numericColumn(later, 'y', 'targets')).toThrowError(/row 4 \(file line 7\) has "x"/)
  })
})
