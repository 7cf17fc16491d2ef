import { describe, expect, it } from 'vitest'
import { ascendingOrder, ascendingOrderWithTies, createRandom } from '../../src/stats/index.js'
import { radixScratch } from '../../src/stats/ascending-order.js'

function isStableAscending(values: Float64Array, order: Uint32Array): boolean {
  if (order.length !== values.length) return false
  const seen = new Uint8Array(values.length)
  for (let i = 0; i < order.length; i++) {
    if (seen[order[i]]) return false
    seen[order[i]] = 1
    if (i === 0) continue
    const previous = values[order[i - 1]]
    const current = values[order[i]]
    if (previous > current) return false
    if (previous === current && order[i - 1] > order[i]) return false // ties keep input order
  }
  return true
}

describe('ascendingOrder', () => {
  it('sorts a small array stably (comparison path)', () => {
    expect(Array.from(ascendingOrder(new Float64Array([0.3, 0.1, 0.3, 0.2])))).toEqual([1, 3, 0, 2])
  })

  it.each([
    ['probabilities rounded to 3 decimals (many ties)', (u: number, z: number) => Math.round(u * 1000) / 1000 + 0 * z],
    ['signed normals', (_: number, z: number) => z * 1e3],
    ['mixed signs, zeros, tiny and huge values', (u: number, z: number) => (u < 0.1 ? 0 : u < 0.15 ? -0 : z * 10 ** Math.round(u * 40 - 20))],
  ])('sorts 50,000 %s stably (radix path)', (_, make) => {
    const random = createRandom(12)
    const values = new Float64Array(50_000)
    for (let i = 0; i < values.length; i++) values[i] = make(random.uniform(), random.normal())
    expect(isStableAscending(values, ascendingOrder(values))).toBe(true)
  })

  it.each([
    [30, 'insertion sort'],
    [3000, 'comparison sort'],
  ])('orders %s values that differ only in the low 32 bits (run finished by %s)', (runLength) => {
    // 0.5 + i·2^-50 share sign, exponent and the top 20 mantissa bits.
    const random = createRandom(runLength)
    const values = new Float64Array(6000)
    for (let i = 0; i < values.length; i++) {
      values[i] = i < runLength ? 0.5 + Math.floor(random.uniform() * 1000) * 2 ** -50 : random.uniform()
    }
    expect(isStableAscending(values, ascendingOrder(values))).toBe(true)
  })

  it('treats -0 and +0 as equal (input order kept)', () => {
    const values = new Float64Array(5000).fill(1)
    values[10] = 0
    values[20] = -0
    values[30] = 0
    values[40] = -1
    const order = ascendingOrder(values)
    expect(Array.from(order.subarray(0, 4))).toEqual([40, 10, 20, 30])
  })

  it('handles infinities and empty input', () => {
    const values = new Float64Array(3000).fill(0.5)
    values[7] = Number.POSITIVE_INFINITY
    values[8] = Number.NEGATIVE_INFINITY
    const order = ascendingOrder(values)
    expect(order[0]).toBe(8)
    expect(order[order.length - 1]).toBe(7)
    expect(ascendingOrder(new Float64Array(0)).length).toBe(0)
  })
})

describe('ascendingOrder on a view', () => {
  it('sorts a subarray (nonzero byte offset) exactly as a copy of it', () => {
    const random = createRandom(77)
    const backing = Float64Array.from({ length: 9000 }, (_, i) => (i < 1000 ? -5 : Math.round(random.normal() * 300) / 100))
    const view = backing.subarray(1000, 8000)
    expect(Array.from(ascendingOrder(view))).toEqual(Array.from(ascendingOrder(Float64Array.from(view))))
    expect(isStableAscending(Float64Array.from(view), ascendingOrder(view))).toBe(true)
  })
})

describe('ascendingOrderWithTies', () => {
  it.each([
    ['a small array (comparison path)', 500, (u: number) => Math.round(u * 20) / 20],
    ['rounded probabilities (radix path)', 40_000, (u: number) => Math.round(u * 1000) / 1000],
    ['values differing only in the low 32 bits (long run sorted by comparison)', 40_000, (u: number) => (u < 0.2 ? 0.5 + Math.floor(u * 5000) * 2 ** -50 : u)],
    ['signed zeros and infinities', 5000, (u: number) => (u < 0.3 ? 0 : u < 0.6 ? -0 : u < 0.7 ? Number.POSITIVE_INFINITY : u - 0.5)],
  ])('flags exactly the positions equal to the previous value: %s', (_, n, make) => {
    const random = createRandom(n)
    const values = Float64Array.from({ length: n }, () => make(random.uniform()))
    const { order, tiedWithPrevious } = ascendingOrderWithTies(values)
    expect(Array.from(order)).toEqual(Array.from(ascendingOrder(values)))
    let ties = 0
    for (let j = 0; j < n; j++) {
      const expected = j > 0 && values[order[j]] === values[order[j - 1]] ? 1 : 0
      if (tiedWithPrevious[j] !== expected) throw new Error(`position ${j}: flag ${tiedWithPrevious[j]}, expected ${expected}`)
      ties += expected
    }
    expect(ties).toBeGreaterThan(0)
    expect(ties).toBeLessThan(n - 1)
  })
})

