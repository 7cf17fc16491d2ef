/**
 * Size and power of the paired-test kernels (issue 8), by seeded simulation against populations
 * whose truth is known. Run on demand (a few minutes):
 *
 *   npx vitest run --config bench/gate/vitest.config.ts
 *   SIM_SCALE=0.1 npx vitest run --config bench/gate/vitest.config.ts   # a tenth of the trials
 *
 * Each line: kernel, scenario, trials, observed rate, its standard error √(r(1 − r)/trials).
 * Size rows are under a true null (a run exactly as good as the other, or worse by exactly the
 * margin), at nominal 5% unless stated; power rows under a real regression.
 */
import { it } from 'vitest'
import {
  createRandom,
  exactMcNemarTest,
  pairedDeLongTest,
  pairedMeanDifferenceTest,
  pairedOvrDeLongTest,
  pairedPermutationTest,
  pairedResampleTest,
  pairedSignFlipTest,
  normalCdf,
  normalQuantile,
  type RandomSource,
} from '../../src/stats/index.js'
import {
  descendingOrder,
  drawLostGained,
  exchangeableLabelRuns,
  macroF1,
  macroF1Drop,
  regressionRuns,
  weightedAveragePrecision,
  weightedR2,
  type ErrorLaw,
} from '../../test/stats/paired-populations.js'

const SCALE = Number(process.env.SIM_SCALE ?? '1')
const trialsOf = (full: number): number => Math.max(50, Math.round(full * SCALE))

function report(kernel: string, scenario: string, trials: number, hits: number): void {
  const rate = hits / trials
  const se = Math.sqrt((rate * (1 - rate)) / trials)
  console.log(`${kernel.padEnd(26)} ${scenario.padEnd(64)} trials ${String(trials).padStart(6)}  rate ${(100 * rate).toFixed(2).padStart(6)}%  SE ${(100 * se).toFixed(2)} pt`)
}

function simulate(kernel: string, scenario: string, full: number, seed: number, trial: (random: RandomSource, t: number) => boolean): void {
  const trials = trialsOf(full)
  const random = createRandom(seed)
  let hits = 0
  for (let t = 0; t < trials; t++) if (trial(random, t)) hits++
  report(kernel, scenario, trials, hits)
}

const logLoss = (y: number, p: number): number => -Math.log(y === 1 ? p : 1 - p)
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

it('exactMcNemarTest: size and power', () => {
  for (const midP of [true, false]) {
    const name = midP ? 'McNemar mid-p' : 'McNemar exact (the gate)'
    for (const differ of [5, 10, 20]) {
      const rate = differ / 2 / 800
      simulate(name, `size, 800 rows, ${differ} rows differ on average`, 20000, 10 + differ, (random) => {
        const { lost, gained } = drawLostGained(800, rate, rate, random)
        return exactMcNemarTest({ lost, gained, total: 800, midP }).p <= 0.05
      })
    }
    for (const alpha of [0.005, 0.05 / 30]) {
      simulate(name, `size at alpha ${alpha.toPrecision(2)} (Holm's first step), 800 rows, 20 rows differ on average`, 100000, 15, (random) => {
        const { lost, gained } = drawLostGained(800, 20 / 2 / 800, 20 / 2 / 800, random)
        return exactMcNemarTest({ lost, gained, total: 800, midP }).p <= alpha
      })
    }
    for (const [gainedRate, margin] of [[0.01, 0.01], [0.005, 0.01], [0.02, 0.02]]) {
      simulate(name, `size at the margin: drop = margin = ${margin}, ${(100 * gainedRate).toFixed(1)}% gained, 800 rows`, 20000, 20, (random) => {
        const { lost, gained } = drawLostGained(800, gainedRate + margin, gainedRate, random)
        return exactMcNemarTest({ lost, gained, total: 800, margin, midP }).p <= 0.05
      })
    }
    for (const drop of [0.05, 0.03]) {
      for (const alpha of [0.05, 0.005]) {
        simulate(name, `power, ${drop * 100}-point drop, 800 rows, 1.5% each way, alpha ${alpha}`, 20000, 30, (random) => {
          const { lost, gained } = drawLostGained(800, 0.015 + drop, 0.015, random)
          return exactMcNemarTest({ lost, gained, total: 800, midP }).p <= alpha
        })
      }
    }
  }
  // Conditional size given exactly n discordant rows (computed, not simulated).
  for (const n of [5, 10, 12, 20]) {
    let mid = 0
    let exact = 0
    for (let lost = 0; lost <= n; lost++) {
      const probability = Math.exp(logChoose(n, lost) - n * Math.LN2)
      if (exactMcNemarTest({ lost, gained: n - lost, total: 800, midP: true }).p <= 0.05) mid += probability
      if (exactMcNemarTest({ lost, gained: n - lost, total: 800, midP: false }).p <= 0.05) exact += probability
    }
    console.log(`${'exactMcNemarTest'.padEnd(26)} conditional size given exactly ${n} discordant rows: mid-p ${(100 * mid).toFixed(2)}%, exact ${(100 * exact).toFixed(2)}% (computed)`)
  }
  // The largest conditional size over every n from 1 to 400, at each level Holm uses.
  for (const alpha of [0.05, 0.005, 0.05 / 30]) {
    let worstMid = [0, 0]
    let worstExact = [0, 0]
    for (let n = 1; n <= 400; n++) {
      let mid = 0
      let exact = 0
      for (let lost = 0; lost <= n; lost++) {
        const probability = Math.exp(logChoose(n, lost) - n * Math.LN2)
        if (exactMcNemarTest({ lost, gained: n - lost, total: 800, midP: true }).p <= alpha) mid += probability
        if (exactMcNemarTest({ lost, gained: n - lost, total: 800 }).p <= alpha) exact += probability
      }
      if (mid > worstMid[0]) worstMid = [mid, n]
      if (exact > worstExact[0]) worstExact = [exact, n]
    }
    console.log(`${'exactMcNemarTest'.padEnd(26)} largest conditional size at alpha ${alpha.toPrecision(2)}, n = 1..400 discordant rows: mid-p ${(100 * worstMid[0]).toFixed(3)}% (n = ${worstMid[1]}), exact ${(100 * worstExact[0]).toFixed(3)}% (n = ${worstExact[1]}) (computed)`)
  }
})

