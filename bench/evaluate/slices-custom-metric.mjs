#!/usr/bin/env node
/**
 * What `evaluate()` costs with 4 slices and a custom metric, where the slices are small enough
 * for row bootstraps (at most 20,000 rows each): the regressor that took about 12 s at 60,000
 * rows against 0.2 s at 100,000 (branch cliff45), and a classifier with probabilities, against
 * another build measured in the same run (`--peer-dist`, e.g. main's dist copied before a change,
 * in a folder whose `node_modules` resolves the dependencies: a link to this checkout's).
 *
 * Each measurement is one fresh process (`--child`): it builds the data (seeded, the same for
 * every build), times one `evaluate()` (wall and CPU time of the process, user + system) and
 * writes the run's numbers (metrics, intervals and notes, overall and per slice); builds alternate
 * within each round. Printed: the medians (and the largest peak RSS), the ratios peer / this
 * build (above 1: this build is faster), and whether the two builds' numbers are identical (JSON,
 * bit for bit). The machine is shared and noisy: read the ratios, not the times.
 *
 * Cases (`--cases`):
 * - regressor: y = 20 + 5x + N(0, 1), x uniform on [0, 4], predictions y + N(0, 1.5²), slice
 *   column `region` of 4 values (row i in region i mod 4), custom metric `within10` (share of
 *   rows predicted within 10% of the target, read as `t.predictions[i]` in its loop);
 * - classifier: 3 labels, probabilities favouring the target, the same `region`, custom metric
 *   `even_id_b_share` (share of even ids predicted 'b', reading `t.column('id')` and `t.predictions`);
 * - binary: a logistic score's calibrated probabilities (about 40% positive), the same `region`,
 *   custom metric `confident_yes` (share of rows with P(yes) above 0.9); its slices' average
 *   precision is bootstrapped too.
 *
 *   npm run build && node bench/evaluate/slices-custom-metric.mjs --peer-dist /tmp/main/dist [--rows 60000] [--rounds 3] [--cases regressor,classifier,binary]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { mulberry32 } from '../text/corpus.mjs'

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: fileURLToPath(new URL('../../dist', import.meta.url)) },
    'peer-dist': { type: 'string' },
    rows: { type: 'string', default: '60000' },
    rounds: { type: 'string', default: '3' },
    cases: { type: 'string', default: 'regressor,classifier' },
    child: { type: 'boolean', default: false },
    case: { type: 'string' },
    out: { type: 'string' },
  },
})

function normalSource(uniform) {
  return () => {
    let u = 0
    while (u === 0) u = uniform()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform())
  }
}

/** The evaluate() options of a case, and the custom metric, from the build's defineMetric. */
function caseOptions(name, n, defineMetric) {
  const uniform = mulberry32(1) // independent of the builds measured
  const normal = normalSource(uniform)
  if (name === 'regressor') {
    const within10 = defineMetric({
      name: 'within10',
      greaterIsBetter: true,
      fn: (t) => {
        let c = 0
        for (let i = 0; i < t.rowCount; i++) if (Math.abs(t.predictions[i] - t.targets[i]) <= 0.1 * Math.abs(t.targets[i])) c++
        return c / t.rowCount
      },
    })
    const data = Array.from({ length: n }, (_, i) => {
      const x = uniform() * 4
      const y = 20 + 5 * x + normal()
      return { id: i, region: 'abcd'[i % 4], x, y, p: y + 1.5 * normal() }
    })
    return { data, targets: 'y', predictions: 'p', modelType: 'regressor', slices: ['region'], extraMetrics: [within10] }
  }
  if (name === 'classifier') {
    const evenIdB = defineMetric({
      name: 'even_id_b_share',
      greaterIsBetter: false,
      fn: (t) => {
        const ids = t.column('id')
        let c = 0
        for (let i = 0; i < t.rowCount; i++) if (ids[i] % 2 === 0 && t.predictions[i] === 'b') c++
        return c / t.rowCount
      },
    })
    const labels = ['a', 'b', 'c']
    const data = Array.from({ length: n }, (_, i) => {
      const target = Math.floor(uniform() * 3)
      const raw = [uniform(), uniform(), uniform()]
      raw[target] += 0.5
      const sum = raw[0] + raw[1] + raw[2]
      const p = raw.map((x) => x / sum)
      return { id: i, region: 'abcd'[i % 4], target: labels[target], prediction: labels[p.indexOf(Math.max(...p))], p_a: p[0], p_b: p[1], p_c: p[2] }
    })
    return { data, targets: 'target', predictions: 'prediction', probabilities: ['p_a', 'p_b', 'p_c'], modelType: 'classifier', slices: ['region'], extraMetrics: [evenIdB] }
  }
  if (name === 'binary') {
    const confidentYes = defineMetric({
      name: 'confident_yes',
      greaterIsBetter: true,
      fn: (t) => {
        const yes = t.probabilities.yes
        let c = 0
        for (let i = 0; i < t.rowCount; i++) if (yes[i] > 0.9) c++
        return c / t.rowCount
      },
    })
    const data = Array.from({ length: n }, (_, i) => {
      const x = normal()
      const p = 1 / (1 + Math.exp(-(1.5 * x - 0.4)))
      return { id: i, region: 'abcd'[i % 4], target: uniform() < p ? 'yes' : 'no', p_no: 1 - p, p_yes: p }
    })
    return { data, targets: 'target', probabilities: ['p_no', 'p_yes'], modelType: 'classifier', posLabel: 'yes', slices: ['region'], extraMetrics: [confidentYes] }
  }
  throw new Error(`--cases: unknown case "${name}" (regressor, classifier, binary)`)
}

