/**
 * The tail-index estimator and the heavy-tail rule that withholds a mean's interval
 * (src/stats/moment-tail-index.ts, src/stats/heavy-tail-check.ts, meanIntervals and
 * regressorScope), and the BCa Monte Carlo error that lets a row bootstrap stop early.
 */
import { describe, expect, it } from 'vitest'
import { bcaMonteCarloError } from '../../src/stats/bca-interval.js'
import { heavyTailCheck, type HeavyTailCheck } from '../../src/stats/heavy-tail-check.js'
import { momentTailIndex, momentTailIndexOfAscending, momentTailIndexOfTail } from '../../src/stats/moment-tail-index.js'
import { createRandom, normalQuantile, pengTailUpperBound, studentizedMeanIntervals } from '../../src/stats/index.js'
import type { RandomSource } from '../../src/stats/index.js'
import { BCA_MIN_RESAMPLES, JACKKNIFE_GROUPS, PENG_TAIL_MIN_ROWS, bcaBootstrapIntervals, meanIntervals } from '../../src/evaluate/interval-methods.js'
import { pengTailMeanInterval } from '../../src/stats/peng-tail-mean-interval.js'
import { r2TailInterval } from '../../src/stats/r2-tail-interval.js'
import { r2RatioInterval } from '../../src/stats/r2-ratio-interval.js'
import { regressorScope } from '../../src/model-types/regressor/regressor-scope.js'
import { scopeContext } from '../../src/evaluate/scope-context.js'

/** n values at the quantiles (i + ½)/n of the law with quantile function `inverse` (no randomness). */
function quantileSample(n: number, inverse: (u: number) => number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => inverse((i + 0.5) / n))
}

function studentT3(random: RandomSource): number {
  let chi = 0
  for (let j = 0; j < 3; j++) chi += random.normal() ** 2
  return random.normal() / Math.sqrt(chi / 3)
}

describe('momentTailIndex (Dekkers-Einmahl-de Haan moment estimator)', () => {
  it('recovers the index of Pareto tails and gives about 0 for an exponential tail, -1 for a uniform one', () => {
    // Quantile grids of 10,000 values, tail of the largest 1,000.
    expect(momentTailIndex(quantileSample(10_000, (u) => u ** -0.5), 1000)).toBeCloseTo(0.497, 3)
    expect(momentTailIndex(quantileSample(10_000, (u) => u ** -0.25), 1000)).toBeCloseTo(0.247, 3)
    expect(momentTailIndex(quantileSample(10_000, (u) => -Math.log(u)), 1000)).toBeCloseTo(0.0397, 3)
    expect(momentTailIndex(quantileSample(10_000, (u) => 1 - u), 1000)).toBeCloseTo(-1.0036, 3)
  })

  it('is NaN without a positive threshold or a tail to measure, and does not reorder its input', () => {
    expect(momentTailIndex(Float64Array.of(0, 0, 0, 1, 2), 2)).toBeNaN()
    expect(momentTailIndex(Float64Array.of(1, 2, 3, 3, 3), 2)).toBeNaN()
    expect(momentTailIndex(Float64Array.of(1, 2), 2)).toBeNaN()
    const values = Float64Array.of(5, 1, 4, 2, 3)
    momentTailIndex(values, 2)
    expect(Array.from(values)).toEqual([5, 1, 4, 2, 3])
    expect(() => momentTailIndex(values, 1)).toThrow(/k 1 must be an integer of at least 2/)
  })

  it('momentTailIndexOfTail: the threshold first and the k largest in any order; bit for bit when ascending', () => {
    const random = createRandom(5)
    const values = Float64Array.from({ length: 2_000 }, () => studentT3(random) ** 2)
    const sorted = Float64Array.from(values).sort()
    for (const k of [2, 10, 400, 1_999]) {
      const tail = sorted.slice(sorted.length - k - 1)
      expect(momentTailIndexOfTail(tail, k)).toBe(momentTailIndexOfAscending(sorted, k))
      // The k largest shuffled after the threshold: the same up to summation order (relative
      // 1e-15 at k = 400; 2.6e-13 at k = 1,999, where the threshold is near the minimum and
      // ½ / (1 − M₁²/M₂) amplifies the sums' rounding).
      const shuffled = Float64Array.from(tail)
      for (let i = k; i > 1; i--) {
        const j = 1 + Math.floor(random.uniform() * i)
        ;[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]
      }
      const expected = momentTailIndex(values, k)
      expect(Math.abs(momentTailIndexOfTail(shuffled, k) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)))
    }
    expect(momentTailIndexOfTail(Float64Array.of(1, 8, 2, 4), 3)).toBeCloseTo(-1.1137, 4)
    expect(momentTailIndexOfTail(Float64Array.of(0, 8, 2, 4), 3)).toBeNaN()
    expect(() => momentTailIndexOfTail(Float64Array.of(1, 8, 2), 3)).toThrow(/3 values, not k \+ 1 = 4/)
  })

  it('momentTailIndexOfAscending: the same index from values already sorted, bit for bit, without sorting them', () => {
    const values = quantileSample(5_000, (u) => u ** -0.4)
    const sorted = Float64Array.from(values).sort()
    const before = Float64Array.from(sorted)
    for (const k of [2, 10, 499, 4_999]) expect(momentTailIndexOfAscending(sorted, k)).toBe(momentTailIndex(values, k))
    expect(sorted).toStrictEqual(before)
    expect(momentTailIndexOfAscending(sorted, 5_000)).toBeNaN()
    expect(() => momentTailIndexOfAscending(sorted, 1)).toThrow(/k 1 must be an integer of at least 2/)
  })
})

