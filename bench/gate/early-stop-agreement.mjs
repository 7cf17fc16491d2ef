#!/usr/bin/env node
/**
 * The resampling test's early stop (`stopAbove`, the family's alpha) against all the draws, on
 * the same resamples: how often the two decide differently at alpha and at stricter levels Holm
 * uses, and how many draws each makes. Seeded. Needs `npm run build` (reads dist/).
 *
 * Samples: n per-row differences d_i = shift + N(0, 1), the drop their weighted mean (the
 * statistic of a paired mean), shift cycling over 0, 0.025, ..., 0.3 standard deviations of a row
 * (0 to 4.2 standard errors at n = 200), so that p-values span (0, 1), most of them near the levels.
 *
 *   npm run build && node bench/gate/early-stop-agreement.mjs [--samples 3000] [--rows 200] [--draws 10000]
 */
import { parseArgs } from 'node:util'
import os from 'node:os'
import { createRandom, pairedResampleTest } from '../../dist/stats/index.js'

const { values } = parseArgs({ options: { samples: { type: 'string', default: '3000' }, rows: { type: 'string', default: '200' }, draws: { type: 'string', default: '10000' } } })
const samples = Number(values.samples)
const n = Number(values.rows)
const draws = Number(values.draws)
const alpha = 0.05
const levels = [alpha, alpha / 2, alpha / 30, alpha / 300]
const random = createRandom(2026)
const disagreements = levels.map(() => 0)
const rejections = levels.map(() => 0)
let stopped = 0
let drawsFull = 0
let drawsEarly = 0
const started = Date.now()
for (let s = 0; s < samples; s++) {
  const shift = 0.025 * (s % 13)
  const d = new Float64Array(n).map(() => shift + random.normal())
  const statistic = (w) => {
    let sum = 0
    let total = 0
    for (let i = 0; i < n; i++) {
      sum += w[i] * d[i]
      total += w[i]
    }
    return sum / total
  }
  const observed = d.reduce((a, b) => a + b, 0) / n
  const full = pairedResampleTest({ n, statistic, observed, seed: s, draws })
  const early = pairedResampleTest({ n, statistic, observed, seed: s, draws, stopAbove: alpha })
  drawsFull += full.draws
  drawsEarly += early.draws
  if (early.draws < full.draws) stopped++
  levels.forEach((level, j) => {
    if (full.p < level) rejections[j]++
    if (full.p < level !== early.p < level) disagreements[j]++
  })
}
console.log(`# early stop (stopAbove ${alpha}) against all ${draws} draws: ${samples} samples of ${n} rows, seed 2026, ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, ${new Date().toISOString()}`)
levels.forEach((level, j) => console.log(`level ${level.toPrecision(3).padEnd(9)} rejected by all draws ${String(rejections[j]).padStart(5)} of ${samples}; decided differently ${disagreements[j]}`))
console.log(`stopped early ${stopped} of ${samples}; draws made ${(drawsEarly / drawsFull).toFixed(3)} of all draws' (${(drawsEarly / samples).toFixed(0)} against ${(drawsFull / samples).toFixed(0)} a sample)`)
