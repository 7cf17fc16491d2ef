// A text run's long outputs are written once: eval_results_table.csv holds them, run.json keeps
// the row numbers and per-row scores of the table (what compare's paired test and toHavePassRate
// read) and a note naming the CSV. Adversarial pass 22: 500 summaries of 5-50 KB made a 27 MB
// CSV and a 28 MB run.json repeating it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { buildReportContent, type ReportContent } from '../../src/reporter/report-files.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import type { EvalRun } from '../../src/run/types.js'
import { bufferedCli } from '../cli/buffered-cli.js'

const ROWS = 40
const root = mkdtempSync(join(tmpdir(), 'evalgate-text-run-json-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A summary of about 6 KB per row; `drift` changes every third row's words. */
function summary(i: number, drift: boolean): string {
  const words = Array.from({ length: 900 }, (_, w) => (drift && i % 3 === 0 && w % 2 === 0 ? `other${w}` : `word${(w * 7 + i) % 50}`))
  return words.join(' ')
}

const data = Array.from({ length: ROWS }, (_, i) => ({ article: `article ${i}`, reference: summary(i, false), lead: summary(i, false), drifted: summary(i, true) }))

async function reportFolder(folder: string, predictions: string): Promise<ReportContent> {
  const run = await evaluate({ data, targets: 'reference', predictions, modelType: 'text-summarization' })
  const test: ReportedTest = { file: 'summaries.eval.test.ts', suitePath: [], name: 'lead', fullName: 'lead', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [run], gates: [], baselines: [], warnings: [] } }
  const content = await buildReportContent([test], { html: true, junitInFolder: false, summary: false, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
  for (const [name, bytes] of content.files) {
    mkdirSync(dirname(join(root, folder, name)), { recursive: true })
    writeFileSync(join(root, folder, name), bytes)
  }
  return content
}

let content: ReportContent
beforeAll(async () => {
  content = await reportFolder('old', 'lead')
  await reportFolder('new', 'drifted')
}, 120_000)

test('run.json keeps the per-row scores of eval_results_table, not the outputs, targets and inputs the CSV holds', () => {
  const folder = content.entries[0]!.folderName
  const csv = content.files.get(`${folder}/eval_results_table.csv`)!.toString()
  const json = content.files.get(`${folder}/run.json`)!.toString()
  expect(csv).toContain(summary(5, false))
  expect(json).not.toContain(summary(5, false))
  // The outputs were nearly all of both files: run.json is now a small part of the CSV.
  expect(json.length).toBeLessThan(csv.length / 10)
  const stored = (JSON.parse(json) as { run: EvalRun }).run
  const table = stored.artifacts.find((a) => a.name === 'eval_results_table')!
  expect(table.content.type).toBe('rows')
  const { columns, rows } = table.content as { columns: string[]; rows: Array<Record<string, unknown>> }
  expect(columns[0]).toBe('row')
  expect(columns).not.toContain('outputs')
  expect(columns).toContain('rouge1/v1/score')
  expect(rows).toHaveLength(ROWS)
  const inMemory = content.entries[0]!.run.artifacts.find((a) => a.name === 'eval_results_table')!.content as { rows: Array<Record<string, unknown>> }
  expect(rows.map((row) => row['rouge1/v1/score'])).toEqual(inMemory.rows.map((row) => row['rouge1/v1/score']))
  expect(table.notes).toContain('columns "article", "drifted", "outputs", "targets" left out of run.json: they are in eval_results_table.csv')
})

test('evalgate compare of the two results folders still pairs the per-row scores', async () => {
  const { code, stdout, stderr } = await bufferedCli('compare', join(root, 'old'), join(root, 'new'), '--out', join(root, 'compare-report'), '--markdown')
  expect(stderr).toBe('')
  expect(code).toBe(0)
  expect(stdout).toMatch(/\| overall \| rouge1\/v1\/mean \|[^\n]*\| paired-mean \| worse \|/)
})
