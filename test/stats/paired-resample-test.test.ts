import { describe, expect, it } from 'vitest'
import { createRandom, pairedMeanDifferenceTest, pairedResampleTest, pairedResampleWeights } from '../../src/stats/index.js'
import { descendingOrder, regressionRuns, weightedAveragePrecision, weightedR2 } from './paired-populations.js'
import { expectEarlyStopAgreement } from './early-stop-agreement.js'

/** The weighted mean of per-row differences as a drop statistic. */
function meanDrop(differences: Float64Array) {
  return (weights: Float64Array | null): number => {
    let sum = 0
    let total = 0
    for (let i = 0; i < differences.length; i++) {
      const w = weights === null ? 1 : weights[i]
      sum += w * differences[i]
      total += w
    }
    return sum / total
  }
}

describe('pairedResampleTest', () => {
  it('agrees with the paired t-test on a mean of differences (within 0.01)', () => {
    const random = createRandom(31)
    const differences = new Float64Array(400)
    for (let i = 0; i < 400; i++) differences[i] = 0.1 + random.normal()
    const statistic = meanDrop(differences)
    const observed = statistic(null)
    const t = pairedMeanDifferenceTest({ differences }).p
    expect(t).toBeGreaterThan(0.005) // a p-value in the interesting range: 0.0186
    expect(t).toBeLessThan(0.1)
    const result = pairedResampleTest({ n: 400, statistic, observed, seed: 2, draws: 20000 })
    expect(result.method).toBe('poisson-bootstrap-both-rules')
    expect(result.draws).toBe(20000)
    expect(Math.abs(result.p - t)).toBeLessThan(0.01)
    // The margin moves the threshold: p rises, and a margin above the observed drop gives p > 1/2.
    const withMargin = pairedResampleTest({ n: 400, statistic, observed, seed: 2, margin: 0.05, draws: 20000 })
    const t05 = pairedMeanDifferenceTest({ differences, margin: 0.05 }).p
    expect(Math.abs(withMargin.p - t05)).toBeLessThan(0.02)
    expect(pairedResampleTest({ n: 400, statistic, observed, margin: 2 * observed }).p).toBeGreaterThan(0.5)
  })

  it('takes the larger of the centred and the percentile p-value, whichever way the resamples lean', () => {
    // A statistic that ignores the weights and replays 100 chosen drops; observed drop 1, margin 0.
    // Centred rule counts D* >= 2 x observed - margin = 2; percentile rule counts D* <= 0.
    const replay = (values: number[]) => {
      let call = 0
      return (): number => values[call++ % values.length]
    }
    const leaning = (high: number, low: number) => [...Array<number>(high).fill(3), ...Array<number>(low).fill(-1), ...Array<number>(100 - high - low).fill(1)]
    // 10 resamples at or above 2, 30 at or below 0: p = (1 + 30) / 101 either way round.
    expect(pairedResampleTest({ n: 10, statistic: replay(leaning(10, 30)), observed: 1, draws: 100 }).p).toBeCloseTo(31 / 101, 15)
    expect(pairedResampleTest({ n: 10, statistic: replay(leaning(30, 10)), observed: 1, draws: 100 }).p).toBeCloseTo(31 / 101, 15)
    // With a margin of 0.5 the thresholds move to D* >= 1.5 and D* <= 0.5.
    expect(pairedResampleTest({ n: 10, statistic: replay(leaning(5, 20)), observed: 1, margin: 0.5, draws: 100 }).p).toBeCloseTo(21 / 101, 15)
  })

  it('draws on, up to maxDraws, only where the drop lies beyond every resample (adversarial pass 25: above 500 hypotheses no resampled metric could fail)', () => {
    const random = createRandom(5)
    // A drop far beyond any resample: every one of the differences is about 1 sd above 0.
    const differences = new Float64Array(400).map(() => 1 + 0.2 * random.normal())
    const statistic = meanDrop(differences)
    const observed = statistic(null)
    const level = 0.05 / 839
    const capped = pairedResampleTest({ n: 400, statistic, observed, draws: 10_000, alpha: level })
    expect(capped.p).toBeCloseTo(1 / 10_001, 12)
    expect(capped.p).toBeGreaterThan(level)
    const extended = pairedResampleTest({ n: 400, statistic, observed, draws: 10_000, alpha: level, maxDraws: 33_560 })
    expect(extended.draws).toBe(33_560)
    expect(extended.p).toBeCloseTo(1 / 33_561, 12)
    expect(extended.p).toBeLessThan(level)
    // A drop within the resamples, or maxDraws not above draws, draws no more.
    const noise = new Float64Array(400).map(() => random.normal())
    const within = meanDrop(noise)
    expect(pairedResampleTest({ n: 400, statistic: within, observed: within(null), draws: 2000, alpha: level, maxDraws: 33_560 }).draws).toBe(2000)
    expect(pairedResampleTest({ n: 400, statistic, observed, draws: 2000, alpha: 0.05, maxDraws: 2000 }).draws).toBe(2000)
  })

  it('stops early only where the p-value is surely above stopAbove, and then decides as all the draws would (200 seeded samples)', () => {
    const random = createRandom(17)
    const samples = Array.from({ length: 200 }, (_, t) => {
      // drops from none to about 3 standard errors, so that p-values span (0, 1)
      const shift = (0.3 * (t % 10)) / 10
      const differences = new Float64Array(100).map(() => shift + random.normal())
      const statistic = meanDrop(differences)
      const base = { n: 100, statistic, observed: statistic(null), seed: t, draws: 4000 }
      return { full: pairedResampleTest(base), early: pairedResampleTest({ ...base, stopAbove: 0.05 }), null: shift === 0 }
    })
    // no drop at all: most samples stop at the first looks
    expectEarlyStopAgreement(samples, { draws: 4000, level: 0.05, minStopped: 80, nullShare: 0.25 })
    const noise = meanDrop(new Float64Array(100).map(() => random.normal()))
    expect(() => pairedResampleTest({ n: 100, statistic: noise, observed: noise(null), stopAbove: 1 })).toThrow(/stopAbove/)
  })

  it("gives the percentile rule's p alone, and stops early only once it too is surely above stopAbove (one row dominating the drop)", () => {
    // every resample shows a drop (at least 0.1), and it reaches twice the observed 5 whenever row
    // 0 is drawn at all (about 63%): the centred rule's p is large, the percentile rule's tiny
    const statistic = (w: Float64Array | null): number => (w === null ? 5 : 10 * w[0]! + 0.1)
    const result = pairedResampleTest({ n: 100, statistic, observed: statistic(null), seed: 4, draws: 2000, stopAbove: 0.05 })
    expect(result.p).toBeGreaterThan(0.5)
    expect(result.percentileP).toBe(1 / 2001)
    expect(result.stoppedEarly).toBe(false)
    expect(result.draws).toBe(2000)
    // with maxDraws, the percentile rule alone beyond every resample gets the more draws (a large
    // family's level is below 1 / (1 + draws)); the both-rules p stays the first draws'
    const extended = pairedResampleTest({ n: 100, statistic, observed: statistic(null), seed: 4, draws: 2000, maxDraws: 30_000, stopAbove: 0.05 })
    expect(extended.percentileP).toBe(1 / 30_001)
    expect(extended.p).toBe(result.p)
    expect(extended.draws).toBe(30_000)
    // not where the both-rules p is already at or below alpha (Holm's strictest level: rejected at any step)
    expect(pairedResampleTest({ n: 100, statistic, observed: statistic(null), seed: 4, draws: 2000, maxDraws: 30_000, alpha: 0.9, stopAbove: 0.9 }).draws).toBe(2000)
  })

  it('sizes its draws by alpha, repeats with its seed, and skips undefined resamples', () => {
    const differences = new Float64Array(50).map((_, i) => (i % 7) / 7 - 0.4)
    const statistic = meanDrop(differences)
    const base = { n: 50, statistic, observed: statistic(null) }
    expect(pairedResampleTest({ ...base }).draws).toBe(2000)
    expect(pairedResampleTest({ ...base, alpha: 0.05 / 30 }).draws).toBe(12000)
    expect(pairedResampleTest({ ...base, alpha: 1e-9 }).draws).toBe(100000)
    expect(pairedResampleTest({ ...base, seed: 8 }).p).toBe(pairedResampleTest({ ...base, seed: 8 }).p)
    let call = 0
    const sometimesUndefined = (w: Float64Array): number => (call++ % 4 === 0 ? Number.NaN : statistic(w))
    expect(pairedResampleTest({ ...base, statistic: sometimesUndefined, draws: 400 }).draws).toBe(300)
    expect(pairedResampleTest({ ...base, statistic: () => Number.NaN, draws: 10 }).p).toBeNaN()
    expect(() => pairedResampleTest({ ...base, observed: Number.NaN })).toThrow(/observed drop NaN/)
    expect(() => pairedResampleTest({ ...base, margin: -0.1 })).toThrow(/margin -0\.1/)
  })

  it('holds its size for r² of two equally good regressors (400 trials at n = 100, <= 5% + 3 SE)', () => {
    const trials = 400
    const random = createRandom(41)
    let rejected = 0
    for (let t = 0; t < trials; t++) {
      const { y, predictionA, predictionB } = regressionRuns(100, random, 'normal', 'normal')
      const statistic = (w: Float64Array | null): number => weightedR2(y, predictionA, w) - weightedR2(y, predictionB, w)
      if (pairedResampleTest({ n: 100, statistic, observed: statistic(null), seed: t, draws: 500 }).p <= 0.05) rejected++
    }
    const se = Math.sqrt((0.05 * 0.95) / trials) // 1.09 pt
    expect(rejected / trials).toBeLessThanOrEqual(0.05 + 3 * se)
  })

  it('holds its size for average precision of two equally good scorers at n = 100 (1,500 trials, <= 5.5%), where the centred rule alone does not', () => {
    // Binormal scores sharing a latent (as bench/gate): AP_baseline = AP_current in the population.
    const trials = 1500
    const random = createRandom(61)
    const n = 100
    let rejected = 0
    let centredAlone = 0
    for (let t = 0; t < trials; t++) {
      const labels = new Uint8Array(n)
      const scoresA = new Float64Array(n)
      const scoresB = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        labels[i] = random.uniform() < 0.4 ? 1 : 0
        const shared = random.normal()
        scoresA[i] = 1.5 * labels[i] + shared + random.normal()
        scoresB[i] = 1.5 * labels[i] + shared + random.normal()
      }
      const orderA = descendingOrder(scoresA)
      const orderB = descendingOrder(scoresB)
      let recorded: number[] | null = null
      const statistic = (w: Float64Array | null): number => {
        const drop = weightedAveragePrecision(orderA, scoresA, labels, w) - weightedAveragePrecision(orderB, scoresB, labels, w)
        if (w !== null && recorded) recorded.push(drop)
        return drop
      }
      const observed = statistic(null)
      recorded = []
      if (pairedResampleTest({ n, statistic, observed, seed: t, draws: 300 }).p <= 0.05) rejected++
      // the centred rule alone, on the same resamples
      const defined = recorded.filter((d) => !Number.isNaN(d))
      if ((1 + defined.filter((d) => d >= 2 * observed - 1e-12).length) / (1 + defined.length) <= 0.05) centredAlone++
    }
    const se = Math.sqrt((0.05 * 0.95) / trials) // 0.56 pt
    // Both rules: 4.1%; the centred rule alone on the same resamples: 6.0% (SE 0.56 pt).
    expect(rejected / trials).toBeLessThanOrEqual(0.055)
    expect(rejected / trials).toBeGreaterThan(0.05 - 3 * se)
    // the population is one where the centred rule alone is liberal
    expect(centredAlone / trials).toBeGreaterThan(0.055)
  })

  it('detects a real average-precision drop on 400 rows', () => {
    const random = createRandom(51)
    const n = 400
    const labels = new Uint8Array(n)
    const baseline = new Float64Array(n)
    const current = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      labels[i] = random.uniform() < 0.3 ? 1 : 0
      const signal = labels[i] ? 1.5 : 0
      baseline[i] = signal + random.normal()
      current[i] = 0.5 * signal + random.normal()
    }
    const orderBaseline = descendingOrder(baseline)
    const orderCurrent = descendingOrder(current)
    const statistic = (w: Float64Array | null): number =>
      weightedAveragePrecision(orderBaseline, baseline, labels, w) - weightedAveragePrecision(orderCurrent, current, labels, w)
    const observed = statistic(null)
    expect(observed).toBeGreaterThan(0.15)
    expect(pairedResampleTest({ n, statistic, observed, seed: 3 }).p).toBeLessThan(0.001)
  })
})

