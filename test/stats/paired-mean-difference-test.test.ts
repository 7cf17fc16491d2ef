import { describe, expect, it } from 'vitest'
import { createRandom, pairedMeanDifferenceTest, studentTSurvival } from '../../src/stats/index.js'

describe('studentTSurvival', () => {
  // scipy 1.10.1: scipy.stats.t.sf(t, df)
  const cases: Array<[number, number, number]> = [
    [2, 5, 0.05096973941492914],
    [0.5, 3, 0.3257239824240755],
    [-1.3, 10, 0.8886170913965777],
    [3.5, 999, 0.00024289758248764894],
    [1, 1, 0.24999999999999978],
    [10, 2, 0.004926228511662846],
    [6, 50, 1.0944697425399989e-7],
    [2, 100000, 0.022751481728753218],
    [-4, 30, 0.9998090771819581],
  ]
  it.each(cases)('t.sf(%d, %d) = %d', (t, df, expected) => {
    expect(studentTSurvival(t, df) / expected).toBeCloseTo(1, 9)
  })
  it('is 1/2 at 0, the normal tail for huge df, and rejects df <= 0', () => {
    expect(studentTSurvival(0, 7)).toBe(0.5)
    expect(studentTSurvival(2, Number.POSITIVE_INFINITY)).toBeCloseTo(0.022750131948179195, 6)
    expect(() => studentTSurvival(1, 0)).toThrow(/degrees of freedom 0/)
  })
})

describe('pairedMeanDifferenceTest', () => {
  it('matches scipy ttest_1samp(alternative="greater"), margin in the null', () => {
    const differences = new Float64Array([0.1, 0.2, 0.05, 0.15, 0.1])
    const result = pairedMeanDifferenceTest({ differences })
    expect(result.method).toBe('paired-t')
    expect(result.mean).toBeCloseTo(0.12, 15)
    expect(result.standardError).toBeCloseTo(0.025495097567963924, 15)
    expect(result.p).toBeCloseTo(0.0046308483797572126, 12)
    // ttest_1samp(d, 0.05, alternative='greater').pvalue
    expect(pairedMeanDifferenceTest({ differences, margin: 0.05 }).p).toBeCloseTo(0.025802978905587377, 12)
  })

  it('weights rows as the metric does, with Kish effective degrees of freedom', () => {
    // numpy: m = Σwd/Σw, se = √(n/(n-1)·Σw²(d-m)²)/Σw, df = (Σw)²/Σw² - 1, t.sf((m - 0.02)/se, df)
    const differences = new Float64Array([0.3, -0.1, 0.25, 0.05, 0.4, -0.2, 0.1, 0])
    const weights = new Float64Array([1, 2, 0.5, 1, 3, 1, 2, 0.5])
    const result = pairedMeanDifferenceTest({ differences, weights, margin: 0.02 })
    expect(result.mean).toBeCloseTo(0.1340909090909091, 14)
    expect(result.standardError).toBeCloseTo(0.0978773268856898, 14)
    expect(result.p).toBeCloseTo(0.14865794446803865, 10)
    // Equal weights reproduce the unweighted test; zero weights drop rows.
    const equal = pairedMeanDifferenceTest({ differences, weights: new Float64Array(8).fill(3) })
    const plain = pairedMeanDifferenceTest({ differences })
    expect(equal.p).toBeCloseTo(plain.p, 12)
    expect(equal.standardError).toBeCloseTo(plain.standardError, 14)
    const dropped = pairedMeanDifferenceTest({ differences: new Float64Array([...differences, 99]), weights: new Float64Array([...weights, 0]), margin: 0.02 })
    expect(dropped.p).toBeCloseTo(result.p, 12)
  })

  it('handles degenerate inputs and names the bad row', () => {
    expect(pairedMeanDifferenceTest({ differences: new Float64Array([0.2]) }).p).toBeNaN()
    expect(pairedMeanDifferenceTest({ differences: new Float64Array([0.25, 0.25, 0.25]) }).p).toBe(0)
    expect(pairedMeanDifferenceTest({ differences: new Float64Array([0.25, 0.25, 0.25]), margin: 0.25 }).p).toBe(1)
    expect(() => pairedMeanDifferenceTest({ differences: new Float64Array([0.1, Number.NaN]) })).toThrow(/row 1 is NaN/)
    expect(() => pairedMeanDifferenceTest({ differences: new Float64Array([0.1, 0.2]), weights: new Float64Array([1]) })).toThrow(/2 differences but 1 weights/)
  })

  /** Binary rows with calibrated baseline probabilities; labels drawn from them. */
  function population(n: number, seed: number): { y: Uint8Array; p: Float64Array } {
    const random = createRandom(seed)
    const y = new Uint8Array(n)
    const p = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      p[i] = 1 / (1 + Math.exp(-2.5 * random.normal()))
      y[i] = random.uniform() < p[i] ? 1 : 0
    }
    return { y, p }
  }
  const logLoss = (y: number, p: number): number => -Math.log(y === 1 ? p : 1 - p)

  it('detects a 10% log_loss rise on 1,000 rows whose predicted labels are unchanged, every time', () => {
    // The current run flattens the baseline's probabilities toward 1/2: q = 1/2 + 0.72·(p - 1/2).
    // Every predicted label (p > 1/2) is unchanged, log_loss rises about 10%.
    const trials = 100
    let detected = 0
    const rises: number[] = []
    for (let trial = 0; trial < trials; trial++) {
      const { y, p } = population(1000, 100 + trial)
      const differences = new Float64Array(1000)
      let baseline = 0
      let current = 0
      for (let i = 0; i < 1000; i++) {
        const q = 0.5 + 0.72 * (p[i] - 0.5)
        expect(q > 0.5).toBe(p[i] > 0.5)
        const before = logLoss(y[i], p[i])
        const after = logLoss(y[i], q)
        baseline += before
        current += after
        differences[i] = after - before
      }
      rises.push(current / baseline - 1)
      // Holm's first step over a family of 30 tests: alpha / 30.
      if (pairedMeanDifferenceTest({ differences }).p < 0.05 / 30) detected++
    }
    const meanRise = rises.reduce((a, b) => a + b, 0) / trials
    expect(meanRise).toBeGreaterThan(0.08)
    expect(meanRise).toBeLessThan(0.12)
    expect(detected).toBe(trials)
  })

  it('holds its size when two runs are equally good (3,000 trials, 5% ± 3 SE)', () => {
    // Both runs are the truth's logit plus independent noise of the same spread: exchangeable,
    // so the mean difference of their log losses is 0. SE of a 5% rate over 3,000 trials: 0.40 pt.
    const trials = 3000
    const n = 200
    const random = createRandom(7)
    let rejected = 0
    const differences = new Float64Array(n)
    for (let trial = 0; trial < trials; trial++) {
      for (let i = 0; i < n; i++) {
        const logit = 2 * random.normal()
        const y = random.uniform() < 1 / (1 + Math.exp(-logit)) ? 1 : 0
        const a = 1 / (1 + Math.exp(-(logit + 0.8 * random.normal())))
        const b = 1 / (1 + Math.exp(-(logit + 0.8 * random.normal())))
        differences[i] = logLoss(y, b) - logLoss(y, a)
      }
      if (pairedMeanDifferenceTest({ differences }).p < 0.05) rejected++
    }
    const se = Math.sqrt((0.05 * 0.95) / trials)
    expect(rejected / trials).toBeGreaterThan(0.05 - 3 * se)
    expect(rejected / trials).toBeLessThan(0.05 + 3 * se)
  })
})
