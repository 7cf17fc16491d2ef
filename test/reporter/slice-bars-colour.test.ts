// The slice bar chart (slices.svg) draws a bar red only when the test failed on that slice, as the
// worst-slice call-out does (issue 11: the worst slice was red on passing runs).
import { describe, expect, test } from 'vitest'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { sliceBarsSpec } from '../../src/reporter/plots/slice-bars.js'
import { slicesWorstFirst } from '../../src/reporter/slice-ranking.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'

const RED = '#e15759'

function reported(failOnWorst: boolean): ReportedTest {
  const meta = binaryMeta()
  const run = meta.runs[0]
  const { metric, slices } = slicesWorstFirst(run)
  const worst = slices[0]
  meta.gates = [
    { kind: 'slice', matcher: 'toHaveSliceF1', title: `${metric}[${worst.key}]`, pass: !failOnWorst, metric: metric!, slice: worst.key, value: worst.metrics[metric!], threshold: 0.99, message: 'slice gate' },
  ]
  meta.baselines = []
  return { file: 'evals/churn.eval.ts', suitePath: [], name: 'churn', fullName: 'churn', state: failOnWorst ? 'failed' : 'passed', durationMs: 1, errors: [], meta }
}

async function slicesSvg(test: ReportedTest): Promise<string> {
  const content = await buildReportContent([test], { html: false, summary: false, junitInFolder: false, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
  const entry = [...content.files].find(([path]) => path.endsWith('/slices.svg'))
  expect(entry, 'slices.svg is written').toBeDefined()
  return entry![1].toString()
}

describe('slice bars', () => {
  test('a passing run draws no red bar, though one slice is the worst', async () => {
    expect(await slicesSvg(reported(false))).not.toContain(RED)
  })

  test('a run that failed on its worst slice draws that bar red', async () => {
    expect(await slicesSvg(reported(true))).toContain(RED)
  })

  test('the spec marks exactly the failed slices', () => {
    const run = binaryMeta().runs[0]
    const { metric, slices } = slicesWorstFirst(run)
    const spec = sliceBarsSpec(slices, metric!, run.metrics[metric!], true, new Set([slices[1].key]))
    const values = (spec.data![0] as { values: Array<{ slice: string; failed: boolean }> }).values
    expect(values.filter((v) => v.failed).map((v) => v.slice)).toEqual([slices[1].key])
  })
})