function logChoose(n: number, k: number): number {
  let value = 0
  for (let i = 1; i <= k; i++) value += Math.log((n - k + i) / i)
  return value
}

it('pairedPermutationTest: size for macro F1', () => {
  for (const differ of [5, 10, 20]) {
    simulate('pairedPermutationTest', `size, macro F1, 3 classes, 300 rows, exactly ${differ} rows differ`, differ === 20 ? 10000 : 20000, 40 + differ, (random, t) => {
      const { truth, baseline, current, k } = exchangeableLabelRuns(300, differ, random)
      const f1 = macroF1Drop(truth, baseline, current, k)
      return pairedPermutationTest({ ...f1, seed: t }).p <= 0.05
    })
  }
  simulate('pairedPermutationTest', 'size at alpha 0.005 (Holm, m = 10), 20 rows differ (4,000 draws)', 10000, 63, (random, t) => {
    const { truth, baseline, current, k } = exchangeableLabelRuns(300, 20, random)
    const f1 = macroF1Drop(truth, baseline, current, k)
    return pairedPermutationTest({ ...f1, seed: t, alpha: 0.005 }).p <= 0.005
  })
})

/** The paired-mean test as the comparison runs it (src/compare): the larger p of the sign-flip test and Hall's t. */
function pairedMeanAsGated(differences: Float64Array, seed: number, alpha = 0.05, margin = 0): { gate: number; flip: number; hall: number; t: number } {
  const flip = pairedSignFlipTest({ differences, margin, seed, alpha }).p
  const hall = pairedMeanDifferenceTest({ differences, margin, skewnessCorrection: true }).p
  const t = pairedMeanDifferenceTest({ differences, margin }).p
  return { gate: Math.max(flip, hall), flip, hall, t }
}

/** One population, four tests on the same draws: the gate's rule, the sign-flip test, Hall's t, the plain t. */
function simulateMean(scenario: string, full: number, seed: number, draw: (random: RandomSource) => Float64Array, alpha = 0.05, margin = 0): void {
  const trials = trialsOf(full)
  const random = createRandom(seed)
  const hits = { gate: 0, flip: 0, hall: 0, t: 0 }
  for (let trial = 0; trial < trials; trial++) {
    const p = pairedMeanAsGated(draw(random), trial, alpha, margin)
    for (const key of ['gate', 'flip', 'hall', 't'] as const) if (p[key] <= alpha) hits[key]++
  }
  report('paired-mean (gate)', scenario, trials, hits.gate)
  const pct = (h: number): string => `${((100 * h) / trials).toFixed(2)}%`
  console.log(`${''.padEnd(26)}   same draws: sign-flip alone ${pct(hits.flip)}, Hall's t alone ${pct(hits.hall)}, plain t ${pct(hits.t)}`)
}

