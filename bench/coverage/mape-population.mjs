#!/usr/bin/env node
/**
 * Why no interval can cover MAPE when targets can come near 0 (issue 8, branch heavy): the
 * population MAPE of the regressor populations of simulation.ts (target y = 10 + 2x + e,
 * prediction 10 + 2x, same draws) at growing sizes over several seeds, and the share of it that
 * the population's 10 largest percentage errors carry. With y's density positive at 0 the terms
 * |e|/|y| have tail index 1 (P(term > x) ~ c/x), so the superpopulation mean is infinite: a finite
 * population's MAPE grows like c·log N and jumps with its few rows nearest y = 0.
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/mape-population.mjs --sizes 2e5,2e6,2e7 --seeds 101,102,103,104 --laws t5,t3,normal
 *
 * Seed 3 at 2e5 rows is the population of the coverage tables (MAPE 0.18201 under t(5)).
 */
import { performance } from 'node:perf_hooks'
import { ERROR_LAWS } from './.tmp/dist/bench/coverage/simulation.js'
import { createRandom } from './.tmp/dist/src/stats/index.js'
import { loadAverage, readOptions } from './options.mjs'

const { list, numbers } = readOptions()
const sizes = numbers('sizes', '2e5,2e6,2e7')
const seeds = numbers('seeds', '3,101,102,103')
const laws = list('laws', 't5,t3,normal')
const TOP = 10
const EPS = 2.220446049250313e-16

/** Population MAPE, its 10 largest terms' share, the largest term and the |y| of its row. */
function populationMape(law, size, seed) {
  const random = createRandom(seed)
  const top = new Float64Array(TOP) // ascending
  let sum = 0
  let largestY = Number.NaN
  for (let i = 0; i < size; i++) {
    const predicted = 10 + 2 * random.normal()
    const target = predicted + ERROR_LAWS[law].draw(random)
    const term = Math.abs(predicted - target) / Math.max(Math.abs(target), EPS)
    sum += term
    if (term > top[0]) {
      let j = 0
      while (j + 1 < TOP && top[j + 1] < term) {
        top[j] = top[j + 1]
        j++
      }
      top[j] = term
      if (j === TOP - 1) largestY = Math.abs(target)
    }
  }
  let topSum = 0
  for (const v of top) topSum += v
  return { mape: sum / size, topShare: topSum / sum, largest: top[TOP - 1], largestY }
}

console.log(`# population MAPE, ${new Date().toISOString()}, load average ${loadAverage()}`)
console.log('law     rows        seed   MAPE        top-10 share  largest term  |y| of that row   seconds')
for (const law of laws) {
  for (const size of sizes) {
    for (const seed of seeds) {
      const start = performance.now()
      const r = populationMape(law, size, seed)
      const seconds = ((performance.now() - start) / 1000).toFixed(1)
      console.log(
        `${law.padEnd(7)} ${size.toExponential(0).padEnd(11)} ${String(seed).padEnd(6)} ${r.mape.toPrecision(5).padEnd(11)} ${(100 * r.topShare).toFixed(1).padStart(6)}%       ${r.largest.toPrecision(4).padEnd(13)} ${r.largestY.toPrecision(3).padEnd(17)} ${seconds}`,
      )
    }
  }
}
