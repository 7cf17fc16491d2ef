import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import type { EvalRun } from '../../src/run/types.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const cli = 'dist/cli/main.js'
const fixture = (name: string): string => `test/fixtures/data/${name}`

interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the command line in this process (`runCli`, what dist/cli/main.js runs, with the exit code
 * it returns); the paths are relative to the repository root, Vitest's working folder. The built
 * executable itself is run once, below, for its exit codes.
 */
async function evalgate(...args: string[]): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['node', 'evalgate', ...args], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) })
  return { code, stdout, stderr }
}

/** Runs the built executable in a child process (`npm run build` first; `npm test` does it in pretest). */
function evalgateProcess(...args: string[]): CliResult {
  if (!existsSync(`${root}/${cli}`)) throw new Error(`${cli} is missing: run npm run build first`)
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, EVALGATE_REPORT_RSS: '' } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const BINARY = ['evaluate', fixture('binary-scores.csv'), '--targets', 'target', '--predictions', 'predicted', '--scores', 'score']

describe('evalgate evaluate --json', () => {
  test('prints exactly one EvalRun whose metrics match the hand-computed values', async () => {
    const { code, stdout, stderr } = await evalgate(...BINARY, '--slice', 'channel', '--min-slice-size', '1', '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout.trim().split('\n')).toHaveLength(1)
    const run = JSON.parse(stdout) as EvalRun
    expect(run.version).toBe(1)
    expect(run.modelType).toBe('classifier')
    expect(run.labels).toEqual(['ham', 'spam'])
    expect(run.posLabel).toBe('spam')
    // 8 rows: TP 3 (rows 1, 2, 7), FN 1 (row 3), FP 1 (row 5), TN 3.
    expect(run.metrics).toMatchObject({
      example_count: 8,
      true_positives: 3,
      false_negatives: 1,
      false_positives: 1,
      true_negatives: 3,
      accuracy_score: 0.75,
      precision_score: 0.75,
      recall_score: 0.75,
    })
    // 15 of the 16 (positive, negative) score pairs are ordered correctly.
    expect(run.metrics.roc_auc).toBeCloseTo(0.9375, 12)
    expect(run.intervals.accuracy_score.level).toBe(0.95)
    expect(run.intervals.accuracy_score.lower).toBeLessThanOrEqual(0.75)
    expect(run.dataset.source).toBe(fixture('binary-scores.csv'))
    expect(run.slices['channel=email']).toMatchObject({ exampleCount: 4, metrics: { accuracy_score: 1 } })
    expect(run.slices['channel=sms']).toMatchObject({ exampleCount: 4, metrics: { accuracy_score: 0.5 } })
  })

  test('--slice a,b crosses two columns; --level and --seed reach the intervals', async () => {
    const { code, stdout } = await evalgate(...BINARY, '--slice', 'channel,target', '--min-slice-size', '1', '--level', '0.9', '--seed', '7', '--json')
    expect(code).toBe(0)
    const run = JSON.parse(stdout) as EvalRun
    expect(Object.keys(run.slices).sort()).toEqual([
      'channel=email&target=ham',
      'channel=email&target=spam',
      'channel=sms&target=ham',
      'channel=sms&target=spam',
    ])
    expect(run.slices['channel=sms&target=spam'].exampleCount).toBe(2)
    expect(run.intervalSettings).toMatchObject({ level: 0.9, seed: 7 })
  })

  test('numeric labels with --probabilities, --labels and --pos-label 0', async () => {
    const { code, stdout, stderr } = await evalgate(
      'evaluate', fixture('binary-numeric.csv'), '--targets', 'y', '--predictions', 'pred',
      '--probabilities', 'p0,p1', '--labels', '0,1', '--pos-label', '0', '--json',
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const run = JSON.parse(stdout) as EvalRun
    expect(run.labels).toEqual(['0', '1'])
    expect(run.posLabel).toBe('0')
    // Label 0 is positive: TP rows 2 and 4, FP row 3 (predicted 0, actual 1), FN row 6.
    expect(run.metrics).toMatchObject({ true_positives: 2, false_positives: 1, false_negatives: 1, true_negatives: 2 })
    // Scores are p0: 8 of the 9 (positive, negative) pairs ordered correctly.
    expect(run.metrics.roc_auc).toBeCloseTo(8 / 9, 12)
  })

  test('JSON Lines with --labels order and --average macro', async () => {
    const { code, stdout, stderr } = await evalgate(
      'evaluate', fixture('multiclass.jsonl'), '--targets', 'label', '--predictions', 'predicted',
      '--labels', 'technical,shipping,billing', '--average', 'macro', '--json',
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const run = JSON.parse(stdout) as EvalRun
    expect(run.labels).toEqual(['technical', 'shipping', 'billing'])
    expect(run.average).toBe('macro')
    expect(run.metrics.accuracy_score).toBeCloseTo(4 / 6, 12)
    // recall per class: technical 1/2, shipping 2/2, billing 1/2 -> macro 2/3
    expect(run.metrics.recall_score).toBeCloseTo(2 / 3, 12)
    expect(run.confusionMatrix?.counts).toEqual([
      [1, 0, 1],
      [0, 2, 0],
      [0, 1, 1],
    ])
  })

  test('--model-type regressor on a CSV with decimal targets', async () => {
    const { code, stdout } = await evalgate('evaluate', fixture('regression.csv'), '--targets', 'price', '--predictions', 'predicted_price', '--model-type', 'regressor', '--json')
    expect(code).toBe(0)
    const run = JSON.parse(stdout) as EvalRun
    expect(run.modelType).toBe('regressor')
    // |12-10.5| + |18.5-20| + 0 + |4-3| = 4 over 4 rows
    expect(run.metrics.mean_absolute_error).toBeCloseTo(1, 12)
    expect(run.metrics.max_error).toBe(1.5)
  })
})

describe('evalgate evaluate without --predictions: predictions derived from probabilities or scores', () => {
  const SCORES_ONLY = ['evaluate', fixture('binary-scores.csv'), '--targets', 'target', '--scores', 'score']

  test('--scores alone predicts the positive label where score >= 0.5 (the same run as the stored column)', async () => {
    const derived = await evalgate(...SCORES_ONLY, '--json')
    expect(derived.stderr).toBe('')
    expect(derived.code).toBe(0)
    const run = JSON.parse(derived.stdout) as EvalRun
    // The fixture's "predicted" column is exactly score >= 0.5, so the counts are those of the stored run.
    expect(run.metrics).toMatchObject({ true_positives: 3, false_negatives: 1, false_positives: 1, true_negatives: 3, accuracy_score: 0.75 })
    expect(run.metrics.roc_auc).toBeCloseTo(0.9375, 12)
    expect(run.model).toEqual({ kind: 'predictions', name: 'score >= 0.5' })
    expect(run.notes).toContain('predictions derived from scores "score": "spam" where the score is >= 0.5, else "ham" (no predictions column was given)')
    const stored = JSON.parse((await evalgate(...BINARY, '--json')).stdout) as EvalRun
    expect(run.metrics).toEqual(stored.metrics)
    expect(run.intervals).toEqual(stored.intervals)
  })

  test('--threshold moves the boundary', async () => {
    const { code, stdout, stderr } = await evalgate(...SCORES_ONLY, '--threshold', '0.75', '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const run = JSON.parse(stdout) as EvalRun
    // Only the scores 0.9 and 0.8 (rows 1, 2, both spam) reach 0.75: spam rows 3 and 7 become false negatives.
    expect(run.metrics).toMatchObject({ true_positives: 2, false_negatives: 2, false_positives: 0, true_negatives: 4, accuracy_score: 0.75, recall_score: 0.5, precision_score: 1 })
    expect(run.metrics.roc_auc).toBeCloseTo(0.9375, 12)
    expect(run.model.name).toBe('score >= 0.75')
  })

  test('--probabilities alone predicts the most probable label', async () => {
    const args = ['evaluate', fixture('binary-numeric.csv'), '--targets', 'y', '--probabilities', 'p0,p1', '--labels', '0,1', '--json']
    const { code, stdout, stderr } = await evalgate(...args)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const run = JSON.parse(stdout) as EvalRun
    // argmax per row: 1, 0, 0, 0, 1, 1 against targets 1, 0, 1, 0, 1, 0 (posLabel 1): TP 2, FN 1, FP 1, TN 2.
    expect(run.metrics).toMatchObject({ true_positives: 2, false_negatives: 1, false_positives: 1, true_negatives: 2 })
    expect(run.metrics.accuracy_score).toBeCloseTo(4 / 6, 12)
    expect(run.model).toEqual({ kind: 'predictions', name: 'argmax(p0, p1)' })
    const stored = JSON.parse((await evalgate(...args, '--predictions', 'pred')).stdout) as EvalRun
    expect(run.metrics).toEqual(stored.metrics)
  })

  test('the readable output says how predictions were derived', async () => {
    const { code, stdout } = await evalgate(...SCORES_ONLY)
    expect(code).toBe(0)
    expect(stdout).toMatch(/notes:\n(.*\n)*\s+- predictions derived from scores "score": "spam" where the score is >= 0\.5/)
  })

  test('errors: --threshold outside [0, 1], with --predictions, without --scores; --scores with --probabilities: usage errors (2) in CLI words', async () => {
    const outside = await evalgate(...SCORES_ONLY, '--threshold', '50')
    expect(outside.code).toBe(2)
    expect(outside.stderr).toMatch(/--threshold.*between 0 and 1 such as 0\.5, got "50"/)
    const unused = await evalgate(...BINARY, '--threshold', '0.6')
    expect(unused.code).toBe(2)
    expect(unused.stdout).toBe('')
    expect(unused.stderr).toBe("error: option '--threshold' would be ignored: the predictions come from --predictions predicted; drop --threshold, or drop --predictions to predict the positive label where --scores >= --threshold\n")
    const withProbabilities = await evalgate('evaluate', fixture('binary-numeric.csv'), '--targets', 'y', '--probabilities', 'p0,p1', '--threshold', '0.6')
    expect(withProbabilities.code).toBe(2)
    expect(withProbabilities.stderr).toBe("error: option '--threshold' applies only with --scores (a score >= --threshold predicts the positive label); drop --threshold, or give '--scores <column>' instead of --probabilities\n")
    // No --probabilities given: the message does not speak of them (nor of the API's `scores` option).
    const alone = await evalgate('evaluate', fixture('binary-scores.csv'), '--targets', 'target', '--predictions', 'predicted', '--threshold', '0.3')
    expect(alone.code).toBe(2)
    expect(alone.stderr).toBe("error: option '--threshold' applies only with --scores (a score >= --threshold predicts the positive label); drop --threshold, or give '--scores <column>'\n")
    const both = await evalgate('evaluate', fixture('binary-scores.csv'), '--targets', 'target', '--scores', 'score', '--probabilities', 'score')
    expect(both.code).toBe(2)
    expect(both.stdout).toBe('')
    expect(both.stderr).toMatch(/^error: options '--scores' and '--probabilities' exclude each other/)
  })
})

describe('evalgate evaluate --pos-label on a multiclass file', () => {
  test('a warning on stderr (evaluate() ignores posLabel with a note), exit 0, the run unchanged', async () => {
    const args = ['evaluate', fixture('multiclass.jsonl'), '--targets', 'label', '--predictions', 'predicted', '--json']
    const { code, stdout, stderr } = await evalgate(...args, '--pos-label', 'billing')
    expect(code).toBe(0)
    expect(stderr).toBe('evalgate: warning: --pos-label billing ignored: it applies to binary classifiers only and there are 3 labels (precision, recall and F1 use --average weighted); drop --pos-label\n')
    const run = JSON.parse(stdout) as EvalRun
    expect(run.posLabel).toBeUndefined()
    expect(run.notes).toContain('`posLabel` "billing" ignored: it applies to binary classifiers only and there are 3 labels')
    expect(run.metrics).toEqual((JSON.parse((await evalgate(...args)).stdout) as EvalRun).metrics)
    // A binary file keeps --pos-label without a word.
    expect((await evalgate(...BINARY, '--pos-label', 'ham')).stderr).toBe('')
  })
})

describe('evalgate evaluate (readable output)', () => {
  test('prints the metric table with intervals, the confusion matrix and the slice table', async () => {
    const { code, stdout } = await evalgate(...BINARY, '--slice', 'channel', '--min-slice-size', '1')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^evalgate classifier: test\/fixtures\/data\/binary-scores\.csv, 8 examples, labels: ham, spam \(positive: spam\)/)
    expect(stdout).toMatch(/example_count\s+8\n/)
    expect(stdout).toMatch(/accuracy_score\s+0\.7500\s+\[0\.\d{4}, (?:[01]\.\d{4}|1)\]\s+\S+/)
    expect(stdout).toMatch(/roc_auc\s+0\.9375/)
    expect(stdout).toMatch(/confusion matrix/)
    expect(stdout).toMatch(/channel=email\s+4\s+1\s/)
    expect(stdout).toMatch(/channel=sms\s+4\s+0\.5000/)
  })

  test('a slice below --min-slice-size shows its size and a note instead of metrics', async () => {
    const { code, stdout } = await evalgate(...BINARY, '--slice', 'channel', '--min-slice-size', '5')
    expect(code).toBe(0)
    const line = stdout.split('\n').find((text) => text.startsWith('channel=email'))
    expect(line).toBeDefined()
    expect(line).toMatch(/^channel=email\s+4\s+\S/)
    expect(line).not.toMatch(/0\.\d{4}/)
  })
})

describe('evalgate errors: exit code and one line on stderr', () => {
  function expectOneLineError(result: CliResult, code: number, pattern: RegExp): void {
    expect(result.code).toBe(code)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trim().split('\n')
    expect(lines, result.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(pattern)
    expect(result.stderr).not.toMatch(/\n\s+at /) // no stack
  }

  test('a missing file', async () => {
    expectOneLineError(await evalgate('evaluate', 'nope.csv', '--targets', 'y', '--predictions', 'p'), 1, /^evalgate: dataset file not found: nope\.csv/)
  })

  test('a missing column lists the columns', async () => {
    expectOneLineError(
      await evalgate('evaluate', fixture('binary-scores.csv'), '--targets', 'label', '--predictions', 'predicted'),
      1,
      /"label".*target, predicted, score, channel/,
    )
  })

  test('decimal targets with the default model type suggest --model-type regressor', async () => {
    expectOneLineError(
      await evalgate('evaluate', fixture('regression.csv'), '--targets', 'price', '--predictions', 'predicted_price'),
      1,
      /targets column "price" holds non-integer numbers \(row 1 has 10\.5\).*--model-type regressor/,
    )
  })

  test('a non-numeric regression target names the row, the file line and the value', async () => {
    expectOneLineError(
      await evalgate('evaluate', fixture('regression-bad-target.csv'), '--targets', 'price', '--predictions', 'predicted_price', '--model-type', 'regressor'),
      1,
      /targets column "price": row 2 \(file line 3\) has "n\/a", which is not a number/,
    )
  })

  test('a ragged CSV names the line', async () => {
    expectOneLineError(
      await evalgate('evaluate', fixture('ragged.csv'), '--targets', 'target', '--predictions', 'predicted'),
      1,
      /ragged\.csv: line 5 has 1 field but the header has 2/,
    )
  })

  test('usage errors exit with 2', async () => {
    expectOneLineError(await evalgate('evaluate', fixture('binary-scores.csv')), 2, /required option '--targets <column>'/)
    expectOneLineError(await evalgate(...BINARY, '--bogus'), 2, /unknown option '--bogus'/)
    expectOneLineError(await evalgate(...BINARY, '--average', 'median'), 2, /--average.*median.*weighted, macro, micro/)
    expectOneLineError(await evalgate(...BINARY, '--level', '95'), 2, /between 0 and 1/)
    expectOneLineError(await evalgate('frobnicate'), 2, /unknown command 'frobnicate'/)
    expectOneLineError(
      await evalgate('evaluate', fixture('binary-scores.csv'), '--targets', 'target'),
      2,
      /'--predictions <column>' is needed, or \(classifiers\) '--probabilities <columns>' \/ '--scores <column>'/,
    )
  })

  test('--help exits with 0', async () => {
    const { code, stdout } = await evalgate('evaluate', '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('--probabilities <columns>')
    expect(stdout).toContain('--threshold <score>')
    // The help said numeric targets default to regressor, but the CLI stops and asks for
    // --model-type regressor (adversarial pass 35): it now says what the CLI does.
    const help = stdout.replace(/\s+/g, ' ')
    expect(help).not.toContain('regressor for numeric targets')
    expect(help).toContain('default: classifier; numeric targets or predictions with non-integer values, or more than 20 distinct values, stop with an error asking for regressor')
  })
})

describe('the built executable (dist/cli/main.js) in a child process', () => {
  test('exit codes: 0 with exactly one EvalRun on stdout, 1 for bad input, 2 for a usage error, each with one line on stderr', () => {
    const ok = evalgateProcess(...BINARY, '--json')
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    expect(ok.stdout.trim().split('\n')).toHaveLength(1)
    expect((JSON.parse(ok.stdout) as EvalRun).metrics.accuracy_score).toBe(0.75)
    const bad = evalgateProcess('evaluate', 'nope.csv', '--targets', 'y', '--predictions', 'p')
    expect([bad.code, bad.stdout]).toEqual([1, ''])
    expect(bad.stderr).toMatch(/^evalgate: dataset file not found: nope\.csv[^\n]*\n$/)
    const usage = evalgateProcess(...BINARY, '--bogus')
    expect([usage.code, usage.stdout]).toEqual([2, ''])
    expect(usage.stderr).toMatch(/^error: unknown option '--bogus'[^\n]*\n$/)
    // Usage errors found after parsing, inside the bundled evaluate command, exit 2 as well.
    const noPredictions = evalgateProcess('evaluate', fixture('regression.csv'), '--targets', 'price', '--model-type', 'regressor')
    expect([noPredictions.code, noPredictions.stdout]).toEqual([2, ''])
    expect(noPredictions.stderr).toMatch(/^error: option '--predictions <column>' is needed[^\n]*\n$/)
    const zeroK = evalgateProcess('evaluate', fixture('regression.csv'), '--targets', 'price', '--predictions', 'predicted_price', '--model-type', 'retriever', '--k', '0')
    expect(zeroK.code).toBe(2)
    expect(zeroK.stderr).not.toContain('unexpected error')
  })

  // Adversarial pass 68, F6: a label with a comma or surrounding spaces could not be given.
  test('--labels takes a \\ before a comma, or a JSON array for surrounding spaces; trimming two labels into one is an error', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-labels-'))
    writeFileSync(join(dir, 'cities.csv'), 'y,p\n"Paris, TX",New York\nNew York,New York\n"Paris, TX","Paris, TX"\n')
    const comma = await evalgate('evaluate', join(dir, 'cities.csv'), '--targets', 'y', '--predictions', 'p', '--labels', 'Paris\\, TX,New York', '--json')
    expect(comma.stderr).toBe('')
    expect((JSON.parse(comma.stdout) as EvalRun).labels).toEqual(['Paris, TX', 'New York'])
    writeFileSync(join(dir, 'tea.csv'), 'y,p\n tea,tea\ntea,tea\n tea, tea\n')
    const json = await evalgate('evaluate', join(dir, 'tea.csv'), '--targets', 'y', '--predictions', 'p', '--labels', '[" tea","tea"]', '--json')
    expect(json.stderr).toBe('')
    expect((JSON.parse(json.stdout) as EvalRun).labels).toEqual([' tea', 'tea'])
    // numbers in the JSON array are labels too (adversarial pass 69)
    writeFileSync(join(dir, 'bits.csv'), 'y,p\n0,0\n1,1\n1,0\n')
    const numbers = await evalgate('evaluate', join(dir, 'bits.csv'), '--targets', 'y', '--predictions', 'p', '--labels', '[1,0]', '--json')
    expect(numbers.stderr).toBe('')
    expect((JSON.parse(numbers.stdout) as EvalRun).labels).toEqual(['1', '0'])
    const trimmed = await evalgate('evaluate', join(dir, 'tea.csv'), '--targets', 'y', '--predictions', 'p', '--labels', ' tea,tea')
    expect(trimmed.code).toBe(2)
    expect(trimmed.stderr).toContain(`" tea" and "tea" are one name once the spaces around them are trimmed; give names with surrounding spaces as a JSON array, e.g. '[" tea","tea"]'`)
  })
})
