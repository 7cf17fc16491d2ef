import { describe, expect, it } from 'vitest'
import { createRandom, mcnemarTest, pairedBootstrapTest, unpairedChangeTest } from '../../src/stats/index.js'

describe('mcnemarTest', () => {
  // Reference values from scipy 1.10: binomtest(k, n, 0.5).pvalue and chi2.sf(stat, 1).
  it('uses the exact binomial test below 25 discordant pairs', () => {
    expect(mcnemarTest(10, 2)).toEqual({ statistic: 2, pValue: 0.03857421875, method: 'exact' })
    expect(mcnemarTest(2, 10)).toEqual({ statistic: 2, pValue: 0.03857421875, method: 'exact' })
    // binomtest(5, 24, 0.5).pvalue = 0.006610751152038574
    const edge = mcnemarTest(19, 5)
    expect(edge.method).toBe('exact')
    expect(edge.pValue).toBeCloseTo(0.006610751152038574, 15)
  })

  it('uses chi-square with continuity correction from 25 discordant pairs', () => {
    const result = mcnemarTest(30, 15)
    expect(result.method).toBe('chi2-cc')
    expect(result.statistic).toBeCloseTo(196 / 45, 14) // (|30 - 15| - 1)² / 45
    expect(result.pValue).toBeCloseTo(0.036888425707049914, 6) // chi2.sf(196/45, 1)
    const edge = mcnemarTest(20, 5) // (15 - 1)² / 25 = 7.84, chi2.sf = 0.005110260660855866
    expect(edge.method).toBe('chi2-cc')
    expect(edge.statistic).toBeCloseTo(7.84, 14)
    expect(edge.pValue).toBeCloseTo(0.005110260660855866, 6)
  })

  it('gives p = 1 for no or balanced discordance', () => {
    expect(mcnemarTest(0, 0)).toEqual({ statistic: 0, pValue: 1, method: 'exact' })
    expect(mcnemarTest(7, 7).pValue).toBe(1)
    expect(mcnemarTest(40, 40).pValue).toBe(1)
    expect(mcnemarTest(40, 41).statistic).toBe(0) // |1| - 1 = 0
  })

  it('rejects non-count inputs', () => {
    expect(() => mcnemarTest(1.5, 2)).toThrow(/b = 1\.5/)
    expect(() => mcnemarTest(1, -2)).toThrow(/c = -2/)
  })
})

/** Weighted accuracy of two systems from per-example correctness. */
function accuracyPair(correctA: Uint8Array, correctB: Uint8Array) {
  return (weights: Float64Array | null): [number, number] => {
    let a = 0
    let b = 0
    let total = 0
    for (let i = 0; i < correctA.length; i++) {
      const w = weights === null ? 1 : weights[i]
      a += w * correctA[i]
      b += w * correctB[i]
      total += w
    }
    return [a / total, b / total]
  }
}

function correctness(n: number, accuracy: number, seed: number): Uint8Array {
  const random = createRandom(seed)
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = random.uniform() < accuracy ? 1 : 0
  return out
}