describe('ascendingOrderWithTies with reused scratch', () => {
  it('gives every column the order and tie flags a fresh sort gives, whatever the scratch held before', () => {
    const random = createRandom(99)
    const scratch = radixScratch(5000)
    // Longer than the scratch (it grows), then shorter, tied, signed, and one digit everywhere.
    const columns = [
      Float64Array.from({ length: 20_000 }, () => Math.round(random.uniform() * 1e4) / 1e4),
      Float64Array.from({ length: 3000 }, () => random.normal()),
      Float64Array.from({ length: 12_000 }, () => Math.floor(random.uniform() * 40) - 20),
      Float64Array.from({ length: 9000 }, (_, i) => 0.5 + i * 1e-9),
      Float64Array.from({ length: 20_000 }, () => random.uniform()),
    ]
    for (const column of columns) {
      const reused = ascendingOrderWithTies(column, scratch)
      const fresh = ascendingOrderWithTies(column)
      expect(reused.order).toStrictEqual(fresh.order)
      expect(reused.tiedWithPrevious).toStrictEqual(fresh.tiedWithPrevious)
      expect(isStableAscending(column, reused.order)).toBe(true)
      // The order is new memory, not the scratch.
      expect(reused.order.buffer).not.toBe(scratch.index.buffer)
    }
    expect(scratch.hi.length).toBe(20_000)
  })
})

describe('ascendingOrderWithTies into an earlier result', () => {
  it.each([2047, 2048, 2049, 6000])(
    'n = %i: flags set while the runs are finished equal the values compared, whatever the reused arrays held',
    (n) => {
      const random = createRandom(n + 5)
      // Many ties, both signs, -0 and +0, subnormals, and runs sharing the high word.
      const pool = [0, -0, 5e-324, -5e-324, 2e-310, -2e-310, 0.25, -0.25, 0.5 + 2 ** -50, 0.5 + 2 ** -49, 1e300, -1e300]
      const values = Float64Array.from({ length: n }, () => {
        const u = random.uniform()
        return u < 0.6 ? pool[Math.floor(random.uniform() * pool.length)] : Math.round(random.normal() * 50) / 10
      })
      const into = { order: new Uint32Array(n + 3).fill(0xffffffff), tiedWithPrevious: new Uint8Array(n + 3).fill(7) }
      const { order, tiedWithPrevious } = ascendingOrderWithTies(values, radixScratch(0), into)
      // From 2,048 values (the radix path) the earlier result's arrays receive the new one.
      if (n >= 2048) expect(order.buffer).toBe(into.order.buffer)
      expect(isStableAscending(values, order)).toBe(true)
      const expected = Uint8Array.from({ length: n }, (_, j) => (j > 0 && values[order[j]] === values[order[j - 1]] ? 1 : 0))
      expect(tiedWithPrevious).toStrictEqual(expected)
    },
  )
})

describe('ascendingOrder of values with few distinct keys (the dictionary path)', () => {
  /** `count` distinct values: signed zeros (one key), subnormals, both signs, infinities, ties in the low word. */
  function distinctPool(count: number, seed: number): number[] {
    const random = createRandom(seed)
    const fixed = [0, 5e-324, -5e-324, 2e-310, -2e-310, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5 + 2 ** -50, 0.5 + 2 ** -49, 0.5]
    const pool = new Set<number>(fixed.slice(0, count))
    while (pool.size < count) pool.add(Math.round(random.normal() * 1e4) / 1e4)
    return [...pool]
  }
  function check(n: number, distinct: number, seed: number): void {
    const random = createRandom(seed)
    const pool = distinctPool(distinct, seed)
    // Every pool value at least once; -0 written for some of the zeros.
    const values = Float64Array.from({ length: n }, (_, i) => {
      const v = i < distinct ? pool[i] : pool[Math.floor(random.uniform() * distinct)]
      return v === 0 && random.uniform() < 0.5 ? -0 : v
    })
    // A stable ascending permutation is unique: checked in one pass, as are the flags.
    const plain = ascendingOrder(values)
    expect(isStableAscending(values, plain)).toBe(true)
    const { order, tiedWithPrevious } = ascendingOrderWithTies(values, radixScratch(0), { order: new Uint32Array(n), tiedWithPrevious: new Uint8Array(n).fill(9) })
    let mismatches = 0
    for (let j = 0; j < n; j++) {
      if (order[j] !== plain[j]) mismatches++
      if (tiedWithPrevious[j] !== (j > 0 && values[order[j]] === values[order[j - 1]] ? 1 : 0)) mismatches++
    }
    expect(mismatches).toBe(0)
  }

  it.each([
    [2048, 3],
    [2048, 128],
    [2049, 128],
    [4095, 255],
    [4096, 256],
    [4096, 257],
    [20_000, 1],
    [20_000, 1250],
    [20_000, 1251],
  ])('n = %i with %i distinct values: the comparison sort\'s order and the values\' tie flags', (n, distinct) => {
    check(n, distinct, n + distinct)
  })

  it('at the table\'s limit of 16,384 distinct keys and one beyond (radix passes)', () => {
    check(300_000, 16_384, 1)
    check(300_000, 16_385, 2)
  })
})
