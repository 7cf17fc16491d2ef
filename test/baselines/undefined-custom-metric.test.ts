/**
 * A custom metric the run has no value of (NaN on its rows: a ratio with a zero denominator) is
 * left out of the run with a note, and so of the entry written from it: the gate does not say it
 * is "tracked by default but not in the baseline entry" with `-u` as the fix, which could never
 * store it (adversarial pass 65: the warning and its advice came back after every -u). A value
 * the entry holds and the run lacks still fails, as missing.
 */
import { expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { defineMetric } from '../../src/evaluate/define-metric.js'
import { evaluate } from '../../src/evaluate/index.js'

const data = Array.from({ length: 200 }, (_, i) => ({ id: i, y: i % 2 === 0 ? 'a' : 'b' }))
const ratio = (denominator: number) => defineMetric({ name: 'ratio_metric', greaterIsBetter: true, fn: () => (denominator === 0 ? Number.NaN : 1 / denominator) })
const run = (denominator: number) =>
  evaluate({ data, targets: 'y', modelType: 'classifier', inputColumns: ['id'], model: (rows) => rows.map((row) => String(row.y)), extraMetrics: [ratio(denominator)], intervals: false })

test('a custom metric undefined on the run is not called ungated, with -u as its fix', async () => {
  const undefinedRun = await run(0)
  expect(undefinedRun.metrics.ratio_metric).toBeUndefined()
  expect(undefinedRun.notes.join('\n')).toContain('ratio_metric')
  const verdict = compareWithBaseline(createBaselineEntry(undefinedRun, {}), undefinedRun)
  expect(verdict.ungated).toBeUndefined()
  expect(verdict.status).toBe('passed')
})

test('one the entry holds and the run lacks fails as missing; one the run has and the entry lacks is ungated', async () => {
  const defined = await run(2)
  const undefinedRun = await run(0)
  const missing = compareWithBaseline(createBaselineEntry(defined, {}), undefinedRun)
  expect(missing.rows.find((row) => row.metric === 'ratio_metric')?.verdict).toBe('missing')
  expect(compareWithBaseline(createBaselineEntry(undefinedRun, {}), defined).ungated).toContain('ratio_metric is tracked by default but not in the baseline entry')
})
