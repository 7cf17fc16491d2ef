#!/usr/bin/env node
/**
 * Issue 8, prototype: r2_score's interval built from the MSE's own interval (the engine's
 * `studentized-tail-upper`: the bootstrap-t's lower end, the larger of its upper end and the tail
 * bound) and the explained part C's normal interval, combined on the log of A/C by MOVER (Zou and
 * Donner 2008: each end of a difference from the two parts' own ends), against the engine's
 * `peng-tail-ratio` (Peng's symmetric standard error for A). r2 = C / (A + C) as r2TailInterval
 * defines it. Same populations (simulation.ts) and trial rows (seed 20,261,202 + offset) as run.mjs;
 * the MSE's interval is the engine's (regressorScope, the same seeds as run.mjs).
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/r2-mover-run.mjs --n 100,800,5000 --trials 1000 --seed-offset 9000
 */
import { populationR2, record, tally } from './.tmp/dist/bench/coverage/r2-tail.js'
import { regressorColumns } from './.tmp/dist/bench/coverage/simulation.js'
import { regressorScope } from './.tmp/dist/src/model-types/regressor/regressor-scope.js'
import { scopeContext } from './.tmp/dist/src/evaluate/scope-context.js'
import { EVALUATE_DEFAULTS } from './.tmp/dist/src/evaluate/options.js'
import { createRandom, normalQuantile } from './.tmp/dist/src/stats/index.js'
import { lawCellOptions, loadAverage, printTallies } from './options.mjs'

const { sizes, trials, laws, seedOffset } = lawCellOptions()
const POPULATION_ROWS = 200_000

/** MOVER on log(A/C): A's interval as given, C's normal; r2 = 1 / (1 + A/C). */
function moverRatio(yTrue, yPred, mse, level) {
  const n = yTrue.length
  const z = normalQuantile(0.5 + level / 2)
  let meanY = 0
  for (let i = 0; i < n; i++) meanY += yTrue[i]
  meanY /= n
  let a = 0
  let c = 0
  const explained = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i]
    const d = yTrue[i] - meanY
    explained[i] = d * d - e * e
    c += explained[i]
    a += e * e
  }
  a /= n
  c /= n
  let cv = 0
  for (let i = 0; i < n; i++) cv += (explained[i] - c) ** 2
  const cse = Math.sqrt(cv / (n - 1) / n)
  if (!(c > 0) || !(mse.lower > 0)) return undefined
  const la = Math.log(a)
  const lc = Math.log(c)
  const cHalf = (z * cse) / c
  const low = la - lc - Math.hypot(la - Math.log(mse.lower), cHalf)
  const high = la - lc + Math.hypot(Math.log(mse.upper) - la, cHalf)
  const r2 = (x) => 1 / (1 + Math.exp(x))
  return { lower: r2(high), upper: r2(low) }
}

console.log('cell                       truth    method   none  cover   SE  below above  width(median)')
for (const law of laws) {
  const core = regressorColumns(law)
  const truth = populationR2(core.targetValues, core.predictedValues)
  for (const n of sizes) {
    const tallies = { engine: tally(), mover: tally() }
    const random = createRandom(20_261_202 + seedOffset)
    const rows = new Int32Array(n)
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < n; i++) rows[i] = Math.floor(random.uniform() * POPULATION_ROWS)
      const config = { level: EVALUATE_DEFAULTS.level, seed: seedOffset + t, resamples: EVALUATE_DEFAULTS.resamples, rowResamples: EVALUATE_DEFAULTS.rowResamples }
      const { intervals } = regressorScope(core, rows, scopeContext(config, false))
      const yTrue = Float64Array.from(rows, (r) => core.targetValues[r])
      const yPred = Float64Array.from(rows, (r) => core.predictedValues[r])
      const mse = intervals.mean_squared_error
      const got = { engine: intervals.r2_score, mover: mse === undefined ? undefined : moverRatio(yTrue, yPred, mse, config.level) }
      for (const [name, b] of Object.entries(got)) record(tallies[name], truth, b)
    }
    printTallies(`${law} n=${n}`, truth, tallies)
  }
}
console.log(`# ${trials} trials per cell, seed offset ${seedOffset}, load average ${loadAverage()}, ${new Date().toISOString()}`)

