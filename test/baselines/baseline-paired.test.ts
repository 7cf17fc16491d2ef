// Paired bootstrap verdicts for baseline metrics beyond accuracy: the baseline entry stores the
// per-example predictions, and a later run on the same data is compared with a paired bootstrap
// (same Poisson weights for both models), which sees drops an unpaired test from the intervals
// cannot.
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import { parseBaselineFile } from '../../src/baselines/store.js'
import {
  decodeClassPredictions,
  decodeValuePredictions,
  encodeClassPredictions,
  MAX_STORED_PREDICTIONS,
  MAX_STORED_REGRESSOR_PREDICTIONS,
  predictionsStorageLimit,
} from '../../src/baselines/stored-predictions.js'
import type { BaselineEntry } from '../../src/baselines/types.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { BaselineError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import { classificationMetricsFromCounts, confusionCounts } from '../../src/metrics/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { pairedResampleWeights } from '../../src/stats/index.js'

const LABELS = ['negative', 'neutral', 'positive']
const CATEGORIES = ['billing', 'product_A', 'product_B', 'technical_support']
const N = 600

const truthOf = (id: number): string => LABELS[(id * 7 + Math.floor(id / 5)) % 3]
const nextLabel = (label: string): string => LABELS[(LABELS.indexOf(label) + 1) % 3]
/** Rows the baseline model gets wrong (about 10%). */
const baselineWrong = (id: number): boolean => (id * 7919) % 97 < 10
/** 12 technical_support rows (category 3) the baseline gets right. */
const newlyWrong = new Set(Array.from({ length: N }, (_, id) => id).filter((id) => id % 4 === 3 && !baselineWrong(id)).slice(0, 12))
/** 2 baseline mistakes fixed and 3 new ones elsewhere: a model as good as the baseline. */
const fixed = new Set(Array.from({ length: N }, (_, id) => id).filter(baselineWrong).slice(0, 2))
const shuffled = new Set(Array.from({ length: N }, (_, id) => id).filter((id) => !baselineWrong(id) && id % 4 === 0).slice(0, 3))

const records = Array.from({ length: N }, (_, id) => {
  const truth = truthOf(id)
  const base = baselineWrong(id) ? nextLabel(truth) : truth
  return {
    id,
    text: `feedback ${id}`,
    category: CATEGORIES[id % 4],
    truth,
    pred_base: base,
    pred_worse: newlyWrong.has(id) ? nextLabel(truth) : base,
    pred_same: fixed.has(id) ? truth : shuffled.has(id) ? nextLabel(truth) : base,
  }
})

const classify = (predictions: string): Promise<EvalRun> =>
  evaluate({ data: records, targets: 'truth', predictions, modelType: 'classifier', slices: ['category'], inputColumns: ['id', 'text', 'category'], intervals: { resamples: 300 } })

const rowOf = (verdict: ReturnType<typeof compareWithBaseline>, metric: string, slice?: string) => verdict.rows.find((row) => row.metric === metric && row.slice === slice)!

/** The entry as an older evalgate wrote it: correctness, no predictions. */
const withoutPredictions = (entry: BaselineEntry): BaselineEntry => {
  const copy = structuredClone(entry)
  delete copy.predictions
  return copy
}

