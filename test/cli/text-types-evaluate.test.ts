/**
 * `evalgate evaluate` on stored outputs of the text types, end to end (in process): list
 * columns from JSON Lines arrays and from CSV cells holding a JSON array, `--k`, the aggregates
 * as MLflow names them, and errors that name the column and the row.
 */
import { describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import type { EvalRun } from '../../src/run/types.js'

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['node', 'evalgate', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

async function run(...args: string[]): Promise<EvalRun> {
  const { code, stdout, stderr } = await cli('evaluate', ...args, '--json')
  expect(stderr).toBe('')
  expect(code).toBe(0)
  return JSON.parse(stdout) as EvalRun
}

const fixture = (name: string): string => `test/cli/fixtures/${name}`
const NDCG_SECOND = 1 / Math.log2(3)

describe('--model-type retriever', () => {
  // At k = 2: precision 1/2, 1/2, 0 (nothing retrieved), 1/2; recall 1, 1, 1 (nothing to find,
  // nothing retrieved), 1/2; NDCG 1, 1/log2(3), 1 (both empty), and for [d, c] against {b, c}
  // 1/log2(3) over the ideal 1 + 1/log2(3) (MLflow's: the ideal ranks every relevant document).
  test('list columns from CSV cells holding JSON arrays, k = 2', async () => {
    const result = await run(fixture('retriever.csv'), '--model-type', 'retriever', '--targets', 'relevant', '--predictions', 'retrieved', '--k', '2')
    expect(result.modelType).toBe('retriever')
    expect(result.metrics['precision_at_2/mean']).toBeCloseTo(0.375, 12)
    expect(result.metrics['recall_at_2/mean']).toBeCloseTo(0.875, 12)
    expect(result.metrics['ndcg_at_2/mean']).toBeCloseTo((2 + NDCG_SECOND + NDCG_SECOND / (1 + NDCG_SECOND)) / 4, 12)
    expect(result.metrics['precision_at_3/mean']).toBeUndefined()
  })

  test('JSON Lines arrays give the same numbers; integer ids are not string ids; default k = 3', async () => {
    const result = await run(fixture('retriever.jsonl'), '--model-type', 'retriever', '--targets', 'relevant', '--predictions', 'retrieved', '--k', '2')
    // The fifth row retrieves [1, 2] where "1" is relevant: no hit.
    expect(result.metrics['precision_at_2/mean']).toBeCloseTo((0.375 * 4 + 0) / 5, 12)
    expect(result.metrics['recall_at_2/mean']).toBeCloseTo((0.875 * 4 + 0) / 5, 12)
    const atThree = await run(fixture('retriever.jsonl'), '--model-type', 'retriever', '--targets', 'relevant', '--predictions', 'retrieved')
    expect(Object.keys(atThree.metrics)).toEqual(expect.arrayContaining(['precision_at_3/mean', 'recall_at_3/mean', 'ndcg_at_3/mean']))
  })

  test('the text table prints the aggregates and the slice means', async () => {
    const { code, stdout } = await cli('evaluate', fixture('retriever.csv'), '--model-type', 'retriever', '--targets', 'relevant', '--predictions', 'retrieved', '--k', '2', '--slice', 'family', '--min-slice-size', '1')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^evalgate retriever: test\/cli\/fixtures\/retriever\.csv, 4 examples/)
    expect(stdout).toMatch(/\nrecall_at_2\/mean +0\.8750 /)
    expect(stdout).toMatch(/\nslice +examples +precision_at_2\/mean +recall_at_2\/mean +ndcg_at_2\/mean/)
    expect(stdout).toMatch(/\nfamily=Lumo +2 +0\.5000 +0\.7500 +0\.5089\n/)
  })

  test('a cell that is not a list names the column, the row and the value', async () => {
    const { code, stderr } = await cli('evaluate', fixture('retriever-bad-cell.csv'), '--model-type', 'retriever', '--targets', 'relevant', '--predictions', 'retrieved')
    expect(code).toBe(1)
    expect(stderr).toMatch(/^evalgate: .*"retrieved".*row 2.*x;a/)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('--model-type question-answering, text-summarization, text', () => {
  test("exact_match/v1 is raw string equality (MLflow's)", async () => {
    const result = await run(fixture('answers.jsonl'), '--model-type', 'question-answering', '--targets', 'answer', '--predictions', 'output')
    expect(result.metrics['exact_match/v1']).toBe(0.5)
    expect(result.artifacts.map((a) => a.name)).toContain('eval_results_table')
  })

  test('ROUGE of stored summaries', async () => {
    const result = await run(fixture('summaries.csv'), '--model-type', 'text-summarization', '--targets', 'reference', '--predictions', 'summary')
    // Row 1: precision 3/3, recall 3/6, F 2/3; row 2: 1.
    expect(result.metrics['rouge1/v1/mean']).toBeCloseTo((2 / 3 + 1) / 2, 12)
  })

  test('text needs no targets', async () => {
    const result = await run(fixture('outputs.jsonl'), '--model-type', 'text', '--predictions', 'output')
    expect(result.modelType).toBe('text')
    expect(result.metrics['token_count/v1/mean']).toBeGreaterThan(5)
  })

  test('text with --targets: a warning naming the flag (was: silently ignored)', async () => {
    const { code, stderr } = await cli('evaluate', fixture('outputs.jsonl'), '--model-type', 'text', '--predictions', 'output', '--targets', 'output', '--json')
    expect(code).toBe(0)
    expect(stderr).toBe(
      'evalgate: warning: --targets ("output") is ignored: the text model type reads no targets column (its metrics score the model\'s outputs alone); drop --targets, or choose a model type that compares the outputs with them (e.g. question-answering, text-summarization)\n',
    )
  })

  test("text's toxicity note speaks to a CLI user (was: 'pass toxicity: (texts) => scores', which no flag does)", async () => {
    const { stdout } = await cli('evaluate', fixture('outputs.jsonl'), '--model-type', 'text', '--predictions', 'output')
    expect(stdout).toContain('toxicity/v1 left out: evalgate evaluate takes no toxicity scorer (it reads stored outputs only); for toxicity/v1, run evaluate() in a test with')
    expect(stdout).not.toContain('no toxicity scorer given (pass toxicity')
  })
})
