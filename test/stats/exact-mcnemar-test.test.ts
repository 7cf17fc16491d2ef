import { describe, expect, it } from 'vitest'
import { createRandom, exactMcNemarTest, logFactorial } from '../../src/stats/index.js'
import { drawLostGained } from './paired-populations.js'

// Reference values from scipy 1.10.1: binom.sf(k - 1, n, p0) (exact) and
// binom.sf(k, n, p0) + binom.pmf(k, n, p0) / 2 (mid-p).
describe('exactMcNemarTest', () => {
  it('gives 2^-k for k rows lost and none gained (exact, the default), half that as mid-p', () => {
    const exact = exactMcNemarTest({ lost: 7, gained: 0, total: 800 })
    expect(exact.method).toBe('mcnemar-exact')
    expect(exact.p / 0.0078125).toBeCloseTo(1, 12)
    const mid = exactMcNemarTest({ lost: 7, gained: 0, total: 800, midP: true })
    expect(mid.method).toBe('mcnemar-mid-p')
    expect(mid.p / 0.00390625).toBeCloseTo(1, 12)
    for (let k = 1; k <= 30; k++) {
      expect(exactMcNemarTest({ lost: k, gained: 0, total: 1000, midP: false }).p / 2 ** -k).toBeCloseTo(1, 12)
    }
  })

  it('matches the binomial tail at p0 = 1/2 without a margin', () => {
    // binom.sf(11, 20, 0.5) = 0.2517223358154297; mid-p 0.19165515899658206
    expect(exactMcNemarTest({ lost: 12, gained: 8, total: 100, midP: false }).p).toBeCloseTo(0.2517223358154297, 14)
    expect(exactMcNemarTest({ lost: 12, gained: 8, total: 100, midP: true }).p).toBeCloseTo(0.19165515899658206, 14)
    // n = 500 discordant: binom.sf(299, 500, 0.5) = 4.470033271126644e-06
    const large = exactMcNemarTest({ lost: 300, gained: 200, total: 5000, midP: false }).p
    expect(large / 4.470033271126644e-6).toBeCloseTo(1, 9)
    expect(exactMcNemarTest({ lost: 300, gained: 200, total: 5000, midP: true }).p / 3.697905765514888e-6).toBeCloseTo(1, 9)
  })

  it('puts the margin in the null as a shift: p = P(Binomial(n, 1/2) >= lost - margin·total / 2)', () => {
    // Reference values: exact fractions (Python's math.comb), binom.sf(k - 1, n, 1/2) and its mid-p.
    // lost 30, gained 10, total 800, margin 0.01: threshold 30 - 4 = 26 of n = 40
    expect(exactMcNemarTest({ lost: 30, gained: 10, total: 800, margin: 0.01, midP: false }).p).toBeCloseTo(0.0403452338759962, 14)
    expect(exactMcNemarTest({ lost: 30, gained: 10, total: 800, margin: 0.01, midP: true }).p).toBeCloseTo(0.029791944009048166, 14)
    // The default is the exact p.
    expect(exactMcNemarTest({ lost: 30, gained: 10, total: 800, margin: 0.01 })).toEqual(exactMcNemarTest({ lost: 30, gained: 10, total: 800, margin: 0.01, midP: false }))
    // lost 40, gained 20, total 1000, margin 0.02: threshold 40 - 10 = 30 of n = 60
    expect(exactMcNemarTest({ lost: 40, gained: 20, total: 1000, margin: 0.02, midP: false }).p).toBeCloseTo(0.5512890865042848, 13)
    expect(exactMcNemarTest({ lost: 40, gained: 20, total: 1000, margin: 0.02, midP: true }).p).toBeCloseTo(0.5, 13)
    // The same counts without the margin are significant: the margin is what makes them pass.
    expect(exactMcNemarTest({ lost: 40, gained: 20, total: 1000 }).p).toBeLessThan(0.01)
  })

  it('interpolates between two integers: a margin of one row is not rounded away', () => {
    // 7 of 100 rows lost, margin 0.01 (one row): threshold 6.5, p = (P(B >= 6) + P(B >= 7)) / 2 = (8 + 1) / 256
    expect(exactMcNemarTest({ lost: 7, gained: 0, total: 100, margin: 0.01 }).p).toBeCloseTo(0.03515625, 15)
    expect(exactMcNemarTest({ lost: 7, gained: 0, total: 100, margin: 0.01 }).p).toBeGreaterThan(exactMcNemarTest({ lost: 7, gained: 0, total: 100 }).p)
    // p rises with the margin, row by row
    let previous = 0
    for (let margin = 0; margin <= 0.1; margin += 0.0025) {
      const { p } = exactMcNemarTest({ lost: 9, gained: 2, total: 400, margin })
      expect(p).toBeGreaterThanOrEqual(previous)
      previous = p
    }
  })

  it('holds its size at the boundary where rows are only lost (white-box review 55: the plug-in p0 reached 3.7 x alpha)', () => {
    // 26 of 800 rows lost, none gained, tolerance 0.02 (16 rows): threshold 18 of 26, p = 0.0378; the
    // plug-in p0 = 42 / 52 gave 0.0039, while P(Binomial(800, 0.02) >= 26) = 0.0123 at the boundary
    expect(exactMcNemarTest({ lost: 26, gained: 0, total: 800, margin: 0.02 }).p).toBeCloseTo(0.03775934875011444, 14)
    // the exact size at drop = margin, summed over the trinomial of lost / gained rows (100 rows;
    // bench/gate/mcnemar-margin-size.mjs runs the whole grid)
    const logChoose3 = (n: number, a: number, b: number): number => logFactorial(n) - logFactorial(a) - logFactorial(b) - logFactorial(n - a - b)
    for (const margin of [0.01, 0.05, 0.1, 0.3]) {
      for (const gainedRate of [0, 0.01, 0.05, 0.2, 0.35]) {
        const [piL, piG] = [gainedRate + margin, gainedRate]
        for (const alpha of [0.05, 0.001]) {
          let size = 0
          for (let lost = 0; lost <= 100; lost++) {
            for (let gained = 0; lost + gained <= 100 && (gainedRate > 0 || gained === 0); gained++) {
              if (exactMcNemarTest({ lost, gained, total: 100, margin }).p > alpha) continue
              const rest = 100 - lost - gained
              size += Math.exp(logChoose3(100, lost, gained) + lost * Math.log(piL) + (gained ? gained * Math.log(piG) : 0) + rest * Math.log(1 - piL - piG))
            }
          }
          expect(size, `margin ${margin}, gained ${gainedRate}, alpha ${alpha}`).toBeLessThanOrEqual(alpha)
        }
      }
    }
  })

  it('gives p = 1 when nothing differs or the margin exceeds any possible drop', () => {
    expect(exactMcNemarTest({ lost: 0, gained: 0, total: 10 }).p).toBe(1)
    // n = 10 discordant on 1000 rows: the drop is at most 0.01 <= margin 0.02, threshold 0.
    expect(exactMcNemarTest({ lost: 10, gained: 0, total: 1000, margin: 0.02 }).p).toBe(1)
    // Gains only: p near 1.
    expect(exactMcNemarTest({ lost: 0, gained: 9, total: 100, midP: false }).p).toBe(1)
  })

  it('rejects counts that are not row counts, with the value and the fix', () => {
    expect(() => exactMcNemarTest({ lost: 1.5, gained: 0, total: 10 })).toThrow(/lost = 1\.5/)
    expect(() => exactMcNemarTest({ lost: 6, gained: 6, total: 10 })).toThrow(/exceed total = 10/)
    expect(() => exactMcNemarTest({ lost: 1, gained: 0, total: 10, margin: -0.1 })).toThrow(/margin -0\.1/)
  })

  it('holds its size under re-training noise when 5, 10 and 20 rows differ (20,000 trials each, 5% ± 3 SE)', () => {
    // 800 rows, each lost or gained with the same probability (5, 10, 20 differing rows expected).
    // Null: neither run is better. SE of a 5% rate over 20,000 trials: 0.15 pt.
    const trials = 20000
    const se = Math.sqrt((0.05 * 0.95) / trials)
    const sizes: number[] = []
    for (const differ of [5, 10, 20]) {
      const random = createRandom(600 + differ)
      const rate = differ / 2 / 800
      let rejected = 0
      for (let t = 0; t < trials; t++) {
        const { lost, gained } = drawLostGained(800, rate, rate, random)
        if (exactMcNemarTest({ lost, gained, total: 800 }).p <= 0.05) rejected++
      }
      sizes.push(rejected / trials)
    }
    // Expected (bench/gate, 20,000 trials, exact p): 1.38%, 2.47%, 3.11%.
    for (const [i, expected] of [0.0138, 0.0247, 0.0311].entries()) {
      expect(sizes[i]).toBeGreaterThan(expected - 3 * se - 0.001)
      expect(sizes[i]).toBeLessThan(Math.min(0.055, expected + 3 * se + 0.001))
    }
  })

  it('never exceeds its level given any exact number of discordant rows at margin 0 (computed; mid-p does)', () => {
    // Conditional on n discordant rows, lost ~ Binomial(n, 1/2) under the null: sum the
    // probabilities of the counts the test rejects. The mid-p value exceeds 5% at n = 10, 12, 20.
    const conditionalSize = (n: number, alpha: number, midP: boolean): number => {
      let size = 0
      let logChoose = 0
      for (let lost = 0; lost <= n; lost++) {
        if (lost > 0) logChoose += Math.log((n - lost + 1) / lost)
        if (exactMcNemarTest({ lost, gained: n - lost, total: 1000, midP }).p <= alpha) size += Math.exp(logChoose - n * Math.LN2)
      }
      return size
    }
    for (const alpha of [0.05, 0.005, 0.05 / 30]) {
      for (let n = 1; n <= 200; n++) expect(conditionalSize(n, alpha, false), `n = ${n}, alpha ${alpha}`).toBeLessThanOrEqual(alpha * (1 + 1e-12))
    }
    expect(conditionalSize(12, 0.05, true)).toBeCloseTo(0.0730, 3)
    expect(conditionalSize(20, 0.05, true)).toBeCloseTo(0.0577, 3)
    expect(conditionalSize(12, 0.05, false)).toBeCloseTo(0.0193, 3)
  })

  it('catches a 5-point accuracy drop on 800 rows >= 99% and a 3-point drop about 80% of the time at alpha 0.005 (5,000 trials)', () => {
    // Re-training noise moves 3% of the rows (1.5% each way); the regression adds 5 or 3 points of
    // lost rows. At Holm's first step over 10 hypotheses (alpha 0.005) the exact test alone has
    // 99.5% and 80.0% power (bench/gate, 20,000 trials); the whole gate, where F1 and the slices
    // see the drop too, catches both every time (test/compare/gate-simulation.test.ts).
    const trials = 5000
    for (const [drop, floor, alpha] of [[0.05, 0.99, 0.05 / 10], [0.03, 0.8 - 3 * Math.sqrt(0.16 / 5000), 0.05 / 10]] as const) {
      const random = createRandom(Math.round(drop * 1000))
      let caught = 0
      for (let t = 0; t < trials; t++) {
        const { lost, gained } = drawLostGained(800, 0.015 + drop, 0.015, random)
        if (exactMcNemarTest({ lost, gained, total: 800 }).p <= alpha) caught++
      }
      expect(caught / trials, `${drop * 100}-point drop at alpha ${alpha}`).toBeGreaterThanOrEqual(floor)
    }
  })
})