describe('classifier baselines: paired tests beyond accuracy', async () => {
  const base = await classify('pred_base')
  const worse = await classify('pred_worse')
  const same = await classify('pred_same')
  const f1Only = { metrics: ['f1_score'] }
  const entry = createBaselineEntry(base, f1Only)

  test('the entry stores the predicted label indices with the label list, and they decode to the run\'s predictions', () => {
    expect(entry.predictions).toMatchObject({ encoding: 'uint8-base64', length: N, labels: LABELS })
    expect(entry.predictions!.values.length).toBe(4 * Math.ceil(N / 3))
    expect(Array.from(decodeClassPredictions(entry.predictions!))).toEqual(records.map((r) => LABELS.indexOf(r.pred_base)))
    // one value per line stays true: the label list is an array of strings, one per line
    expect(stableStringify(entry.predictions)).toBe(`{\n  "encoding": "uint8-base64",\n  "labels": [\n    "negative",\n    "neutral",\n    "positive"\n  ],\n  "length": ${N},\n  "values": "${entry.predictions!.values}"\n}\n`)
  })

  test('a permutation test over the differing rows detects an F1 drop that the unpaired test misses on the same data', () => {
    const drop = worse.metrics.f1_score - base.metrics.f1_score
    expect(drop).toBeLessThan(-0.015)
    expect(drop).toBeGreaterThan(-0.03)

    const paired = rowOf(compareWithBaseline(entry, worse, f1Only), 'f1_score')
    expect(paired).toMatchObject({ test: 'paired-permutation', verdict: 'fail' })
    // 12 rows newly wrong and none fixed: only the identity among the 2^12 swaps reaches the
    // observed drop, so p is about 2^-12: Monte Carlo over 2,000 draws (12 rows are above the
    // 10 whose 2^10 swaps fit in the draws), p = (1 + hits) / 2001 with hits about 2000 / 4096
    expect(paired.pValue).toBeGreaterThanOrEqual(1 / 2001)
    expect(paired.pValue).toBeLessThan(5 / 2001)

    const old = compareWithBaseline(withoutPredictions(entry), worse, f1Only)
    const unpaired = rowOf(old, 'f1_score')
    expect(unpaired).toMatchObject({ test: 'unpaired-normal', verdict: 'noise' })
    expect(unpaired.pValue).toBeGreaterThan(0.05)
    expect(old.notes, old.notes.join("\n")).toContain('no paired test for f1_score, f1_score[category=technical_support]: the baseline entry stores no per-example predictions (written by an earlier evalgate; `vitest -u` adds them); tested with the unpaired test from the stored intervals instead')
  })

  test('the p-value is the permutation p over the 5 differing rows, enumerated exactly (2^5 swaps)', () => {
    const verdict = compareWithBaseline(entry, same, f1Only)
    const row = rowOf(verdict, 'f1_score')
    expect(row.test).toBe('paired-permutation')
    const target = Int32Array.from(records, (r) => LABELS.indexOf(r.truth))
    const baseline = Int32Array.from(records, (r) => LABELS.indexOf(r.pred_base))
    const current = Int32Array.from(records, (r) => LABELS.indexOf(r.pred_same))
    const differing = records.map((r, i) => i).filter((i) => baseline[i] !== current[i])
    expect(differing.length).toBe(5)
    const f1 = (predicted: Int32Array): number => classificationMetricsFromCounts(confusionCounts(target, predicted, 3), 3, { average: 'weighted' }).metrics.f1_score
    const observed = f1(baseline) - f1(current)
    let reach = 0
    for (let mask = 0; mask < 32; mask++) {
      const a = baseline.slice()
      const b = current.slice()
      differing.forEach((i, j) => {
        if ((mask >> j) & 1) [a[i], b[i]] = [b[i], a[i]]
      })
      if (f1(a) - f1(b) >= observed - 1e-12) reach++
    }
    expect(row.pValue).toBe(reach / 32)
    expect(reach).toBeGreaterThan(1)
  })

  test('a model as good as the baseline (2 fixed, 3 new mistakes) passes: the paired drop is within noise', () => {
    const verdict = compareWithBaseline(createBaselineEntry(base), same)
    expect(verdict.status).toBe('passed')
    const f1 = rowOf(verdict, 'f1_score')
    expect(f1).toMatchObject({ test: 'paired-permutation', verdict: 'noise' })
    expect(f1.pValue).toBeGreaterThan(0.2)
    expect(rowOf(verdict, 'accuracy_score').test).toBe('mcnemar-exact')
  })

  test('an unchanged model passes with no test run', () => {
    const verdict = compareWithBaseline(createBaselineEntry(base), base)
    expect(verdict.status).toBe('passed')
    expect(verdict.rows.every((row) => row.verdict === 'pass' && row.test === undefined)).toBe(true)
    expect(verdict.notes).toEqual([])
  })

  test('slice metrics are paired on the slice rows; accuracy keeps McNemar and weighted recall shares its test; probability-free headline metrics are all paired', () => {
    const verdict = compareWithBaseline(createBaselineEntry(base), worse)
    expect(verdict.status).toBe('failed')
    const tech = rowOf(verdict, 'f1_score', 'category=technical_support')
    expect(tech).toMatchObject({ test: 'paired-permutation', verdict: 'fail' })
    // weighted multiclass recall is accuracy: one hypothesis, tested once, with accuracy's p
    const recall = rowOf(verdict, 'recall_score', 'category=technical_support')
    expect(recall.test).toBe('mcnemar-exact (as accuracy_score[category=technical_support])')
    expect(recall.pValue).toBe(rowOf(verdict, 'accuracy_score', 'category=technical_support').pValue)
    expect(rowOf(verdict, 'accuracy_score', 'category=technical_support').test).toBe('mcnemar-exact')
    // other slices did not move
    expect(rowOf(verdict, 'f1_score', 'category=billing').verdict).toBe('pass')
    // the unpaired test on the slice's intervals would not see it
    const unpairedTech = rowOf(compareWithBaseline(withoutPredictions(createBaselineEntry(base)), worse), 'f1_score', 'category=technical_support')
    expect(unpairedTech.test).toBe('unpaired-normal')
    expect(unpairedTech.pValue!).toBeGreaterThan(tech.pValue! * 10)
  })

  test('recall equal to accuracy under another tolerance or significance is a hypothesis of its own (adversarial pass 28: it took accuracy\'s p and level, and passed)', () => {
    const entry = createBaselineEntry(base)
    const scope = 'category=technical_support'
    const plain = compareWithBaseline(entry, worse, { slices: true })
    const accuracyDrop = rowOf(plain, 'accuracy_score', scope).baseline! - rowOf(plain, 'accuracy_score', scope).current!
    // accuracy allowed the whole drop: passes; recall (tolerance 0) is tested on its own and fails
    const loose = compareWithBaseline(entry, worse, { perMetric: { accuracy_score: { tolerance: accuracyDrop + 0.001 } } })
    expect(rowOf(loose, 'accuracy_score', scope).verdict).toBe('pass')
    const recall = rowOf(loose, 'recall_score', scope)
    // accuracy's test (McNemar) on recall's own null, not accuracy's row repeated: the label says so
    expect(recall.test).toBe('mcnemar-exact (recall_score equals accuracy_score here)')
    expect(recall.repeats).toBeUndefined()
    expect(recall.verdict).toBe('fail')
    // a stricter significance for accuracy does not carry over to recall either
    const strict = compareWithBaseline(entry, worse, { perMetric: { accuracy_score: { significance: 1e-12 } } })
    expect(rowOf(strict, 'accuracy_score', scope).verdict).toBe('noise')
    expect(rowOf(strict, 'recall_score', scope)).toMatchObject({ test: 'mcnemar-exact (recall_score equals accuracy_score here)', verdict: 'fail' })
    // with the same settings they stay one hypothesis
    expect(rowOf(plain, 'recall_score', scope).test).toBe(`mcnemar-exact (as accuracy_score[${scope}])`)
  })

  test('changed data uses the unpaired test; a changed label list falls back with a note', () => {
    const moved = { ...worse, dataset: { ...worse.dataset, fingerprint: 'f'.repeat(64) } }
    expect(rowOf(compareWithBaseline(entry, moved, { ...f1Only, allowDataChange: true }), 'f1_score').test).toBe('unpaired-normal')
    const relabelled = structuredClone(entry)
    relabelled.predictions!.labels = ['neg', 'neu', 'pos']
    const verdict = compareWithBaseline(relabelled, worse, f1Only)
    expect(rowOf(verdict, 'f1_score').test).toBe('unpaired-normal')
    expect(verdict.notes[0]).toContain('the label list changed (neg, neu, pos -> negative, neutral, positive)')
  })

  test('predictions that do not reproduce the stored value (e.g. another averaging) are not paired', () => {
    const other = structuredClone(entry)
    other.metrics.f1_score.value += 0.01
    const verdict = compareWithBaseline(other, worse, f1Only)
    expect(rowOf(verdict, 'f1_score').test).toBe('unpaired-normal')
    expect(verdict.notes[0]).toMatch(/^no paired test for f1_score: the per-example predictions give 0\.8\d+ -> 0\.8\d+, not the values compared; tested with the unpaired test/)
  })
})

