// exchangeTailProbability: the exact exchange (sign-flip) test on units' effects, the floor under
// the paired resampling test's p-value (src/compare/paired-metric-test.ts, rowsCarryingChange).
import { describe, expect, test } from 'vitest'
import { EXCHANGE_MAX_UNITS, exchangeTailProbability } from '../../src/stats/exchange-tail.js'
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
  test('beyond the unit cap the smallest are exchanged together: 30 equal effects give 2^-24', () => {
    expect(exchangeTailProbability(Array.from({ length: 30 }, () => 1))).toBe(2 ** -EXCHANGE_MAX_UNITS)
  })
  test('effects within the tolerance change no sum and are left out; ties count as reaching the change', () => {
    expect(exchangeTailProbability([1, 0, 1e-15, -1e-15], 1e-12)).toBe(0.5)
    expect(exchangeTailProbability([1, -1])).toBe(0.75) // {}, {-1} and {1, -1} (a sum of 0 reaches the change)
    expect(exchangeTailProbability([])).toBe(1)
    expect(() => exchangeTailProbability([1, Number.NaN])).toThrow(/effect 1 is NaN/)
  })
})