describe('heavyTailCheck', () => {
  it('fires on squared t(3) errors (infinite variance) and not on squared normal errors, at n = 800', () => {
    const random = createRandom(11)
    let heavyT3 = 0
    let heavyNormal = 0
    const trials = 100
    for (let t = 0; t < trials; t++) {
      const t3 = Float64Array.from({ length: 800 }, () => studentT3(random) ** 2)
      const normal = Float64Array.from({ length: 800 }, () => random.normal() ** 2)
      if (heavyTailCheck(t3).heavy) heavyT3++
      if (heavyTailCheck(normal).heavy) heavyNormal++
    }
    // Measured with this seed: 100 and 0 of 100.
    expect(heavyT3).toBeGreaterThanOrEqual(85)
    expect(heavyNormal).toBe(0)
  })

  it('rarely fires on squared normal errors at n = 100 (the smallest sample it is made for, tail of 20)', () => {
    const random = createRandom(12)
    let fired = 0
    const trials = 400
    for (let t = 0; t < trials; t++) {
      if (heavyTailCheck(Float64Array.from({ length: 100 }, () => random.normal() ** 2)).heavy) fired++
    }
    // Measured with this seed: 16 of 400 (4%).
    expect(fired / trials).toBeLessThan(0.05)
    expect(fired).toBeGreaterThan(0)
  })

  it('uses the terms themselves when non-negative, |x - median| otherwise, and is not made below 50 values', () => {
    const pareto = quantileSample(1000, (u) => u ** -0.8)
    const check = heavyTailCheck(pareto)
    expect(check.tail).toBe(200)
    expect(check.index).toBeCloseTo(momentTailIndex(pareto, 200), 12)
    expect(check.heavy).toBe(true)
    // Shifted to either sign, the deviations from the median carry the same tail.
    const shifted = pareto.map((x) => x - 10)
    expect(heavyTailCheck(shifted).heavy).toBe(true)
    expect(heavyTailCheck(quantileSample(1000, (u) => normalQuantile(u))).heavy).toBe(false)
    expect(heavyTailCheck(pareto.subarray(0, 49))).toEqual({ heavy: false, index: Number.NaN, tail: 0 })
  })
})

