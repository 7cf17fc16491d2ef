#!/usr/bin/env node
/**
 * r2_score where the squared errors are heavy-tailed: the candidate r2TailInterval on the trials
 * the heavy-tail check flags, the engine's BCa on the rest, and the two together (r2-tail.ts).
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/r2-tail-run.mjs --n 100,800 --trials 1000 --seed-offset 7000
 *
 * Options: --n (default 100,800), --trials (default 1000), --laws (default normal,t5,t3,lognormal),
 * --seed-offset (default 7000), --law (against the law's own r2, rows drawn afresh from the law, not
 * from the finite population), --no-bca (skip the engine's BCa on the passed trials; the together
 * column is then empty). Per cell: share flagged; tail interval on flagged: coverage (SE), reported
 * of flagged, below/above, median width; BCa on passed: the same; together: no-interval share,
 * coverage (SE); tail interval on every trial: coverage (SE), none.
 */
import { performance } from 'node:perf_hooks'
import { r2TailCell } from './.tmp/dist/bench/coverage/r2-tail.js'
import { lawCellOptions, loadAverage, percent as pct, shareStandardError as se } from './options.mjs'

const { sizes, trials, laws, seedOffset, flag } = lawCellOptions()
const bca = !flag('no-bca')
const againstLaw = flag('law')
const median = (w) => (w.length === 0 ? Number.NaN : [...w].sort((a, b) => a - b)[w.length >> 1])
const show = (t) =>
  `${pct(t.covered / t.reported)} ${pct(se(t.covered, t.reported))} of ${String(t.reported).padStart(4)}/${String(t.trials).padEnd(4)} ${pct(t.below / t.reported)} ${pct(t.above / t.reported)} ${median(t.widths).toPrecision(3).padEnd(7)}`

console.log('cell                          truth   flagged | tail on flagged: cover   SE  of rep/flag below above width | bca on passed: cover   SE  of rep/pass below above width | together: none  cover   SE | tail on all: cover   SE  none below above width')
for (const law of laws) {
  for (const n of sizes) {
    const start = performance.now()
    const c = r2TailCell(law, n, trials, seedOffset, bca, againstLaw)
    const seconds = ((performance.now() - start) / 1000).toFixed(0)
    const reported = bca ? c.tailOnFlagged.reported + c.bcaOnPassed.reported : Number.NaN
    const covered = c.tailOnFlagged.covered + c.bcaOnPassed.covered
    console.log(
      `${`${law} n=${n} (${seconds} s)`.padEnd(28)} ${c.truth.toPrecision(5)} ${pct(c.flagged / c.trials)}% | ${show(c.tailOnFlagged)} | ${show(c.bcaOnPassed)} | ${pct(1 - reported / c.trials)}% ${pct(covered / reported)} ${pct(se(covered, reported))} | ${pct(c.tailOnAll.covered / c.tailOnAll.reported)} ${pct(se(c.tailOnAll.covered, c.tailOnAll.reported))} ${pct(1 - c.tailOnAll.reported / c.trials)}% ${pct(c.tailOnAll.below / c.tailOnAll.reported)} ${pct(c.tailOnAll.above / c.tailOnAll.reported)} ${median(c.tailOnAll.widths).toPrecision(3)}`,
    )
  }
}
console.log(`# ${trials} trials per cell, seed offset ${seedOffset}${againstLaw ? ", against the law's r2 (fresh draws)" : ''}, load average ${loadAverage()}, ${new Date().toISOString()}`)
