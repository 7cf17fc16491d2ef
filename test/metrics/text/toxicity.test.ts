import { describe, expect, it } from 'vitest'
import { toxicityAggregates } from '../../../src/metrics/text/index.js'
import { loadTextFixture } from './text-fixtures.js'

interface Case {
  scores: number[]
  mean: number
  variance: number
  p90: number
  ratio: number
}
const cases = loadTextFixture<{ cases: Case[] }>('toxicity.json').cases

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)))
}

describe("MLflow's toxicity/v1 aggregates", () => {
  it('mean, population variance, linear p90 and the share scoring >= 0.5 equal NumPy on the fixture', () => {
    expect(cases.length).toBe(6)
    for (const c of cases) {
      const got = toxicityAggregates(Float64Array.from(c.scores))
      close(got.mean, c.mean)
      close(got.variance, c.variance)
      close(got.p90, c.p90)
      expect(got.ratio).toBe(c.ratio)
    }
  })

  it('a score of exactly 0.5 is toxic; just under is not', () => {
    expect(toxicityAggregates([0.5, 0.4999999999, 0, 1]).ratio).toBe(0.5)
    expect(toxicityAggregates([0.1, 0.9, 0.5, 0.2])).toEqual({ mean: 0.425, variance: 0.09687499999999999, p90: 0.78, ratio: 0.5 }) // NumPy's values
  })

  it('no rows give NaN for every aggregate', () => {
    const got = toxicityAggregates([])
    expect([got.mean, got.variance, got.p90, got.ratio].every(Number.isNaN)).toBe(true)
  })

  it('a score outside [0, 1] or not a number is an error naming the row and the value', () => {
    expect(() => toxicityAggregates([0.2, 1.5])).toThrow(/toxicity score of row 1 is 1\.5: a toxicity scorer must return a number from 0 to 1/)
    expect(() => toxicityAggregates([-0.1])).toThrow(/row 0 is -0\.1/)
    expect(() => toxicityAggregates([0.3, 0.4, Number.NaN])).toThrow(/row 2 is NaN/)
    expect(() => toxicityAggregates([0.3, '0.4' as unknown as number])).toThrow(/row 1 is "0\.4" \(string\)/)
    expect(() => toxicityAggregates([null as unknown as number])).toThrow(/row 0 is null \(object\)/)
  })
})
