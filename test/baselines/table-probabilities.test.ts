/**
 * Above the float64 caps, probabilities that take at most 65,536 distinct values (a model that
 * rounds them, a forest's vote shares) are stored exactly, as indices into a table of those
 * values, not as float32. Adversarial pass 43: probabilities given to two decimals, stored as
 * float32, turned 0.90 into 0.8999999762; a custom metric "share of rows predicted with
 * probability at least 0.9" recomputed from them was not the value compared, lost its paired
 * test, had no interval above 20,000 rows, and failed 5 of 6 unchanged re-trains on its point value.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import { parseBaselineFile } from '../../src/baselines/store.js'
import { decodeProbabilities, encodeBaselineProbabilities } from '../../src/baselines/stored-predictions.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { BaselineError } from '../../src/errors.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { lcg } from './lcg.js'

const N = 60_000
const rows = Array.from({ length: N }, (_, i) => ({ id: i, y: i % 3 === 0 ? 'pos' : 'neg' }))
/** The share of rows whose predicted class has probability `threshold` or more (a binary run with label `pos`). */
const confidentShare = (name: string, threshold: number) =>
  defineMetric({
    name,
    greaterIsBetter: true,
    fn: (t) => {
      if (t.modelType !== 'classifier') return Number.NaN
      const p = t.probabilities!['pos']!
      let count = 0
      for (let i = 0; i < t.rowCount; i++) if (Math.max(p[i]!, 1 - p[i]!) >= threshold) count++
      return count / t.rowCount
    },
  })
const conf90 = confidentShare('conf90', 0.9)
/** Scores to two decimals; `redraw` of the rows re-drawn from the same law (a re-train). */
/**
 * A re-train's rows: each row's score draw u is the first model's (lcg(`first`), row by row),
 * drawn again with probability `redraw` (lcg(`seed`)); `columns` turns the row and u into its record.
 */
function retrained<R>(base: readonly R[], first: number, seed: number, redraw: number, columns: (row: R, u: number) => Record<string, unknown>): Array<Record<string, unknown>> {
  const original = lcg(first)
  const again = lcg(seed)
  return base.map((row) => {
    let u = original()
    if (again() < redraw) u = again()
    return columns(row, u)
  })
}
function table(seed: number, redraw: number): Array<Record<string, unknown>> {
  return retrained(rows, 1, seed, redraw, (row, u) => {
    const score = Math.round(100 * (row.y === 'pos' ? 0.3 + 0.7 * u : 0.7 * u)) / 100
    return { ...row, p_pos: score, p_neg: Math.round(100 * (1 - score)) / 100 }
  })
}
const run = (data: Array<Record<string, unknown>>) =>
  evaluate({ data, targets: 'y', probabilities: ['p_neg', 'p_pos'], modelType: 'classifier', posLabel: 'pos', extraMetrics: [conf90], intervals: false })

