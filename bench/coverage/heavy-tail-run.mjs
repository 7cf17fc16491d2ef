#!/usr/bin/env node
/**
 * Coverage of the prototype heavy-tail mean interval (Peng 2001; heavy-tail-mean.ts) for MSE, MAE
 * and MAPE on the regressor populations, on the same trial rows as run.mjs:
 *
 *   npx tsc -p bench/coverage/tsconfig.json && node bench/coverage/heavy-tail-run.mjs --n 100,800 --trials 1000
 *
 * Options: --n (comma list; default 100,800), --trials (default 1000), --laws (default
 * normal,t5,t3,lognormal), --rules (tail size: sqrt = max(10, √n), tenth = max(10, n/10); default both),
 * --seed-offset (default 0, as run.mjs). Columns: Peng's coverage over the trials where it gives an
 * interval (α̂ > 1), its SE, misses below / above, mean width, the share without an interval, then
 * how many trials the heavy-tail rule withholds and Peng's coverage on those.
 */
import { performance } from 'node:perf_hooks'
import { pengCoverage } from './.tmp/dist/bench/coverage/heavy-tail-mean.js'
import { loadAverage, percent as pct, readOptions } from './options.mjs'

const { option, list, numbers } = readOptions()
const sizes = numbers('n', '100,800')
const trials = Number(option('trials', '1000'))
const laws = list('laws', 'normal,t5,t3,lognormal')
const rules = list('rules', 'sqrt,tenth,sqrt-switch,tenth-switch')
const seedOffset = Number(option('seed-offset', '0'))

for (const law of laws) {
  for (const n of sizes) {
    for (const rule of rules) {
      const start = performance.now()
      const results = pengCoverage(law, n, trials, rule, { seedOffset })
      const seconds = ((performance.now() - start) / 1000).toFixed(0)
      console.log(`\n## regressor-${law}, n = ${n}, tail ${rule}, ${trials} trials (${seconds} s), seed offset ${seedOffset}, load average ${loadAverage()}, ${new Date().toISOString()}`)
      console.log('metric                           truth    cover    SE  below  above  width    none   rule-withheld  cover-of-withheld')
      for (const c of results) {
        const share = c.covered / c.reported
        const se = Math.sqrt((share * (1 - share)) / c.reported)
        const heavyCover = c.heavyReported === 0 ? '-' : `${pct(c.heavyCovered / c.heavyReported)}% of ${c.heavyReported}`
        console.log(
          `${c.metric.padEnd(32)} ${c.truth.toPrecision(5).padStart(7)} ${pct(share)} ${pct(se)} ${pct(c.below / c.reported)}  ${pct(c.above / c.reported)}  ${c.meanWidth.toPrecision(3).padEnd(7)} ${pct(1 - c.reported / c.trials)}%  ${pct(c.heavy / c.trials)}%          ${heavyCover}`,
        )
      }
    }
  }
}