describe('pairedBootstrapTest', () => {
  it('finds a real improvement significant and reports the observed difference', () => {
    const b = correctness(400, 0.75, 1)
    const a = Uint8Array.from(b)
    // A fixes 40 of B's errors and breaks 8 of its successes: +32 / 400 = +0.08.
    let fixed = 0
    let broken = 0
    for (let i = 0; i < a.length; i++) {
      if (b[i] === 0 && fixed < 40) {
        a[i] = 1
        fixed++
      } else if (b[i] === 1 && broken < 8) {
        a[i] = 0
        broken++
      }
    }
    const result = pairedBootstrapTest(400, accuracyPair(a, b), { resamples: 1000, seed: 2, greaterIsBetter: true })
    expect(result.difference).toBeCloseTo(0.08, 12)
    expect(result.interval.lower).toBeGreaterThan(0.04)
    expect(result.interval.upper).toBeLessThan(0.12)
    expect(result.pValue).toBeLessThan(0.005)
    // Reversed roles: B is not better than A, p near 1.
    const reversed = pairedBootstrapTest(400, accuracyPair(b, a), { resamples: 1000, seed: 2, greaterIsBetter: true })
    expect(reversed.difference).toBeCloseTo(-0.08, 12)
    expect(reversed.pValue).toBeGreaterThan(0.99)
  })

  it('follows greaterIsBetter: for an error rate, lower is better', () => {
    const b = correctness(300, 0.7, 3)
    const a = Uint8Array.from(b)
    let changed = 0
    for (let i = 0; i < a.length && changed < 30; i++) {
      if (a[i] === 0) {
        a[i] = 1
        changed++
      }
    }
    const errorRates = (w: Float64Array | null): [number, number] => {
      const [accA, accB] = accuracyPair(a, b)(w)
      return [1 - accA, 1 - accB]
    }
    const result = pairedBootstrapTest(300, errorRates, { resamples: 500, seed: 4, greaterIsBetter: false })
    expect(result.difference).toBeCloseTo(-0.1, 12)
    expect(result.pValue).toBeLessThan(0.01)
  })

  it('gives p = 1 and a zero interval for identical systems', () => {
    const a = correctness(200, 0.8, 5)
    const result = pairedBootstrapTest(200, accuracyPair(a, a), { resamples: 300, seed: 1, greaterIsBetter: true })
    expect(result).toEqual({ difference: 0, interval: { lower: 0, upper: 0 }, pValue: 1 })
  })

  it('is reproducible for a seed', () => {
    const a = correctness(200, 0.8, 6)
    const b = correctness(200, 0.78, 7)
    const options = { resamples: 300, seed: 9, greaterIsBetter: true, level: 0.9 }
    expect(pairedBootstrapTest(200, accuracyPair(a, b), options)).toEqual(pairedBootstrapTest(200, accuracyPair(a, b), options))
  })

  it('holds its size under the null: two equally accurate systems rarely look different', () => {
    // 200 simulated pairs with equal true accuracy 0.8 and independent errors, alpha = 0.05.
    // Expected rejections <= 10; binomial sd 3.1, so more than 20 would mean a broken test.
    let rejections = 0
    for (let s = 0; s < 200; s++) {
      const a = correctness(150, 0.8, 1000 + s)
      const b = correctness(150, 0.8, 5000 + s)
      if (pairedBootstrapTest(150, accuracyPair(a, b), { resamples: 200, seed: s, greaterIsBetter: true }).pValue < 0.05) {
        rejections++
      }
    }
    expect(rejections).toBeLessThanOrEqual(20)
    expect(rejections).toBeGreaterThanOrEqual(2) // and it is not vacuous (p not always 1)
  })
})

describe('unpairedChangeTest', () => {
  const estimate = (value: number, lower: number, upper: number, level = 0.95) => ({ value, lower, upper, level })

  it('recovers standard errors from symmetric intervals', () => {
    // se = 0.03 / 1.96 each; z = -0.05 / √2 / (0.03 / 1.96) = -2.3098
    const result = unpairedChangeTest(estimate(0.85, 0.82, 0.88), estimate(0.8, 0.77, 0.83), true)
    expect(result.z).toBeCloseTo(-0.05 / Math.sqrt(2 * (0.03 / 1.959963984540054) ** 2), 6)
    expect(result.pValue).toBeCloseTo(0.010448, 5) // Φ(-2.3098)
  })

  it('reads "worse" the other way when lower is better', () => {
    const up = unpairedChangeTest(estimate(0.3, 0.25, 0.35), estimate(0.4, 0.35, 0.45), false)
    expect(up.z).toBeLessThan(0)
    expect(up.pValue).toBeLessThan(0.01)
    const down = unpairedChangeTest(estimate(0.3, 0.25, 0.35), estimate(0.2, 0.15, 0.25), false)
    expect(down.z).toBeGreaterThan(0)
    expect(down.pValue).toBeGreaterThan(0.99)
  })

  it('uses the half of each interval that faces the other estimate', () => {
    // Baseline lower half-width 0.02 (upper 0.10); current upper half-width 0.02 (lower 0.10).
    const narrowSides = unpairedChangeTest(estimate(0.8, 0.78, 0.9), estimate(0.75, 0.65, 0.77), true)
    const z = 1.959963984540054
    expect(narrowSides.z).toBeCloseTo(-0.05 / Math.sqrt(2 * (0.02 / z) ** 2), 6)
  })

  it('converts each interval by its own level', () => {
    // 90% interval of half-width 0.0329 ≈ se 0.02; 99% of half-width 0.0515 ≈ se 0.02.
    const result = unpairedChangeTest(estimate(0.8, 0.8 - 0.032897, 0.8 + 0.032897, 0.9), estimate(0.75, 0.75 - 0.051517, 0.75 + 0.051517, 0.99), true)
    expect(result.z).toBeCloseTo(-0.05 / Math.sqrt(2 * 0.02 ** 2), 3)
  })

  it('handles zero-width intervals and missing bounds', () => {
    expect(unpairedChangeTest(estimate(1, 1, 1), estimate(1, 1, 1), true)).toEqual({ z: 0, pValue: 0.5 })
    expect(unpairedChangeTest(estimate(1, 1, 1), estimate(0.9, 0.9, 0.9), true)).toEqual({ z: Number.NEGATIVE_INFINITY, pValue: 0 })
    expect(unpairedChangeTest(estimate(0.8, Number.NaN, 0.9), estimate(0.9, 0.8, 1), true).pValue).toBeNaN()
  })
})
