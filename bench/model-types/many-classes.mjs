#!/usr/bin/env node
/**
 * evaluate() on a classifier with many classes and slices (adversarial pass 22q: 200 classes,
 * 60 slices, 20,000 rows took 92 s, most of it the count metrics' resamples reading every cell of
 * each 200 × 200 matrix). Labels only (no probabilities), so the count metrics' intervals are the
 * cost measured. Pair it against another build with farm-bench:
 *
 *   npm run build
 *   farm-bench -n 3 --vs "node bench/model-types/many-classes.mjs --package <other checkout or unpacked tarball>" -- node bench/model-types/many-classes.mjs
 *
 * Options: --package (folder of an evalgate package whose dist/ to load; default this checkout),
 * --n (rows, 20000), --k (classes, 200), --s (slices, 60).
 */
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { seededRandom } from '../engine/generate.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const root = resolve(option('package', new URL('../..', import.meta.url).pathname))
const n = Number(option('n', '20000'))
const k = Number(option('k', '200'))
const s = Number(option('s', '60'))
const { evaluate } = await import(pathToFileURL(`${root}/dist/index.js`).href)

const random = seededRandom(1)
const data = Array.from({ length: n }, (_, i) => {
  const y = Math.floor(random() * k)
  return { id: i, seg: `s${Math.floor(random() * s)}`, target: `c${y}`, predicted: `c${random() < 0.8 ? y : Math.floor(random() * k)}` }
})
const labels = Array.from({ length: k }, (_, j) => `c${j}`)
const start = performance.now()
const run = await evaluate({ data, targets: 'target', predictions: 'predicted', modelType: 'classifier', labels, slices: s > 0 ? ['seg'] : [], inputColumns: ['id'] })
console.log(`n=${n} k=${k} slices=${s}: ${Math.round(performance.now() - start)} ms, accuracy ${run.metrics.accuracy_score.toFixed(4)} [${run.intervals.accuracy_score.lower.toFixed(4)}, ${run.intervals.accuracy_score.upper.toFixed(4)}]`)
