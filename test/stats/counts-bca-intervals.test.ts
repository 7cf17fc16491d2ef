import { describe, expect, it } from 'vitest'
import { errorFunction, probit } from 'simple-statistics'
import { classificationMetricsFromCounts, confusionCounts } from '../../src/metrics/index.js'
import {
  bcaInterval,
  bootstrapCounts,
  countsBcaIntervals,
  countsJackknife,
  jackknifeAcceleration,
  percentileInterval,
  weightedJackknifeAcceleration,
} from '../../src/stats/index.js'
import { bcaMonteCarloError } from '../../src/stats/bca-interval.js'
import { EVALUATE_DEFAULTS } from '../../src/evaluate/options.js'

const options = { level: 0.95, resamples: 1000, seed: 17 }

/** The count metrics of a k-class table, macro averages (binary tables: positive class 1). */
function metricsOf(k: number) {
  const average = 'macro' as const
  return (counts: Float64Array): Record<string, number> =>
    classificationMetricsFromCounts(counts, k, k === 2 ? { average, posIndex: 1 } : { average }).metrics
}

/** The rows behind a k-class table: (true, predicted) class indices, cell by cell. */
function expandRows(counts: Float64Array, k: number): { yTrue: Int32Array; yPred: Int32Array } {
  const yTrue: number[] = []
  const yPred: number[] = []
  for (let cell = 0; cell < counts.length; cell++) {
    for (let r = 0; r < counts[cell]; r++) {
      yTrue.push(Math.floor(cell / k))
      yPred.push(cell % k)
    }
  }
  return { yTrue: Int32Array.from(yTrue), yPred: Int32Array.from(yPred) }
}

/** Brute force: the statistic with each row left out in turn, recounted from the remaining rows. */
function bruteForceJackknife(counts: Float64Array, k: number, name: string): Float64Array {
  const { yTrue, yPred } = expandRows(counts, k)
  const n = yTrue.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const keep = (_: number, j: number): boolean => j !== i
    const table = confusionCounts(yTrue.filter(keep), yPred.filter(keep), k)
    out[i] = metricsOf(k)(table)[name]
  }
  return out
}

/** The textbook BCa quantile levels (Efron & Tibshirani eq. 14.10), written out independently. */
function textbookLevels(samples: Float64Array, estimate: number, a: number, level: number): { lower: number; upper: number } {
  const phi = (x: number): number => 0.5 * (1 + errorFunction(x / Math.SQRT2))
  let below = 0
  for (const s of samples) below += s < estimate ? 1 : s === estimate ? 0.5 : 0
  const z0 = probit(below / samples.length)
  const z = probit((1 + level) / 2)
  const at = (zz: number): number => phi(z0 + (z0 + zz) / (1 - a * (z0 + zz)))
  return { lower: at(-z), upper: at(z) }
}

describe('countsJackknife and weightedJackknifeAcceleration', () => {
  it('equal the leave-one-row-out jackknife over the expanded rows (3 classes, an empty cell)', () => {
    const k = 3
    const counts = Float64Array.of(30, 4, 2, 6, 15, 0, 3, 5, 9) // 74 rows, cell (1, 2) empty
    const jackknife = countsJackknife(counts, metricsOf(k))
    expect(jackknife.accuracy_score[5]).toBeNaN() // the empty cell has no leave-one-out value
    for (const name of ['accuracy_score', 'f1_score', 'precision_score', 'matthews_corrcoef', 'balanced_accuracy_score']) {
      const brute = jackknifeAcceleration(bruteForceJackknife(counts, k, name))
      const fromCells = weightedJackknifeAcceleration(jackknife[name], counts)
      expect(Math.abs(brute)).toBeGreaterThan(1e-4) // a non-trivial acceleration, so the check bites
      expect(fromCells).toBeCloseTo(brute, 12)
    }
  })

  it('weights each value by its count: the docstring example', () => {
    expect(weightedJackknifeAcceleration(Float64Array.of(1, 4), Float64Array.of(3, 1))).toBeCloseTo(jackknifeAcceleration(Float64Array.of(1, 1, 1, 4)), 14)
    expect(weightedJackknifeAcceleration(Float64Array.of(1, Number.NaN, 4), Float64Array.of(3, 0, 1))).toBeCloseTo(-0.0962250448649376, 12)
    expect(() => weightedJackknifeAcceleration(Float64Array.of(1), Float64Array.of(1, 2))).toThrow(/1 values but 2 weights/)
  })

  it('gives 0 with fewer than 3 rows or no spread', () => {
    expect(weightedJackknifeAcceleration(Float64Array.of(1, 2), Float64Array.of(1, 1))).toBe(0)
    expect(weightedJackknifeAcceleration(Float64Array.of(0.5, 0.5), Float64Array.of(10, 3))).toBe(0)
  })
})

