#!/usr/bin/env node
/**
 * Issue 8: where the log-normal and t(3) regressors' squared errors differ. For each law of
 * X = e² (simulation.ts's ERROR_LAWS: e = exp(0.75 Z) − E[exp(0.75 Z)], and Student's t(3)), the
 * local Pareto index 1/γ(u) with γ(u) = E[log(X/u) | X > u] (Hill's functional: what Hill's
 * estimator measures with threshold u) at the threshold the tail bound uses (the largest
 * max(10, √n) of n terms), at the level of a sample's largest term (exceeded with probability
 * 1/n) and beyond it (1/(10n), 1/(100n)). Numerical integration over the law (midpoint rule), no
 * sampling: deterministic. Then, over `--samples` seeded samples of n terms from each law, what the
 * heavy-tail check's moment estimator (`heavyTailCheck`, the largest n/5 deviations) reads.
 *
 *   npx tsc -p bench/coverage/tsconfig.json && node bench/coverage/tail-bend.mjs --n 800,5000 --samples 300
 */
import { ERROR_LAWS } from './.tmp/dist/bench/coverage/simulation.js'
import { heavyTailCheck } from './.tmp/dist/src/stats/heavy-tail-check.js'
import { createRandom } from './.tmp/dist/src/stats/index.js'
import { readOptions } from './options.mjs'

const { numbers, option } = readOptions()
const sizes = numbers('n', '800,5000')
const samples = Number(option('samples', '300'))
const normalPdf = (z) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)
const SHIFT = Math.exp(0.75 ** 2 / 2)

/** [P(X > u), E[log(X/u); X > u]] for X = (exp(0.75 Z) − SHIFT)² and u above SHIFT² (only the upper branch exceeds it). */
function lognormalTail(u) {
  const z0 = Math.log(SHIFT + Math.sqrt(u)) / 0.75
  const h = 1e-4
  let p = 0
  let s = 0
  for (let z = z0 + h / 2; z < z0 + 12; z += h) {
    const w = normalPdf(z) * h
    p += w
    s += w * Math.log((Math.exp(0.75 * z) - SHIFT) ** 2 / u)
  }
  return [p, s]
}

/** The same for X = T², T Student's t(3) (both signs), over t = √u / v, v in (0, 1]. */
function t3Tail(u) {
  const density = (t) => 2 / (Math.PI * Math.sqrt(3)) / (1 + (t * t) / 3) ** 2
  const t0 = Math.sqrt(u)
  const steps = 200_000
  let p = 0
  let s = 0
  for (let i = 0; i < steps; i++) {
    const v = (i + 0.5) / steps
    const t = t0 / v
    const w = (2 * density(t) * t0) / (v * v) / steps
    p += w
    s += w * Math.log((t * t) / u)
  }
  return [p, s]
}

/** The u with P(X > u) = q (bisection on the log scale). */
function upperQuantile(tail, q) {
  let lo = 2
  let hi = 1e9
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi)
    if (tail(mid)[0] > q) lo = mid
    else hi = mid
  }
  return lo
}

console.log('law          n      where (P(X > u))                u        local index 1/γ(u)')
for (const [law, tail] of [['log-normal', lognormalTail], ['t(3)', t3Tail]]) {
  for (const n of sizes) {
    const k = Math.max(10, Math.round(Math.sqrt(n)))
    for (const [where, q] of [[`tail bound's threshold (${k}/n)`, k / n], ["a sample's largest (1/n)", 1 / n], ['beyond it (1/(10n))', 1 / (10 * n)], ['beyond it (1/(100n))', 1 / (100 * n)]]) {
      const u = upperQuantile(tail, q)
      const [p, s] = tail(u)
      console.log(`${law.padEnd(12)} ${String(n).padEnd(6)} ${where.padEnd(31)} ${u.toPrecision(3).padStart(8)}  ${(p / s).toFixed(2).padStart(6)}`)
    }
  }
}

console.log(`\nThe heavy-tail check's index (moment estimator over the largest n/5 deviations), ${samples} samples per cell, seed 5`)
console.log('law          n      mean    sd     5%     95%')
const random = createRandom(5)
for (const [law, key] of [['log-normal', 'lognormal'], ['t(3)', 't3']]) {
  for (const n of sizes) {
    const index = []
    for (let s = 0; s < samples; s++) index.push(heavyTailCheck(Float64Array.from({ length: n }, () => ERROR_LAWS[key].draw(random) ** 2)).index)
    index.sort((a, b) => a - b)
    const mean = index.reduce((a, b) => a + b, 0) / samples
    const sd = Math.sqrt(index.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples - 1))
    const at = (p) => index[Math.floor(p * (samples - 1))].toFixed(3)
    console.log(`${law.padEnd(12)} ${String(n).padEnd(6)} ${mean.toFixed(3)}  ${sd.toFixed(3)}  ${at(0.05)}  ${at(0.95)}`)
  }
}
