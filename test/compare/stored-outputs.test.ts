import { describe, expect, test } from 'vitest'
import { decodeCorrectness } from '../../src/baselines/correctness-bitset.js'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import {
  decodeProbabilities,
  encodeProbabilities,
  MAX_STORED_PROBABILITY_ROWS,
  probabilitiesStorageLimit,
} from '../../src/baselines/stored-predictions.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { BaselineError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'

describe('stored probabilities (float64)', () => {
  test('round trip exactly, little-endian, row-major', () => {
    const values = Float64Array.of(0.1, 0.7, 0.2, 1 / 3, 1 / 3, 1 / 3)
    const stored = encodeProbabilities(values, 3)!
    expect(stored).toMatchObject({ encoding: 'float64le-base64', length: 2, classes: 3 })
    expect(Buffer.from(stored.values, 'base64').readDoubleLE(8)).toBe(0.7)
    expect(decodeProbabilities(stored)).toEqual(values)
  })

  test('caps: 50,000 examples and 250,000 values', () => {
    expect(probabilitiesStorageLimit(MAX_STORED_PROBABILITY_ROWS, 5)).toBeUndefined()
    expect(probabilitiesStorageLimit(60_000, 3)).toBe('60,000 examples, above the 50,000-example cap for stored probabilities')
    expect(probabilitiesStorageLimit(40_000, 20)).toBe('800,000 probabilities, above the 250,000-value cap for stored probabilities')
    expect(encodeProbabilities(new Float64Array(60_000 * 2), 2)).toBeUndefined()
  })

  test('a malformed part is the corrupt-baseline error naming the part', () => {
    const stored = encodeProbabilities(Float64Array.of(0.25, 0.75), 2)!
    expect(() => decodeProbabilities({ ...stored, length: 2 })).toThrow(BaselineError)
    expect(() => decodeProbabilities({ ...stored, length: 2 })).toThrow("the baseline entry's stored probabilities cannot be read: they hold 16 bytes, expected 32 for 2 examples x 2 labels (float64)")
    const bad = Buffer.alloc(16)
    bad.writeDoubleLE(1.5, 0)
    expect(() => decodeProbabilities({ ...stored, values: bad.toString('base64') })).toThrow('example 0, label 0 is 1.5, not a probability')
    expect(() => decodeCorrectness({ encoding: 'bitset-base64', length: 20, bits: 'BQ==' })).toThrow(
      "the baseline entry's stored correctness cannot be read: the bitset holds 1 bytes, expected 3 for 20 examples",
    )
  })
})

describe('entries and the verdict', async () => {
  const records = Array.from({ length: 200 }, (_, i) => {
    const truth = i % 2 === 0 ? 'yes' : 'no'
    const score = ((i * 37) % 100) / 100
    return { id: i, truth, score: truth === 'yes' ? Math.min(1, score + 0.3) : score * 0.8 }
  })
  const run = await evaluate({ data: records, targets: 'truth', modelType: 'classifier', scores: 'score', posLabel: 'yes', labels: ['no', 'yes'], inputColumns: ['id'], intervals: false })

  test('a binary classifier with scores stores both probability columns', () => {
    const entry = createBaselineEntry(run)
    expect(entry.probabilities).toMatchObject({ length: 200, classes: 2 })
    const decoded = decodeProbabilities(entry.probabilities!)
    expect(decoded[1]).toBe(records[0].score)
  })

  test('a corrupt stored part fails the comparison with the corrupt-baseline error', () => {
    const entry = createBaselineEntry(run)
    entry.probabilities!.values = entry.probabilities!.values.slice(0, 40)
    expect(() => compareWithBaseline(entry, run)).toThrow(BaselineError)
    expect(() => compareWithBaseline(entry, run)).toThrow("stored probabilities cannot be read")
  })

  test('binary roc_auc, precision_recall_auc and brier_score_loss get DeLong, resampling and the paired mean', async () => {
    const worse = await evaluate({
      data: records.map((r) => ({ ...r, score: r.id % 5 === 0 ? 1 - r.score : r.score })),
      targets: 'truth', modelType: 'classifier', scores: 'score', posLabel: 'yes', labels: ['no', 'yes'], inputColumns: ['id'], intervals: false,
    })
    const verdict = compareWithBaseline(createBaselineEntry(run, { metrics: ['roc_auc', 'precision_recall_auc', 'brier_score_loss'] }), worse, { correction: 'none' })
    const testOf = (metric: string) => verdict.rows.find((row) => row.metric === metric)!
    expect(testOf('roc_auc'), verdict.notes.join('\n')).toMatchObject({ test: 'paired-delong', verdict: 'fail' })
    expect(testOf('precision_recall_auc')).toMatchObject({ test: 'paired-resample', verdict: 'fail' })
    expect(testOf('brier_score_loss')).toMatchObject({ test: 'paired-mean', verdict: 'fail' })
  })
})
