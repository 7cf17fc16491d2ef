/**
 * In `evalgate compare`, a custom metric whose values and rows are a built-in metric's (a custom
 * accuracy) repeats that metric's paired test, as the gate does, and says so: `mcnemar-exact (as
 * accuracy_score)`. It showed the built-in's test unmarked, while the README says custom metrics
 * keep the unpaired test (review 61, L4).
 */
import { expect, test } from 'vitest'
import type { NamedRun } from '../../src/compare/report/read-run-files.js'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { defineMetric, evaluate } from '../../src/evaluate/index.js'
import { decodeRunOutputs, encodeRunOutputs } from '../../src/reporter/run-outputs.js'
import type { EvalRun } from '../../src/run/types.js'

const myAccuracy = defineMetric({
  name: 'my_accuracy',
  greaterIsBetter: true,
  fn: (table) => {
    if (table.modelType !== 'classifier') return Number.NaN
    let right = 0
    for (let i = 0; i < table.rowCount; i++) if (table.predictions[i] === table.targets[i]) right++
    return right / table.rowCount
  },
})

function fromDisk(name: string, run: EvalRun): NamedRun {
  return { name, source: `${name}/run.json`, run: JSON.parse(JSON.stringify(run)) as EvalRun, outputs: decodeRunOutputs(JSON.parse(JSON.stringify(encodeRunOutputs(run))), `${name}/outputs.json`) }
}

test('a custom metric equal to accuracy on the same rows repeats its paired test, marked "as accuracy_score"', async () => {
  const data = Array.from({ length: 400 }, (_, i) => ({ id: i, y: i % 2 === 0 ? 'a' : 'b' }))
  const run = (wrongEvery: number) =>
    evaluate({ data, targets: 'y', modelType: 'classifier', model: (rows) => rows.map((row) => ((row.id as number) % wrongEvery === 0 ? (row.y === 'a' ? 'b' : 'a') : String(row.y))), extraMetrics: [myAccuracy], inputColumns: ['id'], intervals: { resamples: 200, rowResamples: 200 } })
  const comparison = compareRuns([fromDisk('before', await run(10)), fromDisk('after', await run(5))])
  const change = (metric: string) => comparison.rows.find((row) => row.scope === 'overall' && row.metric === metric)!.changes[1]!
  expect(change('accuracy_score').test).toBe('mcnemar-exact')
  expect(change('my_accuracy').test).toBe('mcnemar-exact (as accuracy_score)')
  expect(change('my_accuracy').pValue).toBe(change('accuracy_score').pValue)
})

test("the Markdown escapes the slice key an 'as' note names (adversarial pass 65: raw <details>, | and @mentions in a pull-request comment)", async () => {
  const hostile = '<details><summary>open|x @octocat\nline2'
  const data = Array.from({ length: 400 }, (_, i) => ({ id: i, seg: i % 4 === 0 ? 'plain' : hostile, y: ['a', 'b', 'c'][i % 3] }))
  const run = (wrongEvery: number) =>
    evaluate({ data, targets: 'y', modelType: 'classifier', slices: ['seg'], model: (rows) => rows.map((row) => ((row.id as number) % wrongEvery === 0 ? 'a' : String(row.y))), inputColumns: ['id', 'seg'], intervals: { resamples: 200, rowResamples: 200 } })
  const comparison = compareRuns([fromDisk('before', await run(10)), fromDisk('after', await run(4))])
  const { renderComparisonMarkdown } = await import('../../src/compare/report/comparison-markdown.js')
  const markdown = renderComparisonMarkdown(comparison)
  const recall = markdown.split('\n').find((line) => line.startsWith('| slice seg=') && line.includes('| recall\\_score |'))!
  expect(recall).toContain('as accuracy\\_score (seg=\\<details\\>\\<summary\\>open\\|x @&#8203;octocat\\\\x0aline2)')
  expect(markdown).not.toContain('<details>')
  expect(markdown).not.toMatch(/@octocat/)
})
