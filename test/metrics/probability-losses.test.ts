/** Hand-checked probability losses and calibration bins (values from sklearn 1.2.1). */
import { describe, expect, test } from 'vitest'
import { binaryRanking, brierScoreLoss, calibrationCurve, calibrationCurveFromRanking, logLoss, logLossBinary, logLossPerExample } from '../../src/metrics/index.js'
import { createRandom } from '../../src/stats/index.js'
import { logLossOfTerms } from '../../src/metrics/probability-losses.js'
import { expectClose } from './expect-close.js'

describe('logLoss', () => {
  test('rows not summing to 1 are rescaled, as sklearn 1.2.1 does (0.3979741561574783), and flagged', () => {
    const r = logLoss(Float64Array.of(0.5, 0.3, 0.1, 0.2, 0.6, 0.1, 0.1, 0.1, 0.9), Int32Array.of(0, 1, 2), 3)
    expectClose(r.value, 0.3979741561574783, 'log_loss')
    expect(r.normalized).toBe(true)
  })
  test('probability 0 of the true class is clipped to eps (sklearn: 18.021826694558577)', () => {
    const r = logLoss(Float64Array.of(0, 1, 0, 1), Int32Array.of(0, 1), 2)
    expectClose(r.value, 18.021826694558577, 'log_loss')
    expect(r.normalized).toBe(false)
  })
  test('binary 1-D path equals the hand value', () => {
    expectClose(logLossBinary(Float64Array.of(0.1, 0.8), Uint8Array.of(0, 1)), (-Math.log(0.9) - Math.log(0.8)) / 2, 'log_loss')
  })
  test('fewer than 2 classes: NaN', () => {
    expect(logLoss(Float64Array.of(1), Int32Array.of(0), 1).value).toBeNaN()
  })
})

describe('brierScoreLoss', () => {
  test('equals sklearn (0.03749999999999999)', () => {
    expectClose(brierScoreLoss(Float64Array.of(0.1, 0.9, 0.8, 0.3), Uint8Array.of(0, 1, 1, 0)), 0.03749999999999999, 'brier')
  })
  test('refuses probabilities outside [0, 1]', () => {
    expect(() => brierScoreLoss(Float64Array.of(1.2), Uint8Array.of(1))).toThrow(/outside \[0, 1\]/)
  })
})

describe('calibrationCurve', () => {
  test('values on inner edges fall in the lower bin, as np.searchsorted(side="left")', () => {
    // sklearn: prob_true [0.5, 0.5, 0, 1], prob_pred [0.05, 0.3, 0.35, 1]
    const bins = calibrationCurve(Float64Array.of(0, 0.1, 0.30000000000000004, 0.3, 1, 0.35), Uint8Array.of(0, 1, 1, 0, 1, 0), 10)
    expect(bins.map((b) => b.count)).toEqual([2, 2, 1, 1])
    expect(bins.map((b) => b.fractionPositive)).toEqual([0.5, 0.5, 0, 1])
    expectClose(bins[1].meanPredicted, 0.3, 'mean of bin 2')
    expect(bins[1].lower).toBe(0.2)
    expect(bins[1].upper).toBe(0.30000000000000004)
    expect(bins[3]).toMatchObject({ lower: 0.9, upper: 1, meanPredicted: 1 })
  })
  test('refuses probabilities outside [0, 1]', () => {
    expect(() => calibrationCurve(Float64Array.of(-0.1), Uint8Array.of(1))).toThrow(/row 0/)
  })
})

describe('calibrationCurveFromRanking', () => {
  test('the bins of the row pass from a ranking of the same scores: edges, ties, -0, many bin counts', () => {
    const scores = Float64Array.of(0, 0.1, 0.30000000000000004, 0.3, 1, 0.35, 0.1, -0, 1, 0.35)
    const isPositive = Uint8Array.of(0, 1, 1, 0, 1, 0, 0, 1, 1, 1)
    for (const nBins of [1, 3, 10, 20]) {
      expect(calibrationCurveFromRanking(binaryRanking(scores, isPositive), nBins)).toStrictEqual(calibrationCurve(scores, isPositive, nBins))
    }
  })
  test('on many rows with ties: counts and fractions equal, means to rounding', () => {
    const random = createRandom(31)
    const scores = Float64Array.from({ length: 20_000 }, () => Math.round(random.uniform() * 1e3) / 1e3)
    const isPositive = Uint8Array.from(scores, (p) => (random.uniform() < p ? 1 : 0))
    const rows = calibrationCurve(scores, isPositive, 15)
    const ranked = calibrationCurveFromRanking(binaryRanking(scores, isPositive), 15)
    expect(ranked.map(({ meanPredicted: _, ...rest }) => rest)).toStrictEqual(rows.map(({ meanPredicted: _, ...rest }) => rest))
    ranked.forEach((bin, b) => expect(Math.abs(bin.meanPredicted - rows[b].meanPredicted)).toBeLessThanOrEqual(1e-13 * rows[b].meanPredicted))
  })
  test('refuses scores outside [0, 1] and a bin count that is not a positive integer', () => {
    expect(() => calibrationCurveFromRanking(binaryRanking(Float64Array.of(0.2, 1.5), Uint8Array.of(0, 1)))).toThrow(/probability 1.5 is outside \[0, 1\]/)
    expect(() => calibrationCurveFromRanking(binaryRanking(Float64Array.of(0.2), Uint8Array.of(0)), 0)).toThrow(/nBins must be a positive integer/)
  })
})

