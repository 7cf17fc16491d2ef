/**
 * The company-news study: can the news page show an automatic three-line summary of each post?
 * A term-frequency extractive summarizer against lead-3 (the first three sentences), on 150
 * posts with summaries written by an editor, scored with ROUGE as google-research's
 * `rouge_score` computes it.
 *
 * Run with `npm run example`. The first local run writes `__baselines__/`; `vitest -u` updates
 * it; under `CI=true` a missing or regressed baseline fails the test.
 */
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluate, loadDataset } from 'evalgate'
import { describe, expect, test } from 'vitest'
import { leadSummary } from './model/lead-summarizer.js'
import { termFrequencySummary } from './model/term-frequency-summarizer.js'

// Relative to the working directory, so reports show `examples/news-summaries/articles.jsonl`.
const ARTICLES = relative(process.cwd(), fileURLToPath(new URL('./articles.jsonl', import.meta.url)))

describe('company news summaries', () => {
  test('term-frequency summarizer against lead-3', async () => {
    const data = await loadDataset(ARTICLES)
    const run = await evaluate({
      name: 'term-frequency',
      model: (rows) => rows.map((row) => termFrequencySummary(String(row.title), String(row.text))),
      data,
      targets: 'summary',
      modelType: 'text-summarization',
      slices: ['kind', 'lede'],
    })
    const lead3 = await evaluate({
      name: 'lead-3',
      model: (rows) => rows.map((row) => leadSummary(String(row.text))),
      data,
      targets: 'summary',
      modelType: 'text-summarization',
      slices: ['lede'],
    })

    expect(run).toHaveMetric('rouge1/v1/mean', 0.55, { confidence: 'lower' })
    expect(run).toHaveMetric('rougeLsum/v1/mean', 0.5)
    // Posts that open with a scene are where lead-3 fails; the scorer must not.
    expect(run).toHaveSliceMetric('lede=true', 'rougeL/v1/mean', 0.45)
    expect(lead3).not.toHaveSliceMetric('lede=true', 'rougeL/v1/mean', 0.45)
    // Few summaries are poor: rougeL of at least 0.3 on nine posts in ten.
    expect(run).toHavePassRate('rougeL', { threshold: 0.3, min: 0.9 })
    expect(run).toOutperform(lead3, { metric: 'rougeL/v1/mean', margin: 0.15 })
    expect(run).toMatchBaseline()
  })
})