describe('probabilities of few distinct values are stored exactly above the float64 caps', () => {
  test('encoding: uint8 indices up to 256 values, uint16 up to 65,536, float32 above; decoded exactly; a corrupt table is named', () => {
    const few = Float64Array.from({ length: 2 * 60_000 }, (_, i) => Math.round(100 * ((i * 0.6180339887498949) % 1)) / 100)
    const stored = encodeBaselineProbabilities(few, 2)!
    expect(stored.encoding).toBe('table-uint8-base64')
    expect(stored.table).toHaveLength(101)
    expect(Buffer.from(stored.values, 'base64').length).toBe(few.length)
    expect(decodeProbabilities(stored)).toEqual(few)
    const more = Float64Array.from({ length: 2 * 60_000 }, (_, i) => Math.round(10_000 * ((i * 0.6180339887498949) % 1)) / 10_000)
    const wide = encodeBaselineProbabilities(more, 2)!
    expect(wide.encoding).toBe('table-uint16le-base64')
    expect(decodeProbabilities(wide)).toEqual(more)
    expect(encodeBaselineProbabilities(Float64Array.from({ length: 2 * 60_000 }, (_, i) => (i * 0.6180339887498949) % 1), 2)!.encoding).toBe('log-float32le-base64')
    // below the caps: float64, as before
    expect(encodeBaselineProbabilities(few.subarray(0, 2 * 50_000), 2)!.encoding).toBe('float64le-base64')
    // an entry written before the logarithms (float32 of p itself) still reads
    const older = Buffer.from(new Float32Array([0.25, 0.75]).buffer).toString('base64')
    expect(decodeProbabilities({ encoding: 'float32le-base64', length: 1, classes: 2, values: older })).toEqual(Float64Array.of(0.25, 0.75))
    expect(() => decodeProbabilities({ ...stored, table: [0.5] })).toThrow(BaselineError)
    expect(() => decodeProbabilities({ ...stored, table: [0.5] })).toThrow(/not a probability/)
    expect(() => decodeProbabilities({ ...stored, table: undefined })).toThrow(/needs a "table"/)
    // a hand-edited table entry that is a string is shown as one (adversarial pass 44: read "is 0.5")
    expect(() => decodeProbabilities({ ...stored, table: ['0.5' as unknown as number, ...stored.table!.slice(1)] })).toThrow(/label 0 is "0\.5", not a probability/)
  })

  test('a threshold metric keeps its paired test through the file, and an unchanged re-train passes', async () => {
    const before = await run(table(1, 0))
    const entry = createBaselineEntry(before, { metrics: ['conf90', 'log_loss'] })
    expect(entry.probabilities?.encoding).toBe('table-uint8-base64')
    const read = parseBaselineFile(stableStringify({ evalgateBaseline: 1, entries: { t: entry } }), 'x.json').entries.t!
    // re-trains whose conf90 fell (a rise is not tested)
    let tested = 0
    for (let seed = 2; seed < 30 && tested < 2; seed++) {
      const current = await run(table(seed, 0.03))
      if (!(current.metrics.conf90! < before.metrics.conf90!)) continue
      tested++
      const verdict = compareWithBaseline(read, current, { metrics: ['conf90', 'log_loss'], slices: false })
      expect(verdict.rows.find((r) => r.metric === 'conf90')!.test).toMatch(/^paired-resample/)
      expect(verdict.status).not.toBe('failed')
      expect(verdict.notes.join('\n')).not.toMatch(/no paired test/)
    }
    expect(tested).toBe(2)
  })
})

