/**
 * Curves at plot resolution: every point of the full ROC / precision-recall curve lies within the
 * stated bound of the line drawn through the kept points (straight segments for ROC, scikit-learn's
 * `steps-post` for PR), kept points are exact points of the curve, and the metrics are untouched.
 */
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_CURVE_POINTS, PLOT_CURVE_TOLERANCE, binaryRanking, prCurveFromRanking, rocCurveFromRanking, thinCurve,
} from '../../src/metrics/index.js'
import type { CurveInterpolation } from '../../src/metrics/index.js'
import { classifierCurves } from '../../src/model-types/classifier/classifier-curves.js'

/** Deterministic pseudo-random numbers (mulberry32). */
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

function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const l2 = dx * dx + dy * dy
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2))
  return Math.hypot(px - ax - t * dx, py - ay - t * dy)
}

/**
 * Farthest any point of the full curve (x, y, thresholds) lies from the line drawn through the
 * kept points (found by their thresholds, which are distinct), measured against the piece drawn
 * between the kept points that bracket it: an upper bound of its distance to the whole line.
 * Written apart from the thinning code on purpose.
 */
function farthest(x: number[], y: number[], thresholds: number[], keptThresholds: number[], interpolate: CurveInterpolation): number {
  const position = new Map(thresholds.map((t, i) => [t, i]))
  const kept = keptThresholds.map((t) => position.get(t)!)
  expect(kept.every((i) => i !== undefined)).toBe(true)
  let worst = 0
  for (let j = 0; j + 1 < kept.length; j++) {
    const [a, b] = [kept[j], kept[j + 1]]
    const [cx, cy] = interpolate === 'step-after' ? [x[b], y[a]] : [x[a], y[b]]
    for (let i = a; i <= b; i++) {
      const d = interpolate === 'linear'
        ? segment(x[i], y[i], x[a], y[a], x[b], y[b])
        : Math.min(segment(x[i], y[i], x[a], y[a], cx, cy), segment(x[i], y[i], cx, cy, x[b], y[b]))
      worst = Math.max(worst, d)
    }
  }
  return worst
}

/** A seeded binary problem: `n` scores, positives with probability `rate`, separated by `skill`. */
function problem(n: number, rate: number, skill: number, seed: number): { scores: Float64Array; isPositive: Uint8Array } {
  const random = seeded(seed)
  const scores = new Float64Array(n)
  const isPositive = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    isPositive[i] = random() < rate ? 1 : 0
    scores[i] = 1 / (1 + Math.exp(-(skill * (isPositive[i] - 0.5) + 2 * (random() - 0.5) + (random() - 0.5))))
  }
  return { scores, isPositive }
}

describe('thinCurve', () => {
  test('drops collinear points and keeps corners', () => {
    expect(thinCurve([0, 0.5, 1, 1], [0, 0.5, 1, 0], { maxPoints: 10, tolerance: 0.01 })).toEqual({ indices: [0, 2, 3], maxError: 0 })
  })

  test('a step chart keeps the corner a straight line would cut', () => {
    // Drawn as steps-post, (0.5, 1) -> (0, 1) -> (0, 0) ... the middle point makes a visible step.
    const x = [1, 0.5, 0]
    const y = [0, 1, 1]
    expect(thinCurve(x, y, { maxPoints: 10, tolerance: 0.01, interpolate: 'linear' }).indices).toEqual([0, 1, 2])
    expect(thinCurve([1, 0.5, 0], [0, 0, 1], { maxPoints: 10, tolerance: 0.01, interpolate: 'step-after' }).indices).toEqual([0, 2])
    expect(thinCurve([1, 0.5, 0], [0, 0, 1], { maxPoints: 10, tolerance: 0.01, interpolate: 'linear' }).indices).toEqual([0, 1, 2])
  })

  test('the cap keeps the worst points first and reports the error left', () => {
    const n = 10_001
    const x = Array.from({ length: n }, (_, i) => i / (n - 1))
    const y = x.map((v) => Math.sqrt(v))
    const capped = thinCurve(x, y, { maxPoints: 20, tolerance: 1e-6 })
    expect(capped.indices.length).toBe(20)
    expect([capped.indices[0], capped.indices.at(-1)]).toEqual([0, n - 1])
    expect(capped.maxError).toBeGreaterThan(1e-6)
    expect(farthest(x, y, x, capped.indices.map((i) => x[i]), 'linear')).toBeCloseTo(capped.maxError, 12)
    // The steep start keeps more points than index-even sampling would.
    expect(capped.indices.filter((i) => x[i] < 0.05).length).toBeGreaterThan(3)
    const bounded = thinCurve(x, y, { maxPoints: 10_000, tolerance: 0.002 })
    expect(bounded.maxError).toBeLessThanOrEqual(0.002)
    expect(bounded.indices.length).toBeLessThan(60)
  })

  test('short curves without a tolerance are untouched', () => {
    expect(thinCurve([0, 0.3, 1], [0, 0.3, 1], { maxPoints: 512 }).indices).toEqual([0, 1, 2])
  })
})

