/**
 * A custom metric whose change one or two rows carry (adversarial pass 39): recall of class z in a
 * slice that holds one z row. Under re-training noise that row's prediction moved; the paired
 * resampling test gave p = 0.0008 and the gate failed, since every resample holding the row shows
 * the whole drop and the rest are undefined. Its p is now held at
 * 2^-k for the k rows carrying the change, as an exact test's is, so the drop is within noise
 * with the "carried by" note.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { defineMetric, evaluate } from '../../src/index.js'

const rows = Array.from({ length: 600 }, (_, i) => ({ id: i, seg: i < 300 ? 'a' : 'b', y: i < 300 ? ['x', 'y', 'z'][i % 3]! : i === 300 ? 'z' : ['x', 'y'][i % 2]! }))
const base = rows.map((r, i) => (i % 7 === 0 && i !== 300 ? (r.y === 'x' ? 'y' : 'x') : r.y))
const zRecall = defineMetric({
  name: 'z_recall',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier') return Number.NaN
    const k = t.labels.indexOf('z')
    let n = 0
    let r = 0
    for (let i = 0; i < t.rowCount; i++) if (t.targetIndex[i] === k) {
      n++
      if (t.predictedIndex[i] === k) r++
    }
    return n === 0 ? Number.NaN : r / n
  },
})
const run = (predictions: readonly string[]) => evaluate({ data: rows.map((r, i) => ({ ...r, p: predictions[i] })), targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['seg'], extraMetrics: [zRecall] })

describe('a custom metric carried by a row or two', () => {
  test('is within noise, not a failure at p = 0.0008, and the warning says how few rows carry it', async () => {
    const before = await run(base)
    const moved = [...base]
    moved[300] = 'x'
    moved[301] = rows[301]!.y === 'x' ? 'y' : 'x'
    const after = await run(moved)
    expect(after.slices['seg=b']!.metrics.z_recall).toBe(0)
    const verdict = compareWithBaseline(createBaselineEntry(before, { metrics: ['z_recall'] }), after, { metrics: ['z_recall'] })
    const row = verdict.rows.find((r) => r.metric === 'z_recall' && r.slice === 'seg=b')!
    expect(row.test).toBe('paired-resample')
    // the floor: the smaller of the two exchange tests' p over its share of the level (1/3 for
    // the recomputing test, 2/3 for the single exchanges), each 1/2 for one row: 0.5 / (2/3)
    expect(row.pValue).toBeCloseTo(0.75, 12)
    expect(row.verdict).toBe('noise')
    expect(verdict.status).not.toBe('failed')
    expect(verdict.warnings.join('\n')).toMatch(/z_recall\[seg=b\].*carried by 1 row, too few for the test to reject/)
  })

  test('rows a re-train moved elsewhere in the slice do not count: only the rows whose removal moves the difference (adversarial pass 40)', async () => {
    const before = await run(base)
    const moved = [...base]
    moved[300] = 'x'
    // 20 more rows of slice b move, none of class z: 10 right -> wrong, 10 wrong -> right
    let broke = 0
    let fixed = 0
    for (let i = 302; i < 600 && (broke < 10 || fixed < 10); i++) {
      const y = rows[i]!.y
      if (base[i] === y && broke < 10 && i % 5 === 0) {
        moved[i] = y === 'x' ? 'y' : 'x'
        broke++
      } else if (base[i] !== y && fixed < 10) {
        moved[i] = y
        fixed++
      }
    }
    expect([broke, fixed]).toEqual([10, 10])
    const verdict = compareWithBaseline(createBaselineEntry(before, { metrics: ['z_recall'] }), await run(moved), { metrics: ['z_recall'] })
    const row = verdict.rows.find((r) => r.metric === 'z_recall' && r.slice === 'seg=b')!
    expect(row).toMatchObject({ verdict: 'noise', test: 'paired-resample' })
    // the exchange test over the 21 rows: 1/2 exactly, estimated from its draws (stopped after 20 reached the change)
    expect(row.pValue).toBeGreaterThan(0.3)
    // the warning says so (pass 41: the note counted the 21 rows whose labels moved, and was left out)
    expect(verdict.warnings.join('\n')).toMatch(/z_recall\[seg=b\].*carried by 1 row, too few for the test to reject/)
  })
})
