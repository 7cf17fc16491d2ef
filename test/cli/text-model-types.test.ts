/**
 * `evalgate evaluate --model-type question-answering|text-summarization|text|retriever`: the
 * options each type takes (`--k` only for retrievers, the classifier's options refused, the
 * columns each needs), `--help`, and MLflow's `text-classification` name for the classifier.
 * In process through runCli, as the adversarial tests do.
 */
import { describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { checkModelTypeOptions } from '../../src/cli/model-type-options.js'
import type { EvalRun } from '../../src/run/types.js'

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['node', 'evalgate', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

const DATA = 'test/fixtures/data/binary-scores.csv'

describe('model-type options', () => {
  test('--k belongs to the retriever, and is at least 1', async () => {
    const qa = await cli('evaluate', DATA, '--model-type', 'question-answering', '--targets', 'target', '--predictions', 'predicted', '--k', '5')
    expect(qa.code).toBe(2)
    expect(qa.stderr).toBe("error: option '--k <n>' is the retriever's cut-off (precision_at_k, recall_at_k, ndcg_at_k); add '--model-type retriever' or drop --k\n")
    const classifier = await cli('evaluate', DATA, '--targets', 'target', '--predictions', 'predicted', '--k', '3')
    expect(classifier.code).toBe(2)
    expect(classifier.stderr).toContain("add '--model-type retriever'")
    const zero = await cli('evaluate', DATA, '--model-type', 'retriever', '--targets', 'target', '--predictions', 'predicted', '--k', '0')
    expect(zero.code).toBe(2)
    expect(zero.stderr).toContain("option '--k <n>' must be at least 1")
    const word = await cli('evaluate', DATA, '--model-type', 'retriever', '--targets', 'target', '--predictions', 'predicted', '--k', 'three')
    expect(word.code).toBe(2)
    expect(word.stderr).toContain('expected a whole number >= 0, got "three"')
  })

  test("a classifier's options with a text type name the option and the fix", async () => {
    const scores = await cli('evaluate', DATA, '--model-type', 'text-summarization', '--targets', 'target', '--scores', 'score')
    expect(scores.code).toBe(2)
    expect(scores.stderr).toBe("error: option '--scores' is for classifiers, not --model-type text-summarization; drop it and pass the model's output column as --predictions\n")
    const labels = await cli('evaluate', DATA, '--model-type', 'retriever', '--targets', 'target', '--predictions', 'predicted', '--labels', 'a,b')
    expect(labels.stderr).toContain("option '--labels' is for classifiers, not --model-type retriever")
    const average = await cli('evaluate', DATA, '--model-type', 'regressor', '--targets', 'target', '--predictions', 'predicted', '--average', 'macro')
    expect(average.stderr).toBe("error: option '--average' is for classifiers, not --model-type regressor; drop it\n")
  })

  test('the columns each type needs', async () => {
    const noPredictions = await cli('evaluate', DATA, '--model-type', 'retriever', '--targets', 'target')
    expect(noPredictions.code).toBe(2)
    expect(noPredictions.stderr).toBe("error: option '--predictions <column>' is needed for --model-type retriever: the column holding the retrieved document ids of each row (a JSON array)\n")
    const noTargets = await cli('evaluate', DATA, '--model-type', 'retriever', '--predictions', 'predicted')
    expect(noTargets.stderr).toBe('error: required option \'--targets <column>\' not specified: for --model-type retriever, the column holding the relevant document ids of each row (a JSON array; in a CSV, a cell such as ["doc-1","doc-2"])\n')
    const qa = await cli('evaluate', DATA, '--model-type', 'question-answering', '--predictions', 'predicted')
    expect(qa.stderr).toContain('the gold answer (or a JSON array of gold answers)')
    // `text` scores the predictions alone: no --targets needed.
    expect(checkModelTypeOptions({ modelType: 'text', predictions: 'output' })).toBe('text')
    expect(() => checkModelTypeOptions({ modelType: 'text' })).toThrow("option '--predictions <column>' is needed for --model-type text: the column holding the model's text")
  })

  test('an unknown type lists the choices', async () => {
    const result = await cli('evaluate', DATA, '--model-type', 'ranker', '--targets', 'target', '--predictions', 'predicted')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Allowed choices are classifier, regressor, question-answering, text-summarization, text, retriever, text-classification, text_classification")
  })

  test("text-classification and text_classification (MLflow's name) evaluate as the classifier", async () => {
    for (const name of ['text-classification', 'text_classification']) {
      const { code, stdout, stderr } = await cli('evaluate', DATA, '--model-type', name, '--targets', 'target', '--predictions', 'predicted', '--json')
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const run = JSON.parse(stdout) as EvalRun
      expect(run.modelType).toBe('classifier')
      expect(run.metrics.accuracy_score).toBe(0.75)
    }
  })
})

describe('--help', () => {
  test('documents the types, --k and the list columns', async () => {
    const { code, stdout: raw } = await cli('evaluate', '--help')
    expect(code).toBe(0)
    // Commander wraps the option descriptions: compare with the white space folded.
    const stdout = raw.replace(/\s+/g, ' ')
    expect(stdout).toContain('"question-answering", "text-summarization", "text", "retriever", "text-classification"')
    expect(stdout).toContain('--k <n>')
    expect(stdout).toContain('retriever: score the first n retrieved documents (precision_at_k, recall_at_k, ndcg_at_k; default: 3)')
    expect(stdout).toContain('a cell holding a JSON array ("[""doc-1"",""doc-7""]")')
    expect(stdout).toContain('Ids keep their type: 1 and "1" are different documents.')
    expect(stdout).toContain('evalgate evaluate search.jsonl --model-type retriever --targets relevant --predictions retrieved --k 5')
  })
})
