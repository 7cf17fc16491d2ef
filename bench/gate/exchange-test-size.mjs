#!/usr/bin/env node
/**
 * The size of the exchange test that recomputes a metric (the floor under the paired resampling
 * test, `exchangeTest` in src/compare/paired-metric-test.ts), outside the gate: the built kernel
 * `pairedPermutationTest` with its sequential stop (`stopAfter: 20`), on the shape that failed
 * unchanged re-trains before (adversarial pass 44's F4): the MAE of 2 "business" rows divided by
 * the overall MAE, two re-trains whose errors are exchangeable (e and 0.97 e + 0.24 z). Prints the
 * share of trials with p <= 0.05 and its standard error: an exact test's is at most 5%.
 *
 *   npm run build && node bench/gate/exchange-test-size.mjs [--trials 4000] [--rows 1000] [--draws 400] [--seed 7]
 */
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname }, trials: { type: 'string', default: '4000' }, rows: { type: 'string', default: '1000' }, draws: { type: 'string', default: '400' }, seed: { type: 'string', default: '7' } } })
const { createRandom, pairedPermutationTest } = await import(`${values.dist}/stats/index.js`)
const [trials, n, draws] = [Number(values.trials), Number(values.rows), Number(values.draws)]
const random = createRandom(Number(values.seed))
const started = Date.now()
let rejected = 0
let stopped = 0
for (let trial = 0; trial < trials; trial++) {
  const a = new Float64Array(n)
  const b = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    a[i] = random.normal()
    b[i] = 0.97 * a[i] + Math.sqrt(1 - 0.97 ** 2) * random.normal()
  }
  // the ratio of model `first`'s (a's, unless swapped) business rows 0 and 1 to its overall MAE
  const ratio = (swap, first) => {
    let business = 0
    let all = 0
    for (let i = 0; i < n; i++) {
      const fromA = first === (swap === null || swap[i] === 0)
      const error = Math.abs(fromA ? a[i] : b[i])
      all += error
      if (i < 2) business += error
    }
    return business / 2 / (all / n)
  }
  // the rise of b's ratio over a's (larger is worse), as the gate orients a drop
  const statistic = (swap) => ratio(swap, false) - ratio(swap, true)
  const result = pairedPermutationTest({ pairs: n, statistic, observed: statistic(null), seed: trial + 1, draws, stopAfter: 20 })
  if (result.p <= 0.05) rejected++
  if (result.draws < draws) stopped++
}
const rate = rejected / trials
console.log(`exchange test size: ${trials} trials of ${n} rows, ${draws} draws (stop after 20 reach the change), seed ${values.seed}: p <= 0.05 in ${(100 * rate).toFixed(2)}% (SE ${(100 * Math.sqrt((0.05 * 0.95) / trials)).toFixed(2)} pt at 5%); stopped early in ${((100 * stopped) / trials).toFixed(1)}%; ${Math.round((Date.now() - started) / 1000)} s`)
