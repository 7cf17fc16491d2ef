import { logFactorial } from './log-factorial.js'

/** Below this mean the sampler inverts the CDF; above it, PTRS. */
const INVERSION_LIMIT = 10

/**
 * One exact draw from Poisson(lambda), given a source of uniform numbers in [0, 1).
 *
 * No normal approximation: for lambda < 10 it inverts the CDF by sequential search (expected
 * lambda + 1 steps; lambda = 1 is the row-bootstrap case); above that it uses Hörmann's PTRS
 * transformed rejection (1993), O(1) expected time.
 *
 * Assumptions: lambda finite and >= 0 (0 gives 0); anything else throws a RangeError.
 *
 * @example
 * const random = createRandom(1)
 * samplePoisson(1, () => random.uniform()) // => 0, 1, 2, ... with mean 1
 */
export function samplePoisson(lambda: number, uniform: () => number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`poisson: mean ${String(lambda)} is not a finite non-negative number`)
  }
  if (lambda === 0) return 0
  return lambda < INVERSION_LIMIT ? byInversion(lambda, uniform) : byPtrs(lambda, uniform)
}

function byInversion(lambda: number, uniform: () => number): number {
  const start = Math.exp(-lambda)
  for (;;) {
    let probability = start
    let u = uniform()
    let x = 0
    while (u > probability) {
      u -= probability
      x++
      probability *= lambda / x
      if (probability === 0) break // rounding left mass in the far tail: draw again
    }
    if (probability !== 0) return x
  }
}

function byPtrs(lambda: number, uniform: () => number): number {
  const slam = Math.sqrt(lambda)
  const logLambda = Math.log(lambda)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4))
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = uniform() - 0.5
    const v = uniform()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logFactorial(k)) {
      return k
    }
  }
}
