#!/usr/bin/env node
/**
 * The gate on a model whose labels are unchanged but whose probabilities are sharpened (its
 * logits 2.75 times the baseline's: the same labels and ranking, log loss up about 10% on average
 * at 1,000 rows), as adversarial pass 52 built it: how often the default entry fails, with and
 * without 4 region slices, and an entry tracking log_loss alone. Binary task, prevalence 0.3,
 * logit signal 2, seeds 1 to --trials. With the label metrics in Holm's family (7 hypotheses
 * overall) the default entry held log_loss at 0.05 / 7; they are left out where no label differs
 * (bench/gate/README.md, "Adversarial pass 52").
 *
 *   npm run build && node bench/gate/unchanged-labels-simulation.mjs [--trials 200] [--dist dist] [--scale 2.75]
 */
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({ options: { trials: { type: 'string', default: '200' }, scale: { type: 'string', default: '2.75' }, dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname } } })
const trials = Number(args.trials)
const scale = Number(args.scale)
const dist = args.dist
const { evaluate } = await import(`${dist}/evaluate/index.js`)
const { createBaselineEntry, compareWithBaseline } = await import(`${dist}/baselines/index.js`)
const { createRandom } = await import(`${dist}/stats/index.js`)
const sigmoid = (z) => 1 / (1 + Math.exp(-z))
const entries = [
  ['default entry', [], undefined],
  ['default entry, 4 region slices', ['region'], undefined],
  ['log_loss alone', [], ['log_loss']],
]
const failed = entries.map(() => 0)
let rise = 0
const started = Date.now()
for (let seed = 1; seed <= trials; seed++) {
  const random = createRandom(seed)
  const rows = Array.from({ length: 1000 }, (_, id) => {
    const y = random.uniform() < 0.3 ? 1 : 0
    const z = 2 * (y - 0.5) + Math.log(0.3 / 0.7) + random.normal()
    const baseline = z + 0.25 * random.normal()
    return { id, region: `r${id % 4}`, y, baseline: sigmoid(baseline), current: sigmoid(scale * baseline) }
  })
  for (const [k, [, slices, metrics]] of entries.entries()) {
    const run = (scores) => evaluate({ data: rows, targets: 'y', scores, modelType: 'classifier', inputColumns: ['id', 'region'], slices, intervals: false })
    const [a, b] = [await run('baseline'), await run('current')]
    if (k === 0) rise += b.metrics.log_loss / a.metrics.log_loss - 1
    const options = metrics ? { metrics } : {}
    if (compareWithBaseline(createBaselineEntry(a, options), b, options).status === 'failed') failed[k]++
  }
}
console.log(`labels unchanged, logits x${scale}: ${trials} seeds, mean log loss rise ${((100 * rise) / trials).toFixed(1)}% (${((Date.now() - started) / 1000).toFixed(0)} s, ${dist})`)
entries.forEach(([name], k) => console.log(`  ${name.padEnd(32)} fails ${failed[k]} of ${trials}`))
