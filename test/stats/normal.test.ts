import { describe, expect, it } from 'vitest'
import { assertLevel, criticalValue, normalCdf, normalQuantile } from '../../src/stats/index.js'

// Reference values: scipy.stats.norm.ppf / norm.cdf (double precision).
describe('normalQuantile', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.05, -1.6448536269514729],
    [0.8, 0.8416212335729143],
    [1e-6, -4.753424308822899],
  ])('Φ⁻¹(%s) = %s to 1e-6', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-6)
  })

  it('is much closer than the raw Winitzki probit (1.9572 at 0.975)', () => {
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-7)
  })

  it('handles the edges', () => {
    expect(normalQuantile(0.5)).toBe(0)
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY)
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY)
    expect(normalQuantile(1.5)).toBeNaN()
    expect(normalQuantile(Number.NaN)).toBeNaN()
  })

  it('inverts normalCdf', () => {
    for (const p of [0.001, 0.1, 0.3, 0.6, 0.9, 0.999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-9)
    }
  })
})

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145707],
    [2.5, 0.9937903346742238],
  ])('Φ(%s) = %s to 2e-7', (x, p) => {
    expect(Math.abs(normalCdf(x) - p)).toBeLessThan(2e-7)
  })

  it('keeps relative accuracy in the lower tail', () => {
    // scipy: norm.cdf(-3) = 0.0013498980316300946, norm.cdf(-6) = 9.865876450376946e-10
    expect(normalCdf(-3) / 0.0013498980316300946).toBeCloseTo(1, 6)
    expect(normalCdf(-6) / 9.865876450376946e-10).toBeCloseTo(1, 5)
    // beyond 6 the far tail keeps its digits (Python's 0.5 * erfc(z / sqrt(2))): it was 0 from -8.3
    // on, and a p of 6.5e-38 printed as <1e-300 (adversarial pass 54)
    expect(normalCdf(-8.5) / 9.479534822203355e-18).toBeCloseTo(1, 12)
    expect(normalCdf(-12.82) / 6.335026210803539e-38).toBeCloseTo(1, 12)
    expect(normalCdf(-30) / 4.906713927148764e-198).toBeCloseTo(1, 12)
    expect(1 - normalCdf(8.5)).toBe(0)
    // monotone where the two approximations meet
    expect(normalCdf(-5.999999)).toBeGreaterThan(normalCdf(-6))
    expect(normalCdf(-6)).toBeGreaterThan(normalCdf(-6.000001))
  })

  it('handles infinities and NaN', () => {
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1)
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0)
    expect(normalCdf(Number.NaN)).toBeNaN()
  })
})

describe('criticalValue', () => {
  it('gives the two-sided z for a level', () => {
    expect(criticalValue(0.95)).toBeCloseTo(1.959963984540054, 7)
    expect(criticalValue(0.9)).toBeCloseTo(1.6448536269514729, 7)
    expect(criticalValue(0.99)).toBeCloseTo(2.5758293035489004, 7)
  })

  it('rejects a percentage or an out-of-range level with a message naming the fix', () => {
    expect(() => criticalValue(95)).toThrow(/95 is not between 0 and 1.*0\.95/)
    expect(() => assertLevel(0, 'x')).toThrow(/x: interval level 0/)
    expect(() => assertLevel(Number.NaN, 'x')).toThrow()
  })
})
