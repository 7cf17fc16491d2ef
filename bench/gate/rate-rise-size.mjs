#!/usr/bin/env node
/**
 * Size and power of the gate's test of a rise in error_rate with an allowed rise (rateRiseTest,
 * margin > 0: Farrington and Manning's score test with a continuity correction). Seeded. Each
 * size cell: 10,000 pairs of binomial counts with B's true rate exactly A's plus the margin (the
 * null's boundary); each power cell: 2,000 pairs with a larger rise. Needs `npm run build`.
 *
 *   npm run build && node bench/gate/rate-rise-size.mjs [--trials 10000]
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { createRandom, rateRiseTest } from '../../dist/stats/index.js'

const { values } = parseArgs({ options: { trials: { type: 'string', default: '10000' } } })
const trials = Number(values.trials)
const random = createRandom(5)
const binomial = (n, rate) => {
  let k = 0
  for (let i = 0; i < n; i++) if (random.uniform() < rate) k++
  return k
}
const size = [
  [200, 200, 0.01, 0.02], [100, 100, 0.05, 0.01], [200, 200, 0.03, 0.02], [200, 200, 0.05, 0.01], [2000, 2000, 0.002, 0.005],
  [1000, 1000, 0.02, 0.01], [50, 50, 0, 0.05], [50, 50, 0.02, 0.02], [30, 30, 0.1, 0.05], [500, 500, 0.001, 0.002],
  [2000, 200, 0.01, 0.02], [200, 2000, 0.01, 0.02], [500, 500, 0.3, 0.05], [100, 100, 0.5, 0.1], [5000, 5000, 0.001, 0.001],
  [300, 300, 0, 0.01], [40, 40, 0, 0.1], [1000, 100, 0.05, 0.05],
]
console.log(`# rateRiseTest with a margin, ${trials} pairs a size cell, seed 5, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, ${new Date().toISOString()}`)
console.log(`rows A  rows B  rate A  margin  size at 0.05 (SE ${(100 * Math.sqrt(0.05 * 0.95 / trials)).toFixed(2)})  at 0.05/3`)
for (const [rowsA, rowsB, rate, margin] of size) {
  let at5 = 0
  let at167 = 0
  for (let t = 0; t < trials; t++) {
    const { p } = rateRiseTest({ failedA: binomial(rowsA, rate), rowsA, failedB: binomial(rowsB, rate + margin), rowsB, margin })
    if (p < 0.05) at5++
    if (p < 0.05 / 3) at167++
  }
  console.log(`${String(rowsA).padStart(6)}  ${String(rowsB).padStart(6)}  ${rate.toFixed(3)}   ${margin.toFixed(3)}   ${((100 * at5) / trials).toFixed(2).padStart(6)}%                ${((100 * at167) / trials).toFixed(2).padStart(6)}%`)
}
for (const [rows, from, to, margin] of [[200, 0.05, 0.12, 0.01], [1000, 0.02, 0.06, 0.01], [2000, 0.05, 0.08, 0.01]]) {
  let rejections = 0
  for (let t = 0; t < 2000; t++) if (rateRiseTest({ failedA: binomial(rows, from), rowsA: rows, failedB: binomial(rows, to), rowsB: rows, margin }).p < 0.05) rejections++
  const fisher = (() => {
    let r = 0
    for (let t = 0; t < 2000; t++) if (rateRiseTest({ failedA: binomial(rows, from), rowsA: rows, failedB: binomial(rows, to), rowsB: rows }).p < 0.05) r++
    return r
  })()
  console.log(`power, ${rows} rows, ${from} -> ${to}, margin ${margin}: ${((100 * rejections) / 2000).toFixed(1)}% (Fisher's test without a margin: ${((100 * fisher) / 2000).toFixed(1)}%; 2,000 pairs each)`)
}
