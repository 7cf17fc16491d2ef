// roc_auc where a class has few rows in the scope: DeLong's normal limit is liberal there (white-box
// review 55: 2 positives in 30 rows, 3 x alpha at Holm's levels) and gives p = 0 where its
// standard error is 0, so the AUC is recomputed on exchanges of the two models' probabilities.
import { describe, expect, test } from 'vitest'
import { PairedComparison } from '../../src/compare/index.js'
import type { PairedData } from '../../src/compare/paired-data.js'
import { multiclassRocAuc, rocAucFromSplitScores } from '../../src/metrics/index.js'
import { createRandom } from '../../src/stats/index.js'

/** Binary paired data: P(positive) of the baseline (a) and the current run (b) per row. */
function binary(target: number[], baseline: number[], current: number[]): PairedData {
  const matrix = (p: number[]) => Float64Array.from(p.flatMap((x) => [1 - x, x]))
  return { modelType: 'classifier', n: target.length, k: 2, average: undefined, posIndex: 1, labels: ['no', 'yes'], targetIndex: Int32Array.from(target), a: { probabilities: matrix(baseline) }, b: { probabilities: matrix(current) } }
}

const auc = (target: number[], p: number[]): number =>
  rocAucFromSplitScores(Float64Array.from(p.filter((_, i) => target[i] === 1)), Float64Array.from(p.filter((_, i) => target[i] === 0)))

/** The gate's request: the baseline (a) better than the current run (b) by more than margin. */
const gateTest = (data: PairedData, valueA: number, valueB: number, margin = 0, alpha = 0.05) =>
  new PairedComparison(data).test({ metric: 'roc_auc', rows: null, scopeKey: '', valueA, valueB, greaterIsBetter: true, margin, alpha, permutationDraws: 2000, seed: 1 })

describe('roc_auc with a class of fewer than 10 rows: the exchange permutation test', () => {
  test('4 rows, a perfect ranking against a constant model: p = 1/16, not DeLong\'s 0', () => {
    const target = [0, 0, 1, 1]
    const [baseline, current] = [[0.1, 0.2, 0.8, 0.9], [0.5, 0.5, 0.5, 0.5]]
    const result = gateTest(binary(target, baseline, current), auc(target, baseline), auc(target, current))
    // of the 16 exchanges only the identity moves the AUC as far (1 -> 0.5)
    expect(result).toMatchObject({ p: 1 / 16, test: 'paired-permutation', differingRows: 4, smallestP: 1 / 16 })
  })

  test('its size given the data holds: over all 2^10 exchanges of 10 rows (2 positives), p <= alpha on at most alpha of them', () => {
    const random = createRandom(5)
    const target = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    for (let dataset = 0; dataset < 3; dataset++) {
      const signal = target.map((y) => y + 2 * random.uniform())
      const [sa, sb] = [signal.map((s) => s + random.uniform()), signal.map((s) => s + random.uniform())]
      const rejected = [0.05, 0.01].map(() => 0)
      for (let pattern = 0; pattern < 1024; pattern++) {
        const swapped = (i: number) => ((pattern >> i) & 1) === 1
        const [a, b] = [sa.map((x, i) => (swapped(i) ? sb[i] : x) / 4), sb.map((x, i) => (swapped(i) ? sa[i] : x) / 4)]
        const result = gateTest(binary(target, a, b), auc(target, a), auc(target, b))
        expect(result).toMatchObject({ test: 'paired-permutation' })
        ;[0.05, 0.01].forEach((alpha, i) => 'p' in result && result.p <= alpha && rejected[i]++)
      }
      expect(rejected[0] / 1024).toBeLessThanOrEqual(0.05)
      expect(rejected[1] / 1024).toBeLessThanOrEqual(0.01)
    }
  })

  test('a real drop on 40 rows with 8 positives still fails; with 3, no exchange test can tell it (p near 2^-3)', () => {
    const few = Array.from({ length: 30 }, (_, i) => (i < 3 ? 1 : 0))
    const [fewBaseline, fewCurrent] = [few.map((y, i) => (y ? 0.9 - i * 0.01 : 0.1 + i * 0.01)), few.map((y, i) => (y ? 0.05 + i * 0.001 : 0.5 + i * 0.01))]
    // AUC 1 -> 0, yet every exchange that leaves the 3 positives in place moves it as far
    const three = gateTest(binary(few, fewBaseline, fewCurrent), 1, 0)
    expect('p' in three && three.p).toBeGreaterThan(0.05)
    const target = Array.from({ length: 40 }, (_, i) => (i < 8 ? 1 : 0))
    const baseline = target.map((y, i) => (y ? 0.9 - i * 0.01 : 0.1 + i * 0.01))
    // the current run ranks every positive below every negative
    const current = target.map((y, i) => (y ? 0.05 + i * 0.001 : 0.5 + i * 0.01))
    const result = gateTest(binary(target, baseline, current), auc(target, baseline), auc(target, current), 0, 0.01)
    expect(result).toMatchObject({ test: 'paired-permutation', differingRows: 40 })
    expect('p' in result && result.p).toBeLessThan(0.01)
  })

  test('one-vs-rest: a class of 3 rows among 60 takes the exchange test; 20 rows of each keep DeLong', () => {
    const random = createRandom(9)
    const data = (counts: number[]): { data: PairedData; values: [number, number] } => {
      const target = counts.flatMap((c, cls) => Array.from({ length: c }, () => cls))
      const proba = () => Float64Array.from(target.flatMap((t) => {
        const raw = [0, 1, 2].map((c) => Math.exp((c === t ? 1.5 : 0) + random.normal()))
        const sum = raw[0] + raw[1] + raw[2]
        return raw.map((x) => x / sum)
      }))
      const [a, b] = [proba(), proba()]
      const t = Int32Array.from(target)
      return { data: { modelType: 'classifier', n: t.length, k: 3, average: 'weighted', posIndex: undefined, targetIndex: t, a: { probabilities: a }, b: { probabilities: b } }, values: [multiclassRocAuc(a, t, 3, 'weighted'), multiclassRocAuc(b, t, 3, 'weighted')] }
    }
    const small = data([3, 30, 27])
    expect(gateTest(small.data, ...small.values)).toMatchObject({ test: 'paired-permutation', differingRows: 60 })
    const large = data([20, 20, 20])
    expect(gateTest(large.data, ...large.values)).toMatchObject({ test: 'paired-delong' })
  })
})
