#!/usr/bin/env node
/**
 * Where should Peng's interval replace the heavy-tail rule's withholding? (heavy-tail-rule.ts)
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/heavy-tail-rule-run.mjs --n 100,800 --trials 1000 --seed-offset 7000
 *
 * Options: --n (comma list; default 100,800), --trials (default 1000), --laws (default
 * normal,t5,t3,lognormal), --seed-offset (default 7000), --peng-only (skip the engine's bootstrap-t:
 * only the check and Peng's interval on the trials it withholds; engine columns empty). Per metric: the engine's withheld share and
 * its coverage of what it reports (SE); Peng on the withheld trials (coverage, SE, reported of
 * withheld); engine + Peng together: no-interval share, coverage (SE); Peng's misses below;
 * Peng's mean and median width; how often Peng's interval excludes the sample mean. r2_score rows: the
 * r2 interval 1 − MSE/Var(y) from Peng's MSE bounds, on the trials where MSE is withheld only.
 */
import { performance } from 'node:perf_hooks'
import { heavyTailRuleCells } from './.tmp/dist/bench/coverage/heavy-tail-rule.js'
import { lawCellOptions, loadAverage, percent as pct, shareStandardError as se } from './options.mjs'

const { sizes, trials, laws, seedOffset, flag } = lawCellOptions()
const engine = !flag('peng-only')

for (const law of laws) {
  for (const n of sizes) {
    const start = performance.now()
    const cells = heavyTailRuleCells(law, n, trials, seedOffset, engine)
    const seconds = ((performance.now() - start) / 1000).toFixed(0)
    console.log(`\n## regressor-${law}, n = ${n}, ${trials} trials (${seconds} s), seed offset ${seedOffset}${engine ? '' : ', peng only'}, load average ${loadAverage()}, ${new Date().toISOString()}`)
    console.log('metric                           truth     engine: withheld  cover   SE | peng on withheld: cover   SE  of reported/withheld | engine+peng: none  cover   SE | peng below | width (mean, median)  excl-mean')
    for (const c of cells) {
      // --peng-only: the engine's kept trials are not measured, so the together columns stay empty.
      const reported = engine ? c.engineReported + c.pengReported : Number.NaN
      const covered = engine ? c.engineCovered + c.pengCovered : Number.NaN
      console.log(
        `${c.metric.padEnd(32)} ${c.truth.toPrecision(5).padStart(8)}          ${pct(c.withheld / c.trials)}% ${pct(c.engineCovered / c.engineReported)} ${pct(se(c.engineCovered, c.engineReported))} |                   ${pct(c.pengCovered / c.pengReported)} ${pct(se(c.pengCovered, c.pengReported))}  of ${String(c.pengReported).padStart(4)}/${String(c.withheld).padEnd(4)}       |              ${pct(1 - reported / c.trials)}% ${pct(covered / reported)} ${pct(se(covered, reported))} ${pct(c.pengBelow / Math.max(1, c.pengReported))} | ${c.pengWidth.toPrecision(3).padEnd(7)} ${c.pengMedianWidth.toPrecision(3).padEnd(12)} ${pct(c.pengExcludesMean / Math.max(1, c.pengReported))}%`,
      )
    }
  }
}
