/**
 * The single exchanges' blocks cut in the seed's order against the file's (the floor under the
 * paired resampling test where the recomputing exchange test has no budget left), on the same
 * seeds for this build and a peer (`--peer-dist`). Two scenarios:
 *
 * - `date-sorted` (adversarial pass 47's F1, bench/gate/gate-scenarios.mjs `newestRowsMissCancel`):
 *   a 13-class classifier of 10,000 rows in date order whose newest 3% miss every cancel ticket
 *   they got right, `cancel_recall` the metric tracked, with `--extra` (default 5) more custom
 *   metrics (class recalls, untracked) that leave the recomputing test no budget; `--spread` puts
 *   the same rows through the file instead. Prints the share of seeds whose `cancel_recall` failed.
 * - `f1-single`: the custom F1 of 12 technical_support rows made wrong (800 rows, as
 *   carrying-rows-simulation.mjs), tested by `PairedComparison` at Holm's first level over 27
 *   hypotheses (0.05 / 27) with the whole floor and with the single exchanges alone (budget 0).
 *
 *   npm run build && node bench/gate/block-order-simulation.mjs --peer-dist /path/to/other/dist [--scenario date-sorted|f1-single] [--trials 20] [--first-seed 1] [--extra 5] [--spread]
 */
import { LABELS, classRecall, makeTechSupportWrong, modelProbabilities, newestRowsMissCancel, population, scenarioRecords, techSupportF1 } from './gate-scenarios.mjs'

const option = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at < 0 ? fallback : process.argv[at + 1]
}
const trials = Number(option('--trials', '20'))
const firstSeed = Number(option('--first-seed', '1'))
const extra = Number(option('--extra', '5'))
const spread = process.argv.includes('--spread')
const scenario = option('--scenario', 'date-sorted')
const peer = option('--peer-dist', undefined)
const builds = [['this', option('--dist', new URL('../../dist', import.meta.url).pathname)], ...(peer ? [['peer', peer]] : [])]

async function load(dist) {
  const { evaluate, defineMetric } = await import(`${dist}/evaluate/index.js`)
  const { createBaselineEntry, compareWithBaseline } = await import(`${dist}/baselines/index.js`)
  const { PairedComparison, pairedRuns } = await import(`${dist}/compare/index.js`)
  const { createRandom } = await import(`${dist}/stats/index.js`)
  return { evaluate, defineMetric, createBaselineEntry, compareWithBaseline, PairedComparison, pairedRuns, createRandom }
}

async function dateSorted(api, seed) {
  const { base, current, labels, records } = newestRowsMissCancel(api.createRandom(seed), { spread })
  const metrics = [classRecall(api.defineMetric, 'cancel_recall', 0), ...Array.from({ length: extra }, (_, m) => classRecall(api.defineMetric, `recall_c${m + 1}`, m + 1))]
  const run = (proba) => api.evaluate({ data: records(proba), targets: 'y', modelType: 'classifier', labels, probabilities: labels.map((l) => `p_${l}`), inputColumns: ['id'], extraMetrics: metrics, intervals: false })
  const [before, after] = [await run(base), await run(current)]
  const tracked = { metrics: ['cancel_recall'] }
  const row = api.compareWithBaseline(api.createBaselineEntry(before, tracked), after, tracked).rows.find((r) => r.metric === 'cancel_recall')
  return { failed: row.verdict === 'fail' }
}

async function f1Single(api, seed) {
  const random = api.createRandom(seed)
  const pop = population(800, random)
  const baseline = modelProbabilities(pop, random)
  const current = modelProbabilities(pop, random)
  makeTechSupportWrong(pop, current, 12)
  const metric = techSupportF1(api.defineMetric)
  const run = (proba) => api.evaluate({ data: scenarioRecords(pop, proba), targets: 'truth', modelType: 'classifier', labels: LABELS, probabilities: ['p_negative', 'p_neutral', 'p_positive'], inputColumns: ['id', 'category'], slices: ['category'], extraMetrics: [metric] })
  const [before, after] = [await run(baseline), await run(current)]
  const level = 0.05 / 27
  const request = { metric: 'f1_tech', rows: null, scopeKey: '', valueA: before.metrics.f1_tech, valueB: after.metrics.f1_tech, greaterIsBetter: true, margin: 0, alpha: level, largestLevel: 0.05, seed: 1 }
  const whole = new api.PairedComparison(api.pairedRuns(before, after)).test(request).p
  const single = new api.PairedComparison(api.pairedRuns(before, after), { exchangeTestBudget: 0 }).test(request).p
  return { failed: whole <= level, singleFailed: single <= level }
}

const trial = scenario === 'f1-single' ? f1Single : dateSorted
const results = {}
for (const [name, dist] of builds) {
  const api = await load(dist)
  const started = Date.now()
  results[name] = []
  for (let seed = firstSeed; seed < firstSeed + trials; seed++) results[name].push(await trial(api, seed))
  results[name].seconds = (Date.now() - started) / 1000
}
const share = (list, key) => {
  const rate = list.filter((r) => r[key]).length / list.length
  return `${(100 * rate).toFixed(1)}% (SE ${(100 * Math.sqrt((rate * (1 - rate)) / list.length)).toFixed(1)} pt)`
}
const what = scenario === 'f1-single' ? 'custom F1, 12 rows made wrong, p <= 0.05 / 27' : `date-sorted cancel regression${spread ? ' (rows spread through the file)' : ''}, ${extra} more custom metrics, cancel_recall failed`
console.log(`block-order simulation: ${what}; ${trials} seeds from ${firstSeed}; ${builds.map(([n, d]) => `${n}=${d}`).join(', ')}`)
for (const [name] of builds) {
  const list = results[name]
  console.log(`${name.padEnd(5)} ${scenario === 'f1-single' ? `whole floor ${share(list, 'failed')}, single exchanges alone ${share(list, 'singleFailed')}` : `failed ${share(list, 'failed')}`}  (${list.seconds.toFixed(0)} s)`)
}
