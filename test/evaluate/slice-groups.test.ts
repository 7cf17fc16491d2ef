/** groupRows: one column (grouped by its codes) and crosses (combined codes), values merged by text. */
import { describe, expect, test } from 'vitest'
import { codedStringColumn } from '../../src/data/coded-strings.js'
import { groupRows, type GroupedColumn } from '../../src/evaluate/slice-groups.js'
import { loadDataset } from '../../src/data/index.js'
import { evaluate } from '../../src/evaluate/index.js'
import { tempFolder } from '../data/temp-files.js'

describe('groupRows', () => {
  const columns: Record<string, ArrayLike<unknown>> = {
    mixed: [1, '1', 'b', 2, 'b', 10, 2],
    region: ['eu', 'us', 'eu', 'eu', 'us', 'us', 'eu'],
  }
  const valuesOf = (name: string): GroupedColumn => ({ values: columns[name] })

  test('one column: the number 1 and the text "1" are one group; with a text value, groups sort by code point', () => {
    const groups = groupRows(valuesOf, 7, ['mixed'])
    expect(groups.map((g) => [g.key, Array.from(g.rows)])).toStrictEqual([
      ['mixed=1', [0, 1]],
      ['mixed=10', [5]],
      ['mixed=2', [3, 6]],
      ['mixed=b', [2, 4]],
    ])
    const counts = groupRows(valuesOf, 7, ['region']).map((g) => [g.values, g.rows.length])
    expect(counts).toStrictEqual([[['eu'], 4], [['us'], 3]])
  })

  test('a cross: one group per pair that occurs, rows ascending', () => {
    const groups = groupRows(valuesOf, 7, ['region', 'mixed'])
    expect(groups.map((g) => [g.key, Array.from(g.rows)])).toStrictEqual([
      ['region=eu&mixed=1', [0]],
      ['region=eu&mixed=2', [3, 6]],
      ['region=eu&mixed=b', [2]],
      ['region=us&mixed=1', [1]],
      ['region=us&mixed=10', [5]],
      ['region=us&mixed=b', [4]],
    ])
  })

  test('a dictionary-coded column groups as its values do, alone and in a cross, without building its values', () => {
    const coded = codedStringColumn(Int32Array.of(0, 1, 0, 0, 1, 1, 0), ['eu', 'us'], true)
    const codedOf = (name: string): GroupedColumn => (name === 'region' ? { values: [], coded: coded.kind === 'string' ? coded.coded : undefined } : valuesOf(name))
    for (const spec of [['region'], ['region', 'mixed'], ['mixed', 'region']]) {
      const plain = groupRows(valuesOf, 7, spec).map((g) => [g.key, g.values, Array.from(g.rows)])
      expect(groupRows(codedOf, 7, spec).map((g) => [g.key, g.values, Array.from(g.rows)])).toStrictEqual(plain)
    }
  })

  // Adversarial pass 68, F5: a CSV float column with an empty cell is text as written, and `2` and
  // `2.0` were two slices, each with part of the rows (pandas: one slice of 92 rows).
  test('values that spell one number are one group named as the number, with a note; an empty value stays its own group', () => {
    const g = ['2', '2.0', '1', '', '1.0', '2', '3.50']
    const notes: string[] = []
    const groups = groupRows(() => ({ values: g, untyped: true }), g.length, ['g'], notes)
    expect(groups.map((group) => [group.key, Array.from(group.rows)])).toStrictEqual([
      ['g=', [3]],
      ['g=1', [2, 4]],
      ['g=2', [0, 1, 5]],
      ['g=3.50', [6]],
    ])
    expect(notes).toStrictEqual(['slice column "g": values that spell one number are one slice, as pandas reads the column: 2, 2.0 (g=2); 1, 1.0 (g=1)'])
    // a coded column (the dataset's codes are not written), and in a cross
    const coded = codedStringColumn(Int32Array.of(0, 1, 2, 3, 4, 0, 5), ['2', '2.0', '1', '', '1.0', '3.50'], true)
    const codes = coded.kind === 'string' ? Int32Array.from(coded.coded!.codes) : undefined
    const fromCodes = groupRows(() => ({ values: [], untyped: true, coded: coded.kind === 'string' ? coded.coded : undefined }), g.length, ['g'])
    expect(fromCodes.map((group) => [group.key, Array.from(group.rows)])).toStrictEqual(groups.map((group) => [group.key, Array.from(group.rows)]))
    expect(coded.kind === 'string' ? coded.coded!.codes : undefined).toStrictEqual(codes)
    const region = ['eu', 'eu', 'us', 'us', 'us', 'eu', 'eu']
    const cross = groupRows((name) => (name === 'g' ? { values: g, untyped: true } : { values: region }), g.length, ['g', 'region'])
    expect(cross.map((group) => group.key)).toStrictEqual(['g=&region=us', 'g=1&region=us', 'g=2&region=eu', 'g=3.50&region=eu'])
    // with a text value the column is text: nothing is merged
    expect(groupRows(() => ({ values: ['2', '2.0', 'x'], untyped: true }), 3, ['g']).map((group) => group.key)).toStrictEqual(['g=2', 'g=2.0', 'g=x'])
    // pandas' missing markers do not keep a column from being numbers (adversarial pass 69, F9)
    const marked = ['2', 'NA', '2.0', 'NaN', 'null', 'N/A']
    expect(groupRows(() => ({ values: marked, untyped: true }), 6, ['g']).map((group) => [group.key, group.rows.length])).toStrictEqual([
      ['g=2', 2],
      ['g=N/A', 1],
      ['g=NA', 1],
      ['g=NaN', 1],
      ['g=null', 1],
    ])
    // typed strings (JSON, records) are grouped as written, as labels are (adversarial pass 69, F1)
    expect(groupRows(() => ({ values: ['007', '7', '0007'] }), 3, ['sku']).map((group) => group.key)).toStrictEqual(['sku=0007', 'sku=007', 'sku=7'])
  })

  test('evaluate() on such a CSV: one slice g=2 with all its rows, and the note', async () => {
    const folder = tempFolder('number-spellings')
    try {
      const lines = Array.from({ length: 40 }, (_, i) => `${i % 4 === 0 ? '2.0' : i % 4 === 1 ? '2' : i % 4 === 2 ? '' : '1'},${i % 2},${i % 3 === 0 ? 1 : i % 2}`)
      const path = folder.write('spellings.csv', `g,y,p\n${lines.join('\n')}\n`)
      const run = await evaluate({ data: await loadDataset(path), targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['g'], minSliceSize: 1, intervals: false })
      expect(Object.keys(run.slices)).toStrictEqual(['g=', 'g=1', 'g=2'])
      const rows = lines.map((line) => line.split(','))
      const inSlice = rows.filter(([value]) => value === '2' || value === '2.0')
      expect(run.slices['g=2'].exampleCount).toBe(20)
      expect(run.slices['g=2'].metrics.accuracy_score).toBe(inSlice.filter(([, y, p]) => y === p).length / inSlice.length)
      expect(run.notes).toContain('slice column "g": values that spell one number are one slice, as pandas reads the column: 2.0, 2 (g=2)')
      // a matcher naming the slice by another spelling finds it (adversarial pass 69, F3)
      const { findSlice } = await import('../../src/vitest/matchers/slice-lookup.js')
      expect(findSlice(run, 'g=2.0').key).toBe('g=2')
      expect(findSlice(run, 'g=1.0').key).toBe('g=1')
      // the same values typed in records are grouped as written, as labels are
      const records = rows.map(([g, y, p]) => ({ g, y: Number(y), p: Number(p) }))
      const typed = await evaluate({ data: records, targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['g'], minSliceSize: 1, intervals: false })
      expect(Object.keys(typed.slices)).toStrictEqual(['g=', 'g=1', 'g=2', 'g=2.0'])
    } finally {
      folder.remove()
    }
  })

  // Adversarial pass 68 (in passing): a continuous column sliced one value per row, no word.
  test('a slice column of many values, most slices below minSliceSize: a note says to bin it', async () => {
    const data = Array.from({ length: 200 }, (_, i) => ({ price: 10 + i * 0.37, region: i % 2 ? 'eu' : 'us', y: i % 2, p: i % 3 === 0 ? 1 : i % 2 }))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['price', 'region'], intervals: false })
    expect(run.notes).toContain('slice column "price" makes 200 slices, 200 of them below minSliceSize (30 rows), which report only their size: a column of many distinct values (a number, a date) slices best in bins, e.g. a column of ranges added to the data')
    expect(run.notes.some((note) => note.startsWith('slice column "region" makes'))).toBe(false)
  })
})
