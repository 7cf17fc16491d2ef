#!/usr/bin/env node
/**
 * Full gate-level simulation of the baseline gate (see gate-scenarios.mjs for the population and
 * the models): the whole gate's failure rate under re-training noise, and its power against
 * 5- and 3-point accuracy drops, at 800 rows, with standard errors. Seeded: the same output on
 * every run. Needs `npm run build` (reads dist/).
 *
 *   npm run build && node bench/gate/gate-simulation.mjs [--null 1000] [--power 500]
 */
import { createBaselineEntry, compareWithBaseline } from '../../dist/baselines/index.js'
import { evaluate } from '../../dist/evaluate/index.js'
import { createRandom } from '../../dist/stats/index.js'
import { gateRate, retrainFailures, NOISE, SIGNAL } from './gate-scenarios.mjs'

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at < 0 ? fallback : Number(process.argv[at + 1])
}
const labelsOnly = process.argv.includes('--labels-only')
const nullTrials = argument('--null', 1000)
const powerTrials = argument('--power', 500)
const api = { evaluate, createBaselineEntry, compareWithBaseline, createRandom }
const pct = (x) => `${(100 * x).toFixed(2)}%`

console.log(`population: 3 labels, 4 category slices, logit signal ${SIGNAL}, model noise ${NOISE}; default gate (headline metrics overall and per slice, alpha 0.05, Holm over distinct hypotheses); ${labelsOnly ? 'the models hand over predicted labels only (no probabilities)' : 'the models hand over probabilities'}`)
const started = Date.now()
const rows = [
  ['re-training noise (null)', await gateRate(api, { n: 800, trials: nullTrials, firstSeed: 100_000, labelsOnly }), 'at most 2%'],
  ['5-point accuracy drop', await gateRate(api, { n: 800, drop: 0.05, trials: powerTrials, firstSeed: 200_000, labelsOnly }), 'at least 99%'],
  ['3-point accuracy drop', await gateRate(api, { n: 800, drop: 0.03, trials: powerTrials, firstSeed: 300_000, labelsOnly }), 'at least 80%'],
]
for (const [name, r, target] of rows) {
  console.log(`${name.padEnd(26)} n=${r.n} trials=${r.trials}: gate fails ${pct(r.rate)} (SE ${pct(r.se)}; target ${target}); accuracy row fails ${pct(r.accuracyRowRate)}; rows moved ${pct(r.meanMoved)}, baseline accuracy ${r.meanAccuracy.toFixed(3)}`)
  if (r.drop === 0 && r.failed > 0) console.log(`  failing rows under the null: ${JSON.stringify(r.failingMetrics)}`)
}
if (labelsOnly) {
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`)
  process.exit(0)
}
let retrainTotal = 0
const groups = 20
for (let g = 0; g < groups; g++) retrainTotal += await retrainFailures(api, { n: 1000, seed: 400_000 + g, retrains: 20 })
console.log(`20 re-trains of an unchanged model (1,000 rows), ${groups} groups: ${(retrainTotal / groups).toFixed(2)} failures per 20 on average (target at most 1)`)
console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`)