describe('regressor baselines: paired bootstrap', async () => {
  const n = 400
  const data = Array.from({ length: n }, (_, id) => {
    const y = 10 + Math.sin(id) * 5 + (id % 7)
    const noise = ((id * 7919) % 101) / 50 - 1
    return { id, group: id % 2 === 0 ? 'even' : 'odd', y, base: y + noise, worse: y + noise + (id % 2 === 0 ? 0.08 * Math.sign(noise || 1) : 0) }
  })
  const regress = (predictions: string) =>
    evaluate({ data, targets: 'y', predictions, modelType: 'regressor', slices: ['group'], inputColumns: ['id', 'group'], intervals: { resamples: 300 } })
  const base = await regress('base')
  const worse = await regress('worse')
  const entry = createBaselineEntry(base)

  test('the entry stores the predictions as float64, exactly', () => {
    expect(entry.predictions).toMatchObject({ encoding: 'float64le-base64', length: n })
    expect(entry.predictions!.labels).toBeUndefined()
    expect(Array.from(decodeValuePredictions(entry.predictions!))).toEqual(data.map((row) => row.base))
  })

  test('a small MAE rise on half the rows is significant paired, not unpaired', () => {
    const verdict = compareWithBaseline(entry, worse, { metrics: ['mean_absolute_error'] })
    const mae = rowOf(verdict, 'mean_absolute_error')
    expect(mae.change).toBeCloseTo(0.04, 10)
    expect(mae).toMatchObject({ test: 'paired-mean', verdict: 'fail' })
    expect(rowOf(verdict, 'mean_absolute_error', 'group=even')).toMatchObject({ test: 'paired-mean', verdict: 'fail' })
    expect(rowOf(verdict, 'mean_absolute_error', 'group=odd').verdict).toBe('pass')
    const unpaired = rowOf(compareWithBaseline(withoutPredictions(entry), worse, { metrics: ['mean_absolute_error'] }), 'mean_absolute_error')
    expect(unpaired).toMatchObject({ test: 'unpaired-normal', verdict: 'noise' })
  })

  test('RMSE is recomputed on paired Poisson resamples: the larger of the centred and percentile bootstrap p over the examples with the run\'s seed, tolerance in the null', () => {
    const y = Float64Array.from(data, (d) => d.y)
    const rmse = (predicted: Float64Array, w: Float64Array | null): number => {
      let count = 0
      let squared = 0
      for (let i = 0; i < y.length; i++) {
        const weight = w ? w[i] : 1
        count += weight
        squared += weight * (y[i] - predicted[i]) ** 2
      }
      return Math.sqrt(squared / count)
    }
    const basePredictions = Float64Array.from(data, (d) => d.base)
    const worsePredictions = Float64Array.from(data, (d) => d.worse)
    const rise = rmse(worsePredictions, null) - rmse(basePredictions, null)
    // a tolerance just below the rise, so that p is not at its floor
    const tolerance = rise * 0.98
    const row = rowOf(compareWithBaseline(entry, worse, { metrics: ['root_mean_squared_error'], slices: false, tolerance }), 'root_mean_squared_error')
    // the same Poisson weights (the run's seed, up to 2000 draws): centred p = (1 + #{D* - D >= D - tolerance}) / (1 + draws),
    // percentile p = (1 + #{D* <= tolerance}) / (1 + draws); the test's p is the larger
    const weightsOf = pairedResampleWeights(base.intervalSettings.seed)
    const weights = new Float64Array(n)
    let reach = 0
    let below = 0
    // p after the first L draws, at each look (50, 100, 200, ..., 1,600, and all 2,000): a p surely above alpha
    // stops drawing at a look, so the verdict's p is one of these
    const atLooks: number[] = []
    for (let r = 0; r < 2000; r++) {
      weightsOf(r, weights)
      const drop = rmse(worsePredictions, weights) - rmse(basePredictions, weights)
      if (drop - rise >= rise - tolerance - 1e-12 * Math.max(1, Math.abs(rise - tolerance))) reach++
      if (drop <= tolerance + 1e-12 * Math.max(1, tolerance)) below++
      if ([50, 100, 200, 400, 800, 1600, 2000].includes(r + 1)) atLooks.push((1 + Math.max(reach, below)) / (r + 2))
    }
    expect(row.test).toBe('paired-resample')
    expect(row.pValue).toBeGreaterThan(0.05)
    expect(atLooks.some((p) => Math.abs(p - row.pValue!) < 1e-12)).toBe(true)
    expect(reach).toBeGreaterThan(10)
    expect(below).toBeGreaterThan(10)
  })

  test('regressor predictions are not stored above 250,000 examples, and the verdict says why a drop is unpaired', async () => {
    expect(predictionsStorageLimit(MAX_STORED_REGRESSOR_PREDICTIONS)).toBeUndefined()
    expect(predictionsStorageLimit(300_000)).toBe('300,000 examples, above the 250,000-example cap for stored regressor predictions')
    expect(predictionsStorageLimit(MAX_STORED_PREDICTIONS + 1, 3)).toBe('200,001 examples, above the 200,000-example cap for stored predictions')
    const rows = MAX_STORED_REGRESSOR_PREDICTIONS + 1
    const large = Array.from({ length: rows }, (_, id) => ({ id, y: id % 10, base: (id % 10) + (id % 3) - 1, worse: (id % 10) + (id % 3) - 1 + (id % 5 === 0 ? 0.5 : 0) }))
    const run = (predictions: string) => evaluate({ data: large, targets: 'y', predictions, modelType: 'regressor', inputColumns: ['id'], intervals: { resamples: 20, rowResamples: 20 } })
    const bigEntry = createBaselineEntry(await run('base'), { metrics: ['mean_absolute_error'] })
    expect(bigEntry.predictions).toBeUndefined()
    const verdict = compareWithBaseline(bigEntry, await run('worse'), { metrics: ['mean_absolute_error'] })
    expect(rowOf(verdict, 'mean_absolute_error').test).toBe('unpaired-normal')
    expect(verdict.notes).toContain('no paired test for mean_absolute_error: the baseline stores no per-example predictions (250,001 examples, above the 250,000-example cap for stored regressor predictions); tested with the unpaired test from the stored intervals instead')
  })
})

