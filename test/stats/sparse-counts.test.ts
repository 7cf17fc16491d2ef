/**
 * Many classes (adversarial pass 22q: 200 classes and 60 slices took 92 s in evaluate(), most of it
 * the count metrics' 4,000 multinomial resamples per scope, each reading all k² cells): the
 * resamples draw only the matrix's non-zero cells and the metrics read only those
 * (`nonzeroCells`). The values must be exactly those of the full loops.
 */
import { describe, expect, test } from 'vitest'
import { classificationMetricsFromCounts, nonzeroCells } from '../../src/metrics/index.js'
import { bootstrapCounts, createRandom } from '../../src/stats/index.js'
import { multinomialResample } from '../../src/stats/multinomial-resample.js'

/** A sparse k-class confusion matrix: mostly the diagonal, a few confusions per class. */
function sparseMatrix(k: number, seed: number): Float64Array {
  const random = createRandom(seed)
  const counts = new Float64Array(k * k)
  for (let t = 0; t < k; t++) {
    counts[t * k + t] = 5 + Math.floor(random.uniform() * 40)
    for (let j = 0; j < 3; j++) counts[t * k + Math.floor(random.uniform() * k)] += Math.floor(random.uniform() * 4)
  }
  return counts
}

describe('sparse confusion counts', () => {
  test('nonzeroCells lists the non-zero cells in order', () => {
    expect(Array.from(nonzeroCells(Float64Array.of(3, 0, 0, 2, 0, 1)))).toEqual([0, 3, 5])
    expect(nonzeroCells(new Float64Array(4)).length).toBe(0)
  })

  test('the metrics read from the non-zero cells equal the full loop, for every averaging and binary', () => {
    for (const [k, seed] of [[2, 1], [5, 2], [40, 3]] as const) {
      const counts = sparseMatrix(k, seed)
      const cells = nonzeroCells(counts)
      for (const options of k === 2 ? [{ average: 'weighted' as const, posIndex: 1 }] : (['weighted', 'macro', 'micro'] as const).map((average) => ({ average }))) {
        const full = classificationMetricsFromCounts(counts, k, { ...options, details: false }).metrics
        expect(classificationMetricsFromCounts(counts, k, { ...options, details: false, cells }).metrics).toEqual(full)
      }
    }
  })

  test('bootstrapCounts draws exactly the resamples of the full multinomial loop', () => {
    const k = 30
    const counts = sparseMatrix(k, 4)
    const statistic = (c: Float64Array) => classificationMetricsFromCounts(c, k, { average: 'macro', details: false }).metrics
    const samples = bootstrapCounts(counts, statistic, { resamples: 200, seed: 9 })
    // the loop before: every cell, the full table each time
    const random = createRandom(9)
    const buffer = new Float64Array(counts.length)
    for (let r = 0; r < 200; r++) {
      multinomialResample(counts, random, buffer)
      const values = statistic(buffer)
      for (const [name, value] of Object.entries(values)) expect(samples[name][r], `${name} resample ${r}`).toBe(value)
    }
  })
})
