#!/usr/bin/env node
/**
 * The exact size of the McNemar test with a margin (a tolerance on accuracy, or toOutperform's
 * margin) at the boundary of its null, drop = margin: for each row count N and margin, the
 * probability, summed exactly over the trinomial of lost / gained / unchanged rows (lost w.p.
 * piG + margin, gained w.p. piG), that `exactMcNemarTest` gives p <= alpha, at its largest over
 * the gained rates piG of the grid (0 to 0.45, discordance up to 90% of the rows), as a multiple
 * of alpha; then its power, as exactly, for a few drops beyond a tolerance. No draws: every number
 * is exact. With --dist, another build's test.
 *
 *   npm run build && node bench/gate/mcnemar-margin-size.mjs [--dist dist] [--n 20,30,50,100,200,400,800]
 */
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({ options: { dist: { type: 'string', default: new URL('../../dist', import.meta.url).pathname }, n: { type: 'string', default: '20,30,50,100,200,400,800' } } })
const { exactMcNemarTest, logFactorial } = await import(`${args.dist}/stats/index.js`)
const margins = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3]
const alphas = [0.05, 0.01, 0.005, 0.001, 0.0001]
const gainedRates = [0, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]
console.log(`exact size at drop = margin, largest over gained rates 0-0.45, as a multiple of alpha (${args.dist})`)
console.log(`N     margin  ${alphas.map((a) => `@${a}`.padEnd(8)).join('')} (largest at gained rate)`)
let worst = 0
for (const N of args.n.split(',').map(Number)) {
  for (const margin of margins) {
    const p = Array.from({ length: N + 1 }, (_, L) => Float64Array.from({ length: N + 1 - L }, (_, G) => exactMcNemarTest({ lost: L, gained: G, total: N, margin }).p))
    const largest = alphas.map(() => ({ ratio: 0, rate: 0 }))
    for (const piG of gainedRates) {
      const piL = piG + margin
      const piC = 1 - piL - piG
      if (piC < 0) continue
      const size = alphas.map(() => 0)
      for (let L = 0; L <= N; L++) {
        for (let G = 0; L + G <= N; G++) {
          if (piG === 0 && G > 0) break
          const C = N - L - G
          const pr = Math.exp(logFactorial(N) - logFactorial(L) - logFactorial(G) - logFactorial(C) + (L ? L * Math.log(piL) : 0) + (G ? G * Math.log(piG) : 0) + (C ? C * Math.log(piC) : 0))
          if (!(pr > 1e-300)) continue
          alphas.forEach((alpha, i) => p[L][G] <= alpha && (size[i] += pr))
        }
      }
      alphas.forEach((alpha, i) => size[i] / alpha > largest[i].ratio && (largest[i] = { ratio: size[i] / alpha, rate: piG }))
    }
    worst = Math.max(worst, ...largest.map((l) => l.ratio))
    console.log(`${String(N).padEnd(6)}${String(margin).padEnd(8)}${largest.map((l) => `${l.ratio.toFixed(2)}x`.padEnd(8)).join('')} (${largest.map((l) => l.rate).join(', ')})`)
  }
}
console.log(`largest: ${worst.toFixed(3)} x alpha`)

/** The exact probability that the test gives p <= alpha, rows lost w.p. piL and gained w.p. piG. */
function power(N, margin, piL, piG, alpha) {
  let total = 0
  const cap = Math.min(N, Math.ceil(3 * N * (piL + piG) + 40))
  for (let L = 0; L <= cap; L++) {
    for (let G = 0; G <= cap && L + G <= N; G++) {
      const C = N - L - G
      const pr = Math.exp(logFactorial(N) - logFactorial(L) - logFactorial(G) - logFactorial(C) + L * Math.log(piL) + G * Math.log(piG) + C * Math.log(1 - piL - piG))
      if (pr > 1e-14 && exactMcNemarTest({ lost: L, gained: G, total: N, margin }).p <= alpha) total += pr
    }
  }
  return total
}
console.log('\npower (exact), 1.5% of rows gained:')
for (const [N, margin, drop] of [[800, 0.02, 0.05], [800, 0.02, 0.04], [800, 0.01, 0.03], [800, 0, 0.03], [2000, 0.01, 0.02]]) {
  const shown = [0.05, 0.005].map((alpha) => `${(100 * power(N, margin, 0.015 + drop, 0.015, alpha)).toFixed(1)}%`)
  console.log(`  ${N} rows, tolerance ${margin}, a drop of ${drop}: ${shown[0]} at 0.05, ${shown[1]} at 0.005`)
}
