import { describe, expect, test } from 'vitest'
import { createRandom, rateRiseTest } from '../../src/stats/index.js'

/** Seeded Binomial(n, rate) draws, one uniform a trial. */
function binomialDraws(random: ReturnType<typeof createRandom>) {
  return (n: number, rate: number): number => {
    let k = 0
    for (let i = 0; i < n; i++) if (random.uniform() < rate) k++
    return k
  }
}

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

  test("margin > 0: Farrington and Manning's score test with a continuity correction (values from scipy: the restricted likelihood maximised by minimize_scalar, norm.sf)", () => {
    expect(rateRiseTest({ failedA: 10, rowsA: 200, failedB: 24, rowsB: 200, margin: 0.01 })).toEqual({ p: expect.closeTo(0.023297108421609813, 7), method: 'score-difference' })
    expect(rateRiseTest({ failedA: 20, rowsA: 1000, failedB: 60, rowsB: 1000, margin: 0.01 }).p).toBeCloseTo(0.0003518901519205867, 8)
    expect(rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 10, rowsB: 2000, margin: 0.01 }).p).toBeCloseTo(0.9932832673924412, 7)
    expect(rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 667, rowsB: 2000, margin: 0.01 }).p).toBeLessThan(1e-12)
    expect(() => rateRiseTest({ failedA: 3, rowsA: 2, failedB: 0, rowsB: 2 })).toThrow(/failedA = 3/)
  })

  test('holds its size at 5% at the null boundary (true rise = margin; 4,000 seeded pairs each; adversarial pass 29: the normal test without the score variance and the correction rejected 10.7% at 200 rows, 1%, margin 2%)', () => {
    const binomial = binomialDraws(createRandom(11))
    for (const [rows, rate, margin] of [
      [1000, 0.002, 0],
      [1000, 0.02, 0],
      [200, 0.01, 0.02],
      [100, 0.05, 0.01],
      [2000, 0.002, 0.005],
      [1000, 0.02, 0.01],
      [100, 0.5, 0.1],
    ] as const) {
      let rejections = 0
      const trials = 4000
      for (let t = 0; t < trials; t++) {
        const failedA = binomial(rows, rate)
        const failedB = binomial(rows, rate + margin)
        if (rateRiseTest({ failedA, rowsA: rows, failedB, rowsB: rows, margin }).p < 0.05) rejections++
      }
      const size = rejections / trials
      const se = Math.sqrt((0.05 * 0.95) / trials)
      expect(size, `rows ${rows}, rate ${rate}, margin ${margin}`).toBeLessThan(0.05 + 3 * se)
    }
  })

  test('power beyond the margin (400 seeded pairs each; adversarial pass 30: Berger and Boos\'s test caught 7.4% of 5% -> 12% rises on 200 rows)', () => {
    const binomial = binomialDraws(createRandom(12))
    const power = (rows: number, from: number, to: number, margin: number): number => {
      let rejections = 0
      for (let t = 0; t < 400; t++) if (rateRiseTest({ failedA: binomial(rows, from), rowsA: rows, failedB: binomial(rows, to), rowsB: rows, margin }).p < 0.05) rejections++
      return rejections / 400
    }
    expect(power(200, 0.05, 0.12, 0.01)).toBeGreaterThan(0.55)
    expect(power(1000, 0.02, 0.06, 0.01)).toBeGreaterThan(0.9)
    expect(power(2000, 0.05, 0.08, 0.01)).toBeGreaterThan(0.72)
  })
})
