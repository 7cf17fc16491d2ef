// exchangeTailProbability: the exact exchange (sign-flip) test on units' effects, the floor under
// the paired resampling test's p-value (src/compare/paired-metric-test.ts, rowsCarryingChange).
import { describe, expect, test } from 'vitest'
import { EXCHANGE_EXACT_UNITS, exchangeTailProbability } from '../../src/stats/exchange-tail.js'
import { createRandom } from '../../src/stats/index.js'

/** Share of the subsets of `effects` with sum at most 0, by enumerating them all. */
function bruteForce(effects: readonly number[]): number {
  let count = 0
  for (let mask = 0; mask < 1 << effects.length; mask++) {
    let sum = 0
    for (let i = 0; i < effects.length; i++) if (mask & (1 << i)) sum += effects[i]!
    if (sum <= 0) count++
  }
  return count / (1 << effects.length)
}

describe('exchangeTailProbability', () => {
  test('k units that all moved one way give 2^-k, however unequal', () => {
    expect(exchangeTailProbability([1, 1, 1])).toBe(0.125)
    expect(exchangeTailProbability([5, 0.01, 2, 300, 0.7, 1, 1, 1, 1, 1, 1, 1])).toBe(2 ** -12)
  })
  test('equals the enumeration of every subset, on random effects of either sign', () => {
    const random = createRandom(7)
    for (let trial = 0; trial < 40; trial++) {
      const u = 1 + Math.floor(random.uniform() * 12)
      const effects = Array.from({ length: u }, () => random.normal() + 0.3)
      expect(exchangeTailProbability(effects)).toBe(bruteForce(effects))
    }
  })
  test('two large effects among many tiny ones of either sign: about 1/4 times the tiny ones\' own tail', () => {
    const random = createRandom(11)
    const tiny = Array.from({ length: 60 }, () => (random.uniform() < 0.5 ? -1 : 1) * 1e-4)
    const p = exchangeTailProbability([0.3, 0.25, ...tiny])
    expect(p).toBeGreaterThan(0.02)
    expect(p).toBeLessThanOrEqual(0.25)
  })
  test('beyond the exact cap, seeded random subsets: 30 equal effects give 1 / (1 + draws); 30 of either sign near the exact share', () => {
    expect(EXCHANGE_EXACT_UNITS).toBe(24)
    expect(exchangeTailProbability(Array.from({ length: 30 }, () => 1), { draws: 5000, seed: 3 })).toBe(1 / 5001)
    const random = createRandom(9)
    const effects = Array.from({ length: 30 }, () => random.normal() + 0.2)
    const sampled = exchangeTailProbability(effects, { draws: 40_000, seed: 4 })
    // the exact share of the 2^30 subsets: every subset of the first 15 against the sorted sums of the last 15
    const sums = (values: readonly number[]) => {
      const out = [0]
      for (const v of values) for (let j = out.length - 1; j >= 0; j--) out.push(out[j]! + v)
      return out
    }
    const right = Float64Array.from(sums(effects.slice(15))).sort()
    let count = 0
    for (const left of sums(effects.slice(0, 15))) {
      let lo = 0
      let hi = right.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (right[mid]! <= -left) lo = mid + 1
        else hi = mid
      }
      count += lo
    }
    const exact = count / 2 ** 30
    // 40,000 draws: standard error at most 0.0025
    expect(Math.abs(sampled - exact)).toBeLessThan(0.01)
    expect(exchangeTailProbability(effects, { draws: 40_000, seed: 4 })).toBe(sampled)
  })
  test('effects within the tolerance change no sum and are left out; ties count as reaching the change', () => {
    expect(exchangeTailProbability([1, 0, 1e-15, -1e-15], { tolerance: 1e-12 })).toBe(0.5)
    expect(exchangeTailProbability([1, -1])).toBe(0.75) // {}, {-1} and {1, -1} (a sum of 0 reaches the change)
    expect(exchangeTailProbability([])).toBe(1)
    expect(() => exchangeTailProbability([1, Number.NaN])).toThrow(/effect 1 is NaN/)
  })
})
