/**
 * Prototype (issue 8, "heavy-tailed regressors included"): a semi-parametric interval for the
 * mean of non-negative heavy-tailed terms (squared, absolute, percentage errors), measured here in
 * place of the heavy-tail rule's withholding (`src/stats/heavy-tail-check.ts`). Its `sqrt-switch`
 * variant is now the engine's `pengTailMeanInterval` (src/stats), used where the rule fires on a
 * regressor's MAE or MSE from 100 rows (bench/coverage/README.md, "A semi-parametric interval for
 * heavy tails" and "Peng's interval where the heavy-tail rule fires").
 *
 * The estimator is Peng's (2001, "Estimating the mean of a heavy tailed distribution", Statist.
 * Probab. Lett. 52): the mean of the n − k smallest terms (the body) plus a Pareto tail above the
 * (k+1)-th largest term t, with the tail index α from Hill's estimate over the top k:
 *   μ̂ = (1/n) Σ_{i ≤ n−k} x₍ᵢ₎ + (k/n) · t · α̂/(α̂ − 1),   1/α̂ = (1/k) Σ_{j=1..k} log(x₍ₙ₋ⱼ₊₁₎ / t).
 * It is asymptotically normal for 1 < α < 2, where the variance is infinite and no interval of
 * the sample mean covers. The variance used here is the delta method over three asymptotically
 * independent parts, written out in README: the body's (estimated empirically, so the interval
 * also holds where the variance is finite), the random threshold's (t/u − 1 ≈ Z₀/(α√k), which
 * moves the body and the tail term together: coefficient α/(α−1)) and Hill's
 * (√k(1/α̂ − 1/α) ≈ Z_H/α: coefficient α/(α−1)²), the last two in units of t·√k/n:
 *   Var(μ̂) ≈ Var(x·1{x ≤ t})/n + (t√k/n)² · [(α/(α−1))² + α²/(α−1)⁴].
 * α̂ ≤ 1 (a tail whose mean looks infinite) gives no interval. The variant `switchAtTwo` uses the
 * sample variance of all the terms where α̂ ≥ 2 (a tail of finite variance), since the Pareto tail
 * terms overstate the variance of light tails (measured: 97–99% coverage on normal errors).
 */
import { heavyTailCheck } from '../../src/stats/heavy-tail-check.js'
import { createRandom, pengTailMeanInterval } from '../../src/stats/index.js'
import { ERROR_LAWS } from './simulation.js'

/** Peng's estimate of a mean of non-negative terms, its interval, and the Hill index used. */
export interface PengInterval {
  estimate: number
  lower: number
  upper: number
  alpha: number
}

/** How many of the largest terms form the tail, by rule name. */
export const TAIL_SIZE_RULES: Record<string, (n: number) => number> = {
  sqrt: (n) => Math.max(10, Math.round(Math.sqrt(n))),
  tenth: (n) => Math.max(10, Math.round(n / 10)),
}

/** Rules whose variance switches to the sample variance where α̂ ≥ 2 ('sqrt-switch', 'tenth-switch'). */
const SWITCH_SUFFIX = '-switch'

/**
 * Peng's interval for the mean of non-negative `values` with the top `k` as the tail: the
 * engine's {@link pengTailMeanInterval}, whose variance switches to the sample variance at
 * α̂ ≥ 2 when `switchAtTwo`, and never otherwise (the plain variant). NaN bounds when the tail
 * index α̂ ≤ 1 (an infinite mean), when t ≤ 0, or when k ≥ n.
 */
export function pengMeanInterval(values: ArrayLike<number>, level: number, k: number, switchAtTwo = false): PengInterval {
  const { estimate, lower, upper, alpha } = pengTailMeanInterval(values, level, k, switchAtTwo ? 2 : Number.POSITIVE_INFINITY)
  return { estimate, lower, upper, alpha }
}

/** Coverage of Peng's interval for one metric over the trials. */
export interface PengCoverage {
  metric: string
  truth: number
  trials: number
  /** Trials with an interval (α̂ > 1) and of those, covering / wholly below / wholly above. */
  reported: number
  covered: number
  below: number
  above: number
  meanWidth: number
  /** Trials the heavy-tail rule withholds, and how many of them Peng's interval covers. */
  heavy: number
  heavyReported: number
  heavyCovered: number
}

const POPULATION_ROWS = 200_000

/**
 * The regressor population of `simulation.ts` (same seed, same draws: target 10 + 2x + e,
 * prediction 10 + 2x) and the same trial rows as `simulateCoverage` (row seed 20,261,202 +
 * offset), so the trials the heavy-tail rule withholds here are those withheld in its tables.
 * Per trial: Peng's interval for MSE, MAE and MAPE with the tail size `rule`.
 */
export function pengCoverage(law: keyof typeof ERROR_LAWS, n: number, trials: number, rule: string, options: { seedOffset?: number; level?: number } = {}): PengCoverage[] {
  const random = createRandom(3)
  const squared = new Float64Array(POPULATION_ROWS)
  const absolute = new Float64Array(POPULATION_ROWS)
  const percentage = new Float64Array(POPULATION_ROWS)
  for (let i = 0; i < POPULATION_ROWS; i++) {
    const predicted = 10 + 2 * random.normal()
    const target = predicted + ERROR_LAWS[law].draw(random)
    const e = Math.abs(predicted - target)
    squared[i] = e * e
    absolute[i] = e
    percentage[i] = e / Math.max(Math.abs(target), 2.220446049250313e-16)
  }
  const terms: Record<string, Float64Array> = { mean_squared_error: squared, mean_absolute_error: absolute, mean_absolute_percentage_error: percentage }
  const level = options.level ?? 0.95
  const switchAtTwo = rule.endsWith(SWITCH_SUFFIX)
  const k = TAIL_SIZE_RULES[switchAtTwo ? rule.slice(0, -SWITCH_SUFFIX.length) : rule](n)
  const out: PengCoverage[] = []
  const stats = Object.entries(terms).map(([metric, population]) => {
    let truth = 0
    for (const v of population) truth += v / POPULATION_ROWS
    const c: PengCoverage = { metric, truth, trials, reported: 0, covered: 0, below: 0, above: 0, meanWidth: 0, heavy: 0, heavyReported: 0, heavyCovered: 0 }
    out.push(c)
    return { c, population }
  })
  const rows = createRandom(20_261_202 + (options.seedOffset ?? 0))
  const sample = new Float64Array(n)
  const index = new Int32Array(n)
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < n; i++) index[i] = Math.floor(rows.uniform() * POPULATION_ROWS)
    for (const { c, population } of stats) {
      for (let i = 0; i < n; i++) sample[i] = population[index[i]]
      const heavy = heavyTailCheck(sample).heavy
      if (heavy) c.heavy++
      const interval = pengMeanInterval(sample, level, k, switchAtTwo)
      if (!Number.isFinite(interval.lower) || !Number.isFinite(interval.upper)) continue
      c.reported++
      c.meanWidth += interval.upper - interval.lower
      const covered = interval.lower <= c.truth && c.truth <= interval.upper
      if (covered) c.covered++
      else if (interval.upper < c.truth) c.below++
      else c.above++
      if (heavy) {
        c.heavyReported++
        if (covered) c.heavyCovered++
      }
    }
  }
  for (const c of out) c.meanWidth /= Math.max(1, c.reported)
  return out
}
