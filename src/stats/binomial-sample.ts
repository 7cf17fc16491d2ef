import { stirlingCorrection } from './stirling-correction.js'

/** Below this mean (n·min(p, 1-p)) the sampler inverts the CDF; above it, BTRD. */
const INVERSION_LIMIT = 10

/**
 * One exact draw from Binomial(n, p), given a source of uniform numbers in [0, 1).
 *
 * No normal approximation: for n·min(p, 1-p) < 10 it inverts the CDF by sequential search
 * (Kachitvichyanukul & Schmeiser's BINV, expected O(n·p) steps); above that it uses Hörmann's
 * BTRD transformed rejection with squeeze (1993), O(1) expected time for any n. p > 1/2 is
 * drawn as n minus a draw with 1 - p.
 *
 * Assumptions: n is a non-negative integer (up to 2^53), p in [0, 1]; anything else throws a
 * RangeError naming the value.
 *
 * @example
 * const random = createRandom(1)
 * sampleBinomial(100, 0.3, () => random.uniform()) // => an integer near 30, same every run
 */
export function sampleBinomial(n: number, p: number, uniform: () => number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`binomial: trial count ${String(n)} is not a non-negative integer`)
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: probability ${String(p)} is not in [0, 1]`)
  if (n === 0 || p === 0) return 0
  if (p === 1) return n
  if (p > 0.5) return n - drawLowerHalf(n, 1 - p, uniform)
  return drawLowerHalf(n, p, uniform)
}

function drawLowerHalf(n: number, p: number, uniform: () => number): number {
  return n * p < INVERSION_LIMIT ? byInversion(n, p, uniform) : byBtrd(n, p, uniform)
}

/** Sequential-search inversion; p <= 1/2 and n·p < 10, so q^n does not underflow. */
function byInversion(n: number, p: number, uniform: () => number): number {
  const q = 1 - p
  const s = p / q
  const a = (n + 1) * s
  const start = Math.exp(n * Math.log1p(-p))
  for (;;) {
    let r = start
    let u = uniform()
    let x = 0
    while (u > r) {
      u -= r
      x++
      if (x > n) break // rounding left some mass beyond n: draw again
      r *= a / x - s
    }
    if (x <= n) return x
  }
}

/** Hörmann's BTRD for p <= 1/2 and n·p >= 10. */
function byBtrd(n: number, p: number, uniform: () => number): number {
  const q = 1 - p
  const spq = Math.sqrt(n * p * q)
  const b = 1.15 + 2.53 * spq
  const a = -0.0873 + 0.0248 * b + 0.01 * p
  const c = n * p + 0.5
  const alpha = (2.83 + 5.1 / b) * spq
  const vr = 0.92 - 4.2 / b
  const urvr = 0.86 * vr
  const m = Math.floor((n + 1) * p)
  const r = p / q
  const nr = (n + 1) * r
  const npq = n * p * q
  for (;;) {
    let v = uniform()
    let u: number
    if (v <= urvr) {
      u = v / vr - 0.43
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c)
    }
    if (v >= vr) {
      u = uniform() - 0.5
    } else {
      u = v / vr - 0.93
      u = Math.sign(u) * 0.5 - u
      v = uniform() * vr
    }
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + c)
    if (k < 0 || k > n) continue
    v = (v * alpha) / (a / (us * us) + b)
    const km = Math.abs(k - m)
    if (km <= 15) {
      // Recursive evaluation of f(k) / f(m).
      let f = 1
      if (m < k) {
        for (let i = m + 1; i <= k; i++) f *= nr / i - r
      } else if (m > k) {
        for (let i = k + 1; i <= m; i++) v *= nr / i - r
      }
      if (v <= f) return k
      continue
    }
    // Squeeze on log scale.
    v = Math.log(v)
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5)
    const t = (-km * km) / (2 * npq)
    if (v < t - rho) return k
    if (v > t + rho) continue
    // Final acceptance with Stirling corrections.
    const nm = n - m + 1
    const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingCorrection(m) + stirlingCorrection(n - m)
    const nk = n - k + 1
    const bound =
      h +
      (n + 1) * Math.log(nm / nk) +
      (k + 0.5) * Math.log((nk * r) / (k + 1)) -
      stirlingCorrection(k) -
      stirlingCorrection(n - k)
    if (v <= bound) return k
  }
}
