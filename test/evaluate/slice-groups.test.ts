/** groupRows: one column (grouped by its codes) and crosses (combined codes), values merged by text. */
import { describe, expect, test } from 'vitest'
import { groupRows } from '../../src/evaluate/slice-groups.js'

describe('groupRows', () => {
  const columns: Record<string, ArrayLike<unknown>> = {
    mixed: [1, '1', 'b', 2, 'b', 10, 2],
    region: ['eu', 'us', 'eu', 'eu', 'us', 'us', 'eu'],
  }
  const valuesOf = (name: string): ArrayLike<unknown> => columns[name]

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
})
