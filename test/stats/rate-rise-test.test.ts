import { describe, expect, test } from 'vitest'
import { createRandom, rateRiseTest } from '../../src/stats/index.js'

describe('rateRiseTest (error_rate of a served model)', () => {
  test("margin 0: Fisher's exact one-sided p (values from scipy.stats.fisher_exact(..., alternative='greater'))", () => {
    // [[failedB, rowsB - failedB], [failedA, rowsA - failedA]]
    expect(rateRiseTest({ failedA: 1, rowsA: 10, failedB: 3, rowsB: 10 })).toEqual({ p: expect.closeTo(0.2910216718266254, 12), method: 'fisher-exact' })
    expect(rateRiseTest({ failedA: 4, rowsA: 1000, failedB: 12, rowsB: 1000 }).p).toBeCloseTo(0.03782333576278144, 12)
    expect(rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 667, rowsB: 2000 }).p / 1.2023132087249707e-230).toBeCloseTo(1, 6)
    // one transient failure is no evidence; fewer failures is none either
    expect(rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 1, rowsB: 2000 }).p).toBeCloseTo(0.5, 10)
    expect(rateRiseTest({ failedA: 5, rowsA: 2000, failedB: 0, rowsB: 2000 }).p).toBeCloseTo(1, 10)
  })

  test('margin > 0: the normal test of two proportions, a run without failures not taken as certain', () => {
    const within = rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 10, rowsB: 2000, margin: 0.01 })
    expect(within.method).toBe('normal-proportions')
    expect(within.p).toBeGreaterThan(0.5)
    expect(rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 667, rowsB: 2000, margin: 0.01 }).p).toBeLessThan(1e-12)
    expect(() => rateRiseTest({ failedA: 3, rowsA: 2, failedB: 0, rowsB: 2 })).toThrow(/failedA = 3/)
  })

  test('holds its size at 5% with equal rates, margin 0 and margin 0.005 (4,000 seeded pairs each, rates 0.2% and 2%, 1,000 rows)', () => {
    const random = createRandom(11)
    const binomial = (n: number, rate: number): number => {
      let k = 0
      for (let i = 0; i < n; i++) if (random.uniform() < rate) k++
      return k
    }
    for (const [rate, margin] of [
      [0.002, 0],
      [0.02, 0],
      [0.02, 0.005],
    ] as const) {
      let rejections = 0
      const trials = 4000
      for (let t = 0; t < trials; t++) {
        const failedA = binomial(1000, rate)
        const failedB = binomial(1000, rate + margin)
        if (rateRiseTest({ failedA, rowsA: 1000, failedB, rowsB: 1000, margin }).p < 0.05) rejections++
      }
      const size = rejections / trials
      const se = Math.sqrt((0.05 * 0.95) / trials)
      expect(size, `rate ${rate}, margin ${margin}`).toBeLessThan(0.05 + 3 * se)
    }
  })
})
