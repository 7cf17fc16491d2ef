/**
 * Decides where Peng's interval (`pengTailMeanInterval`, src/stats) should replace the heavy-tail
 * rule's withholding (issue 8, branch heavy). Per trial on the regressor populations of
 * simulation.ts (same population seed and draws; rows from seed 20,261,202 + offset as run.mjs):
 * the engine's current mean intervals (`meanIntervals`, src/evaluate: the heavy-tail check, then
 * the bootstrap-t with seed offset + trial), and for each metric the check withholds, Peng's
 * interval. Also, where the squared errors' interval is withheld, the r2_score interval that
 * follows from Peng's MSE bounds, 1 − MSE/Var(y) (Var(y) of the sample, as r2_score uses it).
 *
 * Columns (bench/coverage/heavy-tail-rule-run.mjs): the engine's withheld share and coverage of
 * what it reports; Peng's coverage on the withheld trials; the two together (the candidate rule);
 * how often Peng's interval excludes the sample mean.
 */
import { meanIntervals } from '../../src/evaluate/interval-methods.js'
import type { IntervalConfig } from '../../src/evaluate/interval-methods.js'
import type { MeanValues as MeanMetric } from '../../src/model-types/model-type.js'
import { EVALUATE_DEFAULTS } from '../../src/evaluate/options.js'
import { heavyTailCheck } from '../../src/stats/heavy-tail-check.js'
import { createRandom } from '../../src/stats/index.js'
import { pengTailMeanInterval } from '../../src/stats/peng-tail-mean-interval.js'
import { ERROR_LAWS, regressorColumns } from './simulation.js'

const POPULATION_ROWS = 200_000
const EPS = 2.220446049250313e-16
const METRICS = ['mean_absolute_error', 'mean_squared_error', 'mean_absolute_percentage_error'] as const

/** Tallies of one metric in one cell. */
export interface RuleCell {
  metric: string
  truth: number
  trials: number
  /** Engine today: trials it reports an interval in, and covers. */
  engineReported: number
  engineCovered: number
  /** Trials the check withholds; Peng's interval on them: reported (α̂ > 1), covering, below. */
  withheld: number
  pengReported: number
  pengCovered: number
  pengBelow: number
  /** Peng intervals that exclude the sample mean (the reported metric value). */
  pengExcludesMean: number
  pengWidth: number
  /** Median width of Peng's intervals (the mean is set by the few with α̂ near 1). */
  pengMedianWidth: number
  widths: number[]
}

function tally(metric: string, truth: number, trials: number): RuleCell {
  return { metric, truth, trials, engineReported: 0, engineCovered: 0, withheld: 0, pengReported: 0, pengCovered: 0, pengBelow: 0, pengExcludesMean: 0, pengWidth: 0, pengMedianWidth: Number.NaN, widths: [] }
}

/**
 * `engine` false skips the engine's bootstrap-t (the costly part): the check alone decides which
 * trials are withheld, and the engine columns stay empty (run.mjs measures the engine itself).
 */
export function heavyTailRuleCells(law: keyof typeof ERROR_LAWS, n: number, trials: number, seedOffset: number, engine = true): RuleCell[] {
  const { targetValues: target, predictedValues: predicted } = regressorColumns(law)
  const truthOf = (f: (i: number) => number): number => {
    let s = 0
    for (let i = 0; i < POPULATION_ROWS; i++) s += f(i)
    return s / POPULATION_ROWS
  }
  const error = (i: number): number => Math.abs(predicted[i] - target[i])
  const truthMse = truthOf((i) => error(i) ** 2)
  const targetMean = truthOf((i) => target[i])
  const truthR2 = 1 - truthMse / truthOf((i) => (target[i] - targetMean) ** 2)
  const cells: Record<string, RuleCell> = {
    mean_absolute_error: tally('mean_absolute_error', truthOf(error), trials),
    mean_squared_error: tally('mean_squared_error', truthMse, trials),
    mean_absolute_percentage_error: tally('mean_absolute_percentage_error', truthOf((i) => error(i) / Math.max(Math.abs(target[i]), EPS)), trials),
    r2_score: tally('r2_score (from MSE)', truthR2, trials),
  }
  const rows = createRandom(20_261_202 + seedOffset)
  const columns = { mean_absolute_error: new Float64Array(n), mean_squared_error: new Float64Array(n), mean_absolute_percentage_error: new Float64Array(n) }
  const y = new Float64Array(n)
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < n; i++) {
      const r = Math.floor(rows.uniform() * POPULATION_ROWS)
      const e = error(r)
      columns.mean_absolute_error[i] = e
      columns.mean_squared_error[i] = e * e
      columns.mean_absolute_percentage_error[i] = e / Math.max(Math.abs(target[r]), EPS)
      y[i] = target[r]
    }
    const config: IntervalConfig = { level: EVALUATE_DEFAULTS.level, seed: seedOffset + t, resamples: EVALUATE_DEFAULTS.resamples, rowResamples: EVALUATE_DEFAULTS.rowResamples }
    const means: MeanMetric[] = METRICS.map((name) => ({ name, values: columns[name], nonNegative: true }))
    const current = engine ? meanIntervals(means, config) : {}
    for (const name of METRICS) {
      const c = cells[name]
      const interval = current[name]
      if (!engine && !heavyTailCheck(columns[name]).heavy) continue
      if (interval !== undefined) {
        c.engineReported++
        if (interval.lower <= c.truth && c.truth <= interval.upper) c.engineCovered++
        continue
      }
      c.withheld++
      if (name === 'mean_squared_error') cells.r2_score.withheld++
      const peng = pengTailMeanInterval(columns[name], config.level)
      if (!Number.isFinite(peng.lower)) continue
      c.pengReported++
      c.pengWidth += peng.upper - peng.lower
      c.widths.push(peng.upper - peng.lower)
      if (peng.lower <= c.truth && c.truth <= peng.upper) c.pengCovered++
      else if (peng.upper < c.truth) c.pengBelow++
      let mean = 0
      for (let i = 0; i < n; i++) mean += columns[name][i] / n
      if (mean < peng.lower || mean > peng.upper) c.pengExcludesMean++
      if (name === 'mean_squared_error') {
        let ym = 0
        for (let i = 0; i < n; i++) ym += y[i] / n
        let v = 0
        for (let i = 0; i < n; i++) v += (y[i] - ym) ** 2 / n
        const r2 = cells.r2_score
        r2.pengReported++
        const lower = 1 - peng.upper / v
        const upper = 1 - peng.lower / v
        r2.pengWidth += upper - lower
        r2.widths.push(upper - lower)
        if (lower <= r2.truth && r2.truth <= upper) r2.pengCovered++
        else if (upper < r2.truth) r2.pengBelow++
      }
    }
  }
  for (const c of Object.values(cells)) {
    c.pengWidth /= Math.max(1, c.pengReported)
    c.widths.sort((a, b) => a - b)
    if (c.widths.length > 0) c.pengMedianWidth = c.widths[c.widths.length >> 1]
  }
  return Object.values(cells)
}
