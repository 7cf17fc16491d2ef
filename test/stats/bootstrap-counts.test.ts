import { describe, expect, it } from 'vitest'
import { bootstrapCounts, createRandom, multinomialResample, percentileInterval, poissonWeights, poissonWeights32 } from '../../src/stats/index.js'

describe('multinomialResample', () => {
  it('keeps the total, keeps empty cells empty, and averages to the counts', () => {
    const counts = new Float64Array([50, 0, 10, 5, 35, 0])
    const random = createRandom(11)
    const out = new Float64Array(counts.length)
    const sums = new Float64Array(counts.length)
    const resamples = 20_000
    let wrongTotals = 0
    let filledEmptyCells = 0
    for (let r = 0; r < resamples; r++) {
      multinomialResample(counts, random, out)
      if (out.reduce((a, b) => a + b, 0) !== 100) wrongTotals++
      if (out[1] !== 0 || out[5] !== 0) filledEmptyCells++
      for (let i = 0; i < counts.length; i++) sums[i] += out[i]
    }
    expect(wrongTotals).toBe(0)
    expect(filledEmptyCells).toBe(0)
    for (let i = 0; i < counts.length; i++) {
      const p = counts[i] / 100
      const sdOfMean = Math.sqrt((100 * p * (1 - p)) / resamples)
      expect(Math.abs(sums[i] / resamples - counts[i])).toBeLessThanOrEqual(5 * sdOfMean + 1e-12)
    }
  })

  it('has multinomial variances and covariances (n·p(1-p), -n·p·q)', () => {
    const counts = new Float64Array([30, 50, 20])
    const random = createRandom(5)
    const resamples = 40_000
    let s0 = 0
    let s00 = 0
    let s1 = 0
    let s01 = 0
    for (let r = 0; r < resamples; r++) {
      const x = multinomialResample(counts, random)
      s0 += x[0]
      s1 += x[1]
      s00 += x[0] * x[0]
      s01 += x[0] * x[1]
    }
    const m0 = s0 / resamples
    const m1 = s1 / resamples
    expect(s00 / resamples - m0 * m0).toBeCloseTo(100 * 0.3 * 0.7, 0) // 21
    expect(s01 / resamples - m0 * m1).toBeCloseTo(-100 * 0.3 * 0.5, 0) // -15
  })

  it('rejects fractional or negative counts, naming the cell', () => {
    expect(() => multinomialResample(new Float64Array([3, 2.5]), createRandom(1))).toThrow(/cell 1 holds 2\.5/)
    expect(() => multinomialResample(new Float64Array([-1, 2]), createRandom(1))).toThrow(/cell 0/)
  })

  it('returns zeros for an empty table', () => {
    expect(Array.from(multinomialResample(new Float64Array([0, 0]), createRandom(1)))).toEqual([0, 0])
  })
})

describe('bootstrapCounts', () => {
  const accuracy = (c: Float64Array) => ({ accuracy: (c[0] + c[3]) / (c[0] + c[1] + c[2] + c[3]) })

  it('is reproducible for a seed and differs across seeds', () => {
    const counts = new Float64Array([50, 10, 5, 35])
    const a = bootstrapCounts(counts, accuracy, { resamples: 200, seed: 3 })
    const b = bootstrapCounts(counts, accuracy, { resamples: 200, seed: 3 })
    const c = bootstrapCounts(counts, accuracy, { resamples: 200, seed: 4 })
    expect(a.accuracy).toEqual(b.accuracy)
    expect(a.accuracy).not.toEqual(c.accuracy)
  })

  it('has the binomial spread of an accuracy: sd ≈ √(p(1-p)/n)', () => {
    const counts = new Float64Array([50, 10, 5, 35]) // accuracy 0.85, n = 100
    const { accuracy: samples } = bootstrapCounts(counts, accuracy, { resamples: 4000, seed: 9 })
    let mean = 0
    for (const v of samples) mean += v / samples.length
    let variance = 0
    for (const v of samples) variance += (v - mean) ** 2 / (samples.length - 1)
    expect(mean).toBeCloseTo(0.85, 2)
    expect(Math.sqrt(variance)).toBeCloseTo(Math.sqrt((0.85 * 0.15) / 100), 2) // 0.0357
  })

  it('fills NaN where a key is missing in a resample', () => {
    let call = 0
    const samples = bootstrapCounts(new Float64Array([5, 5]), (): Record<string, number> => (call++ === 1 ? { a: 1 } : { a: 2, b: 3 }), {
      resamples: 3,
      seed: 1,
    })
    expect(Array.from(samples.a)).toEqual([2, 1, 2])
    expect(Array.from(samples.b)).toEqual([3, Number.NaN, 3])
  })

  it('gives a zero-width interval when every row is correct', () => {
    const { accuracy: samples } = bootstrapCounts(new Float64Array([60, 0, 0, 40]), accuracy, { resamples: 100, seed: 1 })
    expect(percentileInterval(samples, 0.95)).toEqual({ lower: 1, upper: 1 })
  })

  it('rejects a non-positive resample count', () => {
    expect(() => bootstrapCounts(new Float64Array([1]), accuracy, { resamples: 0, seed: 1 })).toThrow(/resamples 0/)
  })
})

