/**
 * Squared errors on a lattice (integer targets and predictions: ratings, counts) tie at the top.
 * Before, Hill's index over the tied largest terms was infinite, Peng's estimate NaN, and MSE,
 * RMSE and r2 had no interval, with a note about "a tail whose mean looks infinite". Mostly exact
 * predictions (at most k errors above 0) had the same. Coverage on such laws:
 * bench/coverage/README.md, "Squared errors on a lattice".
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'

/** n rows of ratings 1-5 and predictions off by 0 (60%), +1 (20%), -1 (15%) or +2 (5%). */
function ratings(n: number, seed: number): Array<{ t: number; p: number }> {
  const random = createRandom(seed)
  return Array.from({ length: n }, () => {
    const t = 1 + Math.floor(random.uniform() * 5)
    const u = random.uniform()
    return { t, p: u < 0.6 ? t : u < 0.8 ? t + 1 : u < 0.95 ? t - 1 : t + 2 }
  })
}

describe('squared errors of integer targets and predictions', () => {
  test('get MSE, RMSE and r2 intervals, with no note about an infinite tail', async () => {
    const run = await evaluate({ data: ratings(800, 7), targets: 't', predictions: 'p', modelType: 'regressor' })
    const mse = run.intervals.mean_squared_error
    expect(mse?.method).toBe('studentized-tail-upper')
    expect(mse!.lower).toBeLessThan(run.metrics.mean_squared_error)
    // a light tail: the upper end stays near the value (the tied 4s over a threshold of 1 read as index ~1.2 unspread)
    expect(mse!.upper).toBeLessThan(1.6 * run.metrics.mean_squared_error)
    expect(run.intervals.root_mean_squared_error).toBeDefined()
    expect(run.intervals.r2_score).toBeDefined()
    expect(run.notes.join('\n')).not.toContain('Hill')
  })

  test('mostly exact predictions (at most k errors above 0) get the bootstrap-t interval and a note saying why', async () => {
    const rows = ratings(800, 7).map((row, i) => ({ ...row, p: i % 50 === 0 ? row.t + 3 : row.t }))
    const run = await evaluate({ data: rows, targets: 't', predictions: 'p', modelType: 'regressor' })
    expect(run.intervals.mean_squared_error?.method).toBe('studentized-bootstrap')
    expect(run.intervals.r2_score?.method).toBe('studentized-bootstrap-ratio')
    expect(run.notes).toContain(
      "mean_squared_error's interval is the bootstrap-t's alone: only 16 of its 800 per-example terms are above 0, too few to fit a tail above the largest 28 (the others are exactly 0), so its upper end does not extrapolate one",
    )
  })

  test('fewer than 10 errors above 0: no interval (the bootstrap-t bounds ran to 10⁷), and a note saying why', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ t: 10 + i / 10, p: 10 + i / 10 + (i < 3 ? [3.1, 5.2, 0.4][i] : 0) }))
    const run = await evaluate({ data: rows, targets: 't', predictions: 'p', modelType: 'regressor' })
    expect(run.intervals.mean_absolute_error).toBeUndefined()
    expect(run.intervals.mean_squared_error).toBeUndefined()
    expect(run.intervals.r2_score).toBeUndefined()
    expect(run.notes).toContain(
      'mean_squared_error has no interval (nor root_mean_squared_error or r2_score, which follow from it): only 3 of its 100 per-example terms are above 0 (the others are exactly 0), too few for an interval of their mean (at least 10)',
    )
  })

  test('mostly exact predictions at 5,000 rows: the tail is fitted among the errors above 0, not reaching into the small ones (was: no interval, "a tail whose mean looks infinite")', async () => {
    const random = createRandom(3)
    const rows = Array.from({ length: 5000 }, (_, i) => ({ t: 10 + (i % 97), p: 10 + (i % 97) + (random.uniform() < 0.02 ? 3 * random.normal() : 0) }))
    const run = await evaluate({ data: rows, targets: 't', predictions: 'p', modelType: 'regressor' })
    const mse = run.intervals.mean_squared_error
    expect(mse?.method).toBe('studentized-tail-upper')
    expect(mse!.upper).toBeLessThan(2 * run.metrics.mean_squared_error)
    expect(run.intervals.r2_score).toBeDefined()
    expect(run.notes.join('\n')).not.toContain('infinite')
  })
})
