/**
 * The worst slice a report calls out is a measured one: a binary run's slice whose F1 is 0 only by
 * scikit-learn's zero_division (no positive rows there) ranks after the measured slices
 * (adversarial pass 56: a region with no fraud row, every row right, was "the worst slice" at F1 0).
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { slicesWorstFirst } from '../../src/reporter/slice-ranking.js'

describe('slicesWorstFirst', () => {
  test('a slice with no positive rows is not the worst slice; a measured F1 is', async () => {
    // eu: 100 legit rows, all right; us: 40 fraud rows (10 missed) and 60 legit (10 false alarms)
    const eu = Array.from({ length: 100 }, () => ({ region: 'eu', y: 'legit', p: 'legit' }))
    const us = Array.from({ length: 100 }, (_, i) => ({ region: 'us', y: i < 40 ? 'fraud' : 'legit', p: i < 30 ? 'fraud' : i < 40 ? 'legit' : i < 50 ? 'fraud' : 'legit' }))
    const run = await evaluate({ data: [...eu, ...us], targets: 'y', predictions: 'p', modelType: 'classifier', posLabel: 'fraud', slices: ['region'], intervals: false })
    expect(run.slices['region=eu']!.metrics.f1_score).toBe(0)
    const ranked = slicesWorstFirst(run)
    expect(ranked.metric).toBe('f1_score')
    expect(ranked.worst?.key).toBe('region=us')
    expect(ranked.slices.map((slice) => slice.key)).toEqual(['region=us', 'region=eu'])
    // F1 measured at 0 (adversarial pass 58): positive rows all missed, or none but false alarms: the worst
    const missed = Array.from({ length: 100 }, (_, i) => ({ region: 'apac', y: i < 20 ? 'fraud' : 'legit', p: 'legit' }))
    const alarms = Array.from({ length: 100 }, (_, i) => ({ region: 'latam', y: 'legit', p: i < 40 ? 'fraud' : 'legit' }))
    for (const [rows, worst] of [[missed, 'region=apac'], [alarms, 'region=latam']] as const) {
      const measuredZero = await evaluate({ data: [...eu, ...us, ...rows], targets: 'y', predictions: 'p', modelType: 'classifier', posLabel: 'fraud', slices: ['region'], intervals: false })
      expect(measuredZero.slices[worst]!.metrics.f1_score).toBe(0)
      expect(slicesWorstFirst(measuredZero).worst?.key).toBe(worst)
    }
    // no slice measured: none is called out
    const onlyEu = await evaluate({ data: [...eu, ...us.slice(0, 1)], targets: 'y', predictions: 'p', modelType: 'classifier', posLabel: 'fraud', slices: ['region'], minSliceSize: 2, intervals: false })
    expect(slicesWorstFirst(onlyEu).worst).toBeUndefined()
  })

  // Adversarial pass 68, F14: macro F1 of a slice without one of the run's classes averages in 0
  // for it (zero_division), and summary.md named that slice the worst.
  test('a macro average that averages in an undefined 0 for an absent class is not the worst slice', async () => {
    // g1: classes x, y, z, 10 of 90 wrong; g2: x and y only, 3 of 60 wrong (macro F1 about 2/3 with z's 0)
    const g1 = Array.from({ length: 90 }, (_, i) => ({ g: 'g1', y: 'xyz'[i % 3], p: i < 10 ? 'xyz'[(i + 1) % 3] : 'xyz'[i % 3] }))
    const g2 = Array.from({ length: 60 }, (_, i) => ({ g: 'g2', y: 'xy'[i % 2], p: i < 3 ? 'xy'[(i + 1) % 2] : 'xy'[i % 2] }))
    const run = await evaluate({ data: [...g1, ...g2], targets: 'y', predictions: 'p', modelType: 'classifier', average: 'macro', slices: ['g'], intervals: false })
    expect(run.slices['g=g2']!.metrics.f1_score).toBeLessThan(run.slices['g=g1']!.metrics.f1_score)
    const ranked = slicesWorstFirst(run)
    expect(ranked.worst?.key).toBe('g=g1')
    expect(ranked.slices.map((slice) => slice.key)).toEqual(['g=g1', 'g=g2'])
    // weighted: the absent class weighs 0, so g2's F1 is measured and it is the better slice anyway
    const weighted = await evaluate({ data: [...g1, ...g2], targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['g'], intervals: false })
    expect(slicesWorstFirst(weighted).worst?.key).toBe('g=g1')
  })
})
