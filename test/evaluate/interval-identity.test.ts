/**
 * Every metric, interval and note of a few seeded runs with slices and custom metrics, bit for
 * bit, against a file written by the build before the row bootstraps were made faster (branch
 * cliff45): a change that only saves time (shared resample weights, fewer passes, less
 * allocation) must leave every number as it was. A change that means to move an interval
 * updates the file (`vitest -u`) with coverage evidence from bench/coverage beside it.
 *
 * The cases cover the paths the row bootstraps take: slices of equal size (the same weight
 * stream), slices of unequal size, a custom metric that stops at 1,000 resamples and a lumpy one
 * that draws all 2,000, heavy-tailed errors (studentized-tail-upper), a classifier with
 * probabilities and a custom metric that reads the built-ins, a binary classifier whose average
 * precision is bootstrapped (its weights replayed too), and another seed and level.
 */
import { describe, expect, test } from 'vitest'
import { defineMetric, evaluate } from '../../src/evaluate/index.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'
import type { EvalRun } from '../../src/run/types.js'

const within10 = defineMetric({
  name: 'within10',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'regressor') return Number.NaN
    let c = 0
    for (let i = 0; i < t.rowCount; i++) if (Math.abs(t.predictions[i] - t.targets[i]) <= 0.1 * Math.abs(t.targets[i])) c++
    return c / t.rowCount
  },
})

/** Share of rows with an error above 4: rare, so the BCa bounds are lumpy and it draws every resample. */
const rareMiss = defineMetric({
  name: 'rare_miss',
  greaterIsBetter: false,
  fn: (t) => {
    if (t.modelType !== 'regressor') return Number.NaN
    let c = 0
    for (let i = 0; i < t.rowCount; i++) if (Math.abs(t.predictions[i] - t.targets[i]) > 4) c++
    return c / t.rowCount
  },
})

/** Reads a built-in and a column: accuracy less the share of rows with an even id predicted 'b'. */
const accuracyLessEvenB = defineMetric({
  name: 'accuracy_less_even_b',
  greaterIsBetter: true,
  fn: (t, builtins) => {
    if (t.modelType !== 'classifier') return Number.NaN
    const ids = t.column('id')
    let c = 0
    for (let i = 0; i < t.rowCount; i++) if ((ids[i] as number) % 2 === 0 && t.predictions[i] === 'b') c++
    return builtins.accuracy_score - c / t.rowCount
  },
})

/** Regressor rows: y = 20 + 5x + e, prediction y + noise·scale, region and a skewed group column. */
function regressorRows(n: number, seed: number, noise: (random: ReturnType<typeof createRandom>) => number): Array<Record<string, unknown>> {
  const r = createRandom(seed)
  return Array.from({ length: n }, (_, i) => {
    const x = r.uniform() * 4
    const y = 20 + 5 * x + r.normal()
    return { id: i, region: 'abcd'[i % 4], group: i % 7 < 4 ? 'big' : i % 7 < 6 ? 'mid' : 'small', x, y, p: y + noise(r) }
  })
}

/** Classifier rows: 3 labels, probabilities that favour the target, region. */
function classifierRows(n: number, seed: number): Array<Record<string, unknown>> {
  const r = createRandom(seed)
  const labels = ['a', 'b', 'c']
  return Array.from({ length: n }, (_, i) => {
    const t = Math.floor(r.uniform() * 3)
    const raw = [r.uniform(), r.uniform(), r.uniform()]
    raw[t] += 0.5
    const sum = raw[0] + raw[1] + raw[2]
    const p = raw.map((x) => x / sum)
    return { id: i, region: 'abcd'[i % 4], target: labels[t], prediction: labels[p.indexOf(Math.max(...p))], p_a: p[0], p_b: p[1], p_c: p[2] }
  })
}

/** Binary rows: a positive share of about 0.4, calibrated probabilities of a logistic score, region. */
function binaryRows(n: number, seed: number): Array<Record<string, unknown>> {
  const r = createRandom(seed)
  return Array.from({ length: n }, (_, i) => {
    const x = r.normal()
    const p = 1 / (1 + Math.exp(-(1.5 * x - 0.4)))
    return { id: i, region: 'abcd'[i % 4], target: r.uniform() < p ? 'yes' : 'no', p_no: 1 - p, p_yes: p }
  })
}

/** Share of rows predicted 'yes' with probability above 0.9. */
const confidentYes = defineMetric({
  name: 'confident_yes',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier' || !t.probabilities) return Number.NaN
    const yes = t.probabilities.yes!
    let c = 0
    for (let i = 0; i < t.rowCount; i++) if (yes[i]! > 0.9) c++
    return c / t.rowCount
  },
})

const CASES: Record<string, () => EvaluateOptions> = {
  'regressor, 4 equal slices, custom metric': () => ({
    data: regressorRows(2000, 1, (r) => 1.5 * r.normal()),
    targets: 'y',
    predictions: 'p',
    modelType: 'regressor',
    slices: ['region'],
    extraMetrics: [within10],
  }),
  'regressor, unequal slices, a lumpy custom metric, seed 7, level 0.9': () => ({
    data: regressorRows(1403, 2, (r) => 1.5 * r.normal()),
    targets: 'y',
    predictions: 'p',
    modelType: 'regressor',
    slices: ['group'],
    extraMetrics: [within10, rareMiss],
    intervals: { seed: 7, level: 0.9 },
  }),
  'regressor, heavy-tailed errors': () => ({
    data: regressorRows(1200, 3, (r) => r.normal() / Math.sqrt(Math.max(1e-12, r.uniform()))),
    targets: 'y',
    predictions: 'p',
    modelType: 'regressor',
    slices: ['region'],
    extraMetrics: [within10],
  }),
  'classifier with probabilities, slices, custom metric reading the built-ins': () => ({
    data: classifierRows(1600, 4),
    targets: 'target',
    predictions: 'prediction',
    probabilities: ['p_a', 'p_b', 'p_c'],
    modelType: 'classifier',
    slices: ['region'],
    extraMetrics: [accuracyLessEvenB],
  }),
  'binary classifier, 4 equal slices, custom metric (average precision bootstrapped)': () => ({
    data: binaryRows(2400, 5),
    targets: 'target',
    probabilities: ['p_no', 'p_yes'],
    modelType: 'classifier',
    posLabel: 'yes',
    slices: ['region'],
    extraMetrics: [confidentYes],
  }),
}

/** What the run says about its numbers: metrics, intervals and notes, overall and per slice. */
function numbersOf(run: EvalRun): unknown {
  return {
    metrics: run.metrics,
    intervals: run.intervals,
    notes: run.notes,
    slices: Object.fromEntries(Object.entries(run.slices).map(([key, slice]) => [key, { metrics: slice.metrics, intervals: slice.intervals, notes: slice.notes }])),
  }
}

describe('interval values are bit for bit those of the build before branch cliff45', () => {
  for (const [name, options] of Object.entries(CASES)) {
    test(name, async () => {
      const run = await evaluate(options())
      const file = `./interval-identity/${name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}.json`
      await expect(`${JSON.stringify(numbersOf(run), null, 1)}\n`).toMatchFileSnapshot(file)
    })
  }
})
