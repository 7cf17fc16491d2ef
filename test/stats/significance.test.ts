import { describe, expect, it } from 'vitest'
import { unpairedChangeTest } from '../../src/stats/index.js'

describe('unpairedChangeTest', () => {
  const estimate = (value: number, lower: number, upper: number, level = 0.95) => ({ value, lower, upper, level })

  it('recovers standard errors from symmetric intervals', () => {
    // se = 0.03 / 1.96 each; z = -0.05 / √2 / (0.03 / 1.96) = -2.3098
    const result = unpairedChangeTest(estimate(0.85, 0.82, 0.88), estimate(0.8, 0.77, 0.83), true)
    expect(result.z).toBeCloseTo(-0.05 / Math.sqrt(2 * (0.03 / 1.959963984540054) ** 2), 6)
    expect(result.pValue).toBeCloseTo(0.010448, 5) // Φ(-2.3098)
  })

  it('reads "worse" the other way when lower is better', () => {
    const up = unpairedChangeTest(estimate(0.3, 0.25, 0.35), estimate(0.4, 0.35, 0.45), false)
    expect(up.z).toBeLessThan(0)
    expect(up.pValue).toBeLessThan(0.01)
    const down = unpairedChangeTest(estimate(0.3, 0.25, 0.35), estimate(0.2, 0.15, 0.25), false)
    expect(down.z).toBeGreaterThan(0)
    expect(down.pValue).toBeGreaterThan(0.99)
  })

  it('uses the half of each interval that faces the other estimate', () => {
    // Baseline lower half-width 0.02 (upper 0.10); current upper half-width 0.02 (lower 0.10).
    const narrowSides = unpairedChangeTest(estimate(0.8, 0.78, 0.9), estimate(0.75, 0.65, 0.77), true)
    const z = 1.959963984540054
    expect(narrowSides.z).toBeCloseTo(-0.05 / Math.sqrt(2 * (0.02 / z) ** 2), 6)
  })

  it('converts each interval by its own level', () => {
    // 90% interval of half-width 0.0329 ≈ se 0.02; 99% of half-width 0.0515 ≈ se 0.02.
    const result = unpairedChangeTest(estimate(0.8, 0.8 - 0.032897, 0.8 + 0.032897, 0.9), estimate(0.75, 0.75 - 0.051517, 0.75 + 0.051517, 0.99), true)
    expect(result.z).toBeCloseTo(-0.05 / Math.sqrt(2 * 0.02 ** 2), 3)
  })

  it('handles zero-width intervals and missing bounds', () => {
    expect(unpairedChangeTest(estimate(1, 1, 1), estimate(1, 1, 1), true)).toEqual({ z: 0, pValue: 0.5 })
    expect(unpairedChangeTest(estimate(1, 1, 1), estimate(0.9, 0.9, 0.9), true)).toEqual({ z: Number.NEGATIVE_INFINITY, pValue: 0 })
    expect(unpairedChangeTest(estimate(0.8, Number.NaN, 0.9), estimate(0.9, 0.8, 1), true).pValue).toBeNaN()
  })
})