describe('logLossPerExample', () => {
  test('each term is -log of the clipped, renormalised probability of the true class; logLoss is their mean', () => {
    // Row 2 sums to 0.5 (renormalised); row 3 has a 0 for its true class (clipped to eps).
    const proba = Float64Array.of(0.7, 0.2, 0.1, 0.1, 0.1, 0.3, 0, 0.5, 0.5)
    const yTrue = Int32Array.of(0, 2, 0)
    const { losses, normalized } = logLossPerExample(proba, yTrue, 3)
    expect(normalized).toBe(true)
    expect(losses[0]).toBe(-Math.log(0.7 / (0.7 + 0.2 + 0.1)))
    expectClose(losses[1], -Math.log(0.3 / 0.5), 'row 2 (renormalised)')
    expectClose(losses[2], -Math.log(2 ** -52 / (2 ** -52 + 1)), 'row 3 (clipped)')
    const whole = logLoss(proba, yTrue, 3)
    expect(whole.value).toBe((losses[0] + losses[1] + losses[2]) / 3)
    expect([...whole.losses]).toEqual([...losses])
  })
})

describe('logLossPerExample of some rows, read in place', () => {
  test('equals the terms of the gathered rows bit for bit, and logLossOfTerms of them equals logLoss', () => {
    // 6 rows x 3 classes; rows 1 and 4 do not sum to 1, row 2 holds a 0 (clipped to eps).
    const proba = Float64Array.of(0.7, 0.2, 0.1, 0.5, 0.3, 0.1, 0, 0.25, 0.75, 0.3, 0.3, 0.4, 0.2, 0.2, 0.2, 0.05, 0.9, 0.05)
    const targets = Int32Array.of(0, 1, 0, 2, 1, 1)
    const rows = Int32Array.of(4, 2, 2, 0, 5)
    const gathered = new Float64Array(rows.length * 3)
    rows.forEach((row, i) => gathered.set(proba.subarray(row * 3, row * 3 + 3), i * 3))
    const yTrue = Int32Array.from(rows, (row) => targets[row])
    const inPlace = logLossPerExample(proba, targets, 3, rows)
    const copied = logLoss(gathered, yTrue, 3)
    expect(Array.from(inPlace.losses)).toStrictEqual(Array.from(copied.losses))
    expect(inPlace.normalized).toBe(true)
    expect(logLossOfTerms(inPlace.losses)).toBe(copied.value)
    // Row 2's target (class 0) has probability 0: clipped to eps, -ln(eps / 1) = 36.04...
    expect(inPlace.losses[1]).toBeCloseTo(-Math.log(2 ** -52), 12)
    // Each row's term depends on that row alone: the run's terms at those rows are the same.
    const run = logLossPerExample(proba, targets, 3).losses
    expect(Array.from(rows, (row) => run[row])).toStrictEqual(Array.from(inPlace.losses))
    expect(logLossOfTerms(new Float64Array(0))).toBeNaN()
    expect(() => logLossPerExample(proba, yTrue, 3, Int32Array.of(0, 1))).toThrow(/expected 5x3=15 probabilities/)
    expect(() => logLossPerExample(proba, targets, 3, Int32Array.of(0, 6))).toThrow(/row 6 has class index undefined/)
  })

  test('into lent memory: the same terms, written there (whatever it held), and a wrong length is refused', () => {
    const proba = Float64Array.of(0.7, 0.2, 0.1, 0.5, 0.3, 0.1, 0, 0.25, 0.75)
    const targets = Int32Array.of(0, 1, 2)
    const lent = new Float64Array(5).fill(Number.NaN)
    const into = lent.subarray(1, 4)
    const { losses, normalized } = logLossPerExample(proba, targets, 3, null, into)
    expect(losses).toBe(into)
    expect(Array.from(lent.subarray(1, 4))).toStrictEqual(Array.from(logLossPerExample(proba, targets, 3).losses))
    expect(normalized).toBe(true)
    expect(() => logLossPerExample(proba, targets, 3, null, new Float64Array(2))).toThrow(/room for 3 terms, got 2/)
  })
})

describe('logLossPerExample of one column per class', () => {
  test('the same terms as the row-major matrix, bit for bit, for every row and for some rows', () => {
    // Rows not summing to 1 and a clipped 0, as above, plus a row above 1 - eps.
    const k = 3
    const proba = Float64Array.of(0.7, 0.2, 0.1, 0.1, 0.1, 0.3, 0, 0.5, 0.5, 1, 0, 0, 0.2, 0.30000000000000004, 0.5)
    const yTrue = Int32Array.of(0, 2, 0, 0, 1)
    const columns = [0, 1, 2].map((c) => Float64Array.from({ length: 5 }, (_, i) => proba[i * k + c]))
    const matrix = logLossPerExample(proba, yTrue, k)
    const ofColumns = logLossPerExample(columns, yTrue, k)
    expect(Array.from(ofColumns.losses)).toStrictEqual(Array.from(matrix.losses))
    expect(ofColumns.normalized).toBe(true)
    const rows = Int32Array.of(4, 0, 4)
    expect(Array.from(logLossPerExample(columns, yTrue, k, rows).losses)).toStrictEqual(Array.from(logLossPerExample(proba, yTrue, k, rows).losses))
    expect(logLossPerExample(columns, yTrue, k, rows).normalized).toBe(false)
  })
  test('refuses columns of the wrong number or length', () => {
    const yTrue = Int32Array.of(0, 1)
    expect(() => logLossPerExample([Float64Array.of(0.5, 0.5)], yTrue, 2)).toThrow('expected 2 probability columns of 2 rows, got 1 of 2')
    expect(() => logLossPerExample([Float64Array.of(0.5), Float64Array.of(0.5)], yTrue, 2)).toThrow('got 2 of 1, 1')
  })
})
