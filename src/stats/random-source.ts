import { sampleBinomial } from './binomial-sample.js'
import { samplePoisson } from './poisson-sample.js'

/** A seeded source of random draws. Same seed, same sequence, on every platform. */
export interface RandomSource {
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number
  /** 32 random bits, as an integer in [0, 2^32): half the cost of `uniform()`. */
  uint32(): number
  /** Standard normal N(0, 1). */
  normal(): number
  /** Exact Binomial(n, p) draw. */
  binomial(n: number, p: number): number
  /** Exact Poisson(lambda) draw. */
  poisson(lambda: number): number
}

const TWO_POW_32 = 4294967296
const TWO_POW_MINUS_53 = 1 / 9007199254740992

/**
 * A deterministic pseudo-random source: xoshiro128** (Blackman & Vigna), its 128-bit state
 * filled from the seed by a splitmix32-style Weyl sequence with the murmur3 finaliser, so
 * nearby seeds give unrelated streams. 32-bit integer arithmetic only, hence identical draws on
 * every JavaScript engine.
 *
 * - `uniform()`: two outputs combined into 53 bits, in [0, 1); `uint32()`: one output.
 * - `normal()`: Marsaglia's polar method (the second value of each pair is kept for the next call).
 * - `binomial(n, p)`: exact; inversion for small n·p, Hörmann's BTRD otherwise ({@link sampleBinomial}).
 * - `poisson(lambda)`: exact; inversion for lambda < 10, Hörmann's PTRS otherwise ({@link samplePoisson}).
 *
 * Assumptions: `seed` is a finite number; integers up to 2^53 are used exactly (both 32-bit
 * halves feed the state), a fractional part is dropped. Not for cryptography.
 *
 * @param seed any integer, e.g. the run's `intervalSettings.seed`
 * @example
 * const a = createRandom(42), b = createRandom(42)
 * a.uniform() === b.uniform() // => true
 */
export function createRandom(seed: number): RandomSource {
  if (!Number.isFinite(seed)) throw new RangeError(`createRandom: seed ${String(seed)} is not a finite number`)
  const whole = Math.trunc(Math.abs(seed))
  let weyl = (whole >>> 0) ^ Math.imul(Math.floor(whole / TWO_POW_32) >>> 0, 0x27d4eb2f) ^ (seed < 0 ? 0x5bd1e995 : 0)
  const nextSeedWord = (): number => {
    weyl = (weyl + 0x9e3779b9) | 0
    let z = weyl
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  let s0 = nextSeedWord()
  let s1 = nextSeedWord()
  let s2 = nextSeedWord()
  let s3 = nextSeedWord()
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1 // the all-zero state is a fixed point

  const nextUint32 = (): number => {
    const m = Math.imul(s1, 5)
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0
    const t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 11) | (s3 >>> 21)
    return result
  }
  const uniform = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) * TWO_POW_MINUS_53

  let spareNormal = Number.NaN
  const normal = (): number => {
    if (!Number.isNaN(spareNormal)) {
      const value = spareNormal
      spareNormal = Number.NaN
      return value
    }
    for (;;) {
      const x = 2 * uniform() - 1
      const y = 2 * uniform() - 1
      const s = x * x + y * y
      if (s > 0 && s < 1) {
        const factor = Math.sqrt((-2 * Math.log(s)) / s)
        spareNormal = y * factor
        return x * factor
      }
    }
  }

  return {
    uniform,
    uint32: nextUint32,
    normal,
    binomial: (n, p) => sampleBinomial(n, p, uniform),
    poisson: (lambda) => samplePoisson(lambda, uniform),
  }
}
