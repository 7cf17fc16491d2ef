// What a Monte Carlo test that stops early above a level must show, over seeded samples whose
// p-values span (0, 1): it stops only where its p is above the level, otherwise gives the p of all
// the draws, decides as all the draws would at the level and at Holm's stricter ones, and costs
// far fewer draws where nothing changed.
import { expect } from 'vitest'

export interface EarlyStopSample {
  full: { p: number; draws: number }
  early: { p: number; draws: number }
  /** No change at all (the samples where the saving is counted). */
  null: boolean
}

export function expectEarlyStopAgreement(samples: readonly EarlyStopSample[], options: { draws: number; level: number; minStopped: number; nullShare: number }): void {
  let disagreements = 0
  let stopped = 0
  let drawsFull = 0
  let drawsStopping = 0
  for (const { full, early, null: isNull } of samples) {
    if (isNull) {
      drawsFull += full.draws
      drawsStopping += early.draws
    }
    if (early.draws < options.draws) {
      stopped++
      expect(early.p).toBeGreaterThan(options.level)
    } else {
      expect(early.p).toBe(full.p)
    }
    for (const level of [options.level, options.level / 2, options.level / 30]) if (full.p < level !== early.p < level) disagreements++
  }
  expect(disagreements).toBe(0)
  expect(stopped).toBeGreaterThan(options.minStopped)
  expect(drawsStopping).toBeLessThan(options.nullShare * drawsFull)
}
