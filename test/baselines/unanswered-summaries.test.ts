/**
 * A summarizer that stops answering (null) on its hardest documents fails its baseline:
 * before, those rows were left out of ROUGE, the mean rose, and the run passed as "improved".
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'

const words = ['the', 'model', 'reads', 'every', 'document', 'and', 'writes', 'a', 'short', 'summary', 'of', 'what', 'it', 'says', 'about', 'billing']
const rows = Array.from({ length: 150 }, (_, i) => ({ id: i, reference: words.slice(0, 8 + (i % 6)).join(' '), document: `doc ${i}` }))
const summarize = (unanswered: (i: number) => boolean) => (batch: Array<{ id: number }>): string[] =>
  // null is what a served or wrapped model hands back for a document it did not answer.
  batch.map((row) => (unanswered(row.id) ? null : words.slice(0, 7 + (row.id % 3)).join(' '))) as unknown as string[]
const run = (unanswered: (i: number) => boolean) =>
  evaluate({ data: rows, targets: 'reference', modelType: 'text-summarization', model: summarize(unanswered), inputColumns: ['id', 'document'], intervals: false })

describe('unanswered summaries against a baseline', () => {
  test('a model answering null on the hardest documents (the longest references) fails on ROUGE', async () => {
    const entry = createBaselineEntry(await run(() => false), { metrics: ['rouge1/v1/mean', 'rougeL/v1/mean'] })
    const verdict = compareWithBaseline(entry, await run((i) => i % 6 === 5), { metrics: ['rouge1/v1/mean', 'rougeL/v1/mean'] })
    expect(verdict.status).toBe('failed')
    expect(verdict.rows.find((row) => row.metric === 'rouge1/v1/mean')).toMatchObject({ verdict: 'fail' })
  })
})
