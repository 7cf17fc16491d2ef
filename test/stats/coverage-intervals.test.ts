/**
 * Coverage of the intervals evaluate() reports, by seeded simulation (quick version of
 * `npm run bench:coverage`, whose full tables are quoted in bench/coverage/README.md): trials
 * of n rows drawn from finite populations with known metric values (bench/coverage/simulation.ts),
 * each interval built by the engine's own scope functions.
 *
 * Bands: with T trials a correct 95% method's observed coverage has standard error
 * √(0.95·0.05/T) (1.38 points at T = 250, 1.54 at T = 200); the band is 95% ± 3 SE. Fewer resamples than a run's
 * defaults (300 instead of 2,000 and 1,000) and n = 100 keep this in seconds; the bench uses the
 * defaults at n = 100, 800 and 5,000. About 30 s of CPU in all; the timeouts allow for a loaded
 * machine.
 */
const SIMULATION_TIMEOUT = 240_000
import { describe, expect, it } from 'vitest'
import { binaryClassifierPopulation, multiclassPopulation, regressorPopulation, simulateCoverage } from '../../bench/coverage/simulation.js'
import type { MetricCoverage } from '../../bench/coverage/simulation.js'
import { regressorScope } from '../../src/model-types/regressor/regressor-scope.js'
import { scopeContext } from '../../src/evaluate/scope-context.js'
import { createRandom, meanInterval, studentizedMeanIntervals } from '../../src/stats/index.js'

const NOMINAL = 0.95

/** `maxWithheld`: the share of trials in which a metric may have no interval (the heavy-tail rule, src/stats/heavy-tail-check.ts). */
function expectInBand(results: MetricCoverage[], expectedMethods: Record<string, string>, maxWithheld = 0): void {
  const seen = new Set<string>()
  for (const c of results) {
    if (c.trials === 0) continue
    seen.add(c.metric)
    const se = Math.sqrt((NOMINAL * (1 - NOMINAL)) / c.trials)
    const coverage = c.covered / c.trials
    const text = `${c.metric} (${c.method}): coverage ${coverage.toFixed(3)} over ${c.trials} trials, band ${(NOMINAL - 3 * se).toFixed(3)}–${(NOMINAL + 3 * se).toFixed(3)}`
    expect(coverage, text).toBeGreaterThanOrEqual(NOMINAL - 3 * se)
    expect(coverage, text).toBeLessThanOrEqual(NOMINAL + 3 * se)
    expect(c.missing / (c.trials + c.missing), `${c.metric}: share of trials without an interval`).toBeLessThanOrEqual(maxWithheld)
    if (expectedMethods[c.metric] !== undefined) expect(c.method, c.metric).toBe(expectedMethods[c.metric])
  }
  for (const metric of Object.keys(expectedMethods)) expect(seen, `${metric} has an interval`).toContain(metric)
}