describe('a confident model above the float64 caps', () => {
  const n = 60_000
  const first = lcg(7)
  const base = Array.from({ length: n }, (_, i) => {
    const r = first()
    const y = first() < 0.1 + 0.8 * r ? 'pos' : 'neg'
    return { id: i, y, r }
  })
  /** Scores `center` + `spread` x (r + jitter): all within `spread` of one value. */
  const data = (center: number, spread: number, jitter: number, seed: number) => {
    const noise = lcg(seed)
    return base.map((row) => {
      const score = center + spread * Math.min(1, Math.max(0, row.r + jitter * (noise() - 0.5)))
      return { id: row.id, y: row.y, p_pos: score, p_neg: 1 - score }
    })
  }
  const evaluated = (rows: Array<Record<string, unknown>>) => evaluate({ data: rows, targets: 'y', probabilities: ['p_neg', 'p_pos'], modelType: 'classifier', posLabel: 'pos', intervals: false })

  test('keeps the order of scores within 1e-8 of 1 (their logarithms are stored), so a ranking regression fails on paired DeLong (adversarial pass 43: passed unpaired, 3 of 3)', async () => {
    const before = await evaluated(data(1 - 1e-8, 1e-8, 0, 8))
    const entry = createBaselineEntry(before, { metrics: ['roc_auc'] })
    // a few scores repeat in float64 at this spread: kept exactly, the rest as float32 logarithms
    expect(entry.probabilities?.encoding).toMatch(/^(table-)?log-float32le-base64$/)
    const after = await evaluated(data(1 - 1e-8, 1e-8, 0.3, 8))
    expect(after.metrics.roc_auc!).toBeLessThan(before.metrics.roc_auc! - 0.005)
    const verdict = compareWithBaseline(entry, after, { metrics: ['roc_auc'], slices: false })
    expect(verdict.rows.find((r) => r.metric === 'roc_auc')).toMatchObject({ test: 'paired-delong', verdict: 'fail' })
  })

  test('where float32 still ties scores (all within 1e-10 of 0.5), the note says so and what to do', async () => {
    const before = await evaluated(data(0.5, 1e-10, 0, 8))
    const entry = createBaselineEntry(before, { metrics: ['roc_auc'] })
    const after = await evaluated(data(0.5, 1e-10, 0.3, 8))
    expect(after.metrics.roc_auc!).toBeLessThan(before.metrics.roc_auc!)
    const verdict = compareWithBaseline(entry, after, { metrics: ['roc_auc'], slices: false })
    expect(verdict.notes.join('\n')).toMatch(/no paired test for roc_auc: .*(probabilities' logarithms|logarithms of its probabilities that do not repeat) as float32, 60,000 examples, above the 50,000-example cap for float64 probabilities, and scores closer than float32 can tell become ties.*stored exactly/)
  })
})

describe('probabilities that repeat beside continuous ones (clipped to [0.05, 0.95])', () => {
  const n = 60_000
  const conf95 = confidentShare('conf95', 0.95)
  const base = Array.from({ length: n }, (_, i) => ({ id: i, y: i % 2 === 0 ? 'pos' : 'neg' }))
  const data = (seed: number, redraw: number) =>
    retrained(base, 11, seed, redraw, (row, u) => {
      const raw = row.y === 'pos' ? 0.4 + 0.7 * u : -0.1 + 0.7 * u
      const score = Math.min(0.95, Math.max(0.05, raw))
      return { id: row.id, y: row.y, p_pos: score, p_neg: 1 - score }
    })
  const evaluated = (rows: Array<Record<string, unknown>>) => evaluate({ data: rows, targets: 'y', probabilities: ['p_neg', 'p_pos'], modelType: 'classifier', posLabel: 'pos', extraMetrics: [conf95], intervals: false })

  test('keep the repeated values exactly and the rest as float32 logarithms, so a threshold at the clip keeps its paired test (adversarial pass 44: 8 of 10 re-trains failed)', async () => {
    const before = await evaluated(data(1, 0))
    const entry = createBaselineEntry(before, { metrics: ['conf95', 'log_loss'] })
    expect(entry.probabilities?.encoding).toBe('table-log-float32le-base64')
    expect(entry.probabilities?.table).toEqual(expect.arrayContaining([0.05, 0.95]))
    const read = parseBaselineFile(stableStringify({ evalgateBaseline: 1, entries: { t: entry } }), 'x.json').entries.t!
    const decoded = decodeProbabilities(read.probabilities!)
    const stored = before.metrics.conf95!
    expect(decoded.filter((p, i) => i % 2 === 1 && Math.max(p, 1 - p) >= 0.95).length / n).toBe(stored)
    // two re-trains whose conf95 fell (seeds 4 and 6): paired-resample, within noise; the test,
    // of size about 5%, fails some re-trains too (seeds 3 and 12 of 2-21 with this population),
    // where before every dip failed on its point value
    for (const seed of [4, 6]) {
      const current = await evaluated(data(seed, 0.03))
      expect(current.metrics.conf95!).toBeLessThan(stored)
      const verdict = compareWithBaseline(read, current, { metrics: ['conf95', 'log_loss'], slices: false })
      expect(verdict.rows.find((r) => r.metric === 'conf95')).toMatchObject({ test: 'paired-resample (on a random 10,000 of 60,000 rows)', verdict: 'noise' })
      expect(verdict.notes.join('\n')).not.toMatch(/no paired test/)
    }
    // a corrupt part is named: one byte short
    const short = { ...read.probabilities!, values: Buffer.from(read.probabilities!.values, 'base64').subarray(1).toString('base64') }
    expect(() => decodeProbabilities(short)).toThrow(/expected \d+ for 60,000 examples x 2 labels|expected \d+ for 60000 examples x 2 labels/)
  })
})

describe('probabilities written with a few decimals, more than 65,536 distinct values (a file of stored predictions)', () => {
  test('are stored exactly as integers of 10^-d, so a threshold at 0.95 keeps its paired test (adversarial pass 44: 3 of 4 re-trains failed at 200,000 rows)', async () => {
    const n = 60_000
    const base = Array.from({ length: n }, (_, i) => ({ id: i, y: i % 2 === 0 ? 'pos' : 'neg' }))
    const data = (seed: number, redraw: number) =>
      retrained(base, 21, seed, redraw, (row, u) => {
        // six decimals, and exactly one row at 0.95 (a value that does not repeat)
        let score = Math.round(1e6 * (row.y === 'pos' ? 0.3 + 0.7 * u : 0.7 * u)) / 1e6
        if (score === 0.95) score = 0.950001
        if (row.id === 0) score = 0.95
        return { id: row.id, y: row.y, p_pos: score, p_neg: Math.round(1e6 * (1 - score)) / 1e6 }
      })
    const conf95 = confidentShare('conf95', 0.95)
    const evaluated = (rows: Array<Record<string, unknown>>) => evaluate({ data: rows, targets: 'y', probabilities: ['p_neg', 'p_pos'], modelType: 'classifier', posLabel: 'pos', extraMetrics: [conf95], intervals: false })
    const before = await evaluated(data(1, 0))
    const entry = createBaselineEntry(before, { metrics: ['conf95'] })
    expect(entry.probabilities).toMatchObject({ encoding: 'decimal-uint32le-base64', decimals: 6 })
    const read = parseBaselineFile(stableStringify({ evalgateBaseline: 1, entries: { t: entry } }), 'x.json').entries.t!
    const rows = data(1, 0)
    expect(decodeProbabilities(read.probabilities!)).toEqual(Float64Array.from(rows.flatMap((r) => [r.p_neg, r.p_pos])))
    // the first re-train whose conf95 fell (a rise is not tested)
    let current = await evaluated(data(2, 0.03))
    for (let seed = 3; seed < 20 && !(current.metrics.conf95! < before.metrics.conf95!); seed++) current = await evaluated(data(seed, 0.03))
    expect(current.metrics.conf95!).toBeLessThan(before.metrics.conf95!)
    const verdict = compareWithBaseline(read, current, { metrics: ['conf95'], slices: false })
    expect(verdict.rows.find((r) => r.metric === 'conf95')!.test).toMatch(/^paired-resample/)
    expect(verdict.notes.join('\n')).not.toMatch(/no paired test/)
    expect(() => decodeProbabilities({ ...read.probabilities!, decimals: 12 })).toThrow(/needs "decimals"/)
  })
})

describe('a binary run given one score column of a few decimals', () => {
  test('stores that column alone, exactly, and its complement is rebuilt bit for bit', async () => {
    const n = 60_000
    const first = lcg(31)
    const rows = Array.from({ length: n }, (_, i) => {
      let score = Math.round(1e6 * first()) / 1e6
      if (score === 0.95) score = 0.950001
      return { id: i, y: i % 2 === 0 ? 'pos' : 'neg', s: i === 0 ? 0.95 : score }
    })
    const run = await evaluate({ data: rows, targets: 'y', scores: 's', modelType: 'classifier', posLabel: 'pos', intervals: false })
    const entry = createBaselineEntry(run, { metrics: ['roc_auc'] })
    expect(entry.probabilities).toMatchObject({ encoding: 'decimal-uint32le-base64', decimals: 6, complement: true })
    expect(Buffer.from(entry.probabilities!.values, 'base64').length).toBe(4 * n)
    const decoded = decodeProbabilities(parseBaselineFile(stableStringify({ evalgateBaseline: 1, entries: { t: entry } }), 'x.json').entries.t!.probabilities!)
    // labels in the run's order (neg, pos): the run computed (1 - s, s)
    expect(run.labels).toEqual(['neg', 'pos'])
    expect(decoded).toEqual(Float64Array.from(rows.flatMap((r) => [1 - r.s, r.s])))
    expect(() => decodeProbabilities({ ...entry.probabilities!, classes: 3 })).toThrow(/"complement" is for two labels/)
  })
})
