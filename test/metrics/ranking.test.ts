/** Hand-checked ranking cases: ties, one class, sorting, curve thinning (values from sklearn 1.2.1). */
import { describe, expect, test } from 'vitest'
import {
  RankingScratch, averagePrecisionFromRanking, binaryRanking, multiclassRocAuc, scoreGroups, weightedRanking, prCurveFromRanking, rocAucFromRanking,
  rocAucFromSplitScores, rocCurveFromRanking, sortFloat64Ascending, thinCurveIndices,
} from '../../src/metrics/index.js'
import { expectClose } from './expect-close.js'

const f64 = (...v: number[]): Float64Array => Float64Array.from(v)
const u8 = (...v: number[]): Uint8Array => Uint8Array.from(v)

/** Deterministic pseudo-random numbers for large inputs (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('binaryRanking', () => {
  test('tied scores collapse into one threshold with both counts', () => {
    const r = binaryRanking(f64(0.5, 0.5, 0.8, 0.1, 0.5), u8(1, 0, 1, 0, 1))
    expect(Array.from(r.thresholds)).toEqual([0.8, 0.5, 0.1])
    expect(Array.from(r.tps)).toEqual([1, 3, 3])
    expect(Array.from(r.fps)).toEqual([0, 1, 2])
    expect([r.positives, r.negatives]).toEqual([3, 2])
    // sklearn: roc_auc_score 0.8333333333333333, average_precision_score 0.8333333333333333
    expectClose(rocAucFromRanking(r), 0.8333333333333333, 'roc_auc with ties')
    expectClose(averagePrecisionFromRanking(r), 0.8333333333333333, 'AP with ties')
  })

  test('all scores tied: AUC 0.5, one threshold', () => {
    const r = binaryRanking(f64(0.3, 0.3, 0.3, 0.3), u8(0, 1, 0, 1))
    expect(r.thresholds.length).toBe(1)
    expect(rocAucFromRanking(r)).toBe(0.5)
  })

  test('one class only: ROC AUC NaN (sklearn raises), AP 0 without positives and 1 without negatives, empty ROC curve', () => {
    const negOnly = binaryRanking(f64(0.2, 0.5, 0.9), u8(0, 0, 0))
    const posOnly = binaryRanking(f64(0.2, 0.5, 0.9), u8(1, 1, 1))
    expect(rocAucFromRanking(negOnly)).toBeNaN()
    expect(rocAucFromRanking(posOnly)).toBeNaN()
    expect(averagePrecisionFromRanking(negOnly)).toBe(0)
    expect(averagePrecisionFromRanking(posOnly)).toBe(1)
    expect(rocCurveFromRanking(negOnly)).toEqual({ fpr: [], tpr: [], thresholds: [] })
    expect(prCurveFromRanking(negOnly).recall).toEqual([1, 1, 1, 0])
  })

  test('NaN scores are refused with the row', () => {
    expect(() => binaryRanking(f64(0.1, NaN), u8(0, 1))).toThrow(/row 1 is NaN/)
  })

  test('-0 and +0 are one threshold', () => {
    const r = binaryRanking(f64(-0, 0, 1), u8(1, 0, 1))
    expect(r.thresholds.length).toBe(2)
    expect(Array.from(r.tps)).toEqual([1, 2])
  })

  test('on 60,000 random scores (radix path) matches a brute-force Mann-Whitney AUC and the split-score AUC', () => {
    const rand = seeded(7)
    const n = 60000
    const scores = new Float64Array(n)
    const labels = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      labels[i] = rand() < 0.3 ? 1 : 0
      scores[i] = Math.round((rand() * 4 - 2 + labels[i]) * 1000) / 1000 // negatives and ties
    }
    const r = binaryRanking(scores, labels)
    // brute force over sorted negatives: for each positive count negatives below (+ half ties)
    const neg = Array.from(scores).filter((_, i) => labels[i] === 0).sort((a, b) => a - b)
    const below = (v: number): number => { let lo = 0, hi = neg.length; while (lo < hi) { const m = (lo + hi) >> 1; if (neg[m] < v) lo = m + 1; else hi = m } return lo }
    const atOrBelow = (v: number): number => { let lo = 0, hi = neg.length; while (lo < hi) { const m = (lo + hi) >> 1; if (neg[m] <= v) lo = m + 1; else hi = m } return lo }
    let u = 0
    let P = 0
    for (let i = 0; i < n; i++) if (labels[i] === 1) { P++; const b = below(scores[i]); u += b + (atOrBelow(scores[i]) - b) / 2 }
    const expected = u / (P * neg.length)
    expectClose(rocAucFromRanking(r), expected, 'auc vs brute force')
    const pos = Float64Array.from(Array.from(scores).filter((_, i) => labels[i] === 1))
    expectClose(rocAucFromSplitScores(pos, Float64Array.from(neg)), expected, 'split-score auc')
    expect(r.tps[r.tps.length - 1]).toBe(P)
    let descending = true
    for (let i = 1; i < r.thresholds.length; i++) if (!(r.thresholds[i] < r.thresholds[i - 1])) descending = false
    expect(descending).toBe(true)
  })
})

describe('sortFloat64Ascending', () => {
  test('equals the built-in sort on large arrays with negatives, zeros, ties and extremes', () => {
    const rand = seeded(11)
    const n = 50000
    const a = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const r = rand()
      a[i] = r < 0.05 ? 0 : r < 0.1 ? -0 : r < 0.2 ? Math.round(r * 10) : (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20)
    }
    a[0] = Number.MAX_VALUE; a[1] = -Number.MAX_VALUE; a[2] = Number.MIN_VALUE; a[3] = -Infinity
    const expected = a.slice().sort()
    const actual = sortFloat64Ascending(a.slice())
    let firstMismatch = -1
    for (let i = 0; i < n && firstMismatch < 0; i++) if (!Object.is(actual[i], expected[i])) firstMismatch = i
    expect(firstMismatch, `first mismatch at ${firstMismatch}`).toBe(-1)
  })
})

describe('sortFloat64Ascending runs sharing the high 32 bits', () => {
  test('long shuffled runs (built-in sort branch) and short runs (insertion branch) come out ordered', () => {
    const rand = seeded(5)
    const n = 40000
    const a = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      // half: 1 + j * 2^-52 (all share one high word, distinct low words); half: 0.25 + small jitter in runs of ~10
      a[i] = i % 2 === 0 ? 1 + Math.floor(rand() * 100000) * 2 ** -52 : 0.25 + Math.floor(rand() * 2000) * 2 ** -22 + Math.floor(rand() * 10) * 2 ** -50
    }
    const expected = a.slice().sort()
    const actual = sortFloat64Ascending(a)
    let firstMismatch = -1
    for (let i = 0; i < n && firstMismatch < 0; i++) if (!Object.is(actual[i], expected[i])) firstMismatch = i
    expect(firstMismatch, `first mismatch at ${firstMismatch}`).toBe(-1)
  })
})

describe('multiclassRocAuc', () => {
  // y = [0,0,1,1,2,2]; sklearn: macro 0.9166666666666666, weighted 0.9166666666666666, micro 0.9166666666666667
  const proba = f64(0.7, 0.2, 0.1, 0.3, 0.4, 0.3, 0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4)
  const y = Int32Array.of(0, 0, 1, 1, 2, 2)
  test.each([['macro', 0.9166666666666666], ['weighted', 0.9166666666666666], ['micro', 0.9166666666666667]] as const)(
    'average=%s equals sklearn', (average, expected) => {
      expectClose(multiclassRocAuc(proba, y, 3, average), expected, average)
    })
  test('a class absent from the targets: NaN for macro/weighted (sklearn raises), defined for micro', () => {
    const y2 = Int32Array.of(0, 0, 1, 1, 0, 1)
    expect(multiclassRocAuc(proba, y2, 3, 'macro')).toBeNaN()
    expect(multiclassRocAuc(proba, y2, 3, 'weighted')).toBeNaN()
    expect(Number.isFinite(multiclassRocAuc(proba, y2, 3, 'micro'))).toBe(true)
  })
  test('rows not summing to 1: NaN (sklearn raises)', () => {
    const bad = proba.slice()
    bad[0] = 0.9
    expect(multiclassRocAuc(bad, y, 3, 'macro')).toBeNaN()
  })
})

describe('curve thinning', () => {
  test('keeps first and last, at most maxPoints, and spreads points along the curve', () => {
    const n = 10001
    const x = Array.from({ length: n }, (_, i) => i / (n - 1))
    const y = x.map((v) => Math.sqrt(v))
    const idx = thinCurveIndices(x, y, 50)
    expect(idx[0]).toBe(0)
    expect(idx.at(-1)).toBe(n - 1)
    expect(idx.length).toBeLessThanOrEqual(50)
    expect(idx.length).toBeGreaterThan(40)
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1])
    // steep start keeps proportionally more points than index-uniform sampling would
    expect(idx.filter((i) => x[i] < 0.05).length).toBeGreaterThan(3)
  })
  test('short curves are untouched', () => {
    expect(thinCurveIndices([0, 1], [0, 1], 512)).toEqual([0, 1])
  })
})

describe('scoreGroups / weightedRanking', () => {
  const rand = seeded(23)
  const n = 30000
  const scores = new Float64Array(n)
  const labels = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = rand() < 0.4 ? 1 : 0
    scores[i] = Math.round((rand() + 0.3 * labels[i]) * 500) / 500
  }
  const groups = scoreGroups(scores)

  test('unweighted ranking equals binaryRanking', () => {
    const a = weightedRanking(groups, labels)
    const b = binaryRanking(scores, labels)
    expect(Array.from(a.thresholds)).toEqual(Array.from(b.thresholds))
    expect(Array.from(a.tps)).toEqual(Array.from(b.tps))
    expect(Array.from(a.fps)).toEqual(Array.from(b.fps))
  })

  test('integer weights equal the ranking of rows repeated that many times (zero-weight rows dropped)', () => {
    const weights = new Float64Array(n)
    const rs: number[] = []
    const rl: number[] = []
    for (let i = 0; i < n; i++) {
      const w = Math.floor(rand() * 3)
      weights[i] = w
      for (let j = 0; j < w; j++) { rs.push(scores[i]); rl.push(labels[i]) }
    }
    const a = weightedRanking(groups, labels, weights)
    const b = binaryRanking(Float64Array.from(rs), Uint8Array.from(rl))
    expect(Array.from(a.thresholds)).toEqual(Array.from(b.thresholds))
    expect(Array.from(a.tps)).toEqual(Array.from(b.tps))
    expect(Array.from(a.fps)).toEqual(Array.from(b.fps))
    expectClose(averagePrecisionFromRanking(a), averagePrecisionFromRanking(b), 'weighted AP')
    expectClose(rocAucFromRanking(a), rocAucFromRanking(b), 'weighted AUC')
  })

  test('with a reused scratch, each call gives the ranking of a fresh call (views into the scratch, sums zeroed)', () => {
    const scratch = new RankingScratch()
    for (let r = 0; r < 3; r++) {
      const weights = Float64Array.from({ length: n }, () => Math.floor(rand() * 3))
      const fresh = weightedRanking(groups, labels, weights)
      const reused = weightedRanking(groups, labels, weights, scratch)
      expect(Array.from(reused.thresholds)).toEqual(Array.from(fresh.thresholds))
      expect(Array.from(reused.tps)).toEqual(Array.from(fresh.tps))
      expect(Array.from(reused.fps)).toEqual(Array.from(fresh.fps))
      expect([reused.positives, reused.negatives]).toEqual([fresh.positives, fresh.negatives])
      expect(averagePrecisionFromRanking(reused)).toBe(averagePrecisionFromRanking(fresh))
    }
  })
})

test('multiclass OvR AUC on 40,000 rows (radix path with scratch) equals per-class binary rankings', () => {
  const rand = seeded(31)
  const n = 40000
  const k = 3
  const y = new Int32Array(n)
  const proba = new Float64Array(n * k)
  for (let i = 0; i < n; i++) {
    y[i] = Math.floor(rand() * k)
    let sum = 0
    for (let c = 0; c < k; c++) { const v = rand() + (c === y[i] ? 0.7 : 0); proba[i * k + c] = v; sum += v }
    for (let c = 0; c < k; c++) proba[i * k + c] /= sum
  }
  const perClass: number[] = []
  const support: number[] = []
  for (let c = 0; c < k; c++) {
    const col = new Float64Array(n)
    const pos = new Uint8Array(n)
    for (let i = 0; i < n; i++) { col[i] = proba[i * k + c]; pos[i] = y[i] === c ? 1 : 0 }
    const r = binaryRanking(col, pos)
    perClass.push(rocAucFromRanking(r))
    support.push(r.positives)
  }
  expectClose(multiclassRocAuc(proba, y, k, 'macro'), perClass.reduce((a, b) => a + b) / k, 'macro')
  expectClose(multiclassRocAuc(proba, y, k, 'weighted'), perClass.reduce((a, v, c) => a + v * support[c], 0) / n, 'weighted')
})
