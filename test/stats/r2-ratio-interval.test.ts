/** r2_score's interval from the MSE's (src/stats/r2-ratio-interval.ts): MOVER on log(A/C). */
import { describe, expect, it } from 'vitest'
import { r2RatioInterval, r2Terms } from '../../src/stats/r2-ratio-interval.js'
import { createRandom, normalQuantile } from '../../src/stats/index.js'

function rows(n: number, seed: number): { yTrue: Float64Array; yPred: Float64Array } {
  const random = createRandom(seed)
  const yPred = Float64Array.from({ length: n }, () => 10 + 2 * random.normal())
  return { yTrue: Float64Array.from(yPred, (p) => p + random.normal()), yPred }
}

describe('r2RatioInterval', () => {
  it('combines the MSE interval and the explained part by MOVER on log(A/C), around the reported r2', () => {
    const { yTrue, yPred } = rows(400, 3)
    const { squared, explained } = r2Terms(yTrue, yPred)
    const a = squared.reduce((s, v) => s + v, 0) / 400
    const c = explained.reduce((s, v) => s + v, 0) / 400
    const cSe = Math.sqrt(explained.reduce((s, v) => s + (v - c) ** 2, 0) / 399 / 400)
    const mse = { lower: a * 0.9, upper: a * 1.25 }
    const z = normalQuantile(0.975)
    const theta = Math.log(a / c)
    const lower = 1 / (1 + Math.exp(theta + Math.hypot(Math.log(1.25), (z * cSe) / c)))
    const upper = 1 / (1 + Math.exp(theta - Math.hypot(-Math.log(0.9), (z * cSe) / c)))
    const got = r2RatioInterval(yTrue, yPred, mse, 0.95)
    expect(got.lower).toBeCloseTo(lower, 14)
    expect(got.upper).toBeCloseTo(upper, 14)
    // The reported r2 (1 − SSE/SST = C/(A + C)) lies inside, nearer the upper end (the MSE's upper side is longer).
    const r2 = c / (a + c)
    expect(got.lower).toBeLessThan(r2)
    expect(got.upper).toBeGreaterThan(r2)
    expect(got.upper - r2).toBeLessThan(r2 - got.lower)
  })

  it('an MSE interval reaching 0 gives an upper end of 1; a bound on the wrong side of the MSE adds nothing on that side', () => {
    const { yTrue, yPred } = rows(200, 5)
    const { squared } = r2Terms(yTrue, yPred)
    const a = squared.reduce((s, v) => s + v, 0) / 200
    expect(r2RatioInterval(yTrue, yPred, { lower: 0, upper: 2 * a }, 0.95).upper).toBe(1)
    const inside = r2RatioInterval(yTrue, yPred, { lower: a, upper: a }, 0.95)
    expect(inside.lower).toBeLessThan(inside.upper)
    expect(r2RatioInterval(yTrue, yPred, { lower: 1.1 * a, upper: 1.2 * a }, 0.95).upper).toBe(inside.upper)
  })

  it('gives none when nothing is explained, with non-finite MSE bounds, or under 3 rows', () => {
    const flat = { yTrue: Float64Array.of(1, 2, 3, 4), yPred: Float64Array.of(4, 3, 2, 1) }
    expect(r2RatioInterval(flat.yTrue, flat.yPred, { lower: 1, upper: 2 }, 0.95).lower).toBeNaN()
    const { yTrue, yPred } = rows(50, 7)
    expect(r2RatioInterval(yTrue, yPred, { lower: 1, upper: Number.POSITIVE_INFINITY }, 0.95).upper).toBeNaN()
    expect(r2RatioInterval(yTrue.subarray(0, 2), yPred.subarray(0, 2), { lower: 1, upper: 2 }, 0.95).lower).toBeNaN()
  })
})

describe('r2Terms', () => {
  it('squared errors and d² − e², whose means are the MSE and SST/n − SSE/n', () => {
    expect(r2Terms(Float64Array.of(1, 3), Float64Array.of(1, 2))).toEqual({ squared: Float64Array.of(0, 1), explained: Float64Array.of(1, 0) })
  })
})
