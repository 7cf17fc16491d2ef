/**
 * Coverage simulation (issue 2, "Intervals"): draw many datasets from populations whose true
 * metric values are known in closed form, build each interval exactly as a run does, and check
 * that the share of intervals containing the true value is close to the nominal 95%.
 *
 * Acceptance band: with S simulated datasets the observed coverage of a correct 95% method has
 * binomial sampling sd √(0.95·0.05/S) (0.0097 for S = 500, 0.0109 for S = 400, 0.0126 for
 * S = 300); the band is 0.95 ± 3 sd, so a correct method fails with probability about 0.3%
 * (and never, since every draw is seeded), while a method that is off by a few points
 * (e.g. a z of 1.645 instead of 1.96 gives 90%) fails.
 *
 * Significance tests are checked the same way: under a true null the rejection rate at
 * alpha = 0.05 must not exceed 0.05 + 3 sd.
 */
import { describe, expect, it } from 'vitest'
import {
  aucInterval,
  bootstrapCounts,
  createRandom,
  delongAuc,
  meanInterval,
  microAucWithVariance,
  normalCdf,
  normalQuantile,
  ovrAucWithVariance,
  percentileInterval,
  unpairedChangeTest,
  type RandomSource,
} from '../../src/stats/index.js'

const LEVEL = 0.95

function band(simulations: number, nominal = LEVEL): [number, number] {
  const sd = Math.sqrt((nominal * (1 - nominal)) / simulations)
  return [nominal - 3 * sd, nominal + 3 * sd]
}

function expectCoverage(covered: number, simulations: number): void {
  const [low, high] = band(simulations)
  const coverage = covered / simulations
  expect(coverage, `coverage ${coverage.toFixed(3)} outside [${low.toFixed(3)}, ${high.toFixed(3)}]`).toBeGreaterThanOrEqual(low)
  expect(coverage, `coverage ${coverage.toFixed(3)} outside [${low.toFixed(3)}, ${high.toFixed(3)}]`).toBeLessThanOrEqual(high)
}

function contains(interval: { lower: number; upper: number }, value: number): boolean {
  return interval.lower <= value && value <= interval.upper
}

/** A multinomial draw of n rows over cells with the given probabilities. */
function drawCounts(n: number, probabilities: number[], random: RandomSource): Float64Array {
  const out = new Float64Array(probabilities.length)
  let remaining = n
  let mass = 1
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]
    const drawn = i === probabilities.length - 1 ? remaining : random.binomial(remaining, Math.min(1, p / mass))
    out[i] = drawn
    remaining -= drawn
    mass -= p
  }
  return out
}

/** Confusion-count metrics as a run computes them, from cells [tn, fp, fn, tp]. */
function countMetrics(c: Float64Array): Record<string, number> {
  const [tn, fp, fn, tp] = c
  const n = tn + fp + fn + tp
  const mccDenominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
  return {
    accuracy_score: (tp + tn) / n,
    f1_score: (2 * tp) / (2 * tp + fp + fn),
    precision_score: tp / (tp + fp),
    recall_score: tp / (tp + fn),
    balanced_accuracy_score: (tp / (tp + fn) + tn / (tn + fp)) / 2,
    matthews_corrcoef: mccDenominator === 0 ? 0 : (tp * tn - fp * fn) / mccDenominator,
  }
}

