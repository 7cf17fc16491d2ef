// Where the engine withholds an interval, the CLI's table and the HTML report say "none" and point at
// the note that says why, instead of leaving the cell blank.
import { describe, expect, test } from 'vitest'
import { formatCell, formatChangeCell } from '../../src/compare/report/comparison-cells.js'
import { renderComparisonMarkdown } from '../../src/compare/report/comparison-markdown.js'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { evaluate } from '../../src/index.js'
import { formatRunAsText } from '../../src/cli/text-report.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { withheldIntervalNote } from '../../src/run/interval-notes.js'

const MSE_NOTE = 'mean_squared_error has no interval (nor root_mean_squared_error or r2_score, which follow from it): its 100 per-example terms have a tail too heavy'

describe('withheldIntervalNote', () => {
  test('finds the note that names the metric as a whole word and says "no interval"', () => {
    const notes = ["mean_absolute_error's interval is peng-tail: its 100 per-example terms look heavy-tailed", MSE_NOTE, 'custom metrics (f1_tech, recall_tech) have no interval: 30000 examples is above 20000']
    expect(withheldIntervalNote(notes, 'mean_squared_error')).toBe(MSE_NOTE)
    expect(withheldIntervalNote(notes, 'root_mean_squared_error')).toBe(MSE_NOTE)
    expect(withheldIntervalNote(notes, 'r2_score')).toBe(MSE_NOTE)
    expect(withheldIntervalNote(notes, 'recall_tech')).toBe(notes[2])
    // Named, but not withheld; and a name inside a longer one is not a mention.
    expect(withheldIntervalNote(notes, 'mean_absolute_error')).toBeUndefined()
    expect(withheldIntervalNote(notes, 'squared_error')).toBeUndefined()
    expect(withheldIntervalNote(notes, 'f1')).toBeUndefined()
    expect(withheldIntervalNote([], 'max_error')).toBeUndefined()
  })
})

describe('a withheld interval in the tables', () => {
  test('the CLI table and the HTML metrics table say none and point at the notes', async () => {
    // Four rows: max_error never has an interval; the means have theirs.
    const data = [
      { y: 10.5, yhat: 12 },
      { y: 20, yhat: 18.5 },
      { y: 7, yhat: 7 },
      { y: 3, yhat: 4 },
    ]
    const run = await evaluate({ data, targets: 'y', predictions: 'yhat', modelType: 'regressor' })
    expect(run.intervals.max_error).toBeUndefined()
    expect(run.intervals.mean_absolute_error).toBeDefined()

    const text = formatRunAsText(run)
    expect(text).toMatch(/^max_error +1\.5000 +none +see notes$/m)
    expect(text).toMatch(/^notes:\n(?:.*\n)*? {2}- max_error has no interval/m)
    expect(text).not.toMatch(/^mean_absolute_error .*none/m)
    // Counts have no interval and no note: their row stays blank.
    expect(text).toMatch(/^example_count +4$/m)

    const [entry] = buildReportEntries([{ file: 'test/prices.eval.ts', suitePath: [], name: 'prices', fullName: 'prices', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [run], gates: [], baselines: [], warnings: [] } }])
    const html = renderHtmlReport([{ entry, plots: [], files: [] }])
    const row = html.match(/<tr><td>max_error<\/td>.*?<\/tr>/)?.[0] ?? ''
    expect(row).toContain('<td class="num">none</td>')
    expect(row).toMatch(/<span title="max_error has no interval: [^"]*">see Notes<\/span>/)
    expect(html).toContain('<h3>Notes</h3>')
    expect(html.match(/<tr><td>example_count<\/td>.*?<\/tr>/)?.[0]).not.toContain('none')
  })

  test('the summaries mark a headline metric whose interval was withheld, and only that one', async () => {
    // 100 rows whose errors have one huge outlier: Hill's index of the squared errors is at most 1, so the MSE, RMSE and r2 have none.
    const data = Array.from({ length: 100 }, (_, i) => ({ y: 10 + i, yhat: 10 + i + (i === 7 ? 5000 : i === 40 ? 900 : i === 63 ? 300 : i === 91 ? 120 : ((i * 37) % 11) / 10 - 0.5) }))
    const run = await evaluate({ data, targets: 'y', predictions: 'yhat', modelType: 'regressor' })
    expect(run.intervals.root_mean_squared_error).toBeUndefined()
    expect(run.intervals.mean_absolute_error).toBeDefined()
    const [entry] = buildReportEntries([{ file: 'test/prices.eval.ts', suitePath: [], name: 'prices', fullName: 'prices', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [run], gates: [], baselines: [], warnings: [] } }])
    const markdown = renderSummaryMarkdown([entry])
    expect(markdown).toMatch(/root\\_mean\\_squared\\_error \*\*[\d.]+\*\* \(no interval\)/)
    expect(markdown).toMatch(/mean\\_absolute\\_error \*\*[\d.]+\*\* \[[\d.]+, [\d.]+\]/)
    const html = renderHtmlReport([{ entry, plots: [], files: [] }])
    expect(html).toMatch(/<span class="name">root_mean_squared_error<\/span><b>[\d.]+<\/b> <span class="iv">\(no interval\)<\/span>/)
    expect(html).not.toMatch(/<span class="name">mean_absolute_error<\/span><b>[\d.]+<\/b> <span class="iv">\(no interval\)/)
  })
})

describe('a withheld interval in the compare tables', () => {
  test('the cell says (no interval) where a run withheld it, and the Markdown shows it', async () => {
    const heavy = Array.from({ length: 100 }, (_, i) => ({ y: 10 + i, a: 10 + i + (i === 7 ? 5000 : i === 40 ? 900 : i === 63 ? 300 : i === 91 ? 120 : ((i * 37) % 11) / 10 - 0.5), b: 10 + i + ((i * 29) % 13) / 10 - 0.6 }))
    const withOutlier = await evaluate({ data: heavy, targets: 'y', predictions: 'a', modelType: 'regressor' })
    const without = await evaluate({ data: heavy, targets: 'y', predictions: 'b', modelType: 'regressor' })
    expect(withOutlier.intervals.mean_squared_error).toBeUndefined()
    expect(without.intervals.mean_squared_error).toBeDefined()
    const comparison = compareRuns([
      { name: 'outlier', source: 'outlier/run.json', run: withOutlier },
      { name: 'clean', source: 'clean/run.json', run: without },
    ])
    const mse = comparison.rows.find((r) => r.scope === 'overall' && r.metric === 'mean_squared_error')!
    expect(formatCell(mse.cells[0])).toMatch(/^[\d.]+ \(no interval\)$/)
    expect(formatCell(mse.cells[1])).toMatch(/^[\d.]+ \[[\d.]+, [\d.]+\]$/)
    // example_count has no interval and no note: the value alone.
    expect(formatCell(comparison.rows.find((r) => r.scope === 'overall' && r.metric === 'example_count')!.cells[0])).toBe('100')
    const markdown = renderComparisonMarkdown(comparison)
    expect(markdown).toContain(`${formatCell(mse.cells[0])} |`)
    // The untested changes say why: the withheld interval, or a metric of the data alone (no better direction).
    expect(formatChangeCell(mse.changes[1])).toMatch(/\(untested: no interval\)$/)
    const count = comparison.rows.find((r) => r.scope === 'overall' && r.metric === 'example_count')!
    expect(formatChangeCell(count.changes[1])).toBe('±0 (untested: no direction)')
  })
})
