// The slice-key codec: plain keys stay the text they were before the codec, every key reads back
// to the columns and values it was built from, and values typed without escapes are read as a
// person means them.
import { describe, expect, test } from 'vitest'
import {
  buildSliceKey,
  escapeSliceKeyPart,
  isSliceKey,
  parseColumnList,
  parseSliceKey,
  sliceKeyReadings,
  sliceValueText,
  splitUnescaped,
  unescapeSliceKeyPart,
} from '../../src/run/slice-key.js'

describe('buildSliceKey', () => {
  test('plain keys are column=value, crosses joined with &', () => {
    expect(buildSliceKey(['category'], ['technical_support'])).toBe('category=technical_support')
    expect(buildSliceKey(['category', 'region'], ['billing', 'eu'])).toBe('category=billing&region=eu')
    expect(buildSliceKey(['score band'], ['0.5-1 (high) 50% ü'])).toBe('score band=0.5-1 (high) 50% ü')
  })

  test('&, =, , and \\ inside names and values get a \\ before them', () => {
    expect(buildSliceKey(['dept'], ['R&D'])).toBe('dept=R\\&D')
    expect(buildSliceKey(['note'], ['a&b=c'])).toBe('note=a\\&b\\=c')
    expect(buildSliceKey(['a=b', 'c,d'], ['x\\y', ','])).toBe('a\\=b=x\\\\y&c\\,d=\\,')
  })

  test('a value a&b=c and the cross a x b=c get different keys', () => {
    expect(buildSliceKey(['note'], ['a&b=c'])).not.toBe(buildSliceKey(['note', 'b'], ['a', 'c']))
    expect(buildSliceKey(['note', 'b'], ['a', 'c'])).toBe('note=a&b=c')
  })

  test('one value per column', () => {
    expect(() => buildSliceKey(['a', 'b'], ['x'])).toThrow('expected one value per column, got 2 column(s) and 1 value(s)')
    expect(() => buildSliceKey([], [])).toThrow(RangeError)
  })
})

describe('parseSliceKey', () => {
  const awkward = ['', '&', '=', ',', '\\', '\\&', 'a&b=c', '==', 'x\\', '\\\\&&', 'R&D', 'a,b', 'null', ' spaced ']
  test('every built key reads back to its columns and values', () => {
    for (const value of awkward) {
      for (const column of ['dept', 'a=b', 'c&d', 'e,f', 'g\\h']) {
        expect(parseSliceKey(buildSliceKey([column], [value]))).toEqual({ columns: [column], values: [value] })
        const cross = buildSliceKey([column, 'other'], [value, value])
        expect(parseSliceKey(cross)).toEqual({ columns: [column, 'other'], values: [value, value] })
      }
    }
  })

  test('plain keys', () => {
    expect(parseSliceKey('category=billing&region=eu')).toEqual({ columns: ['category', 'region'], values: ['billing', 'eu'] })
    expect(parseSliceKey('dept=')).toEqual({ columns: ['dept'], values: [''] })
  })

  test('text that is not a built key is an error that says what is wrong and how to write it', () => {
    expect(() => parseSliceKey('dept=R&D')).toThrow('slice key "dept=R&D" has a part "D" without =; write column=value')
    expect(() => parseSliceKey('=x')).toThrow('has a part "=x" without a column name')
    expect(() => parseSliceKey('note=a=b')).toThrow('has a part "note=a=b" with an unescaped = in its value')
    expect(() => parseSliceKey('dept=R\\D')).toThrow('has a \\ that escapes nothing')
    expect(() => parseSliceKey('dept=R\\')).toThrow('has a \\ that escapes nothing')
    expect(isSliceKey('dept=R\\&D')).toBe(true)
    expect(isSliceKey('dept=R&D')).toBe(false)
  })
})

describe('sliceKeyReadings', () => {
  test('a built key reads as built, first', () => {
    expect(sliceKeyReadings('dept=R\\&D')).toEqual([{ columns: ['dept'], values: ['R&D'] }])
    expect(sliceKeyReadings('a=x&b=y')[0]).toEqual({ columns: ['a', 'b'], values: ['x', 'y'] })
  })

  test('dept=R&D, typed without escapes, is the column dept with the value R&D', () => {
    expect(sliceKeyReadings('dept=R&D')).toEqual([{ columns: ['dept'], values: ['R&D'] }])
    expect(sliceKeyReadings('dept=R&D&region=eu')).toEqual([
      { columns: ['dept', 'region'], values: ['R&D', 'eu'] },
      { columns: ['dept'], values: ['R&D&region=eu'] },
    ])
  })

  test('a=x&b=c reads as the cross, then as one column holding x&b=c', () => {
    expect(sliceKeyReadings('note=a&b=c')).toEqual([
      { columns: ['note', 'b'], values: ['a', 'c'] },
      { columns: ['note'], values: ['a&b=c'] },
    ])
  })

  test('a bare value names no column', () => {
    expect(sliceKeyReadings('billing')).toEqual([])
    expect(sliceKeyReadings('=billing')).toEqual([])
  })
})

describe('the pieces', () => {
  test('escape and unescape are inverse; a \\ before another character stays', () => {
    expect(escapeSliceKeyPart('a\\b&c=d,e')).toBe('a\\\\b\\&c\\=d\\,e')
    expect(unescapeSliceKeyPart('a\\\\b\\&c\\=d\\,e')).toBe('a\\b&c=d,e')
    expect(unescapeSliceKeyPart('C:\\temp')).toBe('C:\\temp')
  })

  test('splitUnescaped cuts only at separators without a \\ before them', () => {
    expect(splitUnescaped('a\\&b&c', '&')).toEqual(['a\\&b', 'c'])
    expect(splitUnescaped('a\\\\&b', '&')).toEqual(['a\\\\', 'b'])
    expect(splitUnescaped('', '&')).toEqual([''])
  })

  test('parseColumnList: commas split, \\, stays in a name, names trimmed', () => {
    expect(parseColumnList('category, region')).toEqual(['category', 'region'])
    expect(parseColumnList('a\\,b,c')).toEqual(['a,b', 'c'])
    expect(parseColumnList('a,')).toEqual(['a', ''])
  })

  test('sliceValueText: String(value), null for a missing cell, JSON for objects', () => {
    expect(sliceValueText(3)).toBe('3')
    expect(sliceValueText(null)).toBe('null')
    expect(sliceValueText(undefined)).toBe('null')
    expect(sliceValueText(true)).toBe('true')
    expect(sliceValueText({ a: 1 })).toBe('{"a":1}')
  })
})
