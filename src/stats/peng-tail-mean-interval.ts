import { criticalValue } from './critical-value.js'
import { sampleVariance } from './sample-moments.js'

/** Hill's index at and above which Peng's interval takes the sample variance (a tail of finite variance): its default, also used by `r2TailInterval`. */
export const PENG_SAMPLE_VARIANCE_FROM_INDEX = 2

/** Peng's estimate of a mean of non-negative terms, its interval, and the tail index it used. */
export interface PengTailMeanInterval {
  /** Body mean plus the Pareto tail's share (NaN when no interval). */
  estimate: number
  lower: number
  upper: number
  /** √Var(μ̂): the interval's half-width over z (NaN when no interval). */
  standardError: number
  /** Hill's estimate of the tail index α over the tail's k terms (NaN when not made). */
  alpha: number
  /** How many of the largest terms formed the tail. */
  tail: number
}

/** The tail size: the largest max(10, round(√n)) terms (measured in bench/coverage against n/10). */
export function pengTailSize(n: number): number {
  return Math.max(10, Math.round(Math.sqrt(n)))
}

/** Terms whose relative difference is at most this are one value (floating-point rounding of a lattice). */
const TIE_TOLERANCE = 1e-9

/**
 * The log of each term from index `from` of the ascending `sorted` up, for Hill's index: the log
 * of the term itself, except that the m terms of a group of equal values v (a lattice: squared
 * errors of integer targets and predictions) are spread evenly in log over v's cell, from the
 * geometric midpoint with the next smaller term to the one with the next larger (the largest
 * group: up to v, as nothing in the sample lies above it), as the rounded continuous values they
 * stand for would be. Hill's
 * log-excesses assume a continuous tail; on a lattice the gap from one value to the next, not the
 * tail, sets them (a block of 25 terms at 9 over a threshold of 4 reads as index 1.2 where the
 * errors are rounded normal ones, and the upper bound ran to 10¹⁰). Spreading over (w, v] instead
 * (rounding up) under-covered round(t(3)) errors' MAE (91.0% at n = 800): bench/coverage/README.md,
 * "Squared errors on a lattice". Without ties it is the plain log.
 */
function tailLogs(sorted: Float64Array, from: number): (i: number) => number {
  const n = sorted.length
  const cache = new Map<number, number>()
  // Equal up to rounding: a target of 7 minus a prediction of 5.1 is not exactly 1.9.
  const tied = (a: number, b: number): boolean => Math.abs(a - b) <= TIE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))
  return (i) => {
    const v = sorted[i]
    if ((i === 0 || !tied(sorted[i - 1], v)) && (i === n - 1 || !tied(sorted[i + 1], v))) return Math.log(v)
    let cached = cache.get(i)
    if (cached !== undefined) return cached
    let first = i
    while (first > 0 && tied(sorted[first - 1], sorted[first])) first--
    let last = i
    while (last < n - 1 && tied(sorted[last + 1], sorted[last])) last++
    // The group's cell: from the geometric midpoint with the next smaller value to the one with
    // the next larger, in log.
    const centre = Math.log(sorted[last])
    const below = first > 0 && sorted[first - 1] > 0 ? (centre + Math.log(sorted[first - 1])) / 2 : undefined
    const above = last < n - 1 ? (centre + Math.log(sorted[last + 1])) / 2 : undefined
    // The largest group's cell ends at its value: nothing in the sample lies above it.
    const low = below ?? (above === undefined ? centre : 2 * centre - above)
    const high = above ?? centre
    const m = last - first + 1
    for (let j = Math.max(first, from); j <= last; j++) cache.set(j, low + ((j - first + 0.5) / m) * (high - low))
    cached = cache.get(i)!
    return cached
  }
}

/**
 * How many of `values` are above 0: where at most the tail's k are, the (k+1)-th largest is 0 and
 * no Pareto tail can be fitted above it (mostly exact predictions).
 * @example positiveCount(Float64Array.of(0, 0, 0, 4)) // => 1
 */
export function positiveCount(values: ArrayLike<number>): number {
  let count = 0
  for (let i = 0; i < values.length; i++) if (values[i] > 0) count++
  return count
}

