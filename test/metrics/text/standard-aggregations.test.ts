/** MLflow's standard_aggregations against numpy 1.24 (np.mean, np.var, np.percentile(_, 90)). */
import { describe, expect, test } from 'vitest'
import { standardAggregations } from '../../../src/metrics/text/index.js'
import { expectClose } from '../expect-close.js'
import { loadTextFixture } from './text-fixtures.js'

interface AggregateCase { scores: number[]; mean: number; variance: number; p90: number }
const fixture = loadTextFixture<{ numpy_version: string; cases: AggregateCase[] }>('aggregates.json')

describe(`standardAggregations equals numpy ${fixture.numpy_version}`, () => {
  fixture.cases.forEach((c, i) => {
    test(`case ${i}: ${c.scores.length} scores`, () => {
      const got = standardAggregations(Float64Array.from(c.scores))
      expectClose(got.mean, c.mean, 'mean')
      expectClose(got.variance, c.variance, 'variance')
      expectClose(got.p90, c.p90, 'p90')
    })
  })
  test('population variance and linear p90 by hand', () => {
    // sample variance would be 1.666..., nearest-rank p90 would be 4
    expect(standardAggregations([1, 2, 3, 4])).toEqual({ mean: 2.5, variance: 1.25, p90: expect.closeTo(3.7, 12) })
  })
  test('order does not matter; no scores give NaN', () => {
    expect(standardAggregations([4, 1, 3, 2]).p90).toBeCloseTo(3.7, 12)
    const empty = standardAggregations([])
    expect(empty.mean).toBeNaN()
    expect(empty.p90).toBeNaN()
  })
})
