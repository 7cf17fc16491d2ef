#!/usr/bin/env node
/**
 * What a sample of n rows can support for the MSE of a heavy-tailed population (issue 8, branch
 * tails). For the regressor populations of simulation.ts (seed 3, 200,000 rows) and each m: the
 * m rows with the largest squared errors carry a share s of the population's MSE; a sample of n
 * rows (drawn with replacement, as run.mjs draws) holds none of them with probability
 * p = (1 − m/N)^n, and such a sample is exactly a sample of the population P' without those
 * rows, whose MSE is below the population's. An upper bound that is honest for P' (one-sided
 * 97.5%: the oracle studentized bound x̄ + c·s/√n with c calibrated on P' itself by simulation)
 * exceeds the population's MSE on a share q of those samples, so any method that is honest on P'
 * covers at most 1 − p + p·q of the population's samples (upper misses alone). To cover more, a
 * method must over-state the upper bound of a population (P') that has no such rows.
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/tail-limit.mjs --n 100 --laws t3,lognormal,t5,normal --m 10,30,100,300,1000,3000 --trials 4000 --seed 11
 */
import { regressorColumns } from './.tmp/dist/bench/coverage/simulation.js'
import { createRandom } from './.tmp/dist/src/stats/index.js'
import { loadAverage, percent as pct, readOptions } from './options.mjs'

const { option, list, numbers } = readOptions()
const n = Number(option('n', '100'))
const laws = list('laws', 't3,lognormal,t5,normal')
const ms = numbers('m', '10,30,100,300,1000,3000')
const trials = Number(option('trials', '4000'))
const seed = Number(option('seed', '11'))
const N = 200_000

console.log(`# What a sample of ${n} can support: ${trials} samples per cell, seed ${seed}, ${new Date().toISOString()}, load average ${loadAverage()}`)
console.log('law        m     share s  max e² kept   p(no top row)  MSE(P)   MSE(P\')  c(97.5% on P\')  q: oracle U >= MSE(P)  bound 1-p+pq')
for (const law of laws) {
  const { targetValues, predictedValues } = regressorColumns(law)
  const squared = Float64Array.from(targetValues, (y, i) => (predictedValues[i] - y) ** 2)
  const sorted = Float64Array.from(squared).sort()
  let total = 0
  for (let i = 0; i < N; i++) total += sorted[i]
  const mse = total / N
  for (const m of ms) {
    const rest = sorted.subarray(0, N - m)
    let restTotal = 0
    for (let i = 0; i < rest.length; i++) restTotal += rest[i]
    const share = 1 - restTotal / total
    const msePrime = restTotal / rest.length
    const p = (1 - m / N) ** n
    // Samples of P' (seeded), their studentized statistics and means.
    const draw = createRandom(seed)
    const means = new Float64Array(trials)
    const ses = new Float64Array(trials)
    const ts = new Float64Array(trials)
    for (let t = 0; t < trials; t++) {
      let s = 0
      let s2 = 0
      for (let i = 0; i < n; i++) {
        const x = rest[Math.floor(draw.uniform() * rest.length)]
        s += x
        s2 += x * x
      }
      const mean = s / n
      const se = Math.sqrt(Math.max(0, (s2 - n * mean * mean) / (n - 1)) / n)
      means[t] = mean
      ses[t] = se
      ts[t] = (msePrime - mean) / se
    }
    // c: the 97.5% quantile of (μ' − x̄)/se over P''s samples, so x̄ + c·se ≥ μ' in 97.5% of them.
    const c = Float64Array.from(ts).sort()[Math.ceil(0.975 * trials) - 1]
    let above = 0
    for (let t = 0; t < trials; t++) if (means[t] + c * ses[t] >= mse) above++
    const q = above / trials
    console.log(
      `${law.padEnd(10)} ${String(m).padStart(5)}  ${pct(share)}%   ${sorted[N - m - 1].toPrecision(4).padStart(9)}   ${pct(p)}%        ${mse.toPrecision(4)}   ${msePrime.toPrecision(4)}   ${c.toFixed(2).padStart(6)}          ${pct(q)}%                ${pct(1 - p + p * q)}%`,
    )
  }
}