it('paired-mean (pairedSignFlipTest and Hall): size and power', () => {
  const logLossNull = (n: number) => (random: RandomSource): Float64Array => {
    const differences = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const logit = 2 * random.normal()
      const y = random.uniform() < sigmoid(logit) ? 1 : 0
      differences[i] = logLoss(y, sigmoid(logit + 0.8 * random.normal())) - logLoss(y, sigmoid(logit + 0.8 * random.normal()))
    }
    return differences
  }
  for (const n of [30, 100, 1000]) simulateMean(`size, log loss of two equally good runs, ${n} rows`, 2000, 50 + n, logLossNull(n))
  // Few rows differ: 800 rows, `differ` of them with a log-loss change of random sign (the rest equal).
  for (const differ of [5, 10, 20]) {
    simulateMean(`size, log loss, 800 rows, exactly ${differ} rows differ`, 4000, 55 + differ, (random) => {
      const differences = new Float64Array(800)
      for (let i = 0; i < differ; i++) {
        const logit = 2 * random.normal()
        const y = random.uniform() < sigmoid(logit) ? 1 : 0
        differences[i] = logLoss(y, sigmoid(logit + 0.8 * random.normal())) - logLoss(y, sigmoid(logit + 0.8 * random.normal()))
      }
      return differences
    })
  }
  for (const [n, sign] of [[50, 1], [50, -1], [200, 1], [200, -1], [1000, -1]] as const) {
    simulateMean(`size, ${sign > 0 ? 'right' : 'left'}-skewed lognormal differences, mean 0, ${n} rows`, 2000, 60 + n + sign, (random) => {
      const differences = new Float64Array(n)
      for (let i = 0; i < n; i++) differences[i] = sign * (Math.exp(random.normal()) - Math.exp(0.5))
      return differences
    })
  }
  simulateMean('size at the margin: normal differences, mean = margin = 0.01, 200 rows', 2000, 70, (random) => {
    const differences = new Float64Array(200)
    for (let i = 0; i < 200; i++) differences[i] = 0.01 + 0.1 * random.normal()
    return differences
  }, 0.05, 0.01)
  for (const alpha of [0.05, 0.005, 0.05 / 30]) {
    simulateMean(`power, log_loss +10% (labels unchanged), 1,000 rows, alpha ${alpha.toPrecision(2)}`, 300, 71, (random) => {
      const differences = new Float64Array(1000)
      for (let i = 0; i < 1000; i++) {
        const p = sigmoid(2.5 * random.normal())
        const y = random.uniform() < p ? 1 : 0
        differences[i] = logLoss(y, 0.5 + 0.72 * (p - 0.5)) - logLoss(y, p)
      }
      return differences
    }, alpha)
  }
})

/** Binary scores: shared latent + own noise; positives shifted by `shiftA` / `shiftB`. */
function binormalRuns(n: number, random: RandomSource, shiftA: number, shiftB: number) {
  const labels = new Uint8Array(n)
  const scoresA = new Float64Array(n)
  const scoresB = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = random.uniform() < 0.4 ? 1 : 0
    const shared = random.normal()
    scoresA[i] = shiftA * labels[i] + shared + random.normal()
    scoresB[i] = shiftB * labels[i] + shared + random.normal()
  }
  return { labels, scoresA, scoresB }
}

