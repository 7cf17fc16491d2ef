/**
 * Hand-built runs of the text model types for the reporter's tests, shaped as the text types
 * produce them: MLflow's metric names, per-row scores in an `eval_results_table` artifact
 * (`<metric>/v1/score`, retriever `<metric>/score`), slices with the means. Hostile strings
 * sit in the data (markup, a formula cell, a bidi override, an escape sequence).
 */
import type { EvalgateTaskMeta } from '../../src/run/test-meta.js'
import type { EvalRun, ModelType, SliceResult } from '../../src/run/types.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'

export const HOSTILE_QUESTION = '<script>alert("q")</script> how long to reset?'
export const HOSTILE_ANSWER = '=HYPERLINK("http://x.example","10 seconds")'
export const BIDI_TEXT = 'reset \u202eevil\u202c now'

function baseRun(modelType: string, name: string, exampleCount: number): EvalRun {
  return {
    version: 1,
    name,
    modelType: modelType as ModelType,
    createdAt: '2026-12-02T05:00:00.000Z',
    exampleCount,
    metrics: {},
    intervals: {},
    intervalSettings: { level: 0.95, seed: 0, resamples: 1000 },
    greaterIsBetter: {},
    customMetrics: [],
    curves: {},
    sliceColumns: [],
    slices: {},
    minSliceSize: 2,
    artifacts: [],
    dataset: { fingerprint: 'f'.repeat(64), rowCount: exampleCount, columns: ['question', 'answer'], targetColumn: 'answer' },
    model: { kind: 'function' },
    notes: [],
    durationMs: 12,
  }
}

function slice(column: string, value: string, rows: number[], metrics: Record<string, number>): SliceResult {
  return { key: `${column}=${value}`, columns: [column], values: [value], exampleCount: rows.length, metrics, intervals: {}, notes: [] }
}

/** A question-answering run of 6 rows: exact match per row, 3 right; slices by `style`. */
export function questionAnsweringRun(): EvalRun {
  const run = baseRun('question-answering', 'reader', 6)
  const rows = [
    { row: 1, question: 'How long to hold the dial?', outputs: '10 seconds', targets: '10 seconds', 'exact_match/v1/score': 1, 'token_count/v1/score': 3 },
    { row: 2, question: HOSTILE_QUESTION, outputs: HOSTILE_ANSWER, targets: '10 seconds', 'exact_match/v1/score': 0, 'token_count/v1/score': 12 },
    { row: 3, question: 'Which band?', outputs: '2.4 GHz', targets: '2.4 GHz', 'exact_match/v1/score': 1, 'token_count/v1/score': 4 },
    { row: 4, question: BIDI_TEXT, outputs: 'The whole sentence came back \u001b[2J', targets: '5 GHz', 'exact_match/v1/score': 0, 'token_count/v1/score': 9 },
    { row: 5, question: 'What colour?', outputs: 'amber', targets: 'amber', 'exact_match/v1/score': 1, 'token_count/v1/score': 1 },
    { row: 6, question: 'x'.repeat(600), outputs: 'long', targets: 'short', 'exact_match/v1/score': 0, 'token_count/v1/score': 150 },
  ]
  run.metrics = { 'exact_match/v1': 0.5, 'token_count/v1/mean': 29.833333333333332, 'token_count/v1/variance': 2977.4722222222226, 'token_count/v1/p90': 81 }
  run.greaterIsBetter = { 'exact_match/v1': true }
  run.intervals = { 'exact_match/v1': { lower: 0.188, upper: 0.812, level: 0.95, method: 'wilson' } }
  run.sliceColumns = ['style']
  run.slices = {
    'style=plain': slice('style', 'plain', [0, 2, 4], { 'exact_match/v1': 1, 'token_count/v1/mean': 2.6666666666666665 }),
    'style=noisy': slice('style', 'noisy', [1, 3, 5], { 'exact_match/v1': 0, 'token_count/v1/mean': 57 }),
  }
  run.artifacts = [{ name: 'eval_results_table', fileName: 'eval_results_table.csv', builtin: true, content: { type: 'rows', columns: Object.keys(rows[0]), rows } }]
  return run
}

