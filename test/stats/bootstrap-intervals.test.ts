import { describe, expect, it } from 'vitest'
import { bcaInterval, createRandom, jackknifeAcceleration, normalCdf, normalQuantile, percentileInterval, studentizedMeanIntervals } from '../../src/stats/index.js'

describe('jackknifeAcceleration', () => {
  it('is the third standardised moment of the jackknife deviations over 6', () => {
    // mean 7/4; deviations 0.75, 0.75, 0.75, -2.25: cubes 3·0.421875 - 11.390625 = -10.125, squares 6.75.
    expect(jackknifeAcceleration(Float64Array.of(1, 1, 1, 4))).toBeCloseTo(-10.125 / (6 * 6.75 ** 1.5), 14)
    expect(jackknifeAcceleration(Float64Array.of(4, 1, 1, 1))).toBeCloseTo(-0.0962250448649376, 12)
    expect(jackknifeAcceleration(Float64Array.of(1, 2, 3))).toBe(0)
    expect(jackknifeAcceleration(Float64Array.of(2, 2, 2, 2))).toBe(0)
    expect(jackknifeAcceleration(Float64Array.of(1, Number.NaN, 1, 1, 4))).toBeCloseTo(-0.0962250448649376, 12)
  })
})

describe('bcaInterval', () => {
  const uniformSamples = Float64Array.from({ length: 1000 }, (_, i) => i)

  it('is the percentile interval when the estimate is the samples\' median and a = 0', () => {
    const bca = bcaInterval(uniformSamples, 499.5, 0, 0.95)
    const percentile = percentileInterval(uniformSamples, 0.95)
    expect(bca.lower).toBeCloseTo(percentile.lower, 6)
    expect(bca.upper).toBeCloseTo(percentile.upper, 6)
  })

  it('moves both quantiles by the bias correction z0 and the acceleration', () => {
    // 600 of 1000 samples below the estimate: z0 = Φ⁻¹(0.6).
    const z0 = normalQuantile(0.6)
    const z = normalQuantile(0.975)
    const a = 0.05
    const lowerQ = normalCdf(z0 + (z0 - z) / (1 - a * (z0 - z)))
    const upperQ = normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)))
    const bca = bcaInterval(uniformSamples, 599.5, a, 0.95)
    expect(bca.lower).toBeCloseTo(lowerQ * 999, 6)
    expect(bca.upper).toBeCloseTo(upperQ * 999, 6)
    // Bias-corrected only: shifted up, against the percentile interval's 24.975 / 974.025.
    const bc = bcaInterval(uniformSamples, 599.5, 0, 0.95)
    expect(bc.lower).toBeCloseTo(normalCdf(2 * z0 - z) * 999, 6)
    expect(bc.lower).toBeGreaterThan(60)
  })

  it('ignores NaN samples, gives zero width for equal samples and NaN for too few', () => {
    expect(bcaInterval(Float64Array.of(3, 3, 3, Number.NaN), 3, 0, 0.95)).toEqual({ lower: 3, upper: 3 })
    expect(bcaInterval(Float64Array.of(1, Number.NaN, Number.NaN, Number.NaN), 1, 0, 0.95).lower).toBeNaN()
    expect(bcaInterval(uniformSamples, Number.NaN, 0, 0.95).lower).toBeNaN()
    // An estimate beyond every sample keeps z0 finite.
    const far = bcaInterval(uniformSamples, 5000, 0, 0.95)
    expect(Number.isFinite(far.lower) && far.upper <= 999).toBe(true)
  })
})

describe('studentizedMeanIntervals', () => {
  it('is close to mean ± 1.96·se for a symmetric sample and skewed like the data for a skewed one', () => {
    const random = createRandom(4)
    const n = 400
    const symmetric = Float64Array.from({ length: n }, () => random.normal())
    const skewed = Float64Array.from({ length: n }, () => Math.exp(1.2 * random.normal()))
    const [sym, skew] = studentizedMeanIntervals([symmetric, skewed], 0.95, { resamples: 4000, random: createRandom(9) })
    const mean = symmetric.reduce((s, x) => s + x, 0) / n
    const se = Math.sqrt(symmetric.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) / n)
    expect((sym.upper - sym.lower) / (2 * 1.96 * se)).toBeGreaterThan(0.93)
    expect((sym.upper - sym.lower) / (2 * 1.96 * se)).toBeLessThan(1.08)
    expect(Math.abs((sym.upper - mean) - (mean - sym.lower))).toBeLessThan(0.15 * (sym.upper - sym.lower))
    const skewMean = skewed.reduce((s, x) => s + x, 0) / n
    // Right-skewed values: the interval reaches further above the mean than below.
    expect(skew.upper - skewMean).toBeGreaterThan(1.3 * (skewMean - skew.lower))
  })

  it('gives [mean, mean] for equal values, NaN bounds for one value, and the same result for the same draws', () => {
    const [flat] = studentizedMeanIntervals([Float64Array.of(2, 2, 2)], 0.95, { resamples: 50, random: createRandom(1) })
    expect(flat).toEqual({ lower: 2, upper: 2 })
    expect(studentizedMeanIntervals([Float64Array.of(2)], 0.95, { resamples: 50, random: createRandom(1) })[0].lower).toBeNaN()
    const values = Float64Array.from({ length: 50 }, (_, i) => (i * 37) % 11)
    const a = studentizedMeanIntervals([values], 0.95, { resamples: 200, random: createRandom(3) })
    const b = studentizedMeanIntervals([values], 0.95, { resamples: 200, random: createRandom(3) })
    expect(a).toEqual(b)
    expect(() => studentizedMeanIntervals([values, Float64Array.of(1)], 0.95, { resamples: 10, random: createRandom(1) })).toThrow(/columns of 50 and 1 values/)
  })
})
