/**
 * Stopping a Monte Carlo test early once its p-value is surely above the most lenient level it
 * will be compared with (alpha at Holm's last step): such a hypothesis cannot be rejected at any
 * level of the family, whatever further draws would show, and most of an unchanged model's are of
 * this kind. Shared by the paired resampling test and the paired sign-flip test.
 */

/** Draws made before the first look; the looks are at 50, 100, 200, ... draws. */
export const FIRST_LOOK = 50

/**
 * Evidence needed to stop early: the Chernoff bound exp(-L · KL(c/L ‖ level)) on seeing c or
 * more of L draws at or beyond the threshold when the true share is at most the level, below
 * e^-16 (about 1e-7) at each look; with looks at 50, 100, 200, ... (at most 12 below 200,000
 * draws), a decision differs from the one all the draws would give with probability below 2e-6.
 * The count may be a sum of values in [0, 1] (the sign flip's tail probabilities where a few rows
 * dominate): the bound holds for those too. The first look at 50 (250 before) stops a
 * drop of an unchanged model that sits mid-distribution (half the draws beyond it: 50 · KL(0.5 ‖
 * 0.05) = 41 > 16) after a fiftieth of 2,000 draws, which matters where each draw recomputes slow
 * custom metrics on 10,000 rows for both models (adversarial pass 42: 39-162 s at 200,000 rows).
 */
const STOP_EVIDENCE = 16

/**
 * Whether c of `trials` draws at or beyond a threshold shows, beyond doubt, a share above
 * `level`: c / trials > level and the Chernoff bound exp(-trials · KL(c / trials ‖ level)) on
 * seeing that many when the share is at most `level` is below e^-16.
 * @example surelyAbove(25, 50, 0.05) // true: half of 50 draws beyond the change
 */
export function surelyAbove(c: number, trials: number, level: number): boolean {
  if (trials === 0) return false
  const share = c / trials
  if (share <= level) return false
  const kl = share * Math.log(share / level) + (share < 1 ? (1 - share) * Math.log((1 - share) / (1 - level)) : 0)
  return trials * kl >= STOP_EVIDENCE
}
