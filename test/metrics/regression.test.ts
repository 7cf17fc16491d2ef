/** Hand-checked regression cases (values from sklearn 1.2.1). */
import { describe, expect, test } from 'vitest'
import { emptyRegressionState, regressionMetrics, regressionState } from '../../src/metrics/index.js'
import { expectClose } from './expect-close.js'

const f64 = (...v: number[]): Float64Array => Float64Array.from(v)

describe('regressionMetrics', () => {
  test('sklearn doc example: r2 0.9486081370449679, MAPE 0.3273809523809524', () => {
    const m = regressionMetrics(regressionState(f64(3, -0.5, 2, 7), f64(2.5, 0, 2, 8)))
    expectClose(m.r2_score, 0.9486081370449679, 'r2')
    expectClose(m.mean_absolute_percentage_error, 0.3273809523809524, 'mape')
    expect(m.mean_squared_error).toBe(0.375)
    expect(m.max_error).toBe(1)
    expect(m.sum_on_target).toBe(11.5)
    expect(m.mean_on_target).toBe(2.875)
  })
  test('r2: 1 for exact predictions, 0 for a constant target with errors, NaN below 2 examples', () => {
    expect(regressionMetrics(regressionState(f64(4, 4, 4), f64(4, 4, 4))).r2_score).toBe(1)
    expect(regressionMetrics(regressionState(f64(4, 4, 4), f64(4, 5, 4))).r2_score).toBe(0)
    expect(regressionMetrics(regressionState(f64(4), f64(5))).r2_score).toBeNaN()
  })
  test('r2 on targets far from 0 keeps its precision (white-box review 57: a one-pass sum of squares lost 4e-9 at 1e6 and 8e-3 at 1e12)', () => {
    // one target 0.1 above three equal ones, every prediction on the three: r2 = 1 - 4/3 exactly, at any offset (to within the rounding of the mean: 2e-10 at 1e10, as scikit-learn)
    for (const offset of [1e6, 1e8, 1e10]) {
      const r2 = regressionMetrics(regressionState(f64(offset + 0.1, offset, offset, offset), f64(offset, offset, offset, offset))).r2_score
      expect(Math.abs(r2 - -1 / 3), `offset ${offset}`).toBeLessThan(1e-9)
    }
    // sklearn 1.2.1: r2_score([1000000.1, 1e6, 1e6, 1e6], [1e6] * 4)
    expectClose(regressionMetrics(regressionState(f64(1000000.1, 1e6, 1e6, 1e6), f64(1e6, 1e6, 1e6, 1e6))).r2_score, -0.33333333333333304, 'r2 at 1e6')
  })
  test('r2 on constant targets whose mean rounds off them is 0, as force_finite means (scikit-learn: -1.7e31)', () => {
    // (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002: a sum of squares of 5.8e-34, not 0, in scikit-learn
    expect(regressionMetrics(regressionState(f64(0.1, 0.1, 0.1), f64(0.2, 0.1, 0.1))).r2_score).toBe(0)
    expect(regressionMetrics(regressionState(f64(0.1, 0.1, 0.1), f64(0.1, 0.1, 0.1))).r2_score).toBe(1)
  })
  test('MAPE divides by eps for zero targets, as sklearn', () => {
    expect(regressionMetrics(regressionState(f64(0), f64(1))).mean_absolute_percentage_error).toBe(2 ** 52)
  })
  test('empty state: count 0 and NaN errors', () => {
    const m = regressionMetrics(emptyRegressionState())
    expect(m.example_count).toBe(0)
    expect(m.mean_absolute_error).toBeNaN()
  })
})