describe('coverage of the intervals a run reports (seeded simulation)', () => {
  it('binary classifier at n = 100: count metrics, roc_auc, precision_recall_auc (BCa), log_loss and brier (bootstrap-t), a custom metric (BCa)', () => {
    const results = simulateCoverage(binaryClassifierPopulation(), 100, 200, { rowResamples: 300, resamples: 300 })
    expectInBand(results, {
      accuracy_score: 'multinomial-bootstrap-bca',
      f1_score: 'multinomial-bootstrap-bca',
      roc_auc: 'delong',
      precision_recall_auc: 'poisson-bootstrap-bca',
      log_loss: 'studentized-bootstrap',
      brier_score_loss: 'studentized-bootstrap',
      f2_positive: 'poisson-bootstrap-bca',
    })
  }, SIMULATION_TIMEOUT)

  it('three-class classifier at n = 100, macro averages and one-vs-rest roc_auc', () => {
    const results = simulateCoverage(multiclassPopulation('macro'), 100, 250, { rowResamples: 300, resamples: 300 })
    expectInBand(results, { precision_score: 'multinomial-bootstrap-bca', recall_score: 'multinomial-bootstrap-bca', f1_score: 'multinomial-bootstrap-bca', roc_auc: 'delong', log_loss: 'studentized-bootstrap' })
  }, SIMULATION_TIMEOUT)

  it('regressor with normal errors at n = 100: MAE, MAPE, mean_on_target (bootstrap-t), MSE, RMSE (bootstrap-t with the tail upper bound), r2 (from the MSE\'s interval, studentized-tail-upper-ratio), withheld by the heavy-tail rule in at most 6% of trials; max_error has none', () => {
    const population = regressorPopulation('normal')
    const results = simulateCoverage(population, 100, 250, { rowResamples: 300 })
    expectInBand(results, {
      mean_absolute_error: 'studentized-bootstrap',
      mean_squared_error: 'studentized-tail-upper',
      root_mean_squared_error: 'studentized-tail-upper-sqrt',
      mean_absolute_percentage_error: 'studentized-bootstrap',
      mean_on_target: 'studentized-bootstrap',
      r2_score: 'studentized-tail-upper-ratio',
    }, 0.06)
    // The heavy-tail rule fires on a few samples of squared normal errors at n = 100 (measured: 3%).
    expect(results.find((c) => c.metric === 'max_error')?.trials).toBe(0)
  }, SIMULATION_TIMEOUT)

  it('squared errors of Student t(3) errors (infinite-variance terms) at n = 100: the tail upper bound lifts MSE coverage from the bootstrap-t’s 83% to about 94%', () => {
    // bench/coverage/README.md ("Squared errors: the bootstrap-t's lower end, the larger upper
    // end"): 1,000 trials with 2,000 resamples gave 94.3% (21.6% without an interval: Hill's
    // index at most 1); the bootstrap-t alone 83.3%. Here 250 trials, 300 resamples.
    const results = simulateCoverage(regressorPopulation('t3'), 100, 250, { rowResamples: 300, seedOffset: 4242 })
    const mse = results.find((c) => c.metric === 'mean_squared_error')
    expect(mse?.method).toBe('studentized-tail-upper')
    const coverage = (mse?.covered ?? 0) / (mse?.trials ?? 1)
    expect(coverage, `MSE coverage ${coverage.toFixed(3)} over ${mse?.trials} trials`).toBeGreaterThanOrEqual(0.9)
    expect((mse?.missing ?? 0) / 250).toBeLessThanOrEqual(0.3)
    const rmse = results.find((c) => c.metric === 'root_mean_squared_error')
    expect(rmse?.covered).toBe(mse?.covered)
  }, SIMULATION_TIMEOUT)

  it('squared errors of a skewed (log-normal) regressor at n = 100: bootstrap-t covers far more often than mean ± z·se', () => {
    // Normal intervals on squared errors were measured at 65–90% (issue 8); the studentized
    // bootstrap follows the skew. Errors exp(0.75 Z) - E[exp(0.75 Z)]; truth: the population MSE.
    const random = createRandom(808)
    const population = Float64Array.from({ length: 100_000 }, () => (Math.exp(0.75 * random.normal()) - Math.exp(0.75 ** 2 / 2)) ** 2)
    const truth = population.reduce((s, x) => s + x, 0) / population.length
    const trials = 200
    const n = 100
    let studentized = 0
    let normal = 0
    for (let t = 0; t < trials; t++) {
      const values = Float64Array.from({ length: n }, () => population[Math.floor(random.uniform() * population.length)])
      const [bounds] = studentizedMeanIntervals([values], NOMINAL, { resamples: 500, random: createRandom(t) })
      if (bounds.lower <= truth && truth <= bounds.upper) studentized++
      const mean = values.reduce((s, x) => s + x, 0) / n
      const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)
      const z = meanInterval(n, mean, variance, NOMINAL)
      if (z.lower <= truth && truth <= z.upper) normal++
    }
    // Measured with these seeds: about 0.89 against 0.76.
    expect(studentized / trials).toBeGreaterThan(normal / trials + 0.08)
    expect(studentized / trials).toBeGreaterThan(0.85)
  }, SIMULATION_TIMEOUT)

  it('max_error gets no interval, and the run says why', () => {
    const y = Float64Array.from({ length: 50 }, (_, i) => i)
    const scope = regressorScope({ targetValues: y, predictedValues: Float64Array.from(y, (v, i) => v + ((i * 7) % 5) - 2) }, null, scopeContext({ level: 0.95, seed: 0, resamples: 100, rowResamples: 100 }, false))
    expect(scope.metrics.max_error).toBe(2)
    expect(scope.intervals.max_error).toBeUndefined()
    expect(scope.notes.join('\n')).toContain('max_error has no interval: a sample maximum gives no consistent interval for the population maximum')
  })
})