it('pairedDeLongTest / pairedOvrDeLongTest: size', () => {
  for (const n of [100, 400]) {
    simulate('pairedDeLongTest', `size, two equally good binary scorers, ${n} rows`, 20000, 80 + n, (random) => {
      const { labels, scoresA, scoresB } = binormalRuns(n, random, 1.5, 1.5)
      return pairedDeLongTest({ labels, scoresA, scoresB }).p <= 0.05
    })
  }
  // Binormal AUC with per-class variance 2: AUC = Φ(shift / 2). Pick shiftB so AUC_B − AUC_A = 0.02.
  const shiftA = 1.5
  const aucA = normalCdf(shiftA / 2)
  const shiftB = 2 * normalQuantile(aucA + 0.02)
  simulate('pairedDeLongTest', `size at the margin: AUC_B − AUC_A = margin = 0.02 (AUC ${aucA.toFixed(3)}), 400 rows`, 20000, 90, (random) => {
    const { labels, scoresA, scoresB } = binormalRuns(400, random, shiftA, shiftB)
    return pairedDeLongTest({ labels, scoresA, scoresB, margin: 0.02 }).p <= 0.05
  })
  for (const average of ['macro', 'weighted', 'micro'] as const) {
    simulate('pairedOvrDeLongTest', `size, ${average}, 3 classes, two equally good runs, 300 rows`, 5000, 100, (random) => {
      const n = 300
      const k = 3
      const targetIndex = new Int32Array(n)
      const probabilitiesA = new Float64Array(n * k)
      const probabilitiesB = new Float64Array(n * k)
      for (let i = 0; i < n; i++) {
        const u = random.uniform()
        targetIndex[i] = u < 0.5 ? 0 : u < 0.8 ? 1 : 2
        const shared = [0, 1, 2].map((c) => (c === targetIndex[i] ? 1 : 0) + 0.8 * random.normal())
        for (const proba of [probabilitiesA, probabilitiesB]) {
          let total = 0
          for (let c = 0; c < k; c++) total += proba[i * k + c] = Math.exp(shared[c] + 0.7 * random.normal())
          for (let c = 0; c < k; c++) proba[i * k + c] /= total
        }
      }
      return pairedOvrDeLongTest({ targetIndex, classCount: k, probabilitiesA, probabilitiesB, average }).p <= 0.05
    })
  }
})

it('pairedResampleTest: size', () => {
  // 2,000 trials per scenario (SE about 0.5 pt at 5%), 1,000 resamples each (the gate draws at
  // least 2,000; 1,000 keeps the run in minutes and resolves 5% well).
  const DRAWS = 1000
  const r2Scenario = (n: number, lawBaseline: ErrorLaw, lawCurrent: ErrorLaw, seed: number, full = 2000) =>
    simulate('pairedResampleTest', `size, r², baseline ${lawBaseline} vs current ${lawCurrent} errors (equal MSE), ${n} rows`, full, seed, (random, t) => {
      const { y, predictionA, predictionB } = regressionRuns(n, random, lawBaseline, lawCurrent)
      const statistic = (w: Float64Array | null): number => weightedR2(y, predictionA, w) - weightedR2(y, predictionB, w)
      return pairedResampleTest({ n, statistic, observed: statistic(null), seed: t, draws: DRAWS }).p <= 0.05
    })
  r2Scenario(100, 'normal', 'normal', 110)
  r2Scenario(800, 'normal', 'normal', 111)
  r2Scenario(200, 'normal', 'laplace', 112)
  r2Scenario(200, 'laplace', 'normal', 113)
  r2Scenario(400, 't5', 'normal', 114)
  r2Scenario(400, 'normal', 't5', 115)
  for (const n of [100, 800]) {
    simulate('pairedResampleTest', `size, average precision, two equally good scorers, ${n} rows`, 2000, 120 + n, (random, t) => {
      const { labels, scoresA, scoresB } = binormalRuns(n, random, 1.5, 1.5)
      const orderA = descendingOrder(scoresA)
      const orderB = descendingOrder(scoresB)
      const statistic = (w: Float64Array | null): number =>
        weightedAveragePrecision(orderA, scoresA, labels, w) - weightedAveragePrecision(orderB, scoresB, labels, w)
      return pairedResampleTest({ n, statistic, observed: statistic(null), seed: t, draws: DRAWS }).p <= 0.05
    })
  }
  for (const differ of [5, 10, 20]) {
    simulate('pairedResampleTest', `size, macro F1 as a custom metric, 300 rows, exactly ${differ} rows differ`, 2000, 130 + differ, (random, t) => {
      const { truth, baseline, current, k } = exchangeableLabelRuns(300, differ, random)
      const countsB = new Float64Array(k * k)
      const countsC = new Float64Array(k * k)
      const statistic = (w: Float64Array | null): number => {
        countsB.fill(0)
        countsC.fill(0)
        for (let i = 0; i < truth.length; i++) {
          const weight = w === null ? 1 : w[i]
          countsB[truth[i] * k + baseline[i]] += weight
          countsC[truth[i] * k + current[i]] += weight
        }
        return macroF1(countsB, k) - macroF1(countsC, k)
      }
      return pairedResampleTest({ n: truth.length, statistic, observed: statistic(null), seed: t, draws: DRAWS }).p <= 0.05
    })
  }
})
