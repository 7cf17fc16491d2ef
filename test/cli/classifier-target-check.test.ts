/**
 * `evalgate evaluate` without `--model-type` reads the predictions as well as the targets: a
 * regressor's outputs over whole-number targets stop with an error asking for `--model-type
 * regressor`, not a run of hundreds of one-example classes; `--probabilities` (the classes
 * declared) lets more than 20 numeric classes through.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { bufferedCli as cli } from './buffered-cli.js'
import type { EvalRun } from '../../src/run/types.js'
import { tempFolder } from '../data/temp-files.js'

const folder = tempFolder('classifier-target-check')
afterAll(() => folder.remove())


/** Ratings 1-5 and a regressor's predictions of them: rating + a fixed offset in (-1, 1), to 2 places. */
function ratingsCsv(rows: number): string {
  const lines = ['id,rating,pred']
  for (let i = 0; i < rows; i++) {
    const rating = 1 + (i % 5)
    const offset = (((i * 37) % 161) - 80) / 100
    lines.push(`${i},${rating},${(rating + offset).toFixed(2)}`)
  }
  return `${lines.join('\n')}\n`
}

describe('evalgate evaluate: a regressor over whole-number targets', () => {
  test('decimal predictions without --model-type: one error naming the predictions column and --model-type regressor', async () => {
    const file = folder.write('ratings.csv', ratingsCsv(300))
    const result = await cli('evaluate', file, '--targets', 'rating', '--predictions', 'pred')
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'evalgate: predictions column "pred" holds non-integer numbers (row 1 has 0.2), which cannot be classifier labels: it looks like a regressor\'s output; the model type defaults to classifier: pass --model-type regressor\n',
    )
    const regressor = await cli('evaluate', file, '--targets', 'rating', '--predictions', 'pred', '--model-type', 'regressor', '--json')
    expect(regressor.code).toBe(0)
    expect(regressor.stderr).toBe('')
    expect((JSON.parse(regressor.stdout) as EvalRun).modelType).toBe('regressor')
  })

  test('probabilities over 0/1 targets passed as --predictions: the error offers --scores first, then --model-type regressor', async () => {
    const lines = ['y,score', ...Array.from({ length: 40 }, (_, i) => `${i % 2},${((i * 7) % 10) / 10 + 0.05}`)]
    const file = folder.write('binary-scores.csv', `${lines.join('\n')}\n`)
    const result = await cli('evaluate', file, '--targets', 'y', '--predictions', 'score')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'evalgate: predictions column "score" holds non-integer numbers (row 1 has 0.05), which cannot be classifier labels: if they are the positive class\'s probabilities, pass the column as --scores score (predicted positive at --threshold, 0.5 by default); if they are a regressor\'s outputs, pass --model-type regressor\n',
    )
    expect((await cli('evaluate', file, '--targets', 'y', '--scores', 'score')).code).toBe(0)
  })

  test('whole-number predictions that make more than 20 classes with the targets: an error; --model-type classifier accepts them', async () => {
    // Targets 1-5; predictions 1-25 (rounded outputs that wander far outside the targets' range).
    const lines = ['y,p', ...Array.from({ length: 50 }, (_, i) => `${1 + (i % 5)},${1 + (i % 25)}`)]
    const file = folder.write('wide-predictions.csv', `${lines.join('\n')}\n`)
    const result = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'evalgate: predictions column "p" holds 20 distinct numbers that targets column "y" never holds: with the targets\' 5 that is 25 classes, which is more likely a regressor\'s output; pass --model-type regressor, or --model-type classifier (or --labels) if they are class labels\n',
    )
    const classifier = await cli('evaluate', file, '--targets', 'y', '--predictions', 'p', '--model-type', 'classifier', '--json')
    expect(classifier.code).toBe(0)
    expect((JSON.parse(classifier.stdout) as EvalRun).labels).toHaveLength(25)
  })

  test('25 --probabilities columns declare 25 classes: no "more than 20 numbers" error', async () => {
    const k = 25
    const header = ['y', ...Array.from({ length: k }, (_, c) => `p${c}`)]
    const rows = Array.from({ length: 2 * k }, (_, i) => {
      const label = i % k
      return [label, ...Array.from({ length: k }, (_, c) => (c === label ? 0.52 : 0.02))].join(',')
    })
    const file = folder.write('probabilities.csv', `${[header.join(','), ...rows].join('\n')}\n`)
    const result = await cli('evaluate', file, '--targets', 'y', '--probabilities', header.slice(1).join(','), '--json')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const run = JSON.parse(result.stdout) as EvalRun
    expect(run.labels).toHaveLength(k)
    expect(run.metrics.accuracy_score).toBe(1)
  })
})
