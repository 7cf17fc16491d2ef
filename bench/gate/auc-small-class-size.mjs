#!/usr/bin/env node
/**
 * roc_auc's paired test where a class has few rows: how often two exchangeable re-trains of one
 * binary model (a shared signal plus independent noise per model, so the two models' scores are
 * exchangeable row by row) are called significantly different, by DeLong's test alone (the
 * kernel) and by the gate's test (`PairedComparison`: DeLong from 10 rows of each class, else the
 * AUC recomputed on exchanges of the two models' probabilities). For each (rows, positives), T
 * datasets and S random exchanges of each: the rejection rate at each level, and as a multiple of
 * it. With --dist, another build's.
 *
 *   npm run build && node bench/gate/auc-small-class-size.mjs [--datasets 100] [--exchanges 100] [--dist dist]
 */
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({ options: { datasets: { type: 'string', default: '100' }, exchanges: { type: 'string', default: '100' }, dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname } } })
const { pairedDeLongTest, createRandom } = await import(`${args.dist}/stats/index.js`)
const { PairedComparison } = await import(`${args.dist}/compare/index.js`)
const { rocAucFromSplitScores } = await import(`${args.dist}/metrics/index.js`)
const levels = [0.05, 0.01, 0.0025, 0.001]
const [T, S] = [Number(args.datasets), Number(args.exchanges)]
const random = createRandom(9)
const started = Date.now()
console.log(`two exchangeable re-trains, ${T} datasets x ${S} exchanges per cell: rejection rate (x level) at ${levels.join(' / ')} (${args.dist})`)
for (const [n, positives] of [[30, 2], [30, 3], [50, 3], [100, 4], [100, 6], [100, 10], [200, 15], [200, 20]]) {
  const rejected = { delong: levels.map(() => 0), gate: levels.map(() => 0) }
  let gateTest = ''
  const labels = Uint8Array.from({ length: n }, (_, i) => (i < positives ? 1 : 0))
  for (let t = 0; t < T; t++) {
    const signal = Float64Array.from(labels, (y) => y + 2 * random.uniform())
    // scores in (0, 1): P(positive)
    const [sa, sb] = [signal.map((s) => (s + random.uniform()) / 4), signal.map((s) => (s + random.uniform()) / 4)]
    for (let s = 0; s < S; s++) {
      const [a, b] = [sa.slice(), sb.slice()]
      for (let i = 0; i < n; i++) if (random.uniform() < 0.5) [a[i], b[i]] = [sb[i], sa[i]]
      const delong = pairedDeLongTest({ labels, scoresA: b, scoresB: a }).p
      const matrix = (p) => Float64Array.from(Array.from(p).flatMap((x) => [1 - x, x]))
      const data = { modelType: 'classifier', n, k: 2, average: undefined, posIndex: 1, targetIndex: Int32Array.from(labels), a: { probabilities: matrix(a) }, b: { probabilities: matrix(b) } }
      const auc = (p) => rocAucFromSplitScores(p.filter((_, i) => labels[i] === 1), p.filter((_, i) => labels[i] === 0))
      const result = new PairedComparison(data).test({ metric: 'roc_auc', rows: null, scopeKey: '', valueA: auc(a), valueB: auc(b), greaterIsBetter: true, margin: 0, alpha: 0.001, permutationDraws: 21_000, seed: t * S + s + 1 })
      gateTest = result.test ?? result.unavailable
      levels.forEach((level, i) => {
        if (delong <= level) rejected.delong[i]++
        if (result.p <= level) rejected.gate[i]++
      })
    }
  }
  const show = (counts) => counts.map((c, i) => `${(c / (T * S)).toFixed(4)} (${(c / (T * S) / levels[i]).toFixed(2)}x)`).join(' / ')
  console.log(`${n} rows, ${positives} positives:\n  DeLong alone          ${show(rejected.delong)}\n  the gate (${gateTest}) ${show(rejected.gate)}`)
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
