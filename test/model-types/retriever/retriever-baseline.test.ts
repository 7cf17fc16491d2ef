// A retriever baseline round trip through evaluate(), the baseline entry (its per-row scores),
// the baseline file's validation and the verdict: the same retriever passes; one returning its
// second-best documents first fails on ndcg_at_3/mean with the paired mean test of per-row scores.
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../../src/baselines/entry.js'
import { BASELINE_FILE_VERSION } from '../../../src/baselines/types.js'
import { validateBaselineFile } from '../../../src/baselines/validate-baseline-file.js'
import { compareWithBaseline } from '../../../src/baselines/verdict.js'
import { evaluate } from '../../../src/evaluate/index.js'
import { createRandom } from '../../../src/stats/index.js'

/** 120 queries over 20 documents, one relevant each: the good retriever ranks it first, except on every third query, where it misses it. */
function queries(): Array<{ query: string; relevant: string[]; ranked: string[] }> {
  const random = createRandom(11)
  return Array.from({ length: 120 }, (_, q) => {
    const docs = Array.from({ length: 20 }, (_, d) => `d${d}`)
    for (let i = docs.length - 1; i > 0; i--) {
      const j = Math.floor(random.uniform() * (i + 1))
      ;[docs[i], docs[j]] = [docs[j], docs[i]]
    }
    const ranked = q % 3 === 0 ? docs.slice(1, 6) : docs.slice(0, 5)
    return { query: `q${q}`, relevant: [docs[0]], ranked }
  })
}

async function retrieverRun(rank: (ranked: string[]) => string[]) {
  const data = queries()
  return evaluate({ data, targets: 'relevant', modelType: 'retriever', model: (rows) => rows.map((r) => rank(r.ranked as string[])) as never, inputColumns: ['query'] })
}

function storedEntry(run: Awaited<ReturnType<typeof retrieverRun>>) {
  const text = JSON.stringify({ evalgateBaseline: BASELINE_FILE_VERSION, entries: { 'retriever test 1': createBaselineEntry(run) } })
  const validated = validateBaselineFile(text)
  expect(validated.problems).toEqual([])
  return validated.file.entries['retriever test 1']
}

describe('retriever baselines', () => {
  test('the entry tracks the means of per-row scores and stores the scores', async () => {
    const run = await retrieverRun((ranked) => ranked)
    const entry = createBaselineEntry(run)
    expect(Object.keys(entry.metrics).sort()).toEqual(['ndcg_at_3/mean', 'precision_at_3/mean', 'recall_at_3/mean'])
    expect(Object.keys(entry.rowScores ?? {}).sort()).toEqual(['ndcg_at_3/score', 'precision_at_3/score', 'recall_at_3/score'])
    expect(entry.rowScores!['ndcg_at_3/score'].length).toBe(120)
  })

  test('the same retriever passes; second-best documents first fail on ndcg, by the paired mean test', async () => {
    const entry = storedEntry(await retrieverRun((ranked) => ranked))
    const same = compareWithBaseline(entry, await retrieverRun((ranked) => ranked))
    expect(same.status).toBe('passed')
    const swapped = await retrieverRun((ranked) => [ranked[1], ranked[0], ...ranked.slice(2)])
    // ndcg_at_3: 2/3 of the queries drop from 1 to 1/log2(3)
    expect(swapped.metrics['ndcg_at_3/mean']).toBeCloseTo((2 / 3) * (1 / Math.log2(3)), 12)
    const verdict = compareWithBaseline(entry, swapped)
    expect(verdict.status).toBe('failed')
    const ndcg = verdict.rows.find((row) => row.metric === 'ndcg_at_3/mean' && row.slice === undefined)!
    expect(ndcg.verdict).toBe('fail')
    expect(ndcg.test).toBe('paired-mean')
    // precision and recall at 3 do not change when the first two swap
    const precision = verdict.rows.find((row) => row.metric === 'precision_at_3/mean' && row.slice === undefined)!
    expect(precision.verdict).toBe('pass')
  })
})
