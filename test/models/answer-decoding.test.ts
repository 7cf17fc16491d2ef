import { describe, expect, test } from 'vitest'
import { decodeAnswer } from '../../src/models/answer-decoding.js'
import { cacheEntryKey, cacheNamespace } from '../../src/models/cache/cache-key.js'
import { canonicalJson, toJsonValue } from '../../src/models/json-value.js'

describe('decodeAnswer', () => {
  test('scalars, one-element lists, probability lists and objects', () => {
    expect(decodeAnswer('pos', {})).toBe('pos')
    expect(decodeAnswer(3.5, {})).toBe(3.5)
    expect(decodeAnswer(false, {})).toBe(false)
    expect(decodeAnswer([7], {})).toBe(7)
    expect(decodeAnswer([0.25, 0.75], { labels: [0, 1] })).toEqual({ probabilities: { 0: 0.25, 1: 0.75 } })
    expect(decodeAnswer({ prediction: 1, probability: { 0: 0.4, 1: '0.6' } }, {})).toEqual({ label: 1, probabilities: { 0: 0.4, 1: 0.6 } })
    expect(decodeAnswer({ predicted_label: ['b'] }, {})).toBe('b')
  })

  test('errors say what came back and what to pass', () => {
    expect(() => decodeAnswer([0.2, 0.3, 0.5], { labels: ['a', 'b'] })).toThrow('3 probabilities but labels has 2 entries (a, b)')
    expect(() => decodeAnswer({ score: 1 }, {})).toThrow('fields score; none holds a label or probabilities. Pass labelField / probabilitiesField')
    expect(() => decodeAnswer({ label: 'a' }, { labelField: 'cls' })).toThrow('no field "cls"; its fields are label')
    expect(() => decodeAnswer(null, {})).toThrow('the model returned null')
    expect(() => decodeAnswer([0.5, 'x'], { labels: ['a', 'b'] })).toThrow('probability for label "b" is "x"')
  })
})

describe('cache keys', () => {
  test('key order of the row does not matter; values, types and the namespace do', () => {
    const ns = cacheNamespace({ adapter: 'mlflow', endpoint: 'http://h/invocations', request: {} })
    expect(cacheEntryKey(ns, { a: 1, b: 'x' })).toBe(cacheEntryKey(ns, { b: 'x', a: 1 }))
    expect(cacheEntryKey(ns, { a: 1 })).not.toBe(cacheEntryKey(ns, { a: '1' }))
    const other = cacheNamespace({ adapter: 'mlflow', endpoint: 'http://h/invocations', modelVersion: '2', request: {} })
    expect(other).not.toBe(ns)
    expect(cacheEntryKey(other, { a: 1 })).not.toBe(cacheEntryKey(ns, { a: 1 }))
  })

  test('toJsonValue: dates, bigints, NaN and typed arrays', () => {
    expect(toJsonValue({ d: new Date('2024-01-02T03:04:05Z'), n: 10n, nan: Number.NaN, u: undefined, t: new Float64Array([1.5]) })).toEqual({
      d: '2024-01-02T03:04:05.000Z',
      n: '10',
      nan: null,
      t: [1.5],
    })
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [3] })).toBe('{"a":[3],"b":{"c":2,"d":1}}')
  })
})
