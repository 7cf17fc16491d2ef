/**
 * Paired, in one process: drawing the confusion-matrix and ROC plots of the suite's 100 runs
 * through renderVegaSvg (one live view per spec shape, its data replaced) against a fresh Vega
 * parse and view per plot (what the reporter did first). Then the floor: every plot of a run
 * (renderRunPlots, 6 for the suite's runs) against as many 2-point curve charts, Vega's fixed
 * cost per SVG. Reads the run.json files bench/suite/run.mjs left in eval-results/.
 *
 * Run: node bench/suite/plot-parse.mjs   (after npm run bench:suite; SUITE_RESULTS=<folder> reads another results folder)
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse, View } from 'vega'
import { confusionMatrixSpec } from '../../dist/reporter/plots/confusion-matrix.js'
import { rocCurveSpec } from '../../dist/reporter/plots/roc-curve.js'
import { PLOT_CONFIG, renderVegaSvg } from '../../dist/reporter/plots/vega-svg.js'
import { renderRunPlots } from '../../dist/reporter/plots/run-plots.js'
import { projectDir } from './generate.mjs'

const results = process.env.SUITE_RESULTS ?? join(projectDir, 'eval-results')
const runs = readdirSync(results, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => JSON.parse(readFileSync(join(results, entry.name, 'run.json'), 'utf8')).run)
const specs = runs.flatMap((run) => [confusionMatrixSpec(run.confusionMatrix, false), rocCurveSpec(run.curves.roc)])

async function fresh(spec) {
  const view = new View(parse({ config: PLOT_CONFIG, ...spec }), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

await renderVegaSvg(specs[0])
await fresh(specs[0])
const cached = []
const parsed = []
for (let round = 0; round < 3; round += 1) {
  let start = performance.now()
  for (const spec of specs) await renderVegaSvg(spec)
  cached.push(performance.now() - start)
  start = performance.now()
  for (const spec of specs) await fresh(spec)
  parsed.push(performance.now() - start)
}
const median = (values) => [...values].sort((a, b) => a - b)[1]
console.log(`${specs.length} plots (confusion matrix and ROC of ${runs.length} runs), median of 3 rounds:`)
console.log(`  one view per shape ${(median(cached) / 1000).toFixed(2)} s, a parse and view per plot ${(median(parsed) / 1000).toFixed(2)} s, ratio ${(median(parsed) / median(cached)).toFixed(2)}x`)

// The floor: Vega's fixed cost per SVG, a 2-point curve chart through the same renderer.
const tiny = rocCurveSpec([{ label: 'a', fpr: [0, 1], tpr: [0, 1], thresholds: [2, 0], auc: 0.5 }])
await renderVegaSvg(tiny)
const floor = []
const whole = []
let plotsPerRun = 0
for (let round = 0; round < 3; round += 1) {
  let start = performance.now()
  for (const run of runs) plotsPerRun = (await renderRunPlots(run)).length
  whole.push((performance.now() - start) / runs.length)
  start = performance.now()
  for (let i = 0; i < runs.length * plotsPerRun; i += 1) await renderVegaSvg(tiny)
  floor.push((performance.now() - start) / runs.length)
}
console.log(`every plot of a run (${plotsPerRun}): median ${median(whole).toFixed(1)} ms; ${plotsPerRun} 2-point plots (the floor): median ${median(floor).toFixed(1)} ms; ${(median(whole) / median(floor)).toFixed(2)}x the floor`)
