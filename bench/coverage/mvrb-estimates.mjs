#!/usr/bin/env node
/** Issue 8: medians of ρ̂, β̂, Hill's and the bias-reduced index over 200 samples of squared t(3) and log-normal errors drawn from each law (seed 7), per k₁ (after npx tsc -p bench/coverage/tsconfig.json). */
import { mvrbUpper } from './mvrb-tail.mjs'
import { createRandom } from './.tmp/dist/src/stats/index.js'
const r = createRandom(7)
const normal = () => { const u = r.uniform(), v = r.uniform(); return Math.sqrt(-2 * Math.log(u + 1e-300)) * Math.cos(2 * Math.PI * v) }
const t3 = () => { const z = normal(); let c = 0; for (let i = 0; i < 3; i++) c += normal() ** 2; return z / Math.sqrt(c / 3) }
const ln = () => Math.exp(0.75 * normal()) - Math.exp(0.75 ** 2 / 2)
for (const [name, draw] of [['t3', t3], ['lognormal', ln]]) for (const n of [800, 5000]) for (const k1 of [undefined, (m) => Math.floor(m / 2), (m) => Math.floor(m / 10)]) {
  const rows = []
  for (let s = 0; s < 200; s++) { const v = Float64Array.from({ length: n }, () => draw() ** 2); rows.push(mvrbUpper(v, 0.95, k1 ? { k1Of: k1 } : {})) }
  const med = (f) => { const a = rows.map(f).filter(Number.isFinite).sort((x, y) => x - y); return a[a.length >> 1]?.toFixed(3) }
  console.log(name, n, k1 ? k1(1000) : 'n^.999', 'rho', med((x) => x.rho), 'beta', med((x) => x.beta), 'hillA', med((x) => x.hillAlpha), 'mvrbA', med((x) => x.alpha), 'upper', med((x) => x.upper))
}
