/**
 * The adversarial corpus (test/fixtures/adversarial/, the same files the CLI test runs) through
 * evaluate() and the reporter (issue 11): every file that evaluates becomes a reported test whose
 * name, labels, slice values and notes come from the hostile data; no text file the reporter
 * writes holds a raw control character, and a formula-like cell in a CSV is neutralised.
 */
import { describe, expect, test } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import type { EvalRun } from '../../src/run/types.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'

const corpus = (name: string): string => `test/fixtures/adversarial/${name}`
// C0 controls but tab, LF and CR; DEL; C1; bidi overrides and isolates.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

const CASES: Array<{ file: string; targets: string; predictions: string; slices: string[] }> = [
  { file: 'terminal-escapes.csv', targets: 'y', predictions: 'p', slices: ['seg\x1b[2J'] },
  { file: 'control-bytes.jsonl', targets: 'label\x00', predictions: 'pred', slices: ['grp\x07'] },
  { file: 'formula-cells.csv', targets: 'y', predictions: 'p', slices: ['source'] },
]

async function reportedTest(run: EvalRun, index: number): Promise<ReportedTest> {
  const meta = binaryMeta()
  meta.runs = [run]
  meta.baselines = []
  meta.gates = [{ kind: 'threshold', matcher: 'toHaveMetric', title: `accuracy_score >= 0.99 on ${run.labels?.[0] ?? ''}`, pass: false, metric: 'accuracy_score', value: run.metrics.accuracy_score, threshold: 0.99, message: `\u001b[31maccuracy_score\u001b[39m of ${run.labels?.join(', ') ?? ''} should be >= 0.99` }]
  const name = `case ${index} ${run.labels?.join(' ') ?? ''}`
  return { file: 'evals/adversarial.eval.ts', suitePath: [], name, fullName: name, state: 'failed', durationMs: 1, errors: [`AssertionError: \u001b]0;PWNED\u0007 ${run.labels?.join(', ') ?? ''}`], meta }
}

describe('adversarial corpus through evaluate() and the reporter', () => {
  test('every case evaluates, and no reporter output holds a raw control character or a live formula', async () => {
    const tests: ReportedTest[] = []
    for (const [index, { file, ...options }] of CASES.entries()) {
      const run = await evaluate({ data: await loadDataset(corpus(file)), modelType: 'classifier', intervals: false, minSliceSize: 1, ...options })
      tests.push(await reportedTest(run, index))
    }
    const content = await buildReportContent(tests, { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    const checked: string[] = []
    for (const [path, value] of content.files) {
      if (!/\.(html|md|xml|csv|svg|json)$/.test(path)) continue
      checked.push(path)
      const text = value.toString()
      expect(RAW_CONTROL.exec(text)?.[0], path).toBeUndefined()
      if (path.endsWith('.csv')) {
        // a cell that a spreadsheet would run as a formula starts with a quote instead
        for (const line of text.split('\n')) for (const cell of line.split(',')) expect(cell, `${path}: ${line}`).not.toMatch(/^"?[=+\-@](?![\d.]+"?$)[A-Za-z(]/)
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['index.html', 'summary.md', 'junit.xml']))
    expect(checked.filter((path) => path.endsWith('slices.csv')).length).toBe(CASES.length)
    expect(RAW_CONTROL.exec(renderTerminalTable(content.entries))?.[0]).toBeUndefined()
    // the hostile values are there, shown as escapes, not dropped
    const html = content.files.get('index.html')!.toString()
    expect(html).toContain('\\x1b]0;PWNED\\x07')
    expect(html).toContain('=HYPERLINK(')
    // and the formula cells did reach a CSV, neutralised
    const formulaSlices = [...content.files].find(([path, value]) => path.endsWith('slices.csv') && value.toString().includes('SUM(A1)'))
    expect(formulaSlices?.[1].toString()).toMatch(/'@SUM\(A1\)/)
  })
})
