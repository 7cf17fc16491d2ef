#!/usr/bin/env node
/**
 * What the baseline gate costs on an entry of many hypotheses (many slices and a custom metric,
 * each slice's custom metric tested by paired resampling), against another build measured in the
 * same run, alternating (the machine is shared and noisy: only the ratio means something). Also
 * prints both builds' verdicts, which must be the same.
 *
 * Population: gate-scenarios.mjs's (3 labels, logit signal 1.9, re-training noise), n rows,
 * a `region` column of S values as the slices, and a custom metric `neg_f1` (F1 of "negative").
 * Cases: an unchanged model re-trained; a broken one (the re-train, with a quarter of the first
 * 4 regions' rows, each one it got right, made wrong).
 *
 *   npm run build && node bench/gate/many-hypotheses-timing.mjs --peer-dist /tmp/old/dist [--rows 6000] [--slices 100] [--rounds 3]
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import os from 'node:os'
import { LABELS, dropRows, modelProbabilities, population, scenarioRecords } from './gate-scenarios.mjs'

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname },
    'peer-dist': { type: 'string' },
    rows: { type: 'string', default: '6000' },
    slices: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
  },
})
const n = Number(values.rows)
const S = Number(values.slices)
const rounds = Number(values.rounds)

async function load(dist) {
  const base = pathToFileURL(resolve(dist)).href
  const { evaluate, defineMetric } = await import(`${base}/evaluate/index.js`)
  const { createBaselineEntry, compareWithBaseline } = await import(`${base}/baselines/index.js`)
  const { createRandom } = await import(`${base}/stats/index.js`)
  return { evaluate, defineMetric, createBaselineEntry, compareWithBaseline, createRandom }
}

const builds = [['this build', await load(values.dist)]]
if (values['peer-dist']) builds.push(['peer build', await load(values['peer-dist'])])

/** The entry and the two current runs of one build (same seeds: the same data for every build). */
async function cases(api) {
  const negF1 = api.defineMetric({
    name: 'neg_f1',
    greaterIsBetter: true,
    fn: (table) => {
      let tp = 0
      let actual = 0
      let predicted = 0
      for (let i = 0; i < table.rowCount; i++) {
        const isNegative = table.targets[i] === 'negative'
        const saysNegative = table.predictions[i] === 'negative'
        if (isNegative) actual++
        if (saysNegative) predicted++
        if (isNegative && saysNegative) tp++
      }
      return actual + predicted === 0 ? 0 : (2 * tp) / (actual + predicted)
    },
  })
  const random = api.createRandom(7)
  const pop = population(n, random)
  const run = (proba) =>
    api.evaluate({
      data: scenarioRecords(pop, proba).map((record, i) => ({ ...record, region: `r${i % S}` })),
      targets: 'truth',
      modelType: 'classifier',
      labels: LABELS,
      probabilities: ['p_negative', 'p_neutral', 'p_positive'],
      inputColumns: ['id', 'region'],
      slices: ['region'],
      extraMetrics: [negF1],
      intervals: false,
    })
  const entry = api.createBaselineEntry(await run(modelProbabilities(pop, random)))
  const unchanged = modelProbabilities(pop, random)
  const broken = Float64Array.from(unchanged)
  // the first 4 regions' rows (i % S < 4): a quarter of them, picked among those it gets right, made wrong
  const sub = []
  for (let i = 0; i < n; i++) if (i % S < 4) sub.push(i)
  const local = { n: sub.length, k: pop.k, truth: Int32Array.from(sub, (i) => pop.truth[i]) }
  const localProba = new Float64Array(sub.length * pop.k)
  sub.forEach((i, j) => localProba.set(broken.subarray(i * pop.k, (i + 1) * pop.k), j * pop.k))
  dropRows(local, localProba, Math.round(0.25 * sub.length), random)
  sub.forEach((i, j) => broken.set(localProba.subarray(j * pop.k, (j + 1) * pop.k), i * pop.k))
  return { entry, unchanged: await run(unchanged), broken: await run(broken) }
}

const prepared = []
for (const [name, api] of builds) prepared.push({ name, api, ...(await cases(api)) })

const times = new Map()
const verdicts = new Map()
for (let round = 0; round < rounds; round++) {
  for (const b of round % 2 === 0 ? prepared : [...prepared].reverse()) {
    for (const which of ['unchanged', 'broken']) {
      const started = process.hrtime.bigint()
      const verdict = b.api.compareWithBaseline(b.entry, b[which])
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const key = `${b.name}\u0000${which}`
      times.set(key, [...(times.get(key) ?? []), ms])
      const failing = verdict.rows.filter((row) => row.verdict === 'fail').map((row) => (row.slice ? `${row.metric}[${row.slice}]` : row.metric))
      verdicts.set(key, `${verdict.status}, ${verdict.rows.filter((row) => row.pValue !== undefined).length} tested, failing: ${failing.join(' ') || 'none'}`)
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`# gate on ${n} rows, ${S} slices, a custom metric; median of ${rounds} rounds, alternating builds; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, ${new Date().toISOString()}`)
for (const which of ['unchanged', 'broken']) {
  for (const [name] of builds) console.log(`${which.padEnd(9)} ${name.padEnd(10)} ${median(times.get(`${name}\u0000${which}`)).toFixed(0).padStart(7)} ms  ${verdicts.get(`${name}\u0000${which}`)}`)
  if (builds.length === 2) console.log(`${which.padEnd(9)} ratio this / peer: ${(median(times.get(`this build\u0000${which}`)) / median(times.get(`peer build\u0000${which}`))).toFixed(3)}`)
}
