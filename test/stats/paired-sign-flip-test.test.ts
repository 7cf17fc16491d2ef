import { describe, expect, it } from 'vitest'
import { createRandom, pairedMeanDifferenceTest, pairedSignFlipTest, type RandomSource } from '../../src/stats/index.js'
import { expectEarlyStopAgreement } from './early-stop-agreement.js'

/** P(B <= k) for B ~ Binomial(n, 1/2), summed in logs. */
function binomialLowerTail(n: number, k: number): number {
  let logChoose = 0
  let tail = 0
  for (let j = 0; j <= k; j++) {
    if (j > 0) logChoose += Math.log(n - j + 1) - Math.log(j)
    tail += Math.exp(logChoose - n * Math.LN2)
  }
  return tail
}

/** 800 rows of which `differ` have a non-zero difference, symmetric about 0 (lognormal size, random sign). */
function fewRowsDiffer(differ: number, random: RandomSource, n = 800): Float64Array {
  const differences = new Float64Array(n)
  for (let i = 0; i < differ; i++) differences[i] = (random.uniform() < 0.5 ? -1 : 1) * Math.exp(random.normal())
  return differences
}

describe('pairedSignFlipTest', () => {
  it('gives 2^-k when k rows are worse and the rest equal, and counts every pattern when few rows differ', () => {
    const differences = new Float64Array(800)
    differences.fill(0.1, 0, 7)
    expect(pairedSignFlipTest({ differences })).toEqual({ p: 2 ** -7, method: 'exact', draws: 128 })
    // d = (3, -1, -1): S = 1; the 8 patterns give 1, 3, 3, 5, -5, -3, -3, -1 (S* >= 1: 4 of 8)
    expect(pairedSignFlipTest({ differences: Float64Array.of(3, -1, -1, 0, 0) }).p).toBe(4 / 8)
    // margin 0.5: e = (2.5, -1.5, -1.5, -0.5, -0.5), S = -1.5 = ±2.5 + x + y with x = ±1.5 ±1.5,
    // y = ±0.5 ±0.5: with +2.5 every one of 16 reaches -1.5 (the tie x + y = -4 included), with
    // -2.5 the 6 with x + y >= 1: p = 22 / 32
    expect(pairedSignFlipTest({ differences: Float64Array.of(3, -1, -1, 0, 0), margin: 0.5 }).p).toBe(22 / 32)
    expect(pairedSignFlipTest({ differences: new Float64Array(10) })).toEqual({ p: 1, method: 'exact', draws: 1 })
  })

  it('stops early only where the p-value is surely above stopAbove, and then decides as all the draws would (200 seeded samples)', () => {
    const random = createRandom(23)
    const samples = Array.from({ length: 200 }, (_, t) => {
      // mean differences from none to about 3 standard errors over 36 rows, so that p-values span (0, 1)
      const shift = (0.5 * (t % 10)) / 10
      const differences = new Float64Array(36).map(() => shift + random.normal())
      const base = { differences, seed: t, draws: 20_000 }
      const early = pairedSignFlipTest({ ...base, stopAbove: 0.05 })
      expect(early.stoppedEarly === true).toBe(early.draws < 20_000)
      return { full: pairedSignFlipTest(base), early, null: shift === 0 }
    })
    // no difference at all: most samples stop at the first looks
    expectEarlyStopAgreement(samples, { draws: 20_000, level: 0.05, minStopped: 80, nullShare: 0.1 })
    expect(() => pairedSignFlipTest({ differences: new Float64Array(36).map(() => random.normal()), stopAbove: 1 })).toThrow(/stopAbove/)
  })

  it('agrees with the t-test on many symmetric differences, repeats with its seed, sizes its draws by alpha', () => {
    const random = createRandom(5)
    const differences = new Float64Array(300)
    for (let i = 0; i < 300; i++) differences[i] = 0.12 + random.normal()
    const t = pairedMeanDifferenceTest({ differences }).p
    expect(t).toBeGreaterThan(0.005)
    expect(t).toBeLessThan(0.1)
    const flips = pairedSignFlipTest({ differences, draws: 40000, seed: 3 })
    expect(flips.method).toBe('monte-carlo')
    expect(Math.abs(flips.p - t)).toBeLessThan(0.004)
    expect(pairedSignFlipTest({ differences, seed: 9 })).toEqual(pairedSignFlipTest({ differences, seed: 9 }))
    expect(pairedSignFlipTest({ differences }).draws).toBe(2000)
    expect(pairedSignFlipTest({ differences, alpha: 0.05 / 30 }).draws).toBe(12000)
    // a margin above the observed mean gives p > 1/2
    expect(pairedSignFlipTest({ differences, margin: 0.5 }).p).toBeGreaterThan(0.5)
  })

  it('uses the normal limit of the flips only when the work is large and no row dominates', () => {
    const random = createRandom(6)
    const differences = new Float64Array(50000)
    for (let i = 0; i < differences.length; i++) differences[i] = 0.01 + random.normal()
    const limit = pairedSignFlipTest({ differences, alpha: 0.05 / 30 })
    expect(limit.method).toBe('normal-limit')
    expect(Math.abs(limit.p - pairedMeanDifferenceTest({ differences }).p)).toBeLessThan(0.002)
    // one row carrying most of Σ e²: its two signs enumerated, the rest's sum normal
    // (the small rows' sizes all different: equal sizes are drawn as tied groups, the next test)
    const dominated = Float64Array.from({ length: 2000 }, (_, i) => 0.001 + i * 1e-9)
    dominated[0] = 100
    expect(pairedSignFlipTest({ differences: dominated, draws: 30000 })).toMatchObject({ method: 'exact-and-normal-limit', draws: 2 })
    // more than 16 rows that dominate: their signs drawn; more than the work limit affords: Monte Carlo over every row
    dominated.fill(100, 0, 17)
    expect(pairedSignFlipTest({ differences: dominated, draws: 30000 }).method).toBe('monte-carlo-and-normal-limit')
    // (every term more than 1% of the Σ e² of those after it)
    const geometric = Float64Array.from({ length: 2000 }, (_, i) => 0.99 ** i)
    expect(pairedSignFlipTest({ differences: geometric, draws: 30000 }).method).toBe('monte-carlo')
  })

  it('where a few rows dominate a large sum, enumerates (up to 16) or draws their signs and takes the rest by its normal limit: the decisions of 20,000 sign draws at 0.05, 0.005 and 0.0005 (24 seeded samples)', () => {
    const random = createRandom(12)
    let disagreements = 0
    let rejections = 0
    for (let t = 0; t < 24; t++) {
      // 2,000 rows of small differences (a shift on half the samples), and rows far larger
      const differences = new Float64Array(2000)
      const shift = t % 2 === 0 ? 0 : 0.015 * random.uniform()
      for (let i = 0; i < differences.length; i++) differences[i] = shift + 0.1 * random.normal()
      // 1 to 6 rows (every sign pattern), or 20 to 30 (their signs drawn)
      const dominant = t % 4 < 2 ? 1 + Math.floor(random.uniform() * 6) : 20 + Math.floor(random.uniform() * 11)
      for (let j = 0; j < dominant; j++) differences[j] = (random.uniform() < (t % 2 === 0 ? 0.5 : 0.8) ? 1 : -1) * (5 + 10 * random.uniform())
      const hybrid = pairedSignFlipTest({ differences, draws: 100_000, seed: t })
      const drawn = pairedSignFlipTest({ differences, draws: 20_000, seed: t })
      expect(hybrid.method).toBe(dominant <= 16 ? 'exact-and-normal-limit' : 'monte-carlo-and-normal-limit')
      expect(drawn.method).toBe('monte-carlo')
      for (const level of [0.05, 0.005, 0.0005]) {
        if (hybrid.p <= level !== drawn.p <= level) disagreements++
        if (hybrid.p <= level) rejections++
      }
      // within four of the draws' standard errors
      expect(Math.abs(hybrid.p - drawn.p)).toBeLessThan(4 * Math.sqrt(Math.max(drawn.p, 1e-4) / 20_000) + 1e-4)
    }
    expect(disagreements).toBeLessThanOrEqual(1)
    expect(rejections).toBeGreaterThan(6)
  })

  it('draws tied sizes as one binomial count per size where the rows would be too many to draw, not the normal limit: the p of 300 rows of +-1 is the exact binomial tail', () => {
    // 165 rows 1 worse, 135 rows 1 better: S = 30, and S* = 300 - 2B with B ~ Binomial(300, 1/2) flips
    const differences = Float64Array.from({ length: 300 }, (_, i) => (i < 165 ? 1 : -1))
    const exact = binomialLowerTail(300, 135)
    const result = pairedSignFlipTest({ differences, alpha: 0.0001, seed: 3 })
    expect(result).toMatchObject({ method: 'monte-carlo', draws: 200_000 })
    // within four of the draws' standard errors (about 0.0005) of the exact 0.0475
    expect(Math.abs(result.p - exact)).toBeLessThan(4 * Math.sqrt(exact / 200_000))
    // the normal limit, used here before, has no continuity correction: 1 - Phi(30 / sqrt(300)) = 0.0416
    expect(exact - 0.0416).toBeGreaterThan(0.005)
    // the same draws with the rows' order and signs' order shuffled, and with sizes 1 and 2 mixed
    const mixed = Float64Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 2 : 1) * (i % 2 === 0 ? 1 : -1))
    const drawn = pairedSignFlipTest({ differences: mixed, alpha: 0.0001, seed: 5 })
    expect(drawn.method).toBe('monte-carlo')
    expect(drawn.p).toBeGreaterThan(0.3)
    // the early stop applies as to the plain draws
    expect(pairedSignFlipTest({ differences: mixed, alpha: 0.0001, seed: 5, stopAbove: 0.05 })).toMatchObject({ stoppedEarly: true })
  })

  it('rejects non-finite differences and a negative margin, naming them', () => {
    expect(() => pairedSignFlipTest({ differences: Float64Array.of(1, Number.NaN) })).toThrow(/row 1 is NaN/)
    expect(() => pairedSignFlipTest({ differences: Float64Array.of(1, 2), margin: -1 })).toThrow(/margin -1/)
  })

  it('holds its size when 5, 10 or 20 of 800 rows differ, symmetric heavy-tailed differences (2,000 trials each, <= 5%), where the t-tests do not', () => {
    // The null: each differing row's two terms exchangeable. The exact / Monte-Carlo flip test
    // never exceeds alpha; Hall's skewness-corrected t, on the same data, rejects 10-15%.
    const trials = 2000
    for (const differ of [5, 10, 20]) {
      const random = createRandom(700 + differ)
      let flips = 0
      let hall = 0
      for (let t = 0; t < trials; t++) {
        const differences = fewRowsDiffer(differ, random)
        if (pairedSignFlipTest({ differences, seed: t }).p <= 0.05) flips++
        if (pairedMeanDifferenceTest({ differences, skewnessCorrection: true }).p <= 0.05) hall++
      }
      expect(flips / trials, `${differ} rows differ`).toBeLessThanOrEqual(0.05)
      expect(hall / trials, `${differ} rows differ, Hall`).toBeGreaterThan(0.08)
    }
  })
})
