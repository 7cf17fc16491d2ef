/**
 * Intervals of no width (adversarial pass 68, F2): a count metric that every resample of the
 * confusion counts gives one value (30 rows all right: accuracy [1, 1]; one positive row, missed:
 * recall [0, 0]) read as known exactly. A share gets Wilson's interval for its counts; any other
 * such metric none, with a note; so do ROC AUC and PR AUC where one positive row sets them.
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { wilsonInterval } from '../../src/stats/wilson-interval.js'

describe('count metrics every resample gives one value', () => {
  test('30 rows all right: accuracy, precision, recall and F1 get Wilson intervals for their counts; balanced accuracy and MCC none, with a note', async () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ y: i % 3 === 0 ? 'yes' : 'no', p: i % 3 === 0 ? 'yes' : 'no' }))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier' })
    expect(run.metrics.accuracy_score).toBe(1)
    expect(run.intervals.accuracy_score).toEqual({ ...wilsonInterval(30, 30, 0.95), level: 0.95, method: 'wilson' })
    expect(run.intervals.accuracy_score!.lower).toBeCloseTo(0.8865, 4)
    expect(run.intervals.recall_score).toEqual({ ...wilsonInterval(10, 10, 0.95), level: 0.95, method: 'wilson' })
    expect(run.intervals.precision_score).toEqual({ ...wilsonInterval(10, 10, 0.95), level: 0.95, method: 'wilson' })
    // F1 = 2J / (1 + J), J = tp / (tp + fp + fn): Wilson's interval for J, mapped
    const j = wilsonInterval(10, 10, 0.95)
    expect(run.intervals.f1_score).toEqual({ lower: (2 * j.lower) / (1 + j.lower), upper: 1, level: 0.95, method: 'wilson' })
    expect(run.notes).toContain('balanced_accuracy_score, matthews_corrcoef have no interval on these 30 examples: every resample of the confusion counts gives the same value (too few rows of a class, or none wrong), so a bootstrap cannot bound them')
  })

  // Adversarial pass 69, F14: with confidence 'lower', a slice all right threw an error that
  // guessed intervals: false; F1 now has its interval, and a metric without one quotes the note.
  test("confidence 'lower' on such a run: F1 is judged at its bound; MCC's error quotes the note", async () => {
    const { evalgateMatchers } = await import('../../src/vitest/matchers/index.js')
    await import('../../src/vitest/matcher-types.js')
    expect.extend(evalgateMatchers)
    const data = Array.from({ length: 30 }, (_, i) => ({ y: i % 3 === 0 ? 'yes' : 'no', p: i % 3 === 0 ? 'yes' : 'no' }))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier' })
    expect(run).toHaveMetric('f1_score', 0.8, { confidence: 'lower' })
    expect(() => expect(run).toHaveMetric('matthews_corrcoef', 0.5, { confidence: 'lower' })).toThrow(
      "toHaveMetric: confidence 'lower' asserts the interval's bound, but matthews_corrcoef has no interval: balanced_accuracy_score, matthews_corrcoef have no interval on these 30 examples",
    )
  })

  test('multiclass, every row right: accuracy, and weighted recall (which is accuracy), get Wilson intervals', async () => {
    const data = Array.from({ length: 45 }, (_, i) => ({ y: 'abc'[i % 3], p: 'abc'[i % 3] }))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier' })
    expect(run.intervals.accuracy_score?.method).toBe('wilson')
    expect(run.intervals.recall_score).toEqual(run.intervals.accuracy_score)
    const micro = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', average: 'micro' })
    expect(micro.intervals.f1_score).toEqual(micro.intervals.accuracy_score)
  })

  test('one positive row in 1,000, missed: recall [0, 0.79] (Wilson for 0 of 1), not [0, 0]; ROC AUC and PR AUC say why they have none', async () => {
    const data = Array.from({ length: 1000 }, (_, i) => ({ y: i === 500 ? 1 : 0, p: i % 97 === 0 ? 1 : 0, s: i === 500 ? 0.3 : (i % 97) / 97 }))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', scores: 's', modelType: 'classifier' })
    expect(run.metrics.recall_score).toBe(0)
    expect(run.intervals.recall_score).toEqual({ ...wilsonInterval(0, 1, 0.95), level: 0.95, method: 'wilson' })
    expect(run.intervals.recall_score!.upper).toBeCloseTo(0.7935, 4)
    expect(run.intervals.precision_score?.method).toBe('wilson')
    expect(run.intervals.f1_score?.method).toBe('wilson')
    expect(run.intervals.f1_score?.lower).toBe(0)
    expect(run.intervals.roc_auc).toBeUndefined()
    expect(run.notes).toContain("roc_auc has no interval on these 1000 examples: DeLong's variance needs two rows or more of each class (1 positive, 999 negative)")
    expect(run.intervals.precision_recall_auc).toBeUndefined()
    expect(run.notes).toContain('precision_recall_auc has no interval on these 1000 examples: with one positive row its value is set by where that row ranks, which a bootstrap of the rows cannot bound')
    // an interval of some width is left as the bootstrap gave it
    expect(run.intervals.accuracy_score?.method).toBe('multinomial-bootstrap-bca')
  })

  test('every positive ranked above every negative: roc_auc has no interval of width 0, and a note', async () => {
    const data = Array.from({ length: 60 }, (_, i) => ({ y: i % 2, s: i % 2 === 1 ? 0.6 + i / 1000 : 0.4 - i / 1000 }))
    const run = await evaluate({ data, targets: 'y', scores: 's', modelType: 'classifier' })
    expect(run.metrics.roc_auc).toBe(1)
    expect(run.intervals.roc_auc).toBeUndefined()
    expect(run.notes).toContain("roc_auc has no interval on these 60 examples: every positive row ranks above every negative one, where DeLong's variance is 0 (no interval of width 0 is honest)")
  })
})
