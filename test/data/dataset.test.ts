import { describe, expect, test } from 'vitest'
import { datasetFromRecords, fingerprintDataset, isDataset, numericColumn } from '../../src/data/index.js'
import type { Dataset } from '../../src/data/index.js'
import { DatasetError } from '../../src/errors.js'

describe('datasetFromRecords', () => {
  const data = datasetFromRecords(
    [
      { text: 'great', label: 'positive', stars: 5 },
      { text: 'bad', label: 'negative', stars: 1, extra: true },
    ],
    'memory',
  )

  test('columns are typed; a key missing from a record reads as null', () => {
    expect(data.columnNames).toEqual(['text', 'label', 'stars', 'extra'])
    expect(data.column('stars')).toEqual({ kind: 'number', values: new Float64Array([5, 1]) })
    expect(data.column('label')).toEqual({ kind: 'string', values: ['positive', 'negative'] })
    expect(data.column('extra')).toEqual({ kind: 'mixed', values: [null, true] })
    expect(data.value('label', 1)).toBe('negative')
    expect(data.source).toBe('memory')
  })

  test('a number and a string in one column make it mixed and keep both types', () => {
    const mixed = datasetFromRecords([{ y: 1 }, { y: '1' }])
    expect(mixed.column('y')).toEqual({ kind: 'mixed', values: [1, '1'] })
  })

  test('rows() builds records once and returns the same objects again', () => {
    const first = data.rows(0, 2)
    expect(first).toEqual([
      { text: 'great', label: 'positive', stars: 5, extra: null },
      { text: 'bad', label: 'negative', stars: 1, extra: true },
    ])
    expect(data.rows(1, 2)[0]).toBe(first[1])
    expect(data.rows()).toHaveLength(2)
  })

  test('a missing column and a row out of range are errors that list what exists', () => {
    expect(() => data.column('sentiment')).toThrowError(/column "sentiment" not found in memory; columns are: text, label, stars, extra/)
    expect(() => data.value('label', 2)).toThrowError(DatasetError)
  })

  test('input that is not records', () => {
    expect(() => datasetFromRecords([1] as never)).toThrowError(/record 1 is 1, not an object/)
    expect(() => datasetFromRecords('rows' as never)).toThrowError(/expected an array of records/)
  })
})

describe('isDataset', () => {
  test('true for evalgate datasets and for objects implementing Dataset; false for records', () => {
    const data = datasetFromRecords([{ a: 1 }])
    expect(isDataset(data)).toBe(true)
    const view: Dataset = {
      rowCount: 1,
      columnNames: ['a'],
      hasColumn: (name) => name === 'a',
      column: () => data.column('a'),
      value: () => 1,
      rows: () => [{ a: 1 }],
    }
    expect(isDataset(view)).toBe(true)
    expect(isDataset([{ a: 1 }])).toBe(false)
    expect(isDataset(null)).toBe(false)
  })
})

describe('fingerprintDataset', () => {
  const fingerprint = (records: Array<Record<string, unknown>>, columns = ['y']): string =>
    fingerprintDataset(datasetFromRecords(records), columns)

  test('64 hex digits, stable for equal data', () => {
    const value = fingerprint([{ y: 'a' }, { y: 'b' }])
    expect(value).toMatch(/^[0-9a-f]{64}$/)
    expect(fingerprint([{ y: 'a' }, { y: 'b' }])).toBe(value)
  })

  test('type-tagged: 1 and "1" differ; true and "true" differ; null and "" differ', () => {
    expect(fingerprint([{ y: 1 }])).not.toBe(fingerprint([{ y: '1' }]))
    expect(fingerprint([{ y: true }])).not.toBe(fingerprint([{ y: 'true' }]))
    expect(fingerprint([{ y: null }])).not.toBe(fingerprint([{ y: '' }]))
  })

  test('changes with a value, the row order, a column name, and the column order', () => {
    const base = fingerprint([{ y: 'a', x: 1 }, { y: 'b', x: 2 }], ['y', 'x'])
    expect(fingerprint([{ y: 'a', x: 1 }, { y: 'b', x: 3 }], ['y', 'x'])).not.toBe(base)
    expect(fingerprint([{ y: 'b', x: 2 }, { y: 'a', x: 1 }], ['y', 'x'])).not.toBe(base)
    expect(fingerprint([{ y: 'a', x: 1 }, { y: 'b', x: 2 }], ['x', 'y'])).not.toBe(base)
    expect(fingerprint([{ z: 'a', x: 1 }, { z: 'b', x: 2 }], ['z', 'x'])).not.toBe(base)
  })

  test('repeated strings still count by value: [a, b, a] differs from [a, b, b]', () => {
    expect(fingerprint([{ y: 'a' }, { y: 'b' }, { y: 'a' }])).not.toBe(fingerprint([{ y: 'a' }, { y: 'b' }, { y: 'b' }]))
    expect(fingerprint([{ y: 'a' }, { y: 'b' }, { y: 'a' }])).toBe(fingerprint([{ y: 'a' }, { y: 'b' }, { y: 'a' }]))
  })

  test('cell boundaries count: ["ab", "c"] differs from ["a", "bc"]', () => {
    expect(fingerprint([{ y: 'ab' }, { y: 'c' }])).not.toBe(fingerprint([{ y: 'a' }, { y: 'bc' }]))
  })

  test('the same bytes are hashed as before the fast paths (baselines store fingerprints)', () => {
    // 30,000 rows: several 64 KB chunks; numbers with -0 and NaN, 40 repeated labels, new and
    // repeated free text, a mixed column. The hex was computed by the code before its number and
    // repeated-string fast paths (base commit d26fe6e).
    const records: Array<Record<string, unknown>> = []
    for (let i = 0; i < 30000; i++) {
      records.push({
        x: i % 97 === 0 ? -0 : i % 101 === 0 ? Number.NaN : ((i * 7919) % 10007) / 1000 - 5,
        label: `class-${(i * 31) % 40}`,
        text: i % 3 === 0 ? `note ${i} é` : 'same',
        mixed: i % 5 === 0 ? true : i % 5 === 1 ? null : i % 5 === 2 ? i : `m${i % 4}`,
      })
    }
    expect(fingerprintDataset(datasetFromRecords(records), ['x', 'label', 'text', 'mixed'])).toBe(
      'ccfcfd9fc0f1dbd2c4df26dca1484196d320c251eb420e3f9d04b60745d2983f',
    )
  })
})

describe('numericColumn', () => {
  test('a number column is returned as is; text numbers are read; a label is an error naming the row', () => {
    const data = datasetFromRecords([{ n: 1, t: ' 2.50 ', bad: 3 }, { n: 2, t: '1e-3', bad: 'three' }])
    const n = numericColumn(data, 'n', 'targets')
    expect(n).toBe(data.column('n').values)
    expect(Array.from(numericColumn(data, 't', 'scores'))).toEqual([2.5, 0.001])
    expect(() => numericColumn(data, 'bad', 'targets')).toThrowError(
      /targets column "bad": row 2 has "three", which is not a number/,
    )
  })

  test('booleans and null are not numbers', () => {
    const data = datasetFromRecords([{ y: true }, { y: null }])
    expect(() => numericColumn(data, 'y', 'targets')).toThrowError(/row 1 has true/)
  })
})