describe('ROC and PR at plot resolution', () => {
  const { scores, isPositive } = problem(10_000, 0.3, 1.5, 7)
  const ranking = binaryRanking(scores, isPositive)
  const fullRoc = rocCurveFromRanking(ranking, Infinity)
  const fullPr = prCurveFromRanking(ranking, Infinity)

  test('the ROC curve keeps a few hundred exact points, all of the full curve within the tolerance', () => {
    const roc = rocCurveFromRanking(ranking, DEFAULT_CURVE_POINTS, PLOT_CURVE_TOLERANCE)
    expect(fullRoc.fpr.length).toBeGreaterThan(1000)
    expect(roc.fpr.length).toBeLessThan(fullRoc.fpr.length / 5)
    expect(farthest(fullRoc.fpr, fullRoc.tpr, fullRoc.thresholds, roc.thresholds, 'linear')).toBeLessThanOrEqual(PLOT_CURVE_TOLERANCE)
  })

  test('the PR curve is thinned against its steps, the final (recall 0, precision 1) point kept', () => {
    const pr = prCurveFromRanking(ranking, DEFAULT_CURVE_POINTS, PLOT_CURVE_TOLERANCE)
    expect(pr.precision.length).toBeLessThan(fullPr.precision.length / 5)
    expect(pr.precision.length).toBe(pr.thresholds.length + 1)
    expect([pr.recall.at(-1), pr.precision.at(-1), pr.recall[0]]).toEqual([0, 1, 1])
    expect(farthest(fullPr.recall.slice(0, -1), fullPr.precision.slice(0, -1), fullPr.thresholds, pr.thresholds, 'step-after')).toBeLessThanOrEqual(PLOT_CURVE_TOLERANCE)
  })
})

describe('a classifier run\'s curves', () => {
  // 60,000 rows, a rare class (2%): the ranking is thinned before the curves are drawn.
  const n = 60_000
  const random = seeded(11)
  const target = new Int32Array(n)
  const probabilities = new Float64Array(n * 3)
  for (let i = 0; i < n; i++) {
    const u = random()
    target[i] = u < 0.02 ? 0 : u < 0.5 ? 1 : 2
    const logits = [0, 1, 2].map((c) => (c === target[i] ? 1.2 : 0) + 2 * random())
    const e = logits.map(Math.exp)
    const sum = e[0] + e[1] + e[2]
    for (let c = 0; c < 3; c++) probabilities[i * 3 + c] = e[c] / sum
  }
  const notes: string[] = []
  const curves = classifierCurves(['rare', 'b', 'c'], undefined, target, probabilities, notes)

  test('every point of each full curve lies under 0.003 of the plot from the drawn line; AUC and AP exact', () => {
    for (let c = 0; c < 3; c++) {
      const scores = Float64Array.from({ length: n }, (_, i) => probabilities[i * 3 + c])
      const ranking = binaryRanking(scores, Uint8Array.from(target, (t) => (t === c ? 1 : 0)))
      // Every point of the ranking (the thinned ranking can keep one scikit-learn drops as collinear).
      const P = ranking.tps.at(-1)!
      const N = ranking.fps.at(-1)!
      const fullRoc = {
        fpr: [0, ...Array.from(ranking.fps, (f) => f / N)],
        tpr: [0, ...Array.from(ranking.tps, (t) => t / P)],
        thresholds: [ranking.thresholds[0] + 1, ...ranking.thresholds],
      }
      const fullPr = prCurveFromRanking(ranking, Infinity)
      const roc = curves.roc![c]
      const pr = curves.pr![c]
      expect(roc.fpr.length).toBeLessThanOrEqual(DEFAULT_CURVE_POINTS)
      expect(pr.precision.length).toBeLessThanOrEqual(DEFAULT_CURVE_POINTS)
      expect(farthest(fullRoc.fpr, fullRoc.tpr, fullRoc.thresholds, roc.thresholds, 'linear')).toBeLessThan(0.003)
      expect(farthest(fullPr.recall.slice(0, -1), fullPr.precision.slice(0, -1), fullPr.thresholds, pr.thresholds, 'step-after')).toBeLessThan(0.003)
    }
    expect(notes.some((note) => note.includes('plot resolution') && note.includes('0.003'))).toBe(true)
  })
  test('drawn in memory lent by the caller (garbage in it), the curves are the same', () => {
    const workspace = new ArrayBuffer(9 * n)
    new Uint8Array(workspace).fill(0xff)
    expect(classifierCurves(['rare', 'b', 'c'], undefined, target, probabilities, [], undefined, workspace)).toStrictEqual(curves)
  })
})
