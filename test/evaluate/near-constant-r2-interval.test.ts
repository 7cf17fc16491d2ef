/**
 * r2's row bootstrap on targets that are all one number but for a row: a resample without that
 * row has constant targets, whose r2 is 0 (1 for exact predictions) as the point estimate's, not
 * 1 - residual / (a spread of rounding noise) (adversarial pass 58: a lower bound of -4.6e16).
 */
import { expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'

test('50 rows of y = 0.1 but one 0.3: the r2 interval is finite and holds the value', async () => {
  const data = Array.from({ length: 50 }, (_, i) => ({ y: i === 7 ? 0.3 : 0.1, p: 0.1 + ((i % 5) - 2) * 0.01 }))
  const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'regressor', intervals: { seed: 1 } })
  const r2 = run.metrics.r2_score!
  const interval = run.intervals.r2_score!
  expect(interval.lower).toBeGreaterThan(-10)
  expect(interval.lower).toBeLessThanOrEqual(r2)
  expect(interval.upper).toBeGreaterThanOrEqual(r2)
})

// Adversarial pass 68, F8: every target 3.7: r2 0 (scikit-learn's force_finite) with a bootstrap
// interval [0, 0], presented as a measurement known exactly.
test('targets all one number: r2_score keeps its convention value, with no interval and a note saying why', async () => {
  const data = Array.from({ length: 500 }, (_, i) => ({ y: 3.7, p: 3.7 + ((i % 7) - 3) * 0.03 }))
  const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'regressor', intervals: { seed: 1 } })
  expect(run.metrics.r2_score).toBe(0)
  expect(run.intervals.r2_score).toBeUndefined()
  expect(run.notes).toContain(
    'r2_score has no interval on these 500 examples: the targets are all 3.7, so there is no spread to explain and r2_score is undefined; its 0 is scikit-learn\'s convention (force_finite: 1 for exact predictions, else 0), not a measurement',
  )
  // the other metrics keep theirs
  expect(run.intervals.mean_absolute_error).toBeDefined()
})