describe('stored predictions: format, cap, old entries', () => {
  test('uint16 little-endian above 256 labels; nothing above the example cap', () => {
    const labels = Array.from({ length: 300 }, (_, i) => `l${i}`)
    const stored = encodeClassPredictions(Int32Array.of(0, 299, 256), labels)!
    expect(stored.encoding).toBe('uint16le-base64')
    expect(Buffer.from(stored.values, 'base64')).toEqual(Buffer.from([0, 0, 0x2b, 0x01, 0x00, 0x01]))
    expect(Array.from(decodeClassPredictions(stored))).toEqual([0, 299, 256])
    expect(encodeClassPredictions(new Int32Array(MAX_STORED_PREDICTIONS + 1), LABELS)).toBeUndefined()
    expect(() => decodeClassPredictions({ ...stored, labels: ['a'] })).toThrow("the baseline entry's stored predictions cannot be read: example 1 is label index 299, but only 1 labels are stored")
  })

  test('an old entry (correctness only) still loads; malformed predictions are a clear error', () => {
    const old = {
      evalgateBaseline: 1,
      entries: {
        'old test': {
          modelType: 'classifier',
          exampleCount: 3,
          dataset: { fingerprint: 'a'.repeat(64), rowCount: 3 },
          metrics: { f1_score: { value: 0.5, greaterIsBetter: true } },
          slices: {},
          correct: { encoding: 'bitset-base64', length: 3, bits: 'BQ==' },
        },
      },
    }
    expect(parseBaselineFile(stableStringify(old), 'old.json').entries['old test'].predictions).toBeUndefined()
    const bad = structuredClone(old) as { entries: Record<string, Record<string, unknown>> }
    bad.entries['old test'].predictions = { encoding: 'float64le-base64', length: 3, values: '' }
    const text = stableStringify(bad)
    expect(() => parseBaselineFile(text, 'bad.json')).toThrow(BaselineError)
    const line = text.split('\n').findIndex((l) => l.includes('"predictions"')) + 1
    expect(() => parseBaselineFile(text, 'bad.json')).toThrow(`(line ${line}): entry "old test" has malformed "predictions" (expected { encoding: "uint8-base64" | "uint16le-base64", length, labels, values })`)
  })
})
