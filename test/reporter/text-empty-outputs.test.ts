/**
 * A `text` run whose model said nothing on one slice, without a toxicity scorer: the reports put
 * the share of non-empty outputs forward. They ranked slices and rows by the Flesch-Kincaid grade
 * level, where an empty output scores lowest (lower is better), so the silent slice was called the
 * best, the worst rows were the answered ones, and the CLI's slice table left the rate out
 * (review 61, M1 and L1).
 */
import { describe, expect, test } from 'vitest'
import { formatRunAsText } from '../../src/cli/text-report.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { headlineMetrics } from '../../src/reporter/headline-metrics.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { slicesWorstFirst } from '../../src/reporter/slice-ranking.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { textRunSectionsHtml } from '../../src/reporter/text-sections.js'
import type { EvalRun } from '../../src/run/types.js'

const data = Array.from({ length: 80 }, (_, i) => ({ id: i, region: i % 2 === 1 ? 'south' : 'north', prompt: `question ${i}` }))

function silentInTheSouth(): Promise<EvalRun> {
  return evaluate({
    data,
    modelType: 'text',
    slices: ['region'],
    intervals: false,
    model: (rows) => rows.map((row) => (row.region === 'south' ? '' : `Here is a considered, elaborate explanation for question ${String(row.id)}.`)),
  })
}

describe('a text run with empty outputs in one slice', () => {
  test('the silent slice is the worst, the worst rows are the empty ones, and the rate is a headline', async () => {
    const run = await silentInTheSouth()
    expect(run.slices['region=south'].metrics.non_empty_output_rate).toBe(0)
    const ranked = slicesWorstFirst(run)
    expect(ranked.metric).toBe('non_empty_output_rate')
    expect(ranked.worst?.key).toBe('region=south')
    const html = textRunSectionsHtml(run, 5)
    expect(html).toContain('<h3>Worst rows by non_empty_output_rate/score</h3>')
    expect(html).toContain('The 5 worst of the 40 rows scoring below 1, of 80;')
    expect(headlineMetrics(run, []).map((metric) => metric.name)).toEqual(['non_empty_output_rate', 'flesch_kincaid_grade_level/v1/mean', 'ari_grade_level/v1/mean'])
    const test: ReportedTest = { file: 'gen.test.ts', suitePath: [], name: 'generator', fullName: 'generator', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [run], gates: [], baselines: [], warnings: [] } }
    expect(renderSummaryMarkdown(buildReportEntries([test]))).toContain('region=south: non\\_empty\\_output\\_rate 0')
    const header = formatRunAsText(run).split('\n').find((line) => line.startsWith('slice'))
    expect(header).toContain('non_empty_output_rate')
  })

  test('where every output is non-empty the rate ranks nothing: the grade levels rank the slices, as before', async () => {
    const run = await evaluate({ data, modelType: 'text', slices: ['region'], intervals: false, model: (rows) => rows.map((row) => (row.region === 'south' ? 'Short.' : 'A considerably more elaborate explanation.')) })
    expect(slicesWorstFirst(run).metric).toBe('flesch_kincaid_grade_level/v1/mean')
    expect(textRunSectionsHtml(run, 5)).toContain('<h3>Worst rows by flesch_kincaid_grade_level/v1/score</h3>')
  })
})
