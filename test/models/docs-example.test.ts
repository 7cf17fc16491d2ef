/**
 * Runs the MLflow example of docs/served-models.md (the same mlflowModel options and evaluate()
 * call) against a stand-in MLflow scoring server on loopback, so the documented code is true.
 * The stand-in "model" knows the feedback file's answers and gets every 10th row wrong.
 */
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { evaluate } from '../../src/evaluate/index.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

// The documented test runs under the evalgate setup file; here the matchers are registered directly.
expect.extend(evalgateMatchers)

const LABELS = ['negative', 'neutral', 'positive']
let server: LoopbackServer
let wrongRows = 0

beforeAll(async () => {
  const records = parse(await readFile('examples/sentiment/feedback.csv', 'utf8'), { columns: true }) as Array<Record<string, string>>
  const answers = new Map<string, string>()
  records.forEach((record, i) => {
    const truth = record.true_sentiment
    const wrong = i % 10 === 0 && !answers.has(record.text)
    if (wrong) wrongRows++
    if (!answers.has(record.text)) answers.set(record.text, wrong ? LABELS[(LABELS.indexOf(truth) + 1) % 3] : truth)
  })
  server = await startLoopbackServer(({ body }) => {
    const split = (body as { dataframe_split: { columns: string[]; data: string[][] } }).dataframe_split
    if (split.columns.join(',') !== 'text') return { status: 400, body: { error_code: 'BAD_REQUEST', message: `unexpected columns ${split.columns.join(',')}` } }
    return {
      body: {
        predictions: split.data.map(([text]) => {
          const label = answers.get(text) ?? 'neutral'
          return { label, probabilities: LABELS.map((l) => (l === label ? 0.8 : 0.1)) }
        }),
      },
    }
  })
  vi.stubEnv('MLFLOW_URL', server.url)
  vi.stubEnv('EVALGATE_CACHE', 'off')
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await server.close()
})

test('the documented MLflow example evaluates a served model', async () => {
  // ---- as in docs/served-models.md ----
  const model = mlflowModel(process.env.MLFLOW_URL ?? 'http://127.0.0.1:5000', {
    inputColumns: ['text'],
    labels: ['negative', 'neutral', 'positive'],
    modelVersion: 'models:/sentiment/3',
    batchSize: 64,
    concurrency: 4,
    onError: 'skip',
  })
  const data = await loadDataset('examples/sentiment/feedback.csv')
  const run = await evaluate({
    model,
    data,
    targets: 'true_sentiment',
    modelType: 'classifier',
    slices: ['category'],
  })
  expect(run).toHaveMetric('error_rate', 0.01) // served models always report error_count / error_rate
  // ---- end ----
  expect(run.exampleCount).toBe(data.rowCount)
  expect(wrongRows).toBeGreaterThan(0)
  expect(run.metrics.accuracy_score).toBeCloseTo(1 - wrongRows / data.rowCount, 12)
  expect(run.metrics.accuracy_score).toBeGreaterThanOrEqual(0.8)
  expect(run.hasProbabilities).toBe(true)
  expect(run.model.description).toMatchObject({ adapter: 'mlflow', modelVersion: 'models:/sentiment/3', batchSize: 64 })
})
