import { it } from 'vitest'
import { createRandom, poissonWeights, normalCdf, type RandomSource } from '../../src/stats/index.js'
import { descendingOrder, weightedAveragePrecision, regressionRuns, weightedR2 } from '../../test/stats/paired-populations.js'

function binormalRuns(n: number, random: RandomSource, shiftA: number, shiftB: number) {
  const labels = new Uint8Array(n); const scoresA = new Float64Array(n); const scoresB = new Float64Array(n)
  for (let i = 0; i < n; i++) { labels[i] = random.uniform() < 0.4 ? 1 : 0; const s = random.normal(); scoresA[i] = shiftA * labels[i] + s + random.normal(); scoresB[i] = shiftB * labels[i] + s + random.normal() }
  return { labels, scoresA, scoresB }
}
function rules(n: number, statistic: (w: Float64Array | null) => number, seed: number, draws = 1000) {
  const obs = statistic(null); const r = createRandom(seed); const w = new Float64Array(n); const d: number[] = []
  for (let b = 0; b < draws; b++) { poissonWeights(n, r, w); const x = statistic(w); if (!Number.isNaN(x)) d.push(x) }
  const m = d.reduce((a, b) => a + b, 0) / d.length; const sd = Math.sqrt(d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1))
  const centred = (1 + d.filter((x) => x - obs >= obs).length) / (1 + d.length)
  const normal = normalCdf(-obs / sd)
  const meanCentred = (1 + d.filter((x) => x - m >= obs).length) / (1 + d.length)
  return [centred, normal, meanCentred]
}
it('ap', () => {
  for (const n of [100, 200]) {
    const random = createRandom(77); const trials = 800; const hits = [0, 0, 0]
    for (let t = 0; t < trials; t++) {
      const { labels, scoresA, scoresB } = binormalRuns(n, random, 1.5, 1.5)
      const oA = descendingOrder(scoresA), oB = descendingOrder(scoresB)
      const st = (w: Float64Array | null) => weightedAveragePrecision(oA, scoresA, labels, w) - weightedAveragePrecision(oB, scoresB, labels, w)
      rules(n, st, t).forEach((p, i) => { if (p <= 0.05) hits[i]++ })
    }
    console.log('AP', n, hits.map((h) => h / trials))
  }
  {
    const random = createRandom(78); const trials = 600; const hits = [0, 0, 0]; const n = 400
    for (let t = 0; t < trials; t++) {
      const { y, predictionA, predictionB } = regressionRuns(n, random, 't5', 'normal')
      const st = (w: Float64Array | null) => weightedR2(y, predictionA, w) - weightedR2(y, predictionB, w)
      rules(n, st, t).forEach((p, i) => { if (p <= 0.05) hits[i]++ })
    }
    console.log('r2 t5', n, hits.map((h) => h / trials))
  }
})
