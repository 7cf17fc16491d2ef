/**
 * r2_score's interval where the squared errors are heavy-tailed (src/stats/r2-tail-interval.ts).
 * The fixed values were computed independently in Python from the formulas in the doc comment
 * (Peng's mean and variance re-implemented there, not read from pengTailMeanInterval).
 */
import { describe, expect, it } from 'vitest'
import { r2TailInterval } from '../../src/stats/r2-tail-interval.js'
import { bcaBootstrapIntervals } from '../../src/evaluate/interval-methods.js'
import { weightedR2 } from '../../src/model-types/regressor/regressor-scope.js'
import { createRandom } from '../../src/stats/index.js'
import { ERROR_LAWS } from '../../bench/coverage/simulation.js'

/** 40 rows: predictions i mod 10, errors ±u^(-1/a) on a fixed permutation of u = (j + ½)/40. */
function rowsWithErrorIndex(a: number): { yTrue: Float64Array; yPred: Float64Array } {
  const n = 40
  const yPred = Float64Array.from({ length: n }, (_, i) => i % 10)
  const yTrue = Float64Array.from(yPred, (p, i) => p + (-1) ** i * ((((i * 7) % n) + 0.5) / n) ** (-1 / a))
  return { yTrue, yPred }
}

describe('r2TailInterval', () => {
  it('where Hill’s index of the squared errors is below 2: Peng’s tail-corrected MSE against the explained part, delta method on the log of their ratio', () => {
    // Errors with tail index 3: squared errors of index 1.5.
    const { yTrue, yPred } = rowsWithErrorIndex(3)
    const r = r2TailInterval(yTrue, yPred, 0.95)
    expect(r.alpha).toBeCloseTo(1.4784891224216128, 12)
    expect(r.estimate).toBeCloseTo(0.6775307505848193, 12)
    expect(r.lower).toBeCloseTo(0.43141170323639816, 6) // normalQuantile is exact to about 1e-8
    expect(r.upper).toBeCloseTo(0.853333366100258, 6)
    // Centred below the sample r2 (0.7092): the tail correction raises the MSE.
    expect(r.estimate).toBeLessThan(0.7091944714249854)
  })

  it('where Hill’s index is at least 2: the sample MSE and its variance, so the estimate is the reported r2', () => {
    const { yTrue, yPred } = rowsWithErrorIndex(12)
    const r = r2TailInterval(yTrue, yPred, 0.95)
    expect(r.alpha).toBeCloseTo(5.913956489686452, 12)
    expect(r.estimate).toBeCloseTo(0.8558464127086922, 12)
    expect(r.lower).toBeCloseTo(0.8098969189591634, 6)
    expect(r.upper).toBeCloseTo(0.8921682630872513, 6)
  })

  it('gives none where nothing is explained (SST <= SSE), with fewer than 3 rows, or where Hill’s index is at most 1', () => {
    const y = Float64Array.from({ length: 50 }, (_, i) => i)
    const backwards = Float64Array.from(y, (v) => 49 - v)
    expect(Number.isNaN(r2TailInterval(y, backwards, 0.95).lower)).toBe(true)
    expect(Number.isNaN(r2TailInterval(Float64Array.of(1, 2), Float64Array.of(1, 2), 0.95).upper)).toBe(true)
    // Errors of tail index 1.5: squared errors of index 0.75, a mean that looks infinite.
    const { yTrue, yPred } = rowsWithErrorIndex(1.5)
    const r = r2TailInterval(yTrue, yPred, 0.95)
    expect(r.alpha).toBeLessThanOrEqual(1)
    expect(Number.isNaN(r.lower)).toBe(true)
  })

  it('rejects a level outside (0, 1)', () => {
    const { yTrue, yPred } = rowsWithErrorIndex(3)
    expect(() => r2TailInterval(yTrue, yPred, 95)).toThrow(/level/)
  })

  it('covers the law’s r2 under Student t(3) errors at n = 400 where it gives an interval; the row bootstrap (BCa) of r2 covers less', () => {
    // y = 10 + 2x + e, prediction 10 + 2x, e ~ t(3): the law's r2 is 1 - 3/7 = 4/7.
    const truth = 4 / 7
    const random = createRandom(2026)
    const trials = 200
    const n = 400
    let tail = 0
    let reported = 0
    let bca = 0
    for (let t = 0; t < trials; t++) {
      const yPred = Float64Array.from({ length: n }, () => 10 + 2 * random.normal())
      const yTrue = Float64Array.from(yPred, (p) => p + ERROR_LAWS.t3.draw(random))
      const r = r2TailInterval(yTrue, yPred, 0.95)
      if (Number.isFinite(r.lower)) reported++
      if (r.lower <= truth && truth <= r.upper) tail++
      const r2 = weightedR2(yTrue, yPred)
      const b = bcaBootstrapIntervals(n, { r2_score: r2(new Float64Array(n).fill(1)) }, (w) => ({ r2_score: r2(w) }), { level: 0.95, seed: t, resamples: 300, rowResamples: 300 }).r2_score
      if (b !== undefined && b.lower <= truth && truth <= b.upper) bca++
    }
    // Measured with this seed: 97.3% of the 184 samples with an interval (the rest: Hill's index
    // at most 1), against 89% for BCa (every sample).
    expect(tail / reported).toBeGreaterThanOrEqual(0.93)
    expect(reported / trials).toBeGreaterThanOrEqual(0.85)
    expect(bca / trials).toBeLessThan(tail / reported - 0.05)
  }, 120_000)
})
