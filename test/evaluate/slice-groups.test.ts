/** groupRows: one column (grouped by its codes) and crosses (combined codes), values merged by text. */
import { describe, expect, test } from 'vitest'
import { codedStringColumn } from '../../src/data/coded-strings.js'
import { groupRows, type GroupedColumn } from '../../src/evaluate/slice-groups.js'

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
})
