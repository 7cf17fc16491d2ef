#!/usr/bin/env node
/**
 * What `toMatchBaseline` of a regressor costs as its rows grow past 20,000 (the regressor's old
 * cap for stored predictions), measured as the matcher does it: a baseline file written by a
 * `-u` session, then read, validated, decoded and compared by a CI session
 * (`BaselineFileSession.check`). Each size is printed as a ratio against the 20,000-row case of
 * the same build measured in the same run, alternating sizes (the machine is shared and noisy:
 * only the ratios mean something); with --peer-dist another build runs the same cases
 * alternately. Also prints each case's verdict, the tests of the overall rows, and the file size.
 *
 * Population: target y = 20 + 5x + N(0, 1) (x uniform on [0, 4]), one slice column `region` of 4
 * values, a custom metric `within_10_percent` (share of rows predicted within 10% of the target,
 * docs/custom-metrics.md's example). The baseline model predicts y plus an error (sd 1.5; normal,
 * or with --errors t3 Student's t(3), whose squared errors' differences are so heavy-tailed that
 * the sign flip cannot take its normal limit) of which half the variance is shared by every model
 * of the population and half its own; cases:
 * - unchanged: the baseline model's own predictions again;
 * - retrain: a re-train, its own half of the error redrawn (same law, same expected MSE);
 * - regressing: the re-train with every error scaled by sqrt(1.05) (MSE up 5%).
 * Tracked metrics: MAE, MSE (paired-mean), RMSE, r2 and the custom metric (paired-resample).
 * `failed` counts the failing rows, overall and per slice.
 *
 *   npm run build && node bench/gate/regressor-cap-timing.mjs [--sizes 20000,50000,100000,250000] [--rounds 3] [--errors normal|t3] [--peer-dist /tmp/old/dist]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import os from 'node:os'

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname },
    'peer-dist': { type: 'string' },
    sizes: { type: 'string', default: '20000,50000,100000,250000' },
    rounds: { type: 'string', default: '3' },
    cases: { type: 'string', default: 'unchanged,retrain,regressing' },
    errors: { type: 'string', default: 'normal' },
  },
})
const sizes = values.sizes.split(',').map(Number)
const rounds = Number(values.rounds)
const caseNames = values.cases.split(',')
const SHORT = { mean_absolute_error: 'MAE', mean_squared_error: 'MSE', root_mean_squared_error: 'RMSE', r2_score: 'r2', within_10_percent: 'within10' }
const METRICS = ['mean_absolute_error', 'mean_squared_error', 'root_mean_squared_error', 'r2_score', 'within_10_percent']

async function load(dist) {
  const base = pathToFileURL(resolve(dist)).href
  const { evaluate, defineMetric } = await import(`${base}/evaluate/index.js`)
  const { BaselineFileSession } = await import(`${base}/baselines/index.js`)
  const { createRandom } = await import(`${base}/stats/index.js`)
  return { evaluate, defineMetric, BaselineFileSession, createRandom }
}

const builds = [['this build', await load(values.dist)]]
if (values['peer-dist']) builds.push(['peer build', await load(values['peer-dist'])])

function normal(random) {
  let u = 0
  while (u === 0) u = random.uniform()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.uniform())
}

/** Student's t with 3 degrees of freedom, scaled to variance 1 (heavy-tailed: its fourth moment is infinite). */
function t3(random) {
  const z = normal(random)
  let chi = 0
  for (let k = 0; k < 3; k++) chi += normal(random) ** 2
  return z / Math.sqrt(chi / 3) / Math.sqrt(3)
}
const modelError = values.errors === 't3' ? t3 : values.errors === 'normal' ? normal : undefined
if (!modelError) throw new Error(`--errors ${values.errors}: expected normal or t3`)

/** The rows and the predictions of each case, the same for every build (one seeded source). */
function population(api, n) {
  const random = api.createRandom(11)
  const rows = []
  const shared = new Float64Array(n)
  const own = new Float64Array(n)
  const retrainOwn = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const x = 4 * random.uniform()
    rows.push({ id: i, x, region: `r${i % 4}`, y: 20 + 5 * x + normal(random) })
    shared[i] = modelError(random)
    own[i] = modelError(random)
    retrainOwn[i] = modelError(random)
  }
  const error = (i, mine) => 1.5 * Math.SQRT1_2 * (shared[i] + mine[i])
  const predictions = {
    baseline: Float64Array.from(rows, (row, i) => row.y + error(i, own)),
    unchanged: Float64Array.from(rows, (row, i) => row.y + error(i, own)),
    retrain: Float64Array.from(rows, (row, i) => row.y + error(i, retrainOwn)),
    regressing: Float64Array.from(rows, (row, i) => row.y + Math.sqrt(1.05) * error(i, retrainOwn)),
  }
  return { rows, predictions }
}

