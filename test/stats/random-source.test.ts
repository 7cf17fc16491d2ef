import { describe, expect, it } from 'vitest'
import { createRandom, logFactorial, normalQuantile, sampleBinomial, samplePoisson } from '../../src/stats/index.js'

function draws(count: number, draw: () => number): Float64Array {
  const out = new Float64Array(count)
  for (let i = 0; i < count; i++) out[i] = draw()
  return out
}

function meanAndVariance(values: Float64Array): { mean: number; variance: number } {
  let sum = 0
  for (const v of values) sum += v
  const mean = sum / values.length
  let squares = 0
  for (const v of values) squares += (v - mean) ** 2
  return { mean, variance: squares / (values.length - 1) }
}

/** Upper 0.999 quantile of chi-square(df), Wilson-Hilferty approximation. */
function chiSquareCritical(df: number): number {
  const z = normalQuantile(0.999)
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3
}

/**
 * Pearson goodness-of-fit statistic of integer draws against an exact pmf, pooling values whose
 * expected count is below 5 into the neighbouring bin. Returns the statistic and the degrees of freedom.
 */
function goodnessOfFit(values: Float64Array, pmf: (k: number) => number, maxK: number): { statistic: number; df: number } {
  const observed = new Float64Array(maxK + 2)
  for (const v of values) observed[Math.min(v, maxK + 1)]++
  const bins: Array<{ observed: number; expected: number }> = []
  let pending = { observed: 0, expected: 0 }
  let cumulative = 0
  for (let k = 0; k <= maxK; k++) {
    const p = pmf(k)
    cumulative += p
    pending.observed += observed[k]
    pending.expected += p * values.length
    if (pending.expected >= 5) {
      bins.push(pending)
      pending = { observed: 0, expected: 0 }
    }
  }
  pending.observed += observed[maxK + 1]
  pending.expected += Math.max(0, 1 - cumulative) * values.length
  if (pending.expected >= 5 || bins.length === 0) bins.push(pending)
  else {
    bins[bins.length - 1].observed += pending.observed
    bins[bins.length - 1].expected += pending.expected
  }
  let statistic = 0
  for (const bin of bins) statistic += (bin.observed - bin.expected) ** 2 / bin.expected
  return { statistic, df: bins.length - 1 }
}

const binomialPmf = (n: number, p: number) => (k: number) =>
  Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p))
const poissonPmf = (lambda: number) => (k: number) => Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k))

describe('createRandom', () => {
  it('gives the same draws for the same seed and different draws for another', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    const c = createRandom(43)
    const fromA = draws(5, () => a.uniform())
    expect(draws(5, () => b.uniform())).toEqual(fromA)
    expect(draws(5, () => c.uniform())).not.toEqual(fromA)
    // Also for the samplers, which consume the stream differently.
    const x = createRandom(7)
    const y = createRandom(7)
    expect([x.binomial(1000, 0.3), x.poisson(40), x.normal(), x.binomial(10, 0.2)]).toEqual([
      y.binomial(1000, 0.3),
      y.poisson(40),
      y.normal(),
      y.binomial(10, 0.2),
    ])
  })

  it('keeps the stream stable across versions (pinned first draws for seed 42)', () => {
    const random = createRandom(42)
    expect(random.uniform()).toBe(0.6606157208001621)
    expect(random.uniform()).toBe(0.1117019639532224)
  })

  it('uses both halves of a large integer seed', () => {
    const low = createRandom(5).uniform()
    expect(createRandom(5 + 2 ** 32).uniform()).not.toBe(low)
    expect(createRandom(-5).uniform()).not.toBe(low)
  })

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const random = createRandom(1)
    const values = draws(100_000, () => random.uniform())
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
    const { mean, variance } = meanAndVariance(values)
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005) // sd of the mean 0.0009
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002)
  })

  it('draws standard normals (mean 0, variance 1, 2.5% beyond 1.96)', () => {
    const random = createRandom(2)
    const values = draws(100_000, () => random.normal())
    const { mean, variance } = meanAndVariance(values)
    expect(Math.abs(mean)).toBeLessThan(0.015) // sd of the mean 0.003
    expect(Math.abs(variance - 1)).toBeLessThan(0.02) // sd 0.0045
    const upper = values.filter((v) => v > 1.959963984540054).length / values.length
    expect(Math.abs(upper - 0.025)).toBeLessThan(0.003) // sd 0.0005
  })

  it('rejects a non-finite seed', () => {
    expect(() => createRandom(Number.NaN)).toThrow(/seed NaN/)
  })
})

