#!/usr/bin/env node
/**
 * What the intervals cost: evaluate() on 20,000 rows (the row-bootstrap cap), intervals on
 * with the defaults, for a binary classifier (probabilities, one custom metric, a 4-valued
 * slice column) and a regressor (same slices). Prints the CPU time (user + system, less
 * sensitive to a shared machine than wall time) and wall time, median of --repeats runs, and
 * the same with intervals off.
 *
 *   npm run build && node bench/coverage/evaluate-timing.mjs                # this checkout's dist/
 *   node bench/coverage/evaluate-timing.mjs --dist /tmp/old/dist            # another build, e.g. an older commit
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const dist = resolve(option('dist', new URL('../../dist', import.meta.url).pathname))
const rows = Number(option('rows', '20000'))
const repeats = Number(option('repeats', '3'))
const { evaluate, defineMetric } = await import(pathToFileURL(`${dist}/index.js`).href)

// Seeded data (a small LCG; the figures only need the same data each run).
let state = 12345
const uniform = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296)
const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
const classifierRecords = Array.from({ length: rows }, (_, i) => {
  const y = uniform() < 0.35 ? 1 : 0
  const p = 1 / (1 + Math.exp(-(normal() + 1.2 * y - 1.2)))
  return { target: y ? 'pos' : 'neg', p_neg: 1 - p, p_pos: p, predicted: p >= 0.5 ? 'pos' : 'neg', region: `r${i % 4}` }
})
const regressorRecords = Array.from({ length: rows }, (_, i) => {
  const x = normal()
  return { y: 10 + 2 * x + normal(), yhat: 10 + 2 * x, region: `r${i % 4}` }
})
const recallPos = defineMetric({
  name: 'recall_pos',
  greaterIsBetter: true,
  fn: (table) => {
    let tp = 0
    let positives = 0
    for (let i = 0; i < table.rowCount; i++) {
      if (table.targets[i] !== 'pos') continue
      positives++
      if (table.predictions[i] === 'pos') tp++
    }
    return tp / positives
  },
})

const cases = {
  classifier: (intervals) => evaluate({ data: classifierRecords, targets: 'target', predictions: 'predicted', probabilities: ['p_neg', 'p_pos'], labels: ['neg', 'pos'], modelType: 'classifier', slices: ['region'], extraMetrics: [recallPos], ...(intervals ? {} : { intervals: false }) }),
  regressor: (intervals) => evaluate({ data: regressorRecords, targets: 'y', predictions: 'yhat', modelType: 'regressor', slices: ['region'], ...(intervals ? {} : { intervals: false }) }),
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`evaluate() on ${rows} rows, ${dist}, median of ${repeats}`)
for (const [name, run] of Object.entries(cases)) {
  for (const intervals of [false, true]) {
    const cpu = []
    const wall = []
    let methods = ''
    for (let r = 0; r < repeats; r++) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const result = await run(intervals)
      wall.push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpu.push((c.user + c.system) / 1000)
      methods = [...new Set(Object.values(result.intervals).map((i) => i.method))].join(', ')
    }
    console.log(`${name.padEnd(11)} intervals ${intervals ? 'on ' : 'off'}  cpu ${median(cpu).toFixed(0).padStart(6)} ms  wall ${median(wall).toFixed(0).padStart(6)} ms${intervals ? `  (${methods})` : ''}`)
  }
}
