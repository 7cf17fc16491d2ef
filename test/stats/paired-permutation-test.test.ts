import { describe, expect, it } from 'vitest'
import { createRandom, exactMcNemarTest, pairedPermutationTest } from '../../src/stats/index.js'
import { exchangeableLabelRuns, macroF1Drop } from './paired-populations.js'

/** The accuracy drop on `total` rows when `lost` rows were lost and `gained` gained. */
function accuracyDrop(lost: number, gained: number, total: number) {
  return (swap: Uint8Array): number => {
    let drop = 0
    for (let i = 0; i < lost + gained; i++) drop += (i < lost) !== (swap[i] === 1) ? 1 : -1
    return drop / total
  }
}

describe('pairedPermutationTest', () => {
  it('is the exact McNemar test for accuracy when every swap is enumerated', () => {
    const seven = pairedPermutationTest({ pairs: 7, statistic: accuracyDrop(7, 0, 100), observed: 0.07 })
    expect(seven).toEqual({ p: 0.0078125, method: 'exact', draws: 128 })
    for (const [lost, gained] of [[5, 0], [8, 2], [10, 6], [3, 9], [12, 4], [0, 0]]) {
      const result = pairedPermutationTest({ pairs: lost + gained, statistic: accuracyDrop(lost, gained, 500), observed: (lost - gained) / 500 })
      const mcnemar = exactMcNemarTest({ lost, gained, total: 500, midP: false }).p
      expect(result.method).toBe('exact')
      expect(result.p).toBeCloseTo(mcnemar, 12)
    }
  })

  it('agrees with exact enumeration by Monte-Carlo, within 4 standard errors', () => {
    const statistic = accuracyDrop(30, 14, 800)
    const mcnemar = exactMcNemarTest({ lost: 30, gained: 14, total: 800, midP: false }).p // 0.0117
    const result = pairedPermutationTest({ pairs: 44, statistic, observed: 16 / 800, seed: 3, alpha: 0.05 / 10 })
    expect(result.method).toBe('monte-carlo')
    expect(result.draws).toBe(4000) // 20 / 0.005
    expect(Math.abs(result.p - mcnemar)).toBeLessThan(4 * Math.sqrt((mcnemar * (1 - mcnemar)) / result.draws))
    // Forced Monte-Carlo on 12 pairs against the enumeration of the same statistic.
    const f1 = macroF1Drop(...runs(300, 12, 5))
    const exact = pairedPermutationTest({ ...f1 })
    const drawn = pairedPermutationTest({ ...f1, exactLimit: 0, draws: 20000, seed: 9 })
    expect(drawn.method).toBe('monte-carlo')
    expect(Math.abs(drawn.p - exact.p)).toBeLessThan(4 * Math.sqrt((exact.p * (1 - exact.p)) / 20000) + 1e-4)
  })

  it('sizes its draws by alpha (resolution below alpha / 20), capped, and repeats with its seed', () => {
    const statistic = accuracyDrop(15, 10, 400)
    const base = { pairs: 25, statistic, observed: 5 / 400 }
    expect(pairedPermutationTest({ ...base }).draws).toBe(2000)
    expect(pairedPermutationTest({ ...base, alpha: 0.05 / 30 }).draws).toBe(12000)
    expect(pairedPermutationTest({ ...base, alpha: 1e-6 }).draws).toBe(200000)
    expect(pairedPermutationTest({ ...base, draws: 500 }).draws).toBe(500)
    expect(pairedPermutationTest({ ...base, seed: 4 }).p).toBe(pairedPermutationTest({ ...base, seed: 4 }).p)
    // p = (1 + count) / (1 + draws): never 0.
    const extreme = pairedPermutationTest({ pairs: 40, statistic: accuracyDrop(40, 0, 400), observed: 0.1, draws: 999 })
    expect(extreme.p).toBe(1 / 1000)
  })

  it('stops after `stopAfter` draws reached the threshold (Besag and Clifford), with p = stopAfter / draws', () => {
    // 20 lost, 20 gained of 800: a drop of 0, reached by about half the swaps.
    const statistic = accuracyDrop(20, 20, 800)
    const full = pairedPermutationTest({ pairs: 40, statistic, observed: 0, draws: 4000, seed: 2 })
    const stopped = pairedPermutationTest({ pairs: 40, statistic, observed: 0, draws: 4000, seed: 2, stopAfter: 20 })
    expect(stopped.draws).toBeLessThan(80)
    expect(stopped.p).toBe(20 / stopped.draws)
    expect(Math.abs(stopped.p - full.p)).toBeLessThan(0.3)
    // A drop no swap reaches draws them all, as without the option.
    const extreme = { pairs: 40, statistic: accuracyDrop(40, 0, 400), observed: 0.1, draws: 999 }
    expect(pairedPermutationTest({ ...extreme, stopAfter: 20 })).toEqual(pairedPermutationTest(extreme))
    expect(() => pairedPermutationTest({ ...extreme, stopAfter: 0 })).toThrow(/stopAfter 0/)
  })

  it('with stopAfter keeps its size (p <= 0.05 in at most 5% + 3 SE of 4,000 exchangeable trials)', () => {
    const trials = 4000
    const random = createRandom(77)
    let rejected = 0
    for (let trial = 0; trial < trials; trial++) {
      // 30 differing rows, each lost or gained with probability 1/2
      let lost = 0
      for (let i = 0; i < 30; i++) if (random.uniform() < 0.5) lost++
      const result = pairedPermutationTest({ pairs: 30, statistic: accuracyDrop(lost, 30 - lost, 500), observed: (2 * lost - 30) / 500, draws: 1000, seed: trial, stopAfter: 10 })
      if (result.p <= 0.05) rejected++
    }
    expect(rejected / trials).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt((0.05 * 0.95) / trials))
  })

  it('puts the margin in the null by shifting the threshold', () => {
    // 10 lost, 2 gained on 100 rows: drop 0.08. Margin 0.04 asks for P(D* >= 0.04):
    // D* = (2L - 12) / 100 with L ~ Binomial(12, 1/2), so L >= 8: 794 / 4096.
    const statistic = accuracyDrop(10, 2, 100)
    expect(pairedPermutationTest({ pairs: 12, statistic, observed: 0.08 }).p).toBeCloseTo(79 / 4096, 14)
    expect(pairedPermutationTest({ pairs: 12, statistic, observed: 0.08, margin: 0.04 }).p).toBeCloseTo(794 / 4096, 14)
    expect(pairedPermutationTest({ pairs: 12, statistic, observed: 0.08, margin: 0.2 }).p).toBe(1)
  })

  it('enumerates the four swaps of two differing rows for macro F1', () => {
    // truth 0,1,2,0,1,2; baseline right everywhere; the current run errs on rows 0 and 1.
    const truth = Int32Array.from([0, 1, 2, 0, 1, 2])
    const baseline = Int32Array.from([0, 1, 2, 0, 1, 2])
    const current = Int32Array.from([1, 2, 2, 0, 1, 2])
    const f1 = macroF1Drop(truth, baseline, current, 3)
    expect(f1.pairs).toBe(2)
    // Swaps: none → drop d; both → −d; one of them → smaller |drop|. Only "none" reaches d.
    expect(f1.observed).toBeGreaterThan(0)
    expect(pairedPermutationTest({ ...f1 }).p).toBe(0.25)
  })

  it('rejects bad arguments with the value', () => {
    expect(() => pairedPermutationTest({ pairs: -1, statistic: () => 0, observed: 0 })).toThrow(/pairs = -1/)
    expect(() => pairedPermutationTest({ pairs: 3, statistic: () => 0, observed: Number.NaN })).toThrow(/observed drop NaN/)
    expect(() => pairedPermutationTest({ pairs: 3, statistic: () => 0, observed: 0, margin: -1 })).toThrow(/margin -1/)
  })

  it('holds its size for macro F1 when 5, 10 and 20 rows differ (1,000 trials each, <= 5% + 3 SE)', () => {
    const trials = 1000
    const se = Math.sqrt((0.05 * 0.95) / trials) // 0.69 pt
    for (const differ of [5, 10, 20]) {
      const random = createRandom(1000 + differ)
      let rejected = 0
      for (let trial = 0; trial < trials; trial++) {
        const { truth, baseline, current, k } = exchangeableLabelRuns(300, differ, random)
        const f1 = macroF1Drop(truth, baseline, current, k)
        if (pairedPermutationTest({ ...f1, seed: trial, draws: 1000 }).p <= 0.05) rejected++
      }
      expect(rejected / trials, `${differ} rows differ`).toBeLessThanOrEqual(0.05 + 3 * se)
    }
  })
})

function runs(n: number, differ: number, seed: number): [Int32Array, Int32Array, Int32Array, number] {
  const { truth, baseline, current, k } = exchangeableLabelRuns(n, differ, createRandom(seed))
  return [truth, baseline, current, k]
}