/**
 * An interval for the mean of non-negative terms whose upper tail is heavy (a variance that
 * looks infinite: squared errors of Student t(3) errors, say), after Peng (2001, "Estimating the
 * mean of a heavy tailed distribution", Statist. Probab. Lett. 52, 255–264). The mean is the
 * sum of the n − k smallest terms (the body) over n plus a Pareto tail above the (k+1)-th largest
 * term t, its index α from Hill's estimate over the k largest:
 *
 *   μ̂ = (1/n) Σ_{i ≤ n−k} x₍ᵢ₎ + (k/n)·t·α̂/(α̂ − 1),   1/α̂ = (1/k) Σ_{j > n−k} log(x₍ⱼ₎ / t).
 *
 * It is asymptotically normal for 1 < α < 2, where no interval of the sample mean covers. The
 * variance is the delta method over three asymptotically independent parts: the body's
 * (empirical), the random threshold's (t/u − 1 ≈ Z₀/(α√k), which moves the body and the tail
 * term together) and Hill's (√k(1/α̂ − 1/α) ≈ Z_H/α):
 *
 *   Var(μ̂) ≈ Var(x·1{x ≤ t})/n + (t√k/n)²·[(α/(α−1))² + α²/(α−1)⁴].
 *
 * Where α̂ ≥ 2 (a tail of finite variance) the sample variance of all the terms is used instead
 * (the Pareto terms overstate a light tail's variance: 97–99% coverage on normal errors
 * otherwise). The interval is μ̂ ± z·√Var, its lower end at least 0. It is centred on μ̂, not on
 * the sample mean, which it may exclude (a sample that has not yet met the tail's rare large
 * terms has a mean below the population's). Coverage, by simulation, is in bench/coverage/README.md
 * ("Peng's interval where the heavy-tail rule fires").
 *
 * Where the k largest terms all equal t (ties of discrete errors, not spread), α̂ is infinite: no
 * excess above t, the estimate is the sample mean and the variance the sample variance.
 *
 * No interval (NaN bounds, `alpha` still set when made) when α̂ ≤ 1 (the tail looks like one of
 * infinite mean), t ≤ 0 (at most k terms above 0: {@link positiveCount}), a value is
 * negative or not finite, or n ≤ k.
 *
 * Written here: no npm package implements Peng's estimator or Hill's index (simple-statistics has
 * neither), and it is one sort and three sums.
 *
 * @param values non-negative per-example terms (squared or absolute errors)
 * @param level nominal coverage in (0, 1)
 * @param k how many of the largest terms form the tail (default {@link pengTailSize}(n))
 * @param sampleVarianceFrom the index at and above which the sample variance is used (default 2;
 *   Infinity: Peng's variance throughout, the prototype's plain variant in bench/coverage)
 * @param spreadTies spread tied terms over their cell before Hill's index ({@link tailLogs}): the
 *   squared errors' upper bound, applied to every sample, light lattices included; not the MAE's
 *   `peng-tail`, applied where the heavy-tail check fires, where spreading lowered round(t(3))
 *   errors' coverage from 95.0% to 93.5% (bench/coverage/README.md, "Squared errors on a lattice")
 * @example
 * pengTailMeanInterval(squaredErrors, 0.95) // => { estimate: 2.9, lower: 2.1, upper: 3.7, standardError: 0.41, alpha: 1.6, tail: 28 } (say; t(3) errors, n = 800)
 */
export function pengTailMeanInterval(
  values: ArrayLike<number>,
  level: number,
  k = pengTailSize(values.length),
  sampleVarianceFrom = PENG_SAMPLE_VARIANCE_FROM_INDEX,
  spreadTies = false,
): PengTailMeanInterval {
  const z = criticalValue(level, 'pengTailMeanInterval')
  const n = values.length
  const none = { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN, standardError: Number.NaN, alpha: Number.NaN, tail: k }
  if (!(k >= 2) || k >= n) return none
  const sorted = Float64Array.from(values).sort()
  if (!(sorted[0] >= 0) || !Number.isFinite(sorted[n - 1])) return none
  const t = sorted[n - k - 1]
  if (!(t > 0)) return none
  const logOf = spreadTies ? tailLogs(sorted, n - k - 1) : (i: number): number => Math.log(sorted[i])
  let logs = 0
  for (let j = n - k; j < n; j++) logs += logOf(j) - logOf(n - k - 1)
  // The k largest terms all equal the threshold and nothing lies below it to spread them over:
  // no excess above it, Hill's index is infinite and the tail's share is its limit, t per term
  // (alpha / (alpha - 1) -> 1), so the estimate is the sample mean.
  const alpha = k / logs
  if (!(alpha > 1)) return { ...none, alpha }
  const tailFactor = alpha === Number.POSITIVE_INFINITY ? 1 : alpha / (alpha - 1)
  let body = 0
  let bodySquares = 0
  for (let i = 0; i < n - k; i++) {
    body += sorted[i]
    bodySquares += sorted[i] * sorted[i]
  }
  body /= n
  bodySquares /= n
  const estimate = body + (k / n) * t * tailFactor
  let variance: number
  if (alpha >= sampleVarianceFrom) {
    variance = sampleVariance(sorted) / n
  } else {
    const scale = (t * Math.sqrt(k)) / n
    variance = (bodySquares - body * body) / n + scale * scale * ((alpha / (alpha - 1)) ** 2 + alpha ** 2 / (alpha - 1) ** 4)
  }
  const standardError = Math.sqrt(variance)
  const half = z * standardError
  return { estimate, lower: Math.max(0, estimate - half), upper: estimate + half, standardError, alpha, tail: k }
}