describe('countsBcaIntervals', () => {
  // A skewed binary table: accuracy 0.97, 8 predicted positives, so BCa moves away from the percentile bounds.
  const counts = Float64Array.of(90, 1, 2, 7)

  it('is the BCa interval of the multinomial resamples with the brute-force jackknife acceleration', () => {
    const statistic = metricsOf(2)
    const names = ['accuracy_score', 'precision_score', 'recall_score', 'f1_score', 'matthews_corrcoef']
    const intervals = countsBcaIntervals(counts, statistic, names, options)
    const samples = bootstrapCounts(counts, statistic, options)
    const estimates = statistic(counts)
    for (const name of names) {
      const a = jackknifeAcceleration(bruteForceJackknife(counts, 2, name))
      const expected = bcaInterval(samples[name], estimates[name], a, 0.95)
      expect(intervals[name].lower).toBeCloseTo(expected.lower, 12)
      expect(intervals[name].upper).toBeCloseTo(expected.upper, 12)
    }
  })

  it('puts its bounds at the textbook BCa quantile levels of the samples, not the percentile ones', () => {
    const statistic = metricsOf(2)
    const intervals = countsBcaIntervals(counts, statistic, ['matthews_corrcoef'], options)
    const samples = bootstrapCounts(counts, statistic, options).matthews_corrcoef
    const a = jackknifeAcceleration(bruteForceJackknife(counts, 2, 'matthews_corrcoef'))
    const levels = textbookLevels(samples, statistic(counts).matthews_corrcoef, a, 0.95)
    const sorted = Float64Array.from(samples).sort()
    const last = sorted.length - 1
    // The bound lies between the order statistics around its level (one rank either side for the quantile rule).
    const bracket = (p: number): [number, number] => [sorted[Math.max(0, Math.floor(p * last) - 1)], sorted[Math.min(last, Math.ceil(p * last) + 1)]]
    const [lowLo, lowHi] = bracket(levels.lower)
    const [upLo, upHi] = bracket(levels.upper)
    expect(intervals.matthews_corrcoef.lower).toBeGreaterThanOrEqual(lowLo)
    expect(intervals.matthews_corrcoef.lower).toBeLessThanOrEqual(lowHi)
    expect(intervals.matthews_corrcoef.upper).toBeGreaterThanOrEqual(upLo)
    expect(intervals.matthews_corrcoef.upper).toBeLessThanOrEqual(upHi)
    // ...and the levels are far from 2.5% / 97.5%, so a percentile interval would fail the check above.
    expect(Math.abs(levels.lower - 0.025) + Math.abs(levels.upper - 0.975)).toBeGreaterThan(0.01)
    const percentile = percentileInterval(samples, 0.95)
    expect(Math.abs(percentile.lower - intervals.matthews_corrcoef.lower) + Math.abs(percentile.upper - intervals.matthews_corrcoef.upper)).toBeGreaterThan(0.01)
  })

  it('is reproducible for a seed', () => {
    const statistic = metricsOf(2)
    expect(countsBcaIntervals(counts, statistic, ['f1_score'], options)).toEqual(countsBcaIntervals(counts, statistic, ['f1_score'], options))
    expect(countsBcaIntervals(counts, statistic, ['f1_score'], options)).not.toEqual(countsBcaIntervals(counts, statistic, ['f1_score'], { ...options, seed: 18 }))
  })

  it('gives the zero-width interval at 1 when every row is correct', () => {
    const intervals = countsBcaIntervals(Float64Array.of(60, 0, 0, 40), metricsOf(2), ['accuracy_score', 'f1_score', 'matthews_corrcoef'], options)
    expect(intervals.accuracy_score).toEqual({ lower: 1, upper: 1 })
    expect(intervals.f1_score).toEqual({ lower: 1, upper: 1 })
    expect(intervals.matthews_corrcoef).toEqual({ lower: 1, upper: 1 })
  })

  it('gives the zero-width interval for a table of one class', () => {
    const intervals = countsBcaIntervals(Float64Array.of(0, 0, 0, 50), metricsOf(2), ['accuracy_score', 'recall_score'], options)
    expect(intervals.accuracy_score).toEqual({ lower: 1, upper: 1 })
    expect(intervals.recall_score).toEqual({ lower: 1, upper: 1 })
  })

  it('handles an empty cell as the expanded rows do, and skips names it does not know', () => {
    const table = Float64Array.of(40, 0, 6, 14) // no false positives
    const statistic = metricsOf(2)
    const intervals = countsBcaIntervals(table, statistic, ['precision_score', 'recall_score', 'no_such_metric'], options)
    expect(Object.keys(intervals).sort()).toEqual(['precision_score', 'recall_score'])
    // Precision is 1 in every resample (no false positive can be drawn).
    expect(intervals.precision_score).toEqual({ lower: 1, upper: 1 })
    const samples = bootstrapCounts(table, statistic, options).recall_score
    const a = jackknifeAcceleration(bruteForceJackknife(table, 2, 'recall_score'))
    const expected = bcaInterval(samples, 0.7, a, 0.95)
    expect(intervals.recall_score.lower).toBeCloseTo(expected.lower, 12)
    expect(intervals.recall_score.upper).toBeCloseTo(expected.upper, 12)
    expect(intervals.recall_score.lower).toBeLessThan(0.7)
    expect(intervals.recall_score.upper).toBeGreaterThan(0.7)
  })

  it("evaluate()'s default resamples put the bounds' Monte Carlo error at about half that of 1,000 resamples (800 rows, 3 classes)", () => {
    // Monte Carlo error of a bound: its spread over the resamples' randomness, as a share of the
    // interval's width (bcaMonteCarloError). It shrinks as 1/sqrt(resamples); bench/coverage
    // measures what 1,000 resamples cost in coverage at 800 rows.
    const table = Float64Array.of(300, 50, 40, 60, 150, 30, 20, 30, 120)
    const statistic = (c: Float64Array): Record<string, number> => classificationMetricsFromCounts(c, 3, { average: 'weighted' }).metrics
    const names = ['accuracy_score', 'precision_score', 'f1_score', 'balanced_accuracy_score', 'matthews_corrcoef']
    const estimate = statistic(table)
    const jackknife = countsJackknife(table, statistic)
    const meanError = (resamples: number): number => {
      const samples = bootstrapCounts(table, statistic, { resamples, seed: 17 })
      let total = 0
      for (const name of names) total += bcaMonteCarloError(samples[name], estimate[name], weightedJackknifeAcceleration(jackknife[name], table), 0.95)
      return total / names.length
    }
    expect(EVALUATE_DEFAULTS.resamples).toBe(4000)
    const fewer = meanError(1000)
    const defaults = meanError(EVALUATE_DEFAULTS.resamples)
    expect(fewer).toBeGreaterThan(0.02)
    expect(defaults).toBeLessThan(0.016)
    expect(defaults / fewer).toBeLessThan(0.65)
  })
})
