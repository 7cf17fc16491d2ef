/** Student's t quantile (src/stats/student-t-quantile.ts) against scipy's t.ppf. */
import { describe, expect, it } from 'vitest'
import { studentTQuantile, studentTSurvival } from '../../src/stats/index.js'

describe('studentTQuantile', () => {
  it('matches scipy.stats.t.ppf', () => {
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157162798205, 8)
    expect(studentTQuantile(0.975, 27)).toBeCloseTo(2.0518305164802846, 8)
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.7764451051977943, 8)
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.313751514675037, 8)
    expect(studentTQuantile(0.999, 70)).toBeCloseTo(3.210789060967832, 8)
    expect(studentTQuantile(0.5, 3)).toBe(0)
  })

  it('inverts the survival function', () => {
    for (const [p, df] of [[0.9, 2], [0.99, 15], [0.6, 100]]) expect(1 - studentTSurvival(studentTQuantile(p, df), df)).toBeCloseTo(p, 10)
  })

  it('rejects probabilities outside (0, 1) and non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(/strictly between 0 and 1/)
    expect(() => studentTQuantile(0.9, 0)).toThrow(/degrees of freedom/)
  })
})
