/**
 * A multiclass roc_auc is the same number with intervals on and off, overall and per slice: the
 * paths that compute it (the plain one-vs-rest AUC; DeLong's, which yields the AUC with its
 * variance; the shared sort of every slice) average the classes' AUCs in one function (white-box
 * review 57: 44 of 1,500 runs differed in the last bit, so a baseline written without intervals
 * and checked with them saw a change).
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'

function dataset(seed: number, k: number, n: number): Array<Record<string, number | string>> {
  const random = createRandom(seed)
  return Array.from({ length: n }, (_, i) => {
    const y = i % k
    const raw = Array.from({ length: k }, (_, c) => Math.exp((c === y ? 0.8 : 0) + random.uniform()))
    const sum = raw.reduce((a, b) => a + b, 0)
    return { y, g: `g${i % 3}`, ...Object.fromEntries(raw.map((v, c) => [`p${c}`, Math.round((v / sum) * 1e6) / 1e6])) }
  })
}

describe('multiclass roc_auc with and without intervals', () => {
  test.each([
    [1, 3, 'weighted'],
    [2, 4, 'weighted'],
    [3, 5, 'macro'],
    [4, 6, 'weighted'],
    [5, 3, 'macro'],
    [6, 7, 'weighted'],
  ] as const)('seed %i, %i classes, %s: the same value overall and in every slice', async (seed, k, average) => {
    const rows = dataset(seed, k, 90 + seed * 7)
    // probabilities rounded to 6 digits: renormalised so each row sums to 1 within allclose
    const options = { data: rows, targets: 'y', probabilities: Array.from({ length: k }, (_, c) => `p${c}`), labels: Array.from({ length: k }, (_, c) => c), modelType: 'classifier' as const, average, slices: ['g'] }
    const off = await evaluate({ ...options, intervals: false })
    const on = await evaluate({ ...options, intervals: { seed: 0 } })
    expect(on.metrics.roc_auc).toBeDefined()
    expect(on.metrics.roc_auc).toBe(off.metrics.roc_auc)
    for (const key of Object.keys(off.slices)) expect(on.slices[key]!.metrics.roc_auc, key).toBe(off.slices[key]!.metrics.roc_auc)
  })
})
