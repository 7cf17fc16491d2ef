import { criticalValue } from './critical-value.js'
import { PENG_SAMPLE_VARIANCE_FROM_INDEX, pengTailMeanInterval } from './peng-tail-mean-interval.js'
import { r2Terms } from './r2-ratio-interval.js'
import { sampleMean, sampleVariance } from './sample-moments.js'

/** r2_score's tail-corrected estimate and interval, with the parts it was built from. */
export interface R2TailInterval {
  /** C / (A + C) with A Peng's tail-corrected MSE (NaN when no interval). */
  estimate: number
  lower: number
  upper: number
  /** Hill's index of the squared errors' tail (Peng's; NaN when not made). */
  alpha: number
}

/**
 * An interval for r2_score that holds when the squared errors are heavy-tailed (their variance
 * looks infinite; `heavyTailCheck`), where a row bootstrap of r2 under-covers. evaluate() uses it
 * above 20,000 rows where the check fires (from 100 to 20,000 rows r2 follows from the MSE's own
 * interval instead: `r2RatioInterval`, which covers closer to nominal; bench/coverage/README.md,
 * "r2_score from the MSE's interval"). It splits
 * r2 = 1 − SSE/SST into the two parts that the heavy rows move and do not move:
 *
 *   r2 = C / (A + C),  A = mean(e²) (the MSE),  C = mean(d² − e²) = SST/n − SSE/n,
 *
 * with e = y − ŷ and d = y − ȳ. A row with a large error e adds about e² to both SSE and SST, so
 * it moves A and leaves C almost alone: d² − e² = g² + 2eg with g = ŷ − ȳ, whose tail is that of
 * e (finite variance when e has it, as under Student t(3) errors), not of e². A gets Peng's
 * tail-extrapolated mean (`pengTailMeanInterval`, which covers where the squared errors' sample
 * mean does not; where Hill's index is at least 2, a tail of finite variance, the sample mean and
 * variance instead, as Peng's interval itself takes the sample variance there), C its sample mean
 * and variance, and the interval is the delta method on the log
 * of A / C (A and C taken as uncorrelated: Cov(e², 2eg) = 2E[e³]E[g] = 0 for unbiased
 * predictions), mapped back by r2 = 1 / (1 + A/C):
 *
 *   log(Â/Ĉ) ± z·√(Var(Â)/Â² + Var(Ĉ)/Ĉ²).
 *
 * It is centred on the tail-corrected r2, which can lie below the reported value (a sample that
 * has not met the tail's rare large errors). Coverage by simulation: bench/coverage/README.md
 * ("r2_score from 100 rows: `peng-tail-ratio`").
 *
 * No interval (NaN bounds) when Peng's gives none (Hill's index at most 1: the MSE itself looks
 * infinite), when Ĉ ≤ 0 (no variance explained: r2 at most 0, where the ratio's log is undefined),
 * or with fewer than 3 rows.
 *
 * Written here: no npm package has Peng's estimator (see `pengTailMeanInterval`), and the rest
 * is two sums and a delta method.
 *
 * @param yTrue targets
 * @param yPred predictions
 * @param level nominal coverage in (0, 1)
 * @example
 * r2TailInterval(yTrue, yPred, 0.95) // => { estimate: 0.57, lower: 0.48, upper: 0.65, alpha: 1.5 } (say; t(3) errors, n = 800)
 */
export function r2TailInterval(yTrue: Float64Array, yPred: Float64Array, level: number): R2TailInterval {
  const z = criticalValue(level, 'r2TailInterval')
  const n = yTrue.length
  const none = { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN, alpha: Number.NaN }
  if (n < 3 || yPred.length !== n) return none
  const { squared, explained } = r2Terms(yTrue, yPred)
  const c = sampleMean(explained)
  const cVariance = sampleVariance(explained, c) / n
  const peng = pengTailMeanInterval(squared, level)
  if (!Number.isFinite(peng.upper) || !(c > 0)) return { ...none, alpha: peng.alpha }
  // A tail of finite variance (α̂ ≥ 2): the sample mean and variance, as Peng's interval itself
  // uses the sample variance there; its Pareto tail would overstate a light tail's mean.
  const light = peng.alpha >= PENG_SAMPLE_VARIANCE_FROM_INDEX
  const a = light ? sampleMean(squared) : peng.estimate
  const aVariance = light ? sampleVariance(squared, a) / n : peng.standardError ** 2
  if (!(a > 0)) return { ...none, alpha: peng.alpha }
  const logRatio = Math.log(a / c)
  const half = z * Math.sqrt(aVariance / (a * a) + cVariance / (c * c))
  const r2 = (logOfRatio: number): number => 1 / (1 + Math.exp(logOfRatio))
  return { estimate: r2(logRatio), lower: r2(logRatio + half), upper: r2(logRatio - half), alpha: peng.alpha }
}
