import { beforeAll, describe, expect, test } from 'vitest'
import type { ReportContent } from '../../src/reporter/report-files.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { textRunSectionsHtml, worstRowOrder } from '../../src/reporter/text-sections.js'
import { rankingScore, textRunTable } from '../../src/reporter/text-run-table.js'
import { questionAnsweringRun, retrieverRun, summarizationRun, textReportedTests } from './text-type-runs.js'

let content: ReportContent
let html: string

beforeAll(async () => {
  content = await buildReportContent(textReportedTests(), { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
  html = content.files.get('index.html')!.toString()
})

/** The HTML of one run's section, by its title. */
function section(title: string): string {
  const entry = content.entries.find((e) => e.title.includes(title))!
  const start = html.indexOf(`id="${entry.anchor}"`)
  return html.slice(start, html.indexOf('</section>', start))
}

describe('per-row tables of the text types', () => {
  test('score columns, their means and directions; the other columns are text', () => {
    const table = textRunTable(retrieverRun())!
    expect(table.scores.map((s) => [s.column, s.meanMetric, s.greaterIsBetter])).toEqual([
      ['precision_at_3/score', 'precision_at_3/mean', true],
      ['recall_at_3/score', 'recall_at_3/mean', true],
      ['ndcg_at_3/score', 'ndcg_at_3/mean', true],
    ])
    expect(table.textColumns).toEqual(['question', 'retrieved_context', 'targets'])
    expect(textRunTable(questionAnsweringRun())!.textColumns).toEqual(['row', 'question', 'outputs', 'targets'])
    expect(rankingScore(table)?.column).toBe('ndcg_at_3/score')
    expect(rankingScore(textRunTable(summarizationRun())!)?.column).toBe('rougeL/v1/score')
    // token_count has no direction: never the ranking score.
    expect(rankingScore(textRunTable(questionAnsweringRun())!)?.column).toBe('exact_match/v1/score')
  })

  test('worst rows: lowest score first, ties broken by the other directed scores, then row order', () => {
    const table = textRunTable(retrieverRun())!
    // ndcg 0 (row 2), then 0.5 (row 1), then the two 1s: row 3 has the lower precision... equal recall; precision 0 < 1/3.
    expect(worstRowOrder(table, rankingScore(table)!)).toEqual([2, 1, 3, 0])
    const qa = textRunTable(questionAnsweringRun())!
    expect(worstRowOrder(qa, rankingScore(qa)!)).toEqual([1, 3, 5, 0, 2, 4])
  })
})

describe('HTML sections of the text types', () => {
  test('worst rows with their text, escaped, capped, long text cut', () => {
    const qa = section('reader')
    expect(qa).toContain('<h3>Worst rows by exact_match/v1/score</h3>')
    expect(qa).toContain('&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt; how long to reset?')
    expect(qa).not.toContain('<script>')
    expect(qa).toContain('=HYPERLINK(&quot;http://x.example&quot;,&quot;10 seconds&quot;)')
    // Controls and bidi overrides show as escapes.
    expect(qa).toContain('reset \\u202eevil\\u202c now')
    expect(qa).toContain('The whole sentence came back \\x1b[2J')
    // The three misses, worst first; rows at the best score (1) are not listed; the 600-character question cut.
    const rowsTable = qa.slice(qa.indexOf('worst-rows'), qa.indexOf('</table>', qa.indexOf('worst-rows')))
    expect(rowsTable.match(/<tr>/g)).toHaveLength(4)
    // The table's own 1-based `row` column numbers them (no second numbering).
    expect(rowsTable.match(/<tr><td class="num">(\d+)</g)?.map((m) => m.slice(-2, -1))).toEqual(['2', '4', '6'])
    expect(rowsTable.match(/<th[^>]*>row<\/th>/g)).toHaveLength(1)
    expect(rowsTable).toContain(`${'x'.repeat(320)}…`)
    // Short values stay on one line; prose wraps.
    expect(rowsTable).toContain('<td class="text" style="white-space:nowrap">10 seconds</td>')
    expect(rowsTable).toContain('<td class="text">The whole sentence came back \\x1b[2J</td>')
    expect(rowsTable).not.toContain('10 seconds</td><td class="text">10 seconds')
    expect(qa).toContain('All 3 rows scoring below 1, of 6;')
    // The cap (the reporter's maxMisclassifiedRows).
    const capped = textRunSectionsHtml(questionAnsweringRun(), 2)
    expect(capped.match(/<tr><td class="num">/g)).toHaveLength(2)
    expect(capped).toContain('The 2 worst of the 3 rows scoring below 1, of 6;')
  })

  test('worst rows when every row ties: the rows are shown and said to tie (was: no rows at all)', () => {
    const run = retrieverRun()
    const content = run.artifacts[0].content
    if (content.type !== 'rows') throw new Error('rows')
    for (const row of content.rows) row['ndcg_at_3/score'] = 0.3066
    // NDCG ties, recall does not: the rows are ranked by recall, the next score that tells them apart
    expect(textRunSectionsHtml(run, 2)).toContain('<h3>Worst rows by recall_at_3/score</h3>')
    for (const row of content.rows) row['recall_at_3/score'] = row['precision_at_3/score'] = 0.5
    const tied = textRunSectionsHtml(run, 2)
    expect(tied).toContain('<table class="rows worst-rows">')
    expect(tied.match(/<tr><td class="num">/g)).toHaveLength(2)
    expect(tied).toContain('Every one of the 4 rows scores 0.3066 on ndcg_at_3/score: they tie, so the first 2 are shown;')
    expect(textRunSectionsHtml(run, 20)).toContain('they tie, so all are shown;')
  })

  test('worst rows of a lower-is-better score are those above the best (was: "below")', () => {
    const run = summarizationRun()
    run.greaterIsBetter = { ...run.greaterIsBetter, 'rougeL/v1/mean': false }
    const html = textRunSectionsHtml(run, 3)
    // Best is the lowest, 0; the worst are the highest: 0.5, 0.475, 0.45.
    expect(html).toContain('The 3 worst of the 11 rows scoring above 0 (lower is better), of 12;')
    expect(html.match(/<td class="num">0\.5<\/td>/g)?.length).toBeGreaterThan(0)
  })

  test('list cells of a retriever print as JSON, integer and string ids apart', () => {
    expect(section('retrieval')).toContain('[1,&quot;1&quot;,2]')
  })

  test('per-slice means, worst first, with the overall row; the generic slice table is left out', () => {
    const retrieval = section('retrieval')
    expect(retrieval).toContain('<h3>Slices: mean per row (worst first)</h3>')
    expect(retrieval).not.toContain('<h3>Slices (worst first)</h3>')
    const means = retrieval.slice(retrieval.indexOf('slice-means'))
    expect(means.indexOf('family=Aura')).toBeLessThan(means.indexOf('family=Nimbus'))
    expect(means).toContain('<th class="num">ndcg_at_3/mean</th>')
    expect(means).toMatch(/overall<\/b><\/td><td class="num">4<\/td><td class="num"><b>0\.1667<\/b><\/td><td class="num"><b>0\.75<\/b>/)
    // The worst-slice call-out ranks by NDCG.
    expect(retrieval).toMatch(/Worst slice:<\/b> family=Aura — ndcg_at_3\/mean/)
  })

  test('a score histogram per score column, in the run folder and on the page', () => {
    const folder = content.entries.find((e) => e.title.includes('lead-3'))!.folderName
    const svg = content.files.get(`${folder}/score_histogram_rouge1_v1.svg`)?.toString()
    expect(svg).toContain('<svg')
    // Ten bars (one per bin, empty ones drawn at zero height) and the axis title.
    expect(svg).toContain('Score per row')
    expect(content.files.has(`${folder}/score_histogram_rougeL_v1.svg`)).toBe(true)
    expect(section('lead-3')).toContain('data-plot="score_histogram_rouge1_v1.svg"')
    const qaFolder = content.entries.find((e) => e.title.includes('reader'))!.folderName
    expect(content.files.has(`${qaFolder}/score_histogram_token_count_v1.svg`)).toBe(true)
  })
})

describe('summary and JUnit carry the aggregates', () => {
  test('headline metrics by model type in the summary', () => {
    const summary = content.summaryMarkdown
    const row = (title: string) => summary.split('\n').find((line) => line.startsWith(`| ✅ | ${title} |`))!
    expect(row('reader')).toContain('exact\\_match/v1 **0.5** [0.188, 0.812]<br>token\\_count/v1/mean **29.833** |')
    expect(row('lead-3')).toContain('rouge1/v1/mean **0.4667**<br>rouge2/v1/mean **0.2**<br>rougeL/v1/mean **0.2333** |')
    expect(row('retrieval')).toContain('precision\\_at\\_3/mean **0.1667**<br>recall\\_at\\_3/mean **0.75**<br>ndcg\\_at\\_3/mean **0.625** |')
    // Worst slice by NDCG for the retriever.
    expect(row('retrieval')).toContain('family=Aura: ndcg\\_at\\_3/mean 0.5 (n=2)')
  })

  test('every aggregate as a JUnit property', () => {
    expect(content.junitXml).toContain(`name="rouge1/v1/mean" value="${summarizationRun().metrics['rouge1/v1/mean']}"`)
    expect(content.junitXml).toContain('name="ndcg_at_3/mean" value="0.625"')
    expect(content.junitXml).toContain('name="exact_match/v1" value="0.5"')
  })
})
