#!/usr/bin/env node
/**
 * Coverage of every interval a run reports, by seeded simulation (see simulation.ts):
 *
 *   npm run bench:coverage                                   # all populations, n = 100, 800, 5000
 *   node bench/coverage/run.mjs --n 100 --trials 1000 --populations regressor-t3
 *
 * Options: --n (comma list; default 100,800,5000), --trials (default 1000 at n <= 800),
 * --large-trials (trials at n > 800; default 500), --trials-at (per size, e.g. 800=400,5000=100,
 * over the two before), --compare-percentile (also the count metrics' percentile intervals from the
 * same resamples, rows marked "(pct)"), --compare-resamples B (also the count metrics' BCa intervals from B resamples, same trials and seeds, rows marked "(B=...)"),
 * --counts-only (classifiers: only the count metrics' intervals; skips the row bootstraps, most of a trial's cost), --seed-offset (default 0: other rows and resamples, see simulation.ts), --populations (comma list of names; default all). Prints, per population and n, each metric's method, coverage, its standard error
 * √(c(1-c)/trials), the share of misses below / above the truth, and the mean width.
 */
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import {
  binaryClassifierPopulation,
  confidentClassifierPopulation,
  COUNT_RESAMPLES,
  coverageStandardError,
  multiclassPopulation,
  regressorPopulation,
  simulateCoverage,
} from './.tmp/dist/bench/coverage/simulation.js'

const args = process.argv.slice(2)
if (args.includes('--help')) {
  const source = await import('node:fs').then((fs) => fs.readFileSync(new URL(import.meta.url), 'utf8'))
  console.log(source.slice(source.indexOf('/**') + 3, source.indexOf('*/')).replace(/^ \* ?/gm, '').trim())
  process.exit(0)
}
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const sizes = option('n', '100,800,5000').split(',').map(Number)
const trials = Number(option('trials', '1000'))
const largeTrials = Number(option('large-trials', '500'))
const comparePercentile = args.includes('--compare-percentile')
const countsOnly = args.includes('--counts-only')
const compareResamples = option('compare-resamples', undefined)
const classifierOptions = { comparePercentile, countsOnly, ...(compareResamples !== undefined ? { compareResamples: Number(compareResamples) } : {}) }
const seedOffset = Number(option('seed-offset', '0'))
const trialsAt = new Map(option('trials-at', '').split(',').filter(Boolean).map((pair) => pair.split('=').map(Number)))
const builders = {
  'binary-classifier': () => binaryClassifierPopulation(1, classifierOptions),
  'multiclass-weighted': () => multiclassPopulation('weighted', 2, classifierOptions),
  'multiclass-macro': () => multiclassPopulation('macro', 2, classifierOptions),
  'classifier-confident': () => confidentClassifierPopulation(4, classifierOptions),
  'binary-saturated': () => binaryClassifierPopulation(1, classifierOptions, 0.01),
  'regressor-normal': () => regressorPopulation('normal'),
  'regressor-t5': () => regressorPopulation('t5'),
  'regressor-t3': () => regressorPopulation('t3'),
  'regressor-lognormal': () => regressorPopulation('lognormal'),
  'regressor-rounded': () => regressorPopulation('rounded'),
  'regressor-sparse': () => regressorPopulation('sparse'),
  'regressor-rounded-t3': () => regressorPopulation('rounded-t3'),
}
const names = option('populations', Object.keys(builders).join(',')).split(',')
const pct = (x) => (100 * x).toFixed(1).padStart(5)

for (const name of names) {
  const build = builders[name]
  if (!build) throw new Error(`unknown population "${name}"; choose from ${Object.keys(builders).join(', ')}`)
  const population = build()
  console.log(`\n## ${population.name}: ${population.description} (population ${population.size} rows)`)
  for (const n of sizes) {
    const count = trialsAt.get(n) ?? (n > 800 ? largeTrials : trials)
    const start = performance.now()
    const results = simulateCoverage(population, n, count, { seedOffset })
    const seconds = ((performance.now() - start) / 1000).toFixed(0)
    console.log(`\nn = ${n}, ${count} trials (${seconds} s), seed offset ${seedOffset}, ${COUNT_RESAMPLES} count resamples${countsOnly ? ', count metrics only' : ''}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, ${new Date().toISOString()}; nominal 95%`)
    console.log('metric                           method                      truth   cover    SE  below  above  width   withheld')
    for (const c of results) {
      const withheld = `${pct(c.missing / (c.trials + c.missing))}% (${c.missing})`
      if (c.trials === 0) {
        console.log(`${c.metric.padEnd(32)} (no interval)${' '.repeat(46)}${withheld}`)
        continue
      }
      console.log(
        `${c.metric.padEnd(32)} ${c.method.padEnd(26)} ${c.truth.toPrecision(5).padStart(7)} ${pct(c.covered / c.trials)} ${pct(coverageStandardError(c))} ${pct(c.below / c.trials)}  ${pct(c.above / c.trials)}  ${c.meanWidth.toPrecision(3).padEnd(7)} ${withheld}`,
      )
    }
  }
}
