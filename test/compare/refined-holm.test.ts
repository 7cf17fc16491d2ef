/**
 * Holm's step-down with some p-values refined only where the lower bounds are rejected
 * (`refinedHolm`): the rejections are Holm's over every p refined, and nothing else is refined.
 */
import { describe, expect, test } from 'vitest'
import { holmRejections, refinedHolm, type RefinableP } from '../../src/compare/index.js'
import { createRandom } from '../../src/stats/index.js'

describe('refinedHolm', () => {
  test('rejects what Holm over every refined p rejects, and refines only what the lower bounds reject (4,000 random families, one alpha or their own, Holm or not)', () => {
    const random = createRandom(11)
    let refinedSome = 0
    let leftSome = 0
    for (let trial = 0; trial < 4000; trial++) {
      const m = 1 + Math.floor(random.uniform() * 30)
      const ownAlphas = trial % 2 === 1
      const holm = trial % 5 !== 0
      // p-values from a mixture: real effects (tiny), borderline, nulls; a lower bound below each
      const final = Array.from({ length: m }, () => {
        const u = random.uniform()
        return u < 0.3 ? random.uniform() * 1e-3 : u < 0.6 ? random.uniform() * 0.05 : random.uniform()
      })
      const alphas = final.map(() => (ownAlphas ? [0.01, 0.05, 0.1][Math.floor(random.uniform() * 3)]! : 0.05))
      const refinedIndex: number[] = []
      const tested: RefinableP[] = final.map((p, i) => {
        if (random.uniform() < 0.5) return { p, alpha: alphas[i]! }
        const lowerP = p * random.uniform() ** 2
        // the p shown unrefined: any value at least the lower bound (above or below the refined one)
        const shown = lowerP + random.uniform() * (1 - lowerP)
        return { p: shown, alpha: alphas[i]!, deferred: { lowerP, refine: () => (refinedIndex.push(i), p) } }
      })
      const familySize = m + Math.floor(random.uniform() * 5)
      const got = refinedHolm(tested, familySize, holm)
      const expected = holm ? holmRejections(final, alphas, familySize).rejected : final.map((p, i) => p < alphas[i]!)
      expect(got.rejected).toEqual(expected)
      const lowerRejected = holm ? holmRejections(tested.map((t) => t.deferred?.lowerP ?? t.p), alphas, familySize).rejected : tested.map((t, i) => (t.deferred?.lowerP ?? t.p) < alphas[i]!)
      expect(refinedIndex).toEqual(tested.flatMap((t, i) => (t.deferred && lowerRejected[i] ? [i] : [])))
      // the p decided on: refined where refined, as shown elsewhere
      tested.forEach((t, i) => expect(got.p[i]).toBe(refinedIndex.includes(i) ? final[i] : t.p))
      if (refinedIndex.length > 0) refinedSome++
      if (tested.some((t, i) => t.deferred && !refinedIndex.includes(i))) leftSome++
    }
    // both cases occur often
    expect(refinedSome).toBeGreaterThan(1000)
    expect(leftSome).toBeGreaterThan(1000)
  })
})