describe('heavyTailCheck on scores on a few levels', () => {
  it('does not fire on precision@3-like scores (0, 1/3, 2/3, 1), which the moment estimator alone misread as heavy', () => {
    const levels = Float64Array.from({ length: 400 }, (_, i) => (i < 330 ? 1 / 3 : i < 380 ? 0 : 2 / 3))
    expect(momentTailIndex(Float64Array.from(levels).sort().subarray(400 - 81), 80)).toBeGreaterThanOrEqual(0.5)
    expect(heavyTailCheck(levels)).toEqual({ heavy: false, index: Number.NaN, tail: 0 })
  })

  it('meanIntervals gives scores bounded in [0, 1] their interval without checking the tail', () => {
    const levels = Float64Array.from({ length: 400 }, (_, i) => (i < 330 ? 1 / 3 : i < 380 ? 0 : 2 / 3))
    const notes: string[] = []
    const out = meanIntervals([{ name: 'precision_at_3/mean', values: levels, nonNegative: true, atMostOne: true }], { level: 0.95, seed: 1, resamples: 200, rowResamples: 200 }, notes)
    expect(out['precision_at_3/mean']).toBeDefined()
    expect(notes).toEqual([])
  })
})

describe('withheld intervals', () => {
  const config = { level: 0.95, seed: 1, resamples: 200, rowResamples: 200 }

  it('meanIntervals reports none for heavy-tailed terms, with a note naming the metric and what follows from it', () => {
    const heavy = quantileSample(400, (u) => u ** -0.8)
    const light = quantileSample(400, (u) => -Math.log(u))
    const notes: string[] = []
    const out = meanIntervals(
      [
        { name: 'mean_squared_error', values: heavy, nonNegative: true },
        { name: 'mean_absolute_error', values: light, nonNegative: true },
      ],
      config,
      notes,
      { mean_squared_error: ['root_mean_squared_error', 'r2_score'] },
    )
    expect(out.mean_squared_error).toBeUndefined()
    expect(out.mean_absolute_error?.method).toBe('studentized-bootstrap')
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatch(/^mean_squared_error has no interval \(nor root_mean_squared_error or r2_score, which follow from it\): its 400 per-example terms have a tail too heavy/)
    expect(notes[0]).toMatch(/extreme-value index 0\.\d\d >= 0\.5 from the largest 80 deviations/)
  })

  it('regressorScope: t(3) errors at n = 800 give MSE and RMSE the bootstrap-t\'s lower end and the tail\'s upper bound, r2_score the interval that follows from the MSE\'s, MAE and the target mean the bootstrap-t', () => {
    const random = createRandom(5)
    const n = 800
    const predictedValues = Float64Array.from({ length: n }, () => 10 + 2 * random.normal())
    const targetValues = Float64Array.from(predictedValues, (p) => p + studentT3(random))
    const scope = regressorScope({ targetValues, predictedValues }, null, scopeContext(config, false))
    const squared = Float64Array.from(targetValues, (y, i) => (y - predictedValues[i]) ** 2)
    expect(heavyTailCheck(squared).heavy).toBe(true)
    // Every column is resampled with the same row weights, so the MSE column alone gives its bounds.
    const [bootstrapT] = studentizedMeanIntervals([squared], 0.95, { resamples: config.rowResamples, random: createRandom(config.seed) })
    const bound = pengTailUpperBound(squared, 0.95)
    expect(bound.upper).toBeGreaterThan(bootstrapT.upper)
    expect(scope.intervals.mean_squared_error).toEqual({ lower: bootstrapT.lower, upper: bound.upper, level: 0.95, method: 'studentized-tail-upper' })
    expect(scope.intervals.root_mean_squared_error).toEqual({ lower: Math.sqrt(bootstrapT.lower), upper: Math.sqrt(bound.upper), level: 0.95, method: 'studentized-tail-upper-sqrt' })
    const mseNote = scope.notes.find((note) => note.startsWith("mean_squared_error's interval is studentized-tail-upper: its 800 per-example terms look heavy-tailed"))
    expect(mseNote).toMatch(/; root_mean_squared_error and r2_score take their intervals from this one \(r2_score's lower end from this upper end\)$/)
    // r2_score's interval follows from the MSE's (MOVER on log(A/C)); the MSE's note tells of the tail.
    const r2 = r2RatioInterval(targetValues, predictedValues, scope.intervals.mean_squared_error!, 0.95)
    expect(scope.intervals.r2_score).toEqual({ lower: r2.lower, upper: r2.upper, level: 0.95, method: 'studentized-tail-upper-ratio' })
    expect(scope.notes.filter((note) => note.startsWith('r2_score'))).toEqual([])
    // Its upper end comes from the MSE's lower end, its lower end from the MSE's (tail) upper end.
    const reported = scope.metrics.r2_score
    expect(r2.lower).toBeLessThan(reported)
    expect(r2.upper).toBeGreaterThan(reported)
    expect(scope.intervals.mean_absolute_error?.method).toBe('studentized-bootstrap')
    expect(scope.intervals.mean_on_target?.method).toBe('studentized-bootstrap')
    expect(scope.metrics.mean_squared_error).toBeGreaterThan(0)
    // MAPE keeps the rule: never extrapolated (its terms' mean can be infinite).
    expect(scope.intervals.mean_absolute_percentage_error === undefined || scope.intervals.mean_absolute_percentage_error.method === 'studentized-bootstrap').toBe(true)
  })

  it('regressorScope: r2_score gets studentized-tail-upper-ratio from 100 rows (light errors too), peng-tail-ratio above the cap where heavy, BCa below, none below 100 rows when the squared errors are heavy or when nothing is explained', () => {
    const random = createRandom(9)
    const rowsOf = (n: number, error: () => number): { targetValues: Float64Array; predictedValues: Float64Array } => {
      const predictedValues = Float64Array.from({ length: n }, () => 10 + 2 * random.normal())
      return { targetValues: Float64Array.from(predictedValues, (p) => p + error()), predictedValues }
    }
    const r2Of = (core: { targetValues: Float64Array; predictedValues: Float64Array }) => regressorScope(core, null, scopeContext(config, false))
    const light = rowsOf(100, () => random.normal())
    const lightScope = r2Of(light)
    const ratio = r2RatioInterval(light.targetValues, light.predictedValues, lightScope.intervals.mean_squared_error!, 0.95)
    expect(lightScope.intervals.r2_score).toEqual({ lower: ratio.lower, upper: ratio.upper, level: 0.95, method: 'studentized-tail-upper-ratio' })
    expect(lightScope.notes.filter((note) => note.includes('r2_score'))).toEqual([])
    // Above the row cap, squared errors that look heavy-tailed give the MSE peng-tail and r2 peng-tail-ratio.
    const above = rowsOf(20_001, () => studentT3(random))
    const aboveScope = r2Of(above)
    expect(aboveScope.intervals.mean_squared_error?.method).toBe('peng-tail')
    const tail = r2TailInterval(above.targetValues, above.predictedValues, 0.95)
    expect(aboveScope.intervals.r2_score).toEqual({ lower: tail.lower, upper: tail.upper, level: 0.95, method: 'peng-tail-ratio' })
    expect(aboveScope.notes.some((note) => note.startsWith("r2_score's interval is peng-tail-ratio: its 20001 squared errors look heavy-tailed"))).toBe(true)
    expect(r2Of(rowsOf(99, () => random.normal())).intervals.r2_score?.method).toBe('poisson-bootstrap-bca')
    // 60 rows of t(1.2)-like errors: the check fires, MSE is withheld (below 100 rows), so is r2, named in the MSE's note.
    const heavySmall = rowsOf(60, () => (random.uniform() < 0.5 ? -1 : 1) * random.uniform() ** -1.2)
    const small = r2Of(heavySmall)
    expect(small.intervals.mean_squared_error).toBeUndefined()
    expect(small.intervals.r2_score).toBeUndefined()
    expect(small.notes.some((note) => note.startsWith('mean_squared_error has no interval (nor root_mean_squared_error or r2_score, which follow from it)'))).toBe(true)
    // Heavy squared errors and predictions that explain nothing (constant): MSE has its interval (the tail's upper bound), r2 none with its note.
    const flat = { targetValues: Float64Array.from({ length: 800 }, () => 10 + studentT3(random)), predictedValues: new Float64Array(800).fill(9) }
    const none = r2Of(flat)
    expect(none.intervals.mean_squared_error?.method).toBe('studentized-tail-upper')
    expect(none.intervals.r2_score).toBeUndefined()
    expect(none.notes.some((note) => note.startsWith('r2_score has no interval: its 800 squared errors look heavy-tailed, and the predictions explain no share'))).toBe(true)
  })

  it('meanIntervals extrapolates the tail only for metrics that allow it, from 100 rows, and withholds where Hill\'s index is at most 1', () => {
    const heavy = quantileSample(400, (u) => u ** -0.6) // Pareto α = 1.67: infinite variance, finite mean
    const infiniteMean = quantileSample(400, (u) => u ** -1.25) // α = 0.8
    const notes: string[] = []
    const out = meanIntervals(
      [
        { name: 'mean_squared_error', values: heavy, nonNegative: true, tailExtrapolation: true },
        { name: 'mean_absolute_percentage_error', values: heavy, nonNegative: true },
        { name: 'mean_absolute_error', values: infiniteMean, nonNegative: true, tailExtrapolation: true },
      ],
      config,
      notes,
    )
    const peng = pengTailMeanInterval(heavy, 0.95)
    expect(out.mean_squared_error).toEqual({ lower: peng.lower, upper: peng.upper, level: 0.95, method: 'peng-tail' })
    expect(out.mean_absolute_percentage_error).toBeUndefined()
    expect(out.mean_absolute_error).toBeUndefined()
    expect(notes).toHaveLength(3)
    expect(notes[0]).toMatch(/^mean_squared_error's interval is peng-tail: .*Hill's index 1\.\d\d from the largest 20 terms\) and is centred on the tail-corrected mean/)
    expect(notes[1]).toMatch(/^mean_absolute_percentage_error has no interval: /)
    expect(notes[2]).toMatch(/^mean_absolute_error has no interval: .*Hill's tail index 0\.\d\d <= 1 from the largest 20 terms: even the mean looks infinite/)
    // Below PENG_TAIL_MIN_ROWS: withheld as before.
    const small = quantileSample(PENG_TAIL_MIN_ROWS - 1, (u) => u ** -0.6)
    const smallNotes: string[] = []
    expect(meanIntervals([{ name: 'mean_squared_error', values: small, nonNegative: true, tailExtrapolation: true }], config, smallNotes).mean_squared_error).toBeUndefined()
    expect(smallNotes[0]).toMatch(/^mean_squared_error has no interval: /)
  })

  it('meanIntervals gives tailUpperBound metrics the bootstrap-t\'s lower end and the larger upper end on every sample from 100 rows, none where Hill\'s index is at most 1', () => {
    // Squared normal errors (the check passes): the upper end is the larger of the two.
    const random = createRandom(17)
    const light = Float64Array.from({ length: 200 }, () => random.normal() ** 2)
    expect(heavyTailCheck(light).heavy).toBe(false)
    const notes: string[] = []
    const heavyTails = new Set<string>()
    const out = meanIntervals([{ name: 'mean_squared_error', values: light, nonNegative: true, tailExtrapolation: true, tailUpperBound: true }], config, notes, {}, heavyTails)
    const [bootstrapT] = studentizedMeanIntervals([light], 0.95, { resamples: config.rowResamples, random: createRandom(config.seed) })
    const bound = pengTailUpperBound(light, 0.95)
    expect(out.mean_squared_error).toEqual({ lower: bootstrapT.lower, upper: Math.max(bootstrapT.upper, bound.upper), level: 0.95, method: 'studentized-tail-upper' })
    expect(notes).toHaveLength(0)
    expect(heavyTails.size).toBe(0)
    // A tail whose mean looks infinite: none, with a note, and the heavy set names it.
    const infiniteMean = quantileSample(400, (u) => u ** -1.25)
    const none = meanIntervals([{ name: 'mean_squared_error', values: infiniteMean, nonNegative: true, tailExtrapolation: true, tailUpperBound: true }], config, notes, { mean_squared_error: ['root_mean_squared_error'] }, heavyTails)
    expect(none.mean_squared_error).toBeUndefined()
    expect(notes[0]).toMatch(/^mean_squared_error has no interval \(nor root_mean_squared_error, which follows from it\): .*Hill's tail index 0\.\d\d <= 1/)
    expect([...heavyTails]).toEqual(['mean_squared_error'])
    // Below 100 rows: the bootstrap-t alone.
    const small = light.subarray(0, PENG_TAIL_MIN_ROWS - 1)
    expect(meanIntervals([{ name: 'mean_squared_error', values: small, nonNegative: true, tailExtrapolation: true, tailUpperBound: true }], config).mean_squared_error?.method).toBe('studentized-bootstrap')
  })
})

describe('BCa Monte Carlo error and early stopping', () => {
  it('shrinks like 1/sqrt(B): the bounds of 4,000 normal samples are about twice as stable as of 1,000', () => {
    const grid = (b: number): Float64Array => quantileSample(b, (u) => normalQuantile(u))
    const e1000 = bcaMonteCarloError(grid(1000), 0, 0, 0.95)
    const e4000 = bcaMonteCarloError(grid(4000), 0, 0, 0.95)
    // Half the rank spread √(p(1-p)/B) times the quantile density 1/φ(1.96), over the width 3.92.
    const expected = (b: number): number => (Math.sqrt((0.025 * 0.975) / b) / (Math.exp(-(1.96 ** 2) / 2) / Math.sqrt(2 * Math.PI))) / 3.92
    expect(e1000).toBeCloseTo(expected(1000), 3)
    expect(e4000).toBeCloseTo(expected(4000), 3)
    expect(bcaMonteCarloError(Float64Array.of(2, 2, 2), 2, 0, 0.95)).toBe(0)
    expect(bcaMonteCarloError(Float64Array.of(Number.NaN, Number.NaN, 1), 1, 0, 0.95)).toBeNaN()
  })

  it('a smooth statistic stops after the first 1,000 resamples; a lumpy one draws all the run asks for', () => {
    const n = 300
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + 2)
    let calls = 0
    const mean = (weights: Float64Array): Record<string, number> => {
      calls++
      let total = 0
      let sum = 0
      for (let i = 0; i < n; i++) {
        total += weights[i]
        sum += weights[i] * values[i]
      }
      return { m: sum / total }
    }
    const estimate = values.reduce((s, x) => s + x, 0) / n
    const settings = { level: 0.95, seed: 3, resamples: 100, rowResamples: 2000 }
    const smooth = bcaBootstrapIntervals(n, { m: estimate }, mean, settings)
    expect(calls).toBe(BCA_MIN_RESAMPLES + JACKKNIFE_GROUPS)
    expect(smooth.m.method).toBe('poisson-bootstrap-bca')
    // One rare row decides the statistic: the samples take few values, the bounds jump.
    calls = 0
    const lumpy = (weights: Float64Array): Record<string, number> => {
      calls++
      return { m: weights[0] + weights[1] }
    }
    bcaBootstrapIntervals(n, { m: 2 }, lumpy, settings)
    expect(calls).toBe(2000 + JACKKNIFE_GROUPS)
  })
})

/** heavyTailCheck as it was before it selected instead of sorting: one full sort of the values. */
function fullSortCheck(values: ArrayLike<number>): HeavyTailCheck {
  const n = values.length
  if (n < 50) return { heavy: false, index: Number.NaN, tail: 0 }
  const sorted = Float64Array.from(values).sort()
  const k = Math.max(10, Math.floor(n * 0.2))
  const distinct = (run: Float64Array): number => {
    let count = run.length > 0 ? 1 : 0
    for (let i = 1; i < run.length; i++) if (run[i] !== run[i - 1]) count++
    return count
  }
  if (distinct(sorted.subarray(n - k - 1)) < 10 && distinct(sorted.subarray(0, k + 1)) < 10) return { heavy: false, index: Number.NaN, tail: 0 }
  if (sorted[0] >= 0) {
    const index = momentTailIndex(sorted.subarray(n - k - 1), k)
    return { heavy: index >= 0.5, index, tail: k }
  }
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  const top = new Float64Array(k + 1)
  let low = 0
  let high = n - 1
  for (let j = 0; j <= k; j++) {
    const below = median - sorted[low]
    const above = sorted[high] - median
    if (above >= below) {
      top[j] = above
      high--
    } else {
      top[j] = below
      low++
    }
  }
  const index = momentTailIndex(top, k)
  return { heavy: index >= 0.5, index, tail: k }
}

/**
 * The check's answer equals the full sort's: the same verdict and tail, and the same index bit for
 * bit, except for non-negative terms with a tail, whose index sums the log excesses in the
 * selection's order (not ascending) and may differ in its last bits (at most 1e-13 relative
 * here).
 */
function expectSameCheck(got: HeavyTailCheck, expected: HeavyTailCheck, what: string, values: Float64Array): void {
  expect({ what, heavy: got.heavy, tail: got.tail }).toStrictEqual({ what, heavy: expected.heavy, tail: expected.tail })
  const signed = values.some((v) => v < 0 || Number.isNaN(v))
  if (signed || !Number.isFinite(expected.index)) expect(got.index, what).toBe(expected.index)
  else expect(Math.abs(got.index - expected.index), what).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected.index)))
}