describe('binomial sampler', () => {
  // Inversion (n·p < 10), BTRD (n·p >= 10), p > 1/2 by symmetry, and a huge n.
  it.each([
    [20, 0.3],
    [5, 0.05],
    [1000, 0.3],
    [100, 0.9],
    [60, 0.5],
    [1_000_000, 0.01],
  ])('Binomial(%s, %s) has the exact distribution (chi-square goodness of fit)', (n, p) => {
    const random = createRandom(n + Math.round(p * 1000))
    const values = draws(30_000, () => random.binomial(n, p))
    const { mean, variance } = meanAndVariance(values)
    const sd = Math.sqrt(n * p * (1 - p))
    expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(values.length))
    expect(Math.abs(variance / (sd * sd) - 1)).toBeLessThan(0.05)
    const maxK = Math.min(n, Math.ceil(n * p + 8 * sd + 5))
    const { statistic, df } = goodnessOfFit(values, binomialPmf(n, p), maxK)
    expect(statistic).toBeLessThan(chiSquareCritical(df))
  })

  it('handles the trivial cases and rejects bad arguments', () => {
    const random = createRandom(3)
    expect(random.binomial(0, 0.4)).toBe(0)
    expect(random.binomial(17, 0)).toBe(0)
    expect(random.binomial(17, 1)).toBe(17)
    expect(() => sampleBinomial(3.5, 0.5, Math.random)).toThrow(/3\.5/)
    expect(() => sampleBinomial(3, 1.5, Math.random)).toThrow(/1\.5/)
  })

  it('never leaves [0, n]', () => {
    const random = createRandom(4)
    let outside = 0
    for (let i = 0; i < 20_000; i++) {
      const x = random.binomial(30, 0.97)
      if (!(x >= 0 && x <= 30 && Number.isInteger(x))) outside++
    }
    expect(outside).toBe(0)
  })
})

describe('poisson sampler', () => {
  it.each([[1], [0.2], [4.5], [30], [1000]])('Poisson(%s) has the exact distribution (chi-square goodness of fit)', (lambda) => {
    const random = createRandom(Math.round(lambda * 10) + 11)
    const values = draws(30_000, () => random.poisson(lambda))
    const { mean, variance } = meanAndVariance(values)
    expect(Math.abs(mean - lambda)).toBeLessThan((5 * Math.sqrt(lambda)) / Math.sqrt(values.length))
    expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.05)
    const maxK = Math.ceil(lambda + 8 * Math.sqrt(lambda) + 5)
    const { statistic, df } = goodnessOfFit(values, poissonPmf(lambda), maxK)
    expect(statistic).toBeLessThan(chiSquareCritical(df))
  })

  it('handles zero and rejects bad arguments', () => {
    expect(createRandom(1).poisson(0)).toBe(0)
    expect(() => samplePoisson(-1, Math.random)).toThrow(/-1/)
    expect(() => samplePoisson(Number.POSITIVE_INFINITY, Math.random)).toThrow()
  })
})

describe('logFactorial', () => {
  it('is exact below the table limit and accurate above it', () => {
    expect(logFactorial(0)).toBe(0)
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12)
    let sum = 0
    for (let k = 1; k <= 1000; k++) sum += Math.log(k)
    expect(logFactorial(1000) / sum).toBeCloseTo(1, 12)
    let sum300 = 0
    for (let k = 1; k <= 300; k++) sum300 += Math.log(k)
    expect(logFactorial(300) - sum300).toBeCloseTo(0, 9)
  })
})
