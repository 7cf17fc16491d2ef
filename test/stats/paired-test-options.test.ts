import { describe, expect, test } from 'vitest'
import { assertAlpha, assertMargin, monteCarloDrawCount } from '../../src/stats/paired-test-options.js'
import { pairedPermutationTest } from '../../src/stats/paired-permutation-test.js'
import { pairedResampleTest } from '../../src/stats/paired-resample-test.js'
import { pairedSignFlipTest } from '../../src/stats/paired-sign-flip-test.js'

describe('the paired tests’ shared option checks', () => {
  test('margin and alpha: the messages name the test, the value and the units', () => {
    expect(() => assertMargin(-0.1, 'pairedX', "the metric's units")).toThrow("pairedX: margin -0.1 is not a finite number >= 0 (in the metric's units)")
    expect(() => assertMargin(Number.NaN, 'pairedX', 'u')).toThrow('margin NaN')
    expect(() => assertMargin(Infinity, 'pairedX', 'u')).toThrow('margin Infinity')
    expect(() => assertMargin(0, 'pairedX', 'u')).not.toThrow()
    expect(() => assertAlpha(1, 'pairedX')).toThrow('pairedX: alpha 1 is not between 0 and 1')
    expect(() => assertAlpha(0, 'pairedX')).toThrow('alpha 0')
    expect(() => assertAlpha(0.05, 'pairedX')).not.toThrow()
  })

  test('draws: given, or max(min, ceil(20 / alpha)) capped at max; never below 1 or fractional', () => {
    expect(monteCarloDrawCount(undefined, 0.05, 2000, 200_000, 'p')).toBe(2000)
    expect(monteCarloDrawCount(undefined, 0.001, 2000, 200_000, 'p')).toBe(20_000)
    expect(monteCarloDrawCount(undefined, 1e-6, 2000, 100_000, 'p')).toBe(100_000)
    expect(monteCarloDrawCount(37, 0.05, 2000, 200_000, 'p')).toBe(37)
    expect(() => monteCarloDrawCount(0, 0.05, 2000, 200_000, 'pairedY')).toThrow('pairedY: draws = 0 is not a positive integer')
    expect(() => monteCarloDrawCount(2.5, 0.05, 2000, 200_000, 'pairedY')).toThrow('draws = 2.5')
  })

  test('each test still names itself and its units in the errors', () => {
    expect(() => pairedPermutationTest({ pairs: 3, statistic: () => 0, observed: 0, margin: -1 })).toThrow("pairedPermutationTest: margin -1 is not a finite number >= 0 (in the metric's units)")
    expect(() => pairedResampleTest({ n: 3, statistic: () => 0, observed: 0, alpha: 2 })).toThrow('pairedResampleTest: alpha 2 is not between 0 and 1')
    expect(() => pairedSignFlipTest({ differences: new Float64Array([1]), margin: -1 })).toThrow("pairedSignFlipTest: margin -1 is not a finite number >= 0 (in the term's units)")
    expect(() => pairedResampleTest({ n: 3, statistic: () => 0, observed: 0, draws: 0 })).toThrow('pairedResampleTest: draws = 0 is not a positive integer')
  })
})
