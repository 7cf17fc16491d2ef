#!/usr/bin/env node
/**
 * Coverage of Peng's interval (`pengTailMeanInterval`, src/stats) for the mean of squared Student
 * t errors against the law's own mean (3 for t(3), 5/3 for t(5)), not a finite population's:
 * fresh draws from the law in every sample, so a finite population's missing far tail (its MSE
 * is a little below the law's) plays no part. Over all samples, and over those the heavy-tail
 * check flags (where the engine uses it).
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/peng-superpopulation.mjs --n 100,800,5000 --trials 2000 --seed 2026
 */
import { heavyTailCheck } from './.tmp/dist/src/stats/heavy-tail-check.js'
import { createRandom, pengTailMeanInterval } from './.tmp/dist/src/stats/index.js'
import { loadAverage, percent, readOptions } from './options.mjs'

const { option, numbers } = readOptions()
const sizes = numbers('n', '100,800,5000')
const trials = Number(option('trials', '2000'))
const random = createRandom(Number(option('seed', '2026')))
const studentT = (df) => {
  let chi = 0
  for (let j = 0; j < df; j++) chi += random.normal() ** 2
  return random.normal() / Math.sqrt(chi / df)
}
const se = (k, m) => percent(Math.sqrt(((k / m) * (1 - k / m)) / m))

console.log(`# Peng's interval against the law's mean, ${trials} samples per cell, ${new Date().toISOString()}, load average ${loadAverage()}`)
for (const [df, truth] of [[3, 3], [5, 5 / 3]]) {
  for (const n of sizes) {
    const c = { reported: 0, covered: 0, below: 0, flagged: 0, flaggedReported: 0, flaggedCovered: 0 }
    for (let s = 0; s < trials; s++) {
      const squared = Float64Array.from({ length: n }, () => studentT(df) ** 2)
      const interval = pengTailMeanInterval(squared, 0.95)
      const heavy = heavyTailCheck(squared).heavy
      if (heavy) c.flagged++
      if (!Number.isFinite(interval.upper)) continue
      c.reported++
      const covers = interval.lower <= truth && truth <= interval.upper
      if (covers) c.covered++
      else if (interval.upper < truth) c.below++
      if (heavy) {
        c.flaggedReported++
        if (covers) c.flaggedCovered++
      }
    }
    console.log(
      `t(${df}) squared, mean ${truth.toFixed(4)}, n = ${n}: all samples ${percent(c.covered / c.reported)}% ± ${se(c.covered, c.reported)} of ${c.reported} (below ${percent(c.below / c.reported)}%); ` +
        `flagged by the check ${c.flagged}: ${percent(c.flaggedCovered / c.flaggedReported)}% ± ${se(c.flaggedCovered, c.flaggedReported)} of ${c.flaggedReported}`,
    )
  }
}