/** A summarization run of 12 rows with ROUGE scores per row (known histogram counts). */
export function summarizationRun(): EvalRun {
  const run = baseRun('text-summarization', 'lead-3', 12)
  const rouge1 = [0, 0.05, 0.1, 0.25, 0.3, 0.3, 0.45, 0.6, 0.7, 0.9, 0.95, 1]
  const rows = rouge1.map((score, i) => ({ inputs: `Post ${i} <b>bold</b>`, outputs: `Summary ${i}\nline two`, targets: `Reference ${i}`, 'rouge1/v1/score': score, 'rougeL/v1/score': score / 2 }))
  const mean = rouge1.reduce((a, b) => a + b, 0) / rouge1.length
  run.metrics = { 'rouge1/v1/mean': mean, 'rouge1/v1/variance': 0.1, 'rouge1/v1/p90': 0.945, 'rougeL/v1/mean': mean / 2, 'rouge2/v1/mean': 0.2 }
  run.greaterIsBetter = { 'rouge1/v1/mean': true, 'rouge1/v1/variance': false, 'rouge1/v1/p90': true, 'rougeL/v1/mean': true, 'rouge2/v1/mean': true }
  run.artifacts = [{ name: 'eval_results_table', fileName: 'eval_results_table.csv', builtin: true, content: { type: 'rows', columns: Object.keys(rows[0]), rows } }]
  return run
}

/** A retriever run (k = 3) of 4 rows, with list cells and slices by family. */
export function retrieverRun(): EvalRun {
  const run = baseRun('retriever', 'minisearch', 4)
  const rows = [
    { question: 'reset Nimbus', retrieved_context: ['kb-001', 'kb-002', 'kb-003'], targets: ['kb-001'], 'precision_at_3/score': 1 / 3, 'recall_at_3/score': 1, 'ndcg_at_3/score': 1 },
    { question: 'band Lumo', retrieved_context: ['kb-010', 'kb-011', 'kb-012'], targets: ['kb-012'], 'precision_at_3/score': 1 / 3, 'recall_at_3/score': 1, 'ndcg_at_3/score': 0.5 },
    { question: 'price Aura', retrieved_context: [1, '1', 2], targets: [3], 'precision_at_3/score': 0, 'recall_at_3/score': 0, 'ndcg_at_3/score': 0 },
    { question: 'weight Brio', retrieved_context: [], targets: [], 'precision_at_3/score': 0, 'recall_at_3/score': 1, 'ndcg_at_3/score': 1 },
  ]
  run.metrics = { 'precision_at_3/mean': 1 / 6, 'recall_at_3/mean': 0.75, 'ndcg_at_3/mean': 0.625, 'ndcg_at_3/variance': 0.171875 }
  run.greaterIsBetter = { 'precision_at_3/mean': true, 'recall_at_3/mean': true, 'ndcg_at_3/mean': true, 'ndcg_at_3/variance': false }
  run.sliceColumns = ['family']
  run.slices = {
    'family=Nimbus': slice('family', 'Nimbus', [0, 1], { 'precision_at_3/mean': 1 / 3, 'recall_at_3/mean': 1, 'ndcg_at_3/mean': 0.75 }),
    'family=Aura': slice('family', 'Aura', [2, 3], { 'precision_at_3/mean': 0, 'recall_at_3/mean': 0.5, 'ndcg_at_3/mean': 0.5 }),
  }
  run.artifacts = [{ name: 'eval_results_table', fileName: 'eval_results_table.csv', builtin: true, content: { type: 'rows', columns: Object.keys(rows[0]), rows } }]
  return run
}

function meta(run: EvalRun): EvalgateTaskMeta {
  return { version: 1, runs: [run], gates: [], baselines: [], warnings: [] }
}

/** The three runs as reported tests. */
export function textReportedTests(): ReportedTest[] {
  return [
    { file: 'examples/qa.eval.test.ts', suitePath: [], name: 'reader', fullName: 'reader', state: 'passed', durationMs: 5, errors: [], meta: meta(questionAnsweringRun()) },
    { file: 'examples/summaries.eval.test.ts', suitePath: [], name: 'lead-3', fullName: 'lead-3', state: 'passed', durationMs: 5, errors: [], meta: meta(summarizationRun()) },
    { file: 'examples/qa.eval.test.ts', suitePath: [], name: 'retrieval', fullName: 'retrieval', state: 'passed', durationMs: 5, errors: [], meta: meta(retrieverRun()) },
  ]
}
