#!/usr/bin/env node
/**
 * The "carried by k rows" floor of the paired resampling test, measured on custom metrics,
 * against a peer build (`--peer-dist`, e.g. the build before the exchange rule) on the same seeds.
 * Seeded; each trial is one baseline and one current model on the same rows, compared by the
 * default gate with the custom metric tracked. Prints, per scenario and build, the share of trials
 * whose custom metric row failed, its standard error, and the trials on which the two builds
 * disagree.
 *
 * - `f1_tech null`, `f1_tech drop`: a 3-class classifier of 800 rows (bench/gate/gate-scenarios.mjs,
 *   about 3% of labels moving between re-trains), the custom F1 (weighted) of the
 *   technical_support rows; "drop": 12 of those rows it got right made wrong.
 * - `biz ratio null`: a regressor of 5,000 rows (the custom metric the only one tracked, intervals off), every prediction re-drawn (errors 0.97 e + 0.24 z),
 *   the MAE of 2 "business" rows over the overall MAE (adversarial pass 44, F4: the rule before
 *   counted every row as carrying it); only trials whose business rows got worse can fail.
 * - `subset ratio rise`: the same regressor, the MAE of a 250-row subset over the overall MAE,
 *   the subset's errors 1.3 times larger (a real rise carried by many rows, which must fail).
 * - `spread rise`, `uneven rise` (adversarial pass 45, F1 and F2; the custom metric alone
 *   tracked): the MAE of 250 rows whose errors are 1.3 times larger, one of them 60 further off;
 *   the MAE of 12 rows each 2 exp(1.3 z) further off. Both must fail.
 *
 *   npm run build && node bench/gate/carrying-rows-simulation.mjs --peer-dist /path/to/other/dist [--dist dist] [--trials 200] [--first-seed 1] [--scenario 'biz ratio']
 */
import { LABELS, makeTechSupportWrong, modelProbabilities, population, scenarioRecords, subsetMae, techSupportF1 } from './gate-scenarios.mjs'

const option = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at < 0 ? fallback : process.argv[at + 1]
}
const trials = Number(option('--trials', '200'))
const firstSeed = Number(option('--first-seed', '1'))
const only = option('--scenario', '')
const peer = option('--peer-dist', undefined)
const builds = [['this', option('--dist', new URL('../../dist', import.meta.url).pathname)], ...(peer ? [['peer', peer]] : [])]

async function load(dist) {
  const { evaluate, defineMetric } = await import(`${dist}/evaluate/index.js`)
  const { createBaselineEntry, compareWithBaseline } = await import(`${dist}/baselines/index.js`)
  const { createRandom } = await import(`${dist}/stats/index.js`)
  return { evaluate, defineMetric, createBaselineEntry, compareWithBaseline, createRandom }
}

/** Whether the gate failed the custom metric's row (overall); `only`: the custom metric is the one tracked. */
function customFailed(api, before, after, metric, only = false) {
  const tracked = only ? { metrics: [metric] } : undefined
  const verdict = api.compareWithBaseline(api.createBaselineEntry(before, tracked), after, tracked)
  return verdict.rows.some((row) => row.metric === metric && row.slice === undefined && row.verdict === 'fail')
}

async function classifierTrial(api, seed, drop) {
  const random = api.createRandom(seed)
  const pop = population(800, random)
  const baseline = modelProbabilities(pop, random)
  const current = modelProbabilities(pop, random)
  // make `drop` technical_support rows of class 0 it got right wrong
  makeTechSupportWrong(pop, current, drop)
  const metric = techSupportF1(api.defineMetric)
  const run = (proba) => api.evaluate({ data: scenarioRecords(pop, proba), targets: 'truth', modelType: 'classifier', labels: LABELS, probabilities: ['p_negative', 'p_neutral', 'p_positive'], inputColumns: ['id', 'category'], slices: ['category'], extraMetrics: [metric] })
  return customFailed(api, await run(baseline), await run(current), 'f1_tech')
}

/**
 * A real rise carried unevenly (adversarial pass 45): `spread`, the 250 rows of every 20th id
 * with errors x1.3 and one of them 60 further off; `uneven`, 12 rows each 2 exp(1.3 z) further off.
 */
