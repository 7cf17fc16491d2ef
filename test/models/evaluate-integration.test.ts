/**
 * Served models through evaluate(): the metrics come out right, failures become error_count /
 * error_rate, cache counters reach run.model, and describe() is what the run stores.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { deterministicLabel, kserveHandler, mlflowHandler, openAIHandler, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
let cacheDir: string
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-evaluate-test-'))
  vi.stubEnv('EVALGATE_CACHE', '')
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await server?.close()
  server = undefined
  await rm(cacheDir, { recursive: true, force: true })
})

/** 50 rows; the truth disagrees with the deterministic model on every 5th row: accuracy 0.8. */
function labelledRows(): Array<{ x: number; label: string }> {
  return Array.from({ length: 50 }, (_, i) => {
    const x = ((i * 37) % 100) / 100 + 0.001
    const predicted = deterministicLabel(x)
    return { x, label: i % 5 === 0 ? (predicted === 'pos' ? 'neg' : 'pos') : predicted }
  })
}

describe('evaluate() with served models', () => {
  test('mlflowModel: accuracy, and the run stores the description and cache counters', async () => {
    server = await startLoopbackServer(mlflowHandler('records'))
    const data = labelledRows()
    const options = { inputColumns: ['x'], labels: ['neg', 'pos'], batchSize: 8, cacheDir, cache: true, modelVersion: 'run-42' }
    const run = await evaluate({ model: mlflowModel(server.url, options), data, targets: 'label', modelType: 'classifier', intervals: false })
    expect(run.metrics.accuracy_score).toBeCloseTo(0.8, 12)
    expect(run.hasProbabilities).toBe(true)
    expect(run.model).toMatchObject({
      kind: 'adapter',
      name: `mlflow ${server.url}/invocations`,
      description: { adapter: 'mlflow', endpoint: `${server.url}/invocations`, modelVersion: 'run-42' },
      cache: { hits: 0, misses: 50 },
    })
    expect(server.requests).toHaveLength(7)

    const again = await evaluate({ model: mlflowModel(server.url, options), data, targets: 'label', modelType: 'classifier', intervals: false })
    expect(server.requests).toHaveLength(7) // the second run called nothing
    expect(again.model.cache).toEqual({ hits: 50, misses: 0 })
    expect(again.metrics).toEqual(run.metrics)
  })

  test("onError 'skip': failed rows become error_count and error_rate, the rest is evaluated", async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push({ kind: 'status', status: 400, body: '{"message":"bad batch"}' })
    const model = mlflowModel(server.url, { inputColumns: ['x'], batchSize: 10, concurrency: 1, onError: 'skip', cache: false })
    const data = labelledRows()
    const run = await evaluate({ model, data, targets: 'label', modelType: 'classifier', intervals: false })
    expect(run.metrics.error_count).toBe(10)
    expect(run.metrics.error_rate).toBeCloseTo(0.2, 12)
    expect(run.exampleCount).toBe(40)
    // rows 10-49: every 5th of them (8 rows) disagrees
    expect(run.metrics.accuracy_score).toBeCloseTo(32 / 40, 12)
    expect(run.model.errorCount).toBe(10)
  })

  test('kserveModel: probabilities reach roc_auc', async () => {
    server = await startLoopbackServer(kserveHandler('clf'))
    const model = kserveModel(server.url, 'clf', {
      inputColumns: ['x'],
      output: 'label',
      probabilityOutput: 'probabilities',
      labels: ['neg', 'pos'],
      cache: false,
    })
    const data = [
      { x: 0.9, label: 'pos' },
      { x: 0.7, label: 'neg' },
      { x: 0.6, label: 'pos' },
      { x: 0.2, label: 'neg' },
      { x: 0.1, label: 'pos' },
    ]
    const run = await evaluate({ model, data, targets: 'label', modelType: 'classifier', intervals: false })
    // scores of pos: 0.9, 0.6, 0.1; of neg: 0.7, 0.2 -> pairs won: (0.9>0.7, 0.9>0.2, 0.6>0.2) = 3 of 6
    expect(run.metrics.roc_auc).toBeCloseTo(0.5, 12)
    expect(run.metrics.accuracy_score).toBeCloseTo(0.6, 12)
  })

  test('openAIChatModel: an LLM as classifier', async () => {
    server = await startLoopbackServer(openAIHandler())
    const model = openAIChatModel<{ x: number; label: string }>({
      baseURL: `${server.url}/v1`,
      model: 'tiny',
      apiKey: 'sk-never-printed-123',
      prompt: (row) => `x=${row.x}`,
      parse: (text) => (text.startsWith('Positive') ? 'pos' : 'neg'),
      concurrency: 5,
      cache: false,
    })
    const run = await evaluate({ model, data: labelledRows(), targets: 'label', modelType: 'classifier', intervals: false })
    expect(run.metrics.accuracy_score).toBeCloseTo(0.8, 12)
    expect(server.requests).toHaveLength(50)
    expect(JSON.stringify(run)).not.toContain('sk-never-printed-123')
  })

  test('requests tried again (a rate limit) are said in the run notes, with the fix; an exhausted 429 names it (adversarial pass 60)', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    for (let i = 0; i < 3; i++) server.faults.push({ kind: 'status', status: 429, body: 'slow down', headers: { 'retry-after': '0' } })
    const data = labelledRows().slice(0, 10)
    const model = mlflowModel(server.url, { inputColumns: ['x'], batchSize: 5, cache: false, sleep: () => Promise.resolve() })
    const run = await evaluate({ model, data, targets: 'label', modelType: 'classifier', intervals: false })
    expect(run.notes).toContain(`3 of 5 requests to mlflow ${server.url}/invocations were attempts again after one failed (HTTP 429 rate limit, a server error or a timeout; \`retries\`): a server that limits the request rate takes fewer of them at a lower \`concurrency\``)
    const quiet = await evaluate({ model: mlflowModel(server.url, { inputColumns: ['x'], batchSize: 5, cache: false }), data, targets: 'label', modelType: 'classifier', intervals: false })
    expect(quiet.notes.join('\n')).not.toContain('attempts again')
    for (let i = 0; i < 4; i++) server.faults.push({ kind: 'status', status: 429, body: 'slow down', headers: { 'retry-after': '0' } })
    const limited = mlflowModel(server.url, { inputColumns: ['x'], batchSize: 10, retries: 3, cache: false, sleep: () => Promise.resolve() })
    await expect(evaluate({ model: limited, data, targets: 'label', modelType: 'classifier', intervals: false })).rejects.toThrow('the server limits the request rate: lower `concurrency` (requests in flight) or `batchSize`')
  })
})
