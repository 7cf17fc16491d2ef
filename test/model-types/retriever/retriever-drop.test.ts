// A retriever that returns its second-best document first is a real drop: its stored per-row
// scores (what a baseline entry keeps: the type's `outputs`) against the current run's, through
// the paired comparison, give a small p on ndcg_at_3/mean and precision stays equal (p = 1 side).
import { describe, expect, test } from 'vitest'
import { PairedComparison } from '../../../src/compare/paired-metric-test.js'
import type { PairedData } from '../../../src/compare/paired-data.js'
import { retrieverModelType } from '../../../src/model-types/retriever/retriever-type.js'
import { createRandom } from '../../../src/stats/index.js'
import { encodeRecords } from '../text/type-harness.js'

/** 200 queries over 20 documents: the good retriever ranks the one relevant document first. */
function queries(): Array<{ relevant: string[]; ranked: string[] }> {
  const random = createRandom(7)
  return Array.from({ length: 200 }, () => {
    const docs = Array.from({ length: 20 }, (_, d) => `d${d}`)
    for (let i = docs.length - 1; i > 0; i--) {
      const j = Math.floor(random.uniform() * (i + 1))
      ;[docs[i], docs[j]] = [docs[j], docs[i]]
    }
    return { relevant: [docs[0]], ranked: docs.slice(0, 5) }
  })
}

function rowScores(outputs: Record<string, unknown>): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v instanceof Float64Array)) as Record<string, Float64Array>
}

describe('retriever baseline: second-best documents first', () => {
  test('ndcg_at_3/mean drops significantly; precision_at_3 is unchanged and not flagged', async () => {
    const rows = queries()
    const good = await encodeRecords(retrieverModelType, rows, { targets: 'relevant', modelPredictions: rows.map((r) => r.ranked) })
    const swapped = rows.map((r) => [r.ranked[1], r.ranked[0], ...r.ranked.slice(2)])
    const worse = await encodeRecords(retrieverModelType, rows, { targets: 'relevant', modelPredictions: swapped })
    const before = good.scope().metrics
    const after = worse.scope().metrics
    expect(before['ndcg_at_3/mean']).toBe(1)
    // the relevant document at rank 2: 1 / log2(3)
    expect(after['ndcg_at_3/mean']).toBeCloseTo(1 / Math.log2(3), 15)
    expect(after['precision_at_3/mean']).toBe(before['precision_at_3/mean'])

    // A = the baseline (its stored scores), B = the current run
    const data: PairedData = {
      modelType: 'classifier',
      n: rows.length,
      k: 0,
      average: undefined,
      posIndex: undefined,
      a: { rowScores: rowScores(retrieverModelType.outputs(good.part)) },
      b: { rowScores: rowScores(retrieverModelType.outputs(worse.part)) },
    }
    const comparison = new PairedComparison(data)
    const request = (metric: string) => ({ metric, rows: null, scopeKey: '', valueA: before[metric], valueB: after[metric], greaterIsBetter: true, margin: 0.02, alpha: 0.05, seed: 0 })
    const ndcg = comparison.test(request('ndcg_at_3/mean'))
    expect(ndcg).toMatchObject({ test: 'paired-mean' })
    expect((ndcg as { p: number }).p).toBeLessThan(1e-12)
    // every difference is 0: a drop of at most the margin is not rejected
    const precision = comparison.test(request('precision_at_3/mean'))
    expect((precision as { p: number }).p).toBe(1)
  })
})
