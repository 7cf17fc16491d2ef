// Metrics without a better direction (issue 11): example_count, sum_on_target and mean_on_target
// describe the data, not the model; a run records no direction for them and the report shows none.
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/index.js'
import { METRIC_DIRECTIONS } from '../../src/metrics/index.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { metricsTable } from '../../src/reporter/run-tables.js'

const UNDIRECTED = ['example_count', 'sum_on_target', 'mean_on_target']

describe('metrics without a direction', () => {
  test('the run records none for them, and keeps the others', async () => {
    for (const name of UNDIRECTED) expect(METRIC_DIRECTIONS[name], name).toBeNull()
    const data = Array.from({ length: 40 }, (_, i) => ({ y: 10_000 + i * 37, yhat: 10_000 + i * 37 + ((i * 13) % 7) - 3 }))
    const run = await evaluate({ data, targets: 'y', predictions: 'yhat', modelType: 'regressor', intervals: false })
    for (const name of UNDIRECTED) {
      expect(typeof run.metrics[name], name).toBe('number')
      expect(run.greaterIsBetter[name], name).toBeUndefined()
    }
    expect(run.greaterIsBetter.r2_score).toBe(true)
    expect(run.greaterIsBetter.mean_absolute_error).toBe(false)

    const [entry] = buildReportEntries([{ file: 'test/prices.eval.ts', suitePath: [], name: 'prices', fullName: 'prices', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [run], gates: [], baselines: [], warnings: [] } }])
    const html = renderHtmlReport([{ entry, plots: [], files: [] }])
    const directionOf = (metric: string): string | undefined => html.match(new RegExp(`<tr><td>${metric}</td>(?:<td[^>]*>.*?</td>){3}<td class="iv">([^<]*)</td>`))?.[1]
    for (const name of UNDIRECTED) expect(directionOf(name), name).toBe('no direction')
    expect(directionOf('r2_score')).toBe('higher is better')
    expect(directionOf('root_mean_squared_error')).toBe('lower is better')
    // Values around 10,000 show no four decimals.
    expect(html).toContain(`<b>${Math.round(run.metrics.mean_on_target)}</b>`)
    expect(html).not.toMatch(/\b1\d{4}\.\d{4}\b/)

    const csv = metricsTable(run, [])
    expect(csv.rows.find((r) => r.metric === 'example_count')?.greater_is_better).toBeUndefined()
    expect(csv.rows.find((r) => r.metric === 'r2_score')?.greater_is_better).toBe(true)
  })
})
