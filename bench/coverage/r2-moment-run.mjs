#!/usr/bin/env node
/**
 * Issue 8 (branch cov8), prototype: r2_score's `peng-tail-ratio` (r2TailInterval, src/stats) against
 * the same ratio with the squared errors' mean A from the moment estimator's tail index
 * (moment-tail.mjs) in place of Hill's, on every trial (the engine's method from 100 to 20,000
 * rows). Same population (simulation.ts) and rows (seed 20,261,202 + offset) as run.mjs. No
 * bootstrap, so seconds per cell.
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/r2-moment-run.mjs --n 800,5000 --trials 1000 --seed-offset 9000
 */
import { momentTailMean } from './moment-tail.mjs'
import { populationR2, record, tally } from './.tmp/dist/bench/coverage/r2-tail.js'
import { regressorColumns } from './.tmp/dist/bench/coverage/simulation.js'
import { createRandom, normalQuantile, pengTailSize } from './.tmp/dist/src/stats/index.js'
import { r2TailInterval } from './.tmp/dist/src/stats/r2-tail-interval.js'
import { lawCellOptions, loadAverage, printTallies } from './options.mjs'

const { sizes, trials, laws, seedOffset } = lawCellOptions()
const POPULATION_ROWS = 200_000
const LEVEL = 0.95

/** r2 = C/(A + C) by the delta method on log(A/C), A from the moment estimator (as r2TailInterval, Hill's α̂ replaced). */
function momentRatio(yTrue, yPred, level) {
  const n = yTrue.length
  const z = normalQuantile(0.5 + level / 2)
  let meanY = 0
  for (let i = 0; i < n; i++) meanY += yTrue[i]
  meanY /= n
  const squared = new Float64Array(n)
  const explained = new Float64Array(n)
  let c = 0
  let a = 0
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i]
    const d = yTrue[i] - meanY
    squared[i] = e * e
    explained[i] = d * d - e * e
    c += explained[i] / n
    a += squared[i] / n
  }
  let cv = 0
  let av = 0
  for (let i = 0; i < n; i++) {
    cv += (explained[i] - c) ** 2
    av += (squared[i] - a) ** 2
  }
  cv /= (n - 1) * n
  av /= (n - 1) * n
  const m = momentTailMean(squared, pengTailSize(n))
  if (!Number.isFinite(m.estimate) || !(c > 0)) return undefined
  if (m.gamma >= 0.5) {
    a = m.estimate
    av = m.standardError ** 2
  }
  const logRatio = Math.log(a / c)
  const half = z * Math.sqrt(av / (a * a) + cv / (c * c))
  const r2 = (x) => 1 / (1 + Math.exp(x))
  return { lower: r2(logRatio + half), upper: r2(logRatio - half) }
}

const candidates = {
  engine: (yTrue, yPred) => r2TailInterval(yTrue, yPred, LEVEL),
  moment: (yTrue, yPred) => momentRatio(yTrue, yPred, LEVEL),
}

console.log('cell                       truth    method   none  cover   SE  below above  width(median)')
for (const law of laws) {
  const { targetValues: target, predictedValues: predicted } = regressorColumns(law)
  const truth = populationR2(target, predicted)
  for (const n of sizes) {
    const tallies = Object.fromEntries(Object.keys(candidates).map((m) => [m, tally()]))
    const rows = createRandom(20_261_202 + seedOffset)
    const yTrue = new Float64Array(n)
    const yPred = new Float64Array(n)
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < n; i++) {
        const r = Math.floor(rows.uniform() * POPULATION_ROWS)
        yTrue[i] = target[r]
        yPred[i] = predicted[r]
      }
      for (const [name, method] of Object.entries(candidates)) record(tallies[name], truth, method(yTrue, yPred))
    }
    printTallies(`${law} n=${n}`, truth, tallies)
  }
}
console.log(`# ${trials} trials per cell, seed offset ${seedOffset}, load average ${loadAverage()}, ${new Date().toISOString()}`)
