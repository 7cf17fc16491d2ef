import { describe, expect, it } from 'vitest'
import { sampleMean, sampleVariance } from '../../src/stats/sample-moments.js'

describe('sampleMean and sampleVariance', () => {
  it('give the mean and the n − 1 variance (numpy: mean 2.5, var(ddof=1) 1.6666666666666667)', () => {
    const values = Float64Array.of(1, 2, 3, 4)
    expect(sampleMean(values)).toBe(2.5)
    expect(sampleVariance(values)).toBe(1.6666666666666667)
  })

  it('take the centre when given, and sum in order (the same bits as a plain two-pass loop)', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e3 + 0.1 * i)
    let sum = 0
    for (const v of values) sum += v
    const mean = sum / values.length
    let squares = 0
    for (const v of values) squares += (v - mean) * (v - mean)
    expect(sampleMean(values)).toBe(mean)
    expect(sampleVariance(values)).toBe(squares / 999)
    expect(sampleVariance(values, 0)).toBe(values.reduce((s, v) => s + v * v, 0) / 999)
  })
})