if (values.child) {
  const { evaluate, defineMetric } = await import(`${pathToFileURL(resolve(values.dist)).href}/evaluate/index.js`)
  const options = caseOptions(values.case, Number(values.rows), defineMetric)
  const cpu = process.cpuUsage()
  const start = performance.now()
  const run = await evaluate(options)
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  const numbers = {
    metrics: run.metrics,
    intervals: run.intervals,
    notes: run.notes,
    slices: Object.fromEntries(Object.entries(run.slices).map(([key, s]) => [key, { metrics: s.metrics, intervals: s.intervals, notes: s.notes }])),
  }
  writeFileSync(values.out, JSON.stringify(numbers))
  process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024 }))
  process.exit(0)
}

const builds = [['this build', resolve(values.dist)]]
if (values['peer-dist']) builds.push(['peer', resolve(values['peer-dist'])])
const rounds = Number(values.rounds)
const dir = mkdtempSync(join(tmpdir(), 'evalgate-bench-'))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
const script = fileURLToPath(import.meta.url)

/** The first path at which two JSON values differ, or undefined. */
function firstDifference(a, b, path = '') {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} against ${JSON.stringify(b)}`
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${path}.${key}`)
    if (d !== undefined) return d
  }
  return undefined
}

try {
  for (const name of values.cases.split(',')) {
    for (const n of values.rows.split(',').map(Number)) {
      const times = builds.map(() => ({ ms: [], cpuMs: [], rssMb: [] }))
      for (let round = 0; round < rounds; round++) {
        // alternate which build goes first
        const order = round % 2 === 0 ? builds.map((_, b) => b) : builds.map((_, b) => builds.length - 1 - b)
        for (const b of order) {
          const out = join(dir, `${name}-${n}-${b}.json`)
          const args = [script, '--child', '--dist', builds[b][1], '--case', name, '--rows', String(n), '--out', out]
          const result = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] }))
          times[b].ms.push(result.ms)
          times[b].cpuMs.push(result.cpuMs)
          times[b].rssMb.push(result.rssMb)
        }
      }
      const line = builds.map(([label], b) => `${label} ${times[b].ms.map((t) => (t / 1000).toFixed(2)).join(', ')} s (median ${(median(times[b].ms) / 1000).toFixed(2)} s, CPU ${(median(times[b].cpuMs) / 1000).toFixed(2)} s, peak RSS ${Math.max(...times[b].rssMb).toFixed(0)} MB)`)
      console.log(`${name}, ${n} rows: ${line.join('; ')}`)
      if (builds.length === 2) {
        const wall = median(times[1].ms) / median(times[0].ms)
        const cpu = median(times[1].cpuMs) / median(times[0].cpuMs)
        const difference = firstDifference(JSON.parse(readFileSync(join(dir, `${name}-${n}-0.json`), 'utf8')), JSON.parse(readFileSync(join(dir, `${name}-${n}-1.json`), 'utf8')))
        console.log(`  ratio peer / this build: wall ${wall.toFixed(2)}x, CPU ${cpu.toFixed(2)}x; numbers ${difference === undefined ? 'identical (metrics, intervals, notes, overall and per slice)' : `DIFFER at ${difference}`}`)
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
