#!/usr/bin/env node
/**
 * Issue 8: the engine's MSE and r2_score intervals (`regressorScope`, as `run.mjs` measures them:
 * `studentized-tail-upper` and `studentized-tail-upper-ratio` from 100 to 20,000 rows) against
 * the error law's own values, with fresh rows drawn from the law in every sample (x ~ N(0, 1),
 * target 10 + 2x + e, prediction 10 + 2x, as simulation.ts draws its populations), beside the
 * same intervals against a finite 200,000-row population's values (rows drawn with replacement,
 * as run.mjs draws them). The difference between the two is what the finite population's missing
 * far tail does: past its largest row the population has no mass, where the tail bound
 * extrapolates a Pareto tail.
 *
 * The law's values: MSE = E[e²] = m (t(ν): ν/(ν − 2); the centred log-normal: its variance);
 * r2 = 1 − m / Var(target) = 1 − m / (4 + m).
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/engine-superpopulation.mjs --n 800,5000 --trials 1000 --laws t3,lognormal --seed-offset 40000
 */
import { ERROR_LAWS, regressorColumns } from './.tmp/dist/bench/coverage/simulation.js'
import { scopeContext } from './.tmp/dist/src/evaluate/scope-context.js'
import { EVALUATE_DEFAULTS } from './.tmp/dist/src/evaluate/options.js'
import { regressorScope } from './.tmp/dist/src/model-types/regressor/regressor-scope.js'
import { createRandom } from './.tmp/dist/src/stats/index.js'
import { lawCellOptions, loadAverage, percent, shareStandardError } from './options.mjs'

const { sizes, trials, laws, seedOffset } = lawCellOptions()
const POPULATION_ROWS = 200_000
const METRICS = ['mean_squared_error', 'r2_score']
const s2 = 0.75 ** 2
/** E[e²] of each law: t(ν) has ν/(ν − 2); the centred log-normal exp(0.75 Z) − E its variance. */
const LAW_MSE = { normal: 1, t5: 5 / 3, t3: 3, lognormal: Math.exp(s2) * (Math.exp(s2) - 1) }

/** Tallies per metric over `trials` samples; `sample(t)` gives the trial's core and rows (null: all of the core). */
function tallyCell(sample, truth) {
  const tallies = Object.fromEntries(METRICS.map((m) => [m, { reported: 0, covered: 0, below: 0, above: 0 }]))
  for (let t = 0; t < trials; t++) {
    const { core, rows } = sample()
    const config = { level: EVALUATE_DEFAULTS.level, seed: seedOffset + t, resamples: EVALUATE_DEFAULTS.resamples, rowResamples: EVALUATE_DEFAULTS.rowResamples }
    const { intervals } = regressorScope(core, rows, scopeContext(config, false))
    for (const metric of METRICS) {
      const interval = intervals[metric]
      if (interval === undefined) continue
      const c = tallies[metric]
      c.reported++
      if (interval.upper < truth[metric]) c.below++
      else if (interval.lower > truth[metric]) c.above++
      else c.covered++
    }
  }
  return tallies
}

const line = (label, truth, c) =>
  `${label.padEnd(44)} ${truth.toFixed(4)} ${percent(1 - c.reported / trials)} ${percent(c.covered / c.reported)} ${percent(shareStandardError(c.covered, c.reported))} ${percent(c.below / c.reported)} ${percent(c.above / c.reported)}`

console.log(`# The engine's MSE and r2 intervals against the law's values and a finite population's, ${trials} trials per cell, seed offset ${seedOffset}, ${new Date().toISOString()}, load average ${loadAverage()}`)
console.log('cell                                         truth    none  cover   SE  below  above')
for (const law of laws) {
  const population = regressorColumns(law)
  // The population's values, as simulation.ts's regressorPopulation computes them (every row).
  const populationTruth = regressorScope(population, null, scopeContext(null, false)).metrics
  const m = LAW_MSE[law]
  const lawTruth = { mean_squared_error: m, r2_score: 1 - m / (4 + m) }
  for (const n of sizes) {
    const lawRandom = createRandom(30_261_202 + seedOffset + n)
    const core = { targetValues: new Float64Array(n), predictedValues: new Float64Array(n) }
    const fromLaw = tallyCell(() => {
      for (let i = 0; i < n; i++) {
        core.predictedValues[i] = 10 + 2 * lawRandom.normal()
        core.targetValues[i] = core.predictedValues[i] + ERROR_LAWS[law].draw(lawRandom)
      }
      return { core, rows: null }
    }, lawTruth)
    const rowRandom = createRandom(20_261_202 + seedOffset)
    const rows = new Int32Array(n)
    const fromPopulation = tallyCell(() => {
      for (let i = 0; i < n; i++) rows[i] = Math.floor(rowRandom.uniform() * POPULATION_ROWS)
      return { core: population, rows }
    }, populationTruth)
    for (const metric of METRICS) {
      console.log(line(`${law}, n = ${n}, ${metric === 'r2_score' ? 'r2' : 'MSE'}, law`, lawTruth[metric], fromLaw[metric]))
      console.log(line(`${law}, n = ${n}, ${metric === 'r2_score' ? 'r2' : 'MSE'}, 200,000-row population`, populationTruth[metric], fromPopulation[metric]))
    }
  }
}
