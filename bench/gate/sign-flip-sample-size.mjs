#!/usr/bin/env node
/**
 * Size of the paired-mean rule (the larger p of Hall's skewness-corrected t on every row and the
 * sign flip) when the sign flip's Monte-Carlo part runs on a seeded random 20,000 of the non-zero
 * terms (`maxTerms`, what the comparison passes), on populations where it does so: more than
 * 20,000 rows whose differences are heavy-tailed enough that the flip distribution's normal limit
 * is not used (a term carries more than 1% of Σ e²). Each trial's differences are also given to
 * the sampled sign flip alone and to Hall's t alone.
 *
 * Scenarios (null: mean difference 0, nominal 5%):
 * - exchangeable: the squared errors of two equally good models with Student's t(3) errors, d = a² − b²;
 * - few-dominate: N(0, 1) differences with 5 rows of ±200 (random signs);
 * - left-skewed: d = E[Y] − Y, Y log-normal(0, 1.5) (its long tail says "current better", where a sign flip alone is liberal);
 * - right-skewed: d = Y − E[Y].
 *
 *   npm run build && node bench/gate/sign-flip-sample-size.mjs [--rows 40000] [--trials 2000] [--draws 1000] [--scenarios exchangeable,few-dominate,left-skewed,right-skewed]
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname },
    rows: { type: 'string', default: '40000' },
    trials: { type: 'string', default: '2000' },
    draws: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '2026' },
    scenarios: { type: 'string', default: 'exchangeable,few-dominate,left-skewed,right-skewed' },
  },
})
const base = pathToFileURL(resolve(values.dist)).href
const { pairedSignFlipTest, pairedMeanDifferenceTest, createRandom } = await import(`${base}/stats/index.js`)
const n = Number(values.rows)
const trials = Number(values.trials)
const draws = Number(values.draws)
const MAX_TERMS = 20_000
const ALPHA = 0.05

function normal(random) {
  let u = 0
  while (u === 0) u = random.uniform()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.uniform())
}
function t3(random) {
  const z = normal(random)
  let chi = 0
  for (let k = 0; k < 3; k++) chi += normal(random) ** 2
  return z / Math.sqrt(chi / 3)
}
const LOGNORMAL_MEAN = Math.exp(1.5 ** 2 / 2)
const scenarios = {
  exchangeable: (random, d) => {
    for (let i = 0; i < n; i++) d[i] = t3(random) ** 2 - t3(random) ** 2
  },
  'few-dominate': (random, d) => {
    for (let i = 0; i < n; i++) d[i] = normal(random)
    for (let k = 0; k < 5; k++) d[Math.floor(random.uniform() * n)] = random.uniform() < 0.5 ? 200 : -200
  },
  'left-skewed': (random, d) => {
    for (let i = 0; i < n; i++) d[i] = LOGNORMAL_MEAN - Math.exp(1.5 * normal(random))
  },
  'right-skewed': (random, d) => {
    for (let i = 0; i < n; i++) d[i] = Math.exp(1.5 * normal(random)) - LOGNORMAL_MEAN
  },
}

const se = (rate) => Math.sqrt((rate * (1 - rate)) / trials)
const pct = (rate) => `${(100 * rate).toFixed(2).padStart(6)}%`
console.log(`# paired-mean rule with the sign flip on a random ${MAX_TERMS} of the terms; ${n} rows, ${trials} trials, ${draws} sign draws, alpha ${ALPHA}, seed ${values.seed}, ${new Date().toISOString()}`)
for (const name of values.scenarios.split(',')) {
  const make = scenarios[name]
  if (!make) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`)
  const random = createRandom(Number(values.seed))
  const d = new Float64Array(n)
  let rule = 0
  let flipAlone = 0
  let hallAlone = 0
  let sampled = 0
  const started = performance.now()
  for (let t = 0; t < trials; t++) {
    make(random, d)
    const hall = pairedMeanDifferenceTest({ differences: d, skewnessCorrection: true }).p
    const flip = pairedSignFlipTest({ differences: d, seed: t + 1, draws, alpha: ALPHA, maxTerms: MAX_TERMS })
    if (flip.sampledTerms) sampled++
    if (hall <= ALPHA) hallAlone++
    if (flip.p <= ALPHA) flipAlone++
    if (Math.max(hall, flip.p) <= ALPHA) rule++
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  console.log(`paired-mean (gate, sampled flip)  size, ${name.padEnd(13)} ${n} rows  trials ${String(trials).padStart(6)}  rate ${pct(rule / trials)}  SE ${(100 * se(rule / trials)).toFixed(2)} pt`)
  console.log(`                                    same draws: sampled sign-flip alone ${pct(flipAlone / trials).trim()}, Hall's t alone ${pct(hallAlone / trials).trim()}; flip sampled in ${sampled} of ${trials} trials; ${seconds} s`)
}
