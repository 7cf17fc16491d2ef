/**
 * The intervals that avoid resampling agree with the Poisson row bootstrap they stand in for.
 */
import { describe, expect, test } from 'vitest'
import { averagePrecisionFromRanking, binaryRanking, regressionMetrics, regressionState } from '../../src/metrics/index.js'
import { averagePrecisionLogitInterval, percentileInterval, r2DeltaInterval } from '../../src/stats/index.js'
import { averagePrecisionSamples } from '../../src/stats/average-precision-bootstrap.js'
import { poissonBootstrap } from '../../src/evaluate/interval-methods.js'
import { seededUniform } from './run-samples.js'

describe('intervals without resampling', () => {
  test('degenerate inputs give NaN bounds', () => {
    expect(r2DeltaInterval(Float64Array.of(2, 2, 2, 2), Float64Array.of(1, 2, 3, 4), 0, 0.95).lower).toBeNaN()
    expect(averagePrecisionLogitInterval(1, 10, 0.95).upper).toBeNaN()
  })

  test('r2_score: the delta-method interval is about as wide as the row bootstrap', () => {
    const u = seededUniform(5)
    const n = 5000
    const y = Float64Array.from({ length: n }, () => u() * 10)
    const f = Float64Array.from(y, (v) => v + (u() - 0.5) * 6)
    const r2 = regressionMetrics(regressionState(y, f)).r2_score
    const delta = r2DeltaInterval(y, f, r2, 0.95)
    expect(delta.lower).toBeLessThan(r2)
    expect(delta.upper).toBeGreaterThan(r2)
    const samples = poissonBootstrap(n, (w) => {
      const yy: number[] = []
      const ff: number[] = []
      for (let i = 0; i < n; i++) for (let k = 0; k < w[i]; k++) {
        yy.push(y[i])
        ff.push(f[i])
      }
      return { r2: regressionMetrics(regressionState(Float64Array.from(yy), Float64Array.from(ff))).r2_score }
    }, { resamples: 300, seed: 1 })
    const boot = percentileInterval(samples.r2, 0.95)
    const ratio = (delta.upper - delta.lower) / (boot.upper - boot.lower)
    expect(ratio).toBeGreaterThan(0.8)
    expect(ratio).toBeLessThan(1.25)
  })

  test('precision_recall_auc: the logit interval is about as wide as the row bootstrap', () => {
    const u = seededUniform(8)
    const n = 4000
    const isPositive = Uint8Array.from({ length: n }, () => (u() < 0.3 ? 1 : 0))
    const scores = Float64Array.from(isPositive, (p) => Math.min(1, Math.max(0, (p ? 0.6 : 0.4) + (u() - 0.5) * 0.7)))
    const ap = averagePrecisionFromRanking(binaryRanking(scores, isPositive))
    const positives = isPositive.reduce((s, x) => s + x, 0)
    const logit = averagePrecisionLogitInterval(ap, positives, 0.95)
    expect(logit.lower).toBeLessThan(ap)
    expect(logit.upper).toBeGreaterThan(ap)
    const boot = percentileInterval(averagePrecisionSamples(scores, isPositive, { resamples: 300, seed: 2 }), 0.95)
    expect(boot.lower).toBeLessThan(ap)
    expect(boot.upper).toBeGreaterThan(ap)
    const ratio = (logit.upper - logit.lower) / (boot.upper - boot.lower)
    expect(ratio).toBeGreaterThan(0.7)
    expect(ratio).toBeLessThan(1.4)
  })
})