describe('pairedResampleTest: resamples shared between metrics', () => {
  it('resample r has the same weights whichever draws came before, so a known drop stands in for drawing it', () => {
    const random = createRandom(41)
    const differences = new Float64Array(300).map(() => 0.05 + random.normal())
    const statistic = meanDrop(differences)
    const observed = statistic(null)
    // every drop of the first run, by draw index
    const seen: number[] = []
    const first = pairedResampleTest({ n: 300, statistic: (w, r) => (seen[r] = statistic(w)), observed, seed: 9, draws: 2000 })
    expect(seen).toHaveLength(2000)
    // a second metric on the same rows and seed that knows every other drop draws only the rest,
    // and gets the same p-value
    let computed = 0
    const second = pairedResampleTest({
      n: 300,
      statistic: (w) => {
        computed++
        return statistic(w)
      },
      known: (r) => (r % 2 === 0 ? seen[r] : undefined),
      observed,
      seed: 9,
      draws: 2000,
    })
    expect(computed).toBe(1000)
    expect(second.p).toBe(first.p)
    expect(second.draws).toBe(first.draws)
    // resample 7's weights, drawn alone, are the ones the test drew
    const weightsOf = pairedResampleWeights(9)
    expect(statistic(weightsOf(7, new Float64Array(300)))).toBe(seen[7])
    // a known drop that differs changes the count: the test uses what it is given
    const shifted = pairedResampleTest({ n: 300, statistic, known: () => 10 * observed, observed, seed: 9, draws: 2000 })
    expect(shifted.p).toBeGreaterThan(0.99)
  })
})