async function prepare(api, n) {
  const within10 = api.defineMetric({
    name: 'within_10_percent',
    greaterIsBetter: true,
    fn: (table) => {
      let close = 0
      for (let i = 0; i < table.rowCount; i++) if (Math.abs(table.predictions[i] - table.targets[i]) <= 0.1 * Math.abs(table.targets[i])) close++
      return close / table.rowCount
    },
  })
  const { rows, predictions } = population(api, n)
  const run = (predicted) =>
    api.evaluate({ data: rows, targets: 'y', modelType: 'regressor', model: (batch) => batch.map((row) => predicted[row.id]), inputColumns: ['id', 'x', 'region'], slices: ['region'], extraMetrics: [within10] })
  const folder = mkdtempSync(join(tmpdir(), 'evalgate-regcap-'))
  const path = join(folder, 'regressor.test.ts.json')
  const options = { metrics: METRICS }
  const writer = new api.BaselineFileSession(path, 'regressor.test.ts.json', 'all')
  writer.check('regressor 1', await run(predictions.baseline), options)
  writer.finish([])
  const runs = {}
  for (const name of caseNames) runs[name] = await run(predictions[name])
  return { path, folder, options, runs, bytes: statSync(path).size }
}

/** One toMatchBaseline: a fresh CI session reads the file and checks the run. */
function check(api, prepared, name) {
  const session = new api.BaselineFileSession(prepared.path, 'regressor.test.ts.json', 'none')
  const started = performance.now()
  const result = session.check('regressor 1', prepared.runs[name], prepared.options)
  return { ms: performance.now() - started, result }
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`)
console.log(`errors ${values.errors}; sizes ${sizes.join(', ')}; cases ${caseNames.join(', ')}; ${rounds} rounds, median shown; ratio = time / the same build's time at ${sizes[0]} rows, same case\n`)

const prepared = new Map()
for (const [label, api] of builds) for (const n of sizes) prepared.set(`${label}\u0000${n}`, await prepare(api, n))

const times = new Map()
const shown = new Map()
for (let round = 0; round < rounds; round++) {
  for (const name of caseNames) {
    for (const n of round % 2 === 0 ? sizes : [...sizes].reverse()) {
      for (const [label, api] of round % 2 === 0 ? builds : [...builds].reverse()) {
        const key = `${label}\u0000${n}\u0000${name}`
        const { ms, result } = check(api, prepared.get(`${label}\u0000${n}`), name)
        if (!times.has(key)) times.set(key, [])
        times.get(key).push(ms)
        shown.set(key, result)
      }
    }
  }
}

for (const [label] of builds) {
  console.log(`## ${label}`)
  console.log('rows     case         status   toMatchBaseline  ratio  file     failed  overall rows: verdict, test')
  for (const name of caseNames) {
    const peer = median(times.get(`${label}\u0000${sizes[0]}\u0000${name}`))
    for (const n of sizes) {
      const key = `${label}\u0000${n}\u0000${name}`
      const ms = median(times.get(key))
      const result = shown.get(key)
      const overall = (result.verdict?.rows ?? []).filter((row) => row.slice === undefined)
      const tests = overall.map((row) => `${SHORT[row.metric] ?? row.metric} ${row.verdict} ${row.test ?? '-'}`).join('; ')
      const failed = (result.verdict?.rows ?? []).filter((row) => row.verdict === 'fail').length
      const mb = (prepared.get(`${label}\u0000${n}`).bytes / 1e6).toFixed(2)
      console.log(`${String(n).padEnd(8)} ${name.padEnd(12)} ${String(result.status).padEnd(8)} ${`${ms.toFixed(0)} ms`.padStart(15)}  ${(ms / peer).toFixed(2).padStart(5)}  ${`${mb} MB`.padEnd(8)} ${String(failed).padStart(6)}  ${tests}`)
    }
  }
  console.log('')
}
for (const value of prepared.values()) rmSync(value.folder, { recursive: true, force: true })