describe('percentileInterval', () => {
  it('uses linear-interpolation quantiles (numpy default)', () => {
    // numpy.percentile(range(1, 12), [10, 90]) = [2, 10]; [2.5, 97.5] of 1..5 = [1.1, 4.9]
    const a = percentileInterval([11, 3, 1, 2, 4, 5, 6, 7, 8, 9, 10], 0.8)
    expect(a.lower).toBeCloseTo(2, 12)
    expect(a.upper).toBeCloseTo(10, 12)
    const b = percentileInterval(new Float64Array([5, 4, 3, 2, 1]), 0.95)
    expect(b.lower).toBeCloseTo(1.1, 12)
    expect(b.upper).toBeCloseTo(4.9, 12)
  })

  it('ignores NaN while at least half the samples are finite', () => {
    const b = percentileInterval([1, Number.NaN, 2, 3, Number.NaN, 4, 5], 0.95)
    expect(b.lower).toBeCloseTo(1.1, 12)
    const none = percentileInterval([1, Number.NaN, Number.NaN, Number.NaN, 2], 0.95)
    expect(none.lower).toBeNaN()
    expect(none.upper).toBeNaN()
    expect(percentileInterval([], 0.95).lower).toBeNaN()
  })

  it('rejects a level given as a percentage', () => {
    expect(() => percentileInterval([1, 2], 95)).toThrow(/0\.95/)
  })
})

describe('poissonWeights', () => {
  it('draws Poisson(1) weights, reproducibly', () => {
    const a = poissonWeights(20_000, createRandom(8))
    const again = poissonWeights(20_000, createRandom(8))
    expect(again.every((w, i) => w === a[i])).toBe(true)
    expect(poissonWeights(20_000, createRandom(9)).every((w, i) => w === a[i])).toBe(false)
    let sum = 0
    let zeros = 0
    let fractional = 0
    for (const w of a) {
      sum += w
      if (w === 0) zeros++
      if (!Number.isInteger(w)) fractional++
    }
    expect(fractional).toBe(0)
    // 20,000 draws: sd of the mean 0.007, of the share of zeros 0.0034 (P(0) = e^-1 = 0.3679)
    expect(Math.abs(sum / a.length - 1)).toBeLessThan(0.025)
    expect(Math.abs(zeros / a.length - Math.exp(-1))).toBeLessThan(0.012)
    const twos = a.filter((w) => w === 2).length / a.length
    expect(Math.abs(twos - Math.exp(-1) / 2)).toBeLessThan(0.009) // P(2) = e^-1 / 2, sd 0.0027
  })

  it('fills the buffer it is given', () => {
    const buffer = new Float64Array(4).fill(-1)
    expect(poissonWeights(4, createRandom(1), buffer)).toBe(buffer)
    expect(buffer.every((w) => w >= 0)).toBe(true)
    expect(() => poissonWeights(5, createRandom(1), buffer)).toThrow(/expected 5/)
  })
})

describe('poissonWeights32', () => {
  it('draws each count 0..6 as often as Poisson(1) does, from one 32-bit draw per row, reproducibly', () => {
    const n = 400_000
    const a = poissonWeights32(n, createRandom(21))
    expect(poissonWeights32(n, createRandom(21)).every((w, i) => w === a[i])).toBe(true)
    const counts = new Float64Array(13)
    for (const w of a) counts[w]++
    let pmf = Math.exp(-1)
    for (let k = 0; k <= 6; k++) {
      // share of rows with count k against P(k), within 5 of its standard errors (at most 0.00076)
      const se = Math.sqrt((pmf * (1 - pmf)) / n)
      expect(Math.abs(counts[k] / n - pmf)).toBeLessThan(5 * se)
      pmf /= k + 1
    }
    expect(a.every((w) => Number.isInteger(w) && w >= 0 && w <= 12)).toBe(true)
  })

  it('uses uint32(), one draw per row, and fills the buffer it is given', () => {
    const random = createRandom(4)
    let calls = 0
    const counting = { ...random, uint32: () => (calls++, random.uint32()), uniform: () => { throw new Error('uniform() called') } }
    const buffer = new Float64Array(1000).fill(-1)
    expect(poissonWeights32(1000, counting, buffer)).toBe(buffer)
    expect(calls).toBe(1000)
    // the largest 32-bit draw is a count of 12, the smallest 0
    expect(poissonWeights32(1, { ...random, uint32: () => 2 ** 32 - 1 })[0]).toBe(12)
    expect(poissonWeights32(1, { ...random, uint32: () => 0 })[0]).toBe(0)
    expect(() => poissonWeights32(5, random, buffer)).toThrow(/expected 5/)
  })
})