describe('interval coverage (seeded simulation)', () => {
  it('multinomial count bootstrap: accuracy, F1, precision, recall, balanced accuracy, MCC of a binary classifier', () => {
    // Population cells [tn, fp, fn, tp] = [0.5, 0.1, 0.1, 0.3]: prevalence 0.4, accuracy 0.8,
    // precision = recall = F1 = 0.75, balanced accuracy (0.75 + 5/6)/2, MCC 0.14/0.24.
    const cells = [0.5, 0.1, 0.1, 0.3]
    const truth = countMetrics(Float64Array.from(cells))
    expect(truth.accuracy_score).toBeCloseTo(0.8, 12)
    expect(truth.f1_score).toBeCloseTo(0.75, 12)
    expect(truth.matthews_corrcoef).toBeCloseTo(0.14 / 0.24, 12)
    const simulations = 500
    const random = createRandom(20_260_101)
    const covered: Record<string, number> = {}
    for (let s = 0; s < simulations; s++) {
      // 299 rows, not 300: with 300 the true accuracy 0.8 = 240/300 would sit on the lattice of
      // attainable values, where percentile bounds land exactly and coverage comes out inflated.
      const counts = drawCounts(299, cells, random)
      const samples = bootstrapCounts(counts, countMetrics, { resamples: 500, seed: s })
      for (const [name, value] of Object.entries(truth)) {
        if (contains(percentileInterval(samples[name], LEVEL), value)) covered[name] = (covered[name] ?? 0) + 1
      }
    }
    for (const name of Object.keys(truth)) expectCoverage(covered[name] ?? 0, simulations)
  })

  it.each([
    // [true AUC, positives, negatives]
    [0.8, 60, 140],
    [0.95, 50, 50],
  ])('DeLong + logit interval: binormal AUC %s with %s positives and %s negatives', (trueAuc, positives, negatives) => {
    // Binormal model: negatives N(0, 1), positives N(mu, 1), AUC = Φ(mu / √2).
    const mu = Math.SQRT2 * normalQuantile(trueAuc)
    expect(normalCdf(mu / Math.SQRT2)).toBeCloseTo(trueAuc, 6)
    const simulations = 500
    const random = createRandom(Math.round(trueAuc * 1000))
    const n = positives + negatives
    const scores = new Float64Array(n)
    const labels = new Uint8Array(n)
    for (let i = 0; i < positives; i++) labels[i] = 1
    let coveredLogit = 0
    for (let s = 0; s < simulations; s++) {
      for (let i = 0; i < n; i++) scores[i] = random.normal() + (labels[i] ? mu : 0)
      const { auc, variance } = delongAuc(scores, labels)
      if (contains(aucInterval(auc, variance, LEVEL), trueAuc)) coveredLogit++
    }
    expectCoverage(coveredLogit, simulations)
  })

  it('one-vs-rest AUC (macro, weighted and micro) with the combined influence variance', () => {
    // Three classes with priors 0.5 / 0.3 / 0.2; logits = 1.2·onehot(y) + N(0, 1); softmax.
    // The true one-vs-rest AUCs have no closed form: they are taken from one 60,000-row draw
    // of the same population (standard error about 0.002, small next to the interval
    // half-widths of about 0.05 at 300 rows).
    const k = 3
    const priors = [0.5, 0.3, 0.2]
    const draw = (n: number, random: RandomSource) => {
      const proba = new Float64Array(n * k)
      const labels = new Int32Array(n)
      for (let i = 0; i < n; i++) {
        const u = random.uniform()
        const y = u < priors[0] ? 0 : u < priors[0] + priors[1] ? 1 : 2
        labels[i] = y
        let total = 0
        for (let c = 0; c < k; c++) {
          const e = Math.exp(random.normal() + (c === y ? 1.2 : 0))
          proba[i * k + c] = e
          total += e
        }
        for (let c = 0; c < k; c++) proba[i * k + c] /= total
      }
      return { proba, labels }
    }
    const population = draw(60_000, createRandom(77))
    const truth = {
      macro: ovrAucWithVariance(population.proba, population.labels, k, 'macro').auc,
      weighted: ovrAucWithVariance(population.proba, population.labels, k, 'weighted').auc,
      micro: microAucWithVariance(population.proba, population.labels, k).auc,
    }
    const simulations = 400
    const random = createRandom(78)
    const covered = { macro: 0, weighted: 0, micro: 0 }
    for (let s = 0; s < simulations; s++) {
      const { proba, labels } = draw(300, random)
      for (const average of ['macro', 'weighted'] as const) {
        const { auc, variance } = ovrAucWithVariance(proba, labels, k, average)
        if (contains(aucInterval(auc, variance, LEVEL), truth[average])) covered[average]++
      }
      const micro = microAucWithVariance(proba, labels, k)
      if (contains(aucInterval(micro.auc, micro.variance, LEVEL), truth.micro)) covered.micro++
    }
    expectCoverage(covered.macro, simulations)
    expectCoverage(covered.weighted, simulations)
    expectCoverage(covered.micro, simulations)
  })

  it('normal mean interval: mean absolute error of a regressor', () => {
    // Errors N(0, 2²): MAE = 2·√(2/π), 150 rows. Also a skewed case, errors Exp(1) - 1:
    // MAE = 2/e; skewed absolute errors need more rows for the central limit (at 150 rows the
    // coverage is about 0.93), so that case uses 400.
    const cases = [
      { trueMae: 2 * Math.sqrt(2 / Math.PI), n: 150, error: (r: RandomSource) => 2 * r.normal() },
      { trueMae: 2 / Math.E, n: 400, error: (r: RandomSource) => -Math.log(1 - r.uniform()) - 1 },
    ]
    for (const { trueMae, n, error } of cases) {
      const simulations = 500
      const random = createRandom(31)
      let covered = 0
      for (let s = 0; s < simulations; s++) {
        let sum = 0
        let squares = 0
        const values = new Float64Array(n)
        for (let i = 0; i < n; i++) {
          values[i] = Math.abs(error(random))
          sum += values[i]
        }
        const mean = sum / n
        for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2
        if (contains(meanInterval(n, mean, squares / (n - 1), LEVEL), trueMae)) covered++
      }
      expectCoverage(covered, simulations)
    }
  })
  // R², average precision and custom metrics (BCa row bootstrap) and the studentized means are
  // simulated through the engine in coverage-intervals.test.ts.
})

describe('test size under the null (seeded simulation)', () => {
  it('the unpaired test from stored bootstrap intervals flags a regression at about alpha when there is none', () => {
    // Baseline and current: two independent datasets of 300 from the accuracy-0.8 population,
    // each with its stored 95% count-bootstrap interval. One-sided alpha = 0.05.
    const simulations = 500
    const random = createRandom(4242)
    const accuracyInterval = (seed: number) => {
      const correct = random.binomial(300, 0.8)
      const counts = new Float64Array([correct, 300 - correct])
      const samples = bootstrapCounts(counts, (c) => ({ accuracy: c[0] / (c[0] + c[1]) }), { resamples: 500, seed })
      return { value: correct / 300, ...percentileInterval(samples.accuracy, LEVEL), level: LEVEL }
    }
    let rejections = 0
    for (let s = 0; s < simulations; s++) {
      const baseline = accuracyInterval(2 * s)
      const current = accuracyInterval(2 * s + 1)
      if (unpairedChangeTest(baseline, current, true).pValue < 0.05) rejections++
    }
    const [low, high] = band(simulations, 0.05)
    expect(rejections / simulations).toBeLessThanOrEqual(high)
    expect(rejections / simulations).toBeGreaterThanOrEqual(Math.max(0.01, low))
  })
})