describe('heavyTailCheck selects the tails instead of sorting every value', () => {
  // Laws of terms, each drawn as n values; signed ones take the |x - median| branch.
  const laws: Record<string, (random: RandomSource) => number> = {
    'squared normal': (r) => r.normal() ** 2,
    'squared t(3)': (r) => studentT3(r) ** 2,
    'log losses on 4-decimal probabilities (ties, -0 for p = 1)': (r) => -Math.log(Math.min(1, Math.round(r.uniform() * 1.2 * 1e4) / 1e4 || 1e-4)),
    'squared errors on 12 levels (ties)': (r) => Math.floor(r.uniform() * 12) ** 2,
    'non-negative, 8 levels (no check)': (r) => Math.floor(r.uniform() * 8),
    'normal (signed)': (r) => r.normal(),
    't(3) (signed)': (r) => studentT3(r),
    'signed on 1/10 steps (ties at the median)': (r) => Math.round(r.normal() * 10) / 10,
    'signed, ±0 and a few levels': (r) => [-0, 0, -2, 3, -1][Math.floor(r.uniform() * 5)] * (r.uniform() < 0.5 ? 1 : 1.5),
  }

  it('gives the same result as the full sort on random data of both signs and many sizes (the index bit for bit for signed terms, to rounding for non-negative ones)', () => {
    const random = createRandom(2026)
    let compared = 0
    let signed = 0
    let nonNegative = 0
    let heavy = 0
    for (const [name, draw] of Object.entries(laws)) {
      for (const n of [49, 50, 51, 54, 55, 56, 99, 100, 101, 257, 1000, 1001, 4000]) {
        for (let t = 0; t < 4; t++) {
          const values = Float64Array.from({ length: n }, () => draw(random))
          const expected = fullSortCheck(values)
          const before = Float64Array.from(values)
          const got = heavyTailCheck(values)
          expectSameCheck(got, expected, `${name}, n = ${n}`, values)
          expect(values).toStrictEqual(before)
          compared++
          if (got.tail > 0 && values.some((v) => v < 0)) signed++
          if (got.tail > 0 && values.every((v) => v >= 0)) nonNegative++
          if (got.heavy) heavy++
        }
      }
    }
    // Both branches, and both answers, were compared.
    expect(compared).toBe(9 * 13 * 4)
    expect(signed).toBeGreaterThan(100)
    expect(nonNegative).toBeGreaterThan(100)
    expect(heavy).toBeGreaterThan(20)
  })

  it('is the same on sorted, reversed, constant and NaN-holding values', () => {
    const random = createRandom(7)
    const base = Float64Array.from({ length: 3000 }, () => studentT3(random))
    const cases = [
      Float64Array.from(base).sort(),
      Float64Array.from(base).sort().reverse(),
      new Float64Array(500).fill(2.5),
      Float64Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? i : -i)),
      Float64Array.from(base.subarray(0, 200).map((v, i) => (i === 17 ? Number.NaN : v))),
      Float64Array.from(base.subarray(0, 200).map((v, i) => (i === 17 ? Number.NaN : v * v))),
    ]
    for (const values of cases) expectSameCheck(heavyTailCheck(values), fullSortCheck(values), 'case', values)
    // t(3) values: the deviations' tail index is about 1/3 (finite variance), so not heavy.
    expect(heavyTailCheck(cases[0])).toMatchObject({ heavy: false, tail: 600 })
    expect(heavyTailCheck(cases[0]).index).toBeGreaterThan(0.1)
  })
})
