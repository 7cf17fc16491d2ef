#!/usr/bin/env node
/**
 * `evalgate compare` on two runs of the same rows, read back as the CLI reads them (run.json and
 * outputs.json through JSON): how often it calls any change clear between two exchangeable
 * re-trains of one model (its family-wise error, at 0.05 two-sided with Holm over the run's
 * family), and how often it calls a real change clear: a 3-point accuracy drop (gate-scenarios'
 * `dropRows`), and log loss raised with the labels and ranking unchanged (a binary model's logits
 * x2.75, as `unchanged-labels-simulation.mjs` builds it). 3-class rows in 4 category slices (800
 * rows) and a binary model in 4 region slices (1,000 rows). With --dist, another build's.
 *
 *   npm run build && node bench/gate/compare-family-simulation.mjs [--trials 200] [--dist dist]
 */
import { parseArgs } from 'node:util'
import { dropRows, evaluateModel, modelProbabilities, population } from './gate-scenarios.mjs'

const { values: args } = parseArgs({ options: { trials: { type: 'string', default: '200' }, dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname } } })
const trials = Number(args.trials)
const dist = args.dist
const api = { ...(await import(`${dist}/evaluate/index.js`)), ...(await import(`${dist}/stats/index.js`)) }
const { compareRuns } = await import(`${dist}/compare/report/run-comparison.js`)
const { decodeRunOutputs, encodeRunOutputs } = await import(`${dist}/reporter/run-outputs.js`)

const fromDisk = (name, run) => ({ name, source: `${name}/run.json`, run: JSON.parse(JSON.stringify(run)), outputs: decodeRunOutputs(JSON.parse(JSON.stringify(encodeRunOutputs(run))), `${name}/outputs.json`) })
const compare = (a, b) => compareRuns([fromDisk('a', a), fromDisk('b', b)])
const clear = (report) => report.rows.filter((row) => row.changes[1]?.verdict === 'better' || row.changes[1]?.verdict === 'worse')
const verdictOf = (report, metric) => report.rows.find((row) => row.scope === 'overall' && row.metric === metric)?.changes[1]?.verdict

const counts = { nullAny: 0, dropAccuracy: 0, sharpenedLogLoss: 0, family: [0, 0, 0] }
const sigmoid = (z) => 1 / (1 + Math.exp(-z))
const started = Date.now()
for (let t = 0; t < trials; t++) {
  // exchangeable re-trains: two draws of the model's noise on one population
  let random = api.createRandom(700_000 + t)
  const pop = population(800, random)
  const a = modelProbabilities(pop, random)
  const b = modelProbabilities(pop, random)
  const nullReport = compare(await evaluateModel(api, pop, a), await evaluateModel(api, pop, b))
  if (clear(nullReport).length > 0) counts.nullAny++
  counts.family[0] += nullReport.testing[1].familySize
  // a 3-point accuracy drop
  const dropped = b.slice()
  dropRows(pop, dropped, Math.round(0.03 * pop.n), random)
  const dropReport = compare(await evaluateModel(api, pop, a), await evaluateModel(api, pop, dropped))
  if (verdictOf(dropReport, 'accuracy_score') === 'worse') counts.dropAccuracy++
  counts.family[1] += dropReport.testing[1].familySize
  // labels and ranking unchanged, log loss up about 10%
  random = api.createRandom(t + 1)
  const rows = Array.from({ length: 1000 }, (_, id) => {
    const y = random.uniform() < 0.3 ? 1 : 0
    const z = 2 * (y - 0.5) + Math.log(0.3 / 0.7) + random.normal()
    const baseline = z + 0.25 * random.normal()
    return { id, region: `r${id % 4}`, y, baseline: sigmoid(baseline), current: sigmoid(2.75 * baseline) }
  })
  const binary = (scores) => api.evaluate({ data: rows, targets: 'y', scores, modelType: 'classifier', inputColumns: ['id', 'region'], slices: ['region'], intervals: false })
  const sharpReport = compare(await binary('baseline'), await binary('current'))
  if (verdictOf(sharpReport, 'log_loss') === 'worse') counts.sharpenedLogLoss++
  counts.family[2] += sharpReport.testing[1].familySize
}
const share = (k) => `${k} of ${trials} (${((100 * k) / trials).toFixed(1)}%, SE ${((100 * Math.sqrt((k / trials) * (1 - k / trials))) / Math.sqrt(trials)).toFixed(1)})`
const family = (i) => (counts.family[i] / trials).toFixed(1)
console.log(`evalgate compare, ${trials} seeds (${((Date.now() - started) / 1000).toFixed(0)} s, ${dist})`)
console.log(`  re-trains (null), 800 rows, 4 slices: any change clear    ${share(counts.nullAny)}; mean family ${family(0)}`)
console.log(`  3-point accuracy drop: overall accuracy worse            ${share(counts.dropAccuracy)}; mean family ${family(1)}`)
console.log(`  logits x2.75, 1,000 rows, 4 slices: overall log_loss worse ${share(counts.sharpenedLogLoss)}; mean family ${family(2)}`)