async function unevenTrial(api, seed, kind) {
  const random = api.createRandom(seed)
  const n = 5000
  const rows = Array.from({ length: n }, (_, i) => ({ id: i, x: random.normal(), y: 0 }))
  for (const row of rows) row.y = 10 + 3 * row.x + 2 * random.normal()
  const e0 = rows.map(() => random.normal())
  const e1 = e0.map((e) => 0.97 * e + Math.sqrt(1 - 0.97 ** 2) * random.normal())
  const member = kind === 'spread' ? (i) => i % 20 === 0 : (i) => i % 400 === 7
  const worse = kind === 'spread' ? (i, e) => (i % 20 === 0 ? 1.3 * e + (i === 0 ? Math.sign(e) * 60 : 0) : e) : (i, e) => (i % 400 === 7 ? e + Math.sign(e) * 2 * Math.exp(1.3 * random.normal()) : e)
  const metric = subsetMae(api.defineMetric, 'subset_mae', member)
  const run = (errors) => api.evaluate({ data: rows.map((r, i) => ({ ...r, p: r.y + errors[i] })), targets: 'y', predictions: 'p', modelType: 'regressor', inputColumns: ['id', 'x'], extraMetrics: [metric], intervals: false })
  return customFailed(api, await run(e0), await run(e1.map((e, i) => worse(i, e))), 'subset_mae', true)
}

async function regressorTrial(api, seed, kind) {
  const random = api.createRandom(seed)
  const n = 5000
  const rows = Array.from({ length: n }, (_, i) => {
    const x = random.normal()
    const y = 10 + 3 * x + 2 * random.normal()
    return { id: i, x, y }
  })
  const e0 = rows.map(() => random.normal())
  const e1 = e0.map((e) => 0.97 * e + Math.sqrt(1 - 0.97 ** 2) * random.normal())
  const member = kind === 'null' ? (i) => i === 1234 || i === 3456 : (i) => i % 20 === 0
  const scale = kind === 'null' ? () => 1 : (i) => (i % 20 === 0 ? 1.3 : 1)
  const metric = subsetMae(api.defineMetric, 'biz_ratio', member, true)
  const run = (errors, factor) => api.evaluate({ data: rows.map((r, i) => ({ ...r, p: r.y + factor(i) * errors[i] })), targets: 'y', predictions: 'p', modelType: 'regressor', inputColumns: ['id', 'x'], extraMetrics: [metric], intervals: false })
  return customFailed(api, await run(e0, () => 1), await run(e1, scale), 'biz_ratio', true)
}

const scenarios = [
  ['f1_tech null (classifier, 800 rows)', (api, seed) => classifierTrial(api, seed, 0)],
  ['f1_tech drop of 12 rows (classifier, 800 rows)', (api, seed) => classifierTrial(api, seed, 12)],
  ['biz ratio null (regressor, 5,000 rows, 2 rows / overall MAE)', (api, seed) => regressorTrial(api, seed, 'null')],
  ['subset ratio rise x1.3 (regressor, 5,000 rows, 250 rows / overall MAE)', (api, seed) => regressorTrial(api, seed, 'rise')],
  ['spread rise x1.3 of 250 rows, one 60 further off (regressor, 5,000 rows)', (api, seed) => unevenTrial(api, seed, 'spread')],
  ['uneven rise of 12 rows (regressor, 5,000 rows)', (api, seed) => unevenTrial(api, seed, 'uneven')],
]

const apis = await Promise.all(builds.map(async ([name, dist]) => [name, await load(dist)]))
console.log(`carrying-rows simulation: ${trials} trials per scenario, seeds ${firstSeed}..${firstSeed + trials - 1}; builds: ${builds.map(([n, d]) => `${n}=${d}`).join(', ')}`)
for (const [label, trial] of scenarios.filter(([name]) => name.includes(only))) {
  const outcomes = apis.map(() => [])
  const started = Date.now()
  for (let seed = firstSeed; seed < firstSeed + trials; seed++) for (const [b, [, api]] of apis.entries()) outcomes[b].push(await trial(api, seed))
  const parts = apis.map(([name], b) => {
    const rate = outcomes[b].filter(Boolean).length / trials
    return `${name} ${(100 * rate).toFixed(1)}% (SE ${(100 * Math.sqrt((rate * (1 - rate)) / trials)).toFixed(1)} pt)`
  })
  const disagree = apis.length === 2 ? outcomes[0].filter((x, i) => x !== outcomes[1][i]).length : 0
  console.log(`${label.padEnd(72)} failed: ${parts.join('  ')}${apis.length === 2 ? `  disagree on ${disagree}` : ''}  (${Math.round((Date.now() - started) / 1000)} s)`)
}
