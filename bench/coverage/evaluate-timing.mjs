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
 *   node bench/coverage/evaluate-timing.mjs --rows 200000 --compare-resamples 1000 --cases labels
 *
 * --rows (default 20000), --repeats (default 3), --cases (comma list of classifier, labels,
 * regressor; default all; `labels` is the binary classifier without probabilities or custom
 * metric, so its intervals are the count metrics' alone), --compare-resamples B (also each case
 * with `intervals: { resamples: B }`, and the ratio of the default's CPU time to it: the cost of
 * the count resamples, paired in one process on the same data).
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
const compareResamples = option('compare-resamples', undefined)
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

// `intervals`: evaluate()'s option (undefined: the defaults; false: off; an object: settings).
const withIntervals = (intervals) => (intervals === undefined ? {} : { intervals })
const allCases = {
  classifier: (intervals) => evaluate({ data: classifierRecords, targets: 'target', predictions: 'predicted', probabilities: ['p_neg', 'p_pos'], labels: ['neg', 'pos'], modelType: 'classifier', slices: ['region'], extraMetrics: [recallPos], ...withIntervals(intervals) }),
  labels: (intervals) => evaluate({ data: classifierRecords, targets: 'target', predictions: 'predicted', labels: ['neg', 'pos'], modelType: 'classifier', slices: ['region'], ...withIntervals(intervals) }),
  regressor: (intervals) => evaluate({ data: regressorRecords, targets: 'y', predictions: 'yhat', modelType: 'regressor', slices: ['region'], ...withIntervals(intervals) }),
}
const cases = Object.fromEntries(option('cases', Object.keys(allCases).join(',')).split(',').map((name) => {
  if (!allCases[name]) throw new Error(`unknown case "${name}"; choose from ${Object.keys(allCases).join(', ')}`)
  return [name, allCases[name]]
}))
const settings = [
  { label: 'intervals off', intervals: false },
  { label: 'intervals on ', intervals: undefined },
  ...(compareResamples === undefined ? [] : [{ label: `resamples ${compareResamples}`.padEnd(13), intervals: { resamples: Number(compareResamples) } }]),
]
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`evaluate() on ${rows} rows, ${dist}, median of ${repeats} (the settings interleaved within each repeat, after one unmeasured warm-up run)`)
for (const [name, run] of Object.entries(cases)) {
  await run(undefined)
  const measured = settings.map(() => ({ cpu: [], wall: [], methods: '', resamples: 0 }))
  for (let r = 0; r < repeats; r++) {
    for (const [i, { intervals }] of settings.entries()) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const result = await run(intervals)
      measured[i].wall.push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      measured[i].cpu.push((c.user + c.system) / 1000)
      measured[i].methods = [...new Set(Object.values(result.intervals).map((x) => x.method))].join(', ')
      measured[i].resamples = result.intervalSettings.resamples
    }
  }
  for (const [i, { label, intervals }] of settings.entries()) {
    const { cpu, wall, methods, resamples } = measured[i]
    const detail = intervals === false ? '' : `  ${resamples} count resamples  (${methods})`
    console.log(`${name.padEnd(11)} ${label}  cpu ${median(cpu).toFixed(0).padStart(6)} ms  wall ${median(wall).toFixed(0).padStart(6)} ms${detail}`)
  }
  if (compareResamples !== undefined) {
    const [, on, other] = measured.map((m) => median(m.cpu))
    console.log(`${name.padEnd(11)} CPU ratio, default / resamples ${compareResamples}: ${(on / other).toFixed(3)}`)
  }
}
