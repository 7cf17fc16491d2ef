/**
 * The p-value of an exchange (sign-flip) test on units' effects: each unit (a row, or a fixed
 * block of rows exchanged together) is exchanged between the two models with probability 1/2,
 * and exchanging unit i takes 2·e_i off the difference (e_i: its effect, for a mean its share of
 * the change). The observed difference is reached or passed exactly when the units exchanged
 * have effects summing to at most 0, so the p-value is the share of the 2^u subsets F of the
 * units with Σ_{i in F} e_i ≤ 0 (the empty one among them: p ≥ 2^-u).
 *
 * Twelve units that all moved the same way give 2^-12 however unequal their effects; two large
 * ones among many tiny ones of either sign give about 1/4. Counted exactly, by meet in the
 * middle (the subset sums of each half of the units, one half sorted), up to
 * {@link EXCHANGE_EXACT_UNITS} units; beyond, by `draws` seeded random subsets, (1 + hits) /
 * (1 + draws), a valid p-value whose smallest is 1 / (1 + draws). Units of no effect change no
 * sum and are left out.
 */
import { createRandom } from './random-source.js'

/** Units counted exactly: 2^12 subset sums a side. */
export const EXCHANGE_EXACT_UNITS = 24

/**
 * Share of the subsets of `effects` whose sum is at most `tolerance` (sums within it of 0 count
 * as reaching the observed difference: ties go to the null).
 *
 * @example exchangeTailProbability([1, 1, 1]) // => 0.125 (only the empty subset)
 * @example exchangeTailProbability([1, 1, -0.001]) // => 0.25 (the empty one and {-0.001})
 */
export function exchangeTailProbability(effects: ArrayLike<number>, options: { tolerance?: number; draws?: number; seed?: number } = {}): number {
  const { tolerance = 0, draws = 10_000, seed = 1 } = options
  const units: number[] = []
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i]!
    if (Number.isNaN(e)) throw new RangeError(`exchangeTailProbability: effect ${i} is NaN`)
    if (Math.abs(e) > tolerance) units.push(e)
  }
  if (units.length === 0) return 1
  if (units.length > EXCHANGE_EXACT_UNITS) return sampledTail(units, tolerance, draws, seed)
  const half = units.length >> 1
  const left = subsetSums(units.slice(0, half))
  const right = subsetSums(units.slice(half)).sort()
  let count = 0
  for (let i = 0; i < left.length; i++) count += countAtMost(right, tolerance - left[i]!)
  return count / (left.length * right.length)
}

/** (1 + subsets drawn with sum at most `tolerance`) / (1 + draws), each unit in a subset with probability 1/2. */
function sampledTail(units: readonly number[], tolerance: number, draws: number, seed: number): number {
  const random = createRandom(seed)
  let hits = 0
  for (let d = 0; d < draws; d++) {
    let sum = 0
    for (let i = 0; i < units.length; i += 32) {
      const bits = random.uint32()
      const end = Math.min(units.length, i + 32)
      for (let j = i; j < end; j++) if ((bits >>> (j - i)) & 1) sum += units[j]!
    }
    if (sum <= tolerance) hits++
  }
  return (1 + hits) / (1 + draws)
}

/** The 2^m sums of the subsets of `values`. */
function subsetSums(values: readonly number[]): Float64Array {
  const sums = new Float64Array(1 << values.length)
  for (let j = 0; j < values.length; j++) {
    const size = 1 << j
    for (let s = 0; s < size; s++) sums[size + s] = sums[s]! + values[j]!
  }
  return sums
}

/** How many of `sorted` (ascending) are at most `limit`. */
function countAtMost(sorted: Float64Array, limit: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! <= limit) lo = mid + 1
    else hi = mid
  }
  return lo
}
