import { afterEach, describe, expect, test } from 'vitest'
import { ModelError } from '../../src/errors.js'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { RowFailure, isRowFailure } from '../../src/models/types.js'
import {
  kserveHandler,
  makeRows,
  mlflowHandler,
  openAIHandler,
  recordingSleep,
  startLoopbackServer,
  type LoopbackServer,
} from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const noProgress = (): void => {}
const unavailable = (headers?: Record<string, string>) =>
  ({ kind: 'status', status: 503, body: '{"message":"model is loading"}', headers }) as const

describe('retries', () => {
  test('503 with Retry-After in seconds: waits what the server asked, then recovers', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push(unavailable({ 'retry-after': '2' }), unavailable({ 'retry-after': '1' }))
    const { sleep, delays } = recordingSleep()
    const model = mlflowModel(server.url, { inputColumns: ['x'], sleep, cache: false })
    const rows = makeRows(3)
    expect(await model.predict(rows, noProgress)).toEqual(rows.map((r) => r.truth))
    expect(delays).toEqual([2000, 1000])
    expect(server.requests).toHaveLength(3)
    expect(model.stats()).toMatchObject({ requests: 3, retries: 2, failedRows: 0 })
  })

  test('Retry-After as an HTTP date is honoured (a date in the past means retry now)', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push({ kind: 'status', status: 429, body: 'slow down', headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } })
    const { sleep, delays } = recordingSleep()
    await mlflowModel(server.url, { inputColumns: ['x'], sleep, cache: false }).predict(makeRows(1), noProgress)
    expect(delays).toEqual([0])
  })

  test('without Retry-After: exponential backoff with full jitter, capped', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    for (let i = 0; i < 4; i++) server.faults.push({ kind: 'status', status: 502, body: 'bad gateway' })
    const { sleep, delays } = recordingSleep()
    const model = mlflowModel(server.url, {
      inputColumns: ['x'],
      retries: 4,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 500,
      sleep,
      random: () => 0.5,
      cache: false,
    })
    await model.predict(makeRows(1), noProgress)
    expect(delays).toEqual([50, 100, 200, 250]) // 0.5 x min(500, 100·2^n)
  })

  test('a dropped connection is a network error and is retried', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push({ kind: 'destroy' })
    const { sleep } = recordingSleep()
    const model = mlflowModel(server.url, { inputColumns: ['x'], sleep, cache: false })
    expect(await model.predict([{ x: 0.9 }], noProgress)).toEqual(['pos'])
    expect(model.stats().retries).toBe(1)
  })

  test('still failing after the retries: ModelError with the status, the body message and the attempts', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    for (let i = 0; i < 3; i++) server.faults.push(unavailable())
    const { sleep } = recordingSleep()
    const error = await mlflowModel(server.url, { inputColumns: ['x'], retries: 2, sleep, cache: false })
      .predict(makeRows(2), noProgress)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as ModelError).code).toBe('MODEL_ROWS_FAILED')
    expect((error as Error).message).toContain('rows 1-2 (2 rows) failed')
    expect((error as Error).message).toContain('HTTP 503 Service Unavailable: model is loading after 3 attempts')
    expect(server.requests).toHaveLength(3)
  })
})

describe('timeouts', () => {
  test('a hanging response is aborted after timeoutMs and retried', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push({ kind: 'hang' })
    const { sleep } = recordingSleep()
    // 1.5 s: long enough that the retried (answered) request never times out on a loaded machine (200 ms did, load 15)
    const model = mlflowModel(server.url, { inputColumns: ['x'], timeoutMs: 1500, sleep, cache: false })
    expect(await model.predict([{ x: 0.1 }], noProgress)).toEqual(['neg'])
    expect(model.stats()).toMatchObject({ requests: 2, retries: 1 })
  })

  test('a server that always hangs fails with the timeout named', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push({ kind: 'hang' }, { kind: 'hang' })
    const { sleep } = recordingSleep()
    const model = mlflowModel(server.url, { inputColumns: ['x'], timeoutMs: 150, retries: 1, sleep, cache: false })
    await expect(model.predict([{ x: 0.1 }], noProgress)).rejects.toThrow(/no response within 150 ms \(timeoutMs\) after 2 attempts/)
    expect(server.requests).toHaveLength(2)
  })
})

describe('responses that are not retried', () => {
  test('malformed JSON fails at once with a clear message', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push({ kind: 'malformed' })
    const error = await mlflowModel(server.url, { inputColumns: ['x'], cache: false })
      .predict([{ x: 0.1 }], noProgress)
      .catch((e: unknown) => e)
    expect((error as Error).message).toContain('response 200 is not JSON (starts with "{"predictions": [1, 2,")')
    expect(server.requests).toHaveLength(1)
  })

  test('a 400 carries the body message (MLflow error_code + message) and is not retried', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const error = await mlflowModel(server.url, { inputColumns: ['text'], cache: false })
      .predict([{ text: 'hello' }], noProgress)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as Error).message).toContain('HTTP 400 Bad Request: BAD_REQUEST: column x is missing; got text')
    expect((error as Error).message).toContain('Fix: fix the request the server rejected')
    expect(server.requests).toHaveLength(1)
  })
})

describe('onError', () => {
  test("'skip' returns a RowFailure per row of the failed batch and counts them", async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const rows = makeRows(10)
    // concurrency 1 so the 400 hits the second batch (rows 4-7)
    server.faults.push({ kind: 'status', status: 200, body: JSON.stringify({ predictions: rows.slice(0, 4).map((r) => r.truth) }) })
    server.faults.push({ kind: 'status', status: 400, body: '{"message":"row 5 is bad"}' })
    const model = mlflowModel(server.url, { inputColumns: ['x'], batchSize: 4, concurrency: 1, onError: 'skip', cache: false })
    const progress: Array<[number, number]> = []
    const predictions = await model.predict(rows, (d, f) => progress.push([d, f]))
    expect(predictions.map((p) => (isRowFailure(p) ? 'FAILED' : p))).toEqual([
      ...rows.slice(0, 4).map((r) => r.truth),
      'FAILED',
      'FAILED',
      'FAILED',
      'FAILED',
      ...rows.slice(8).map((r) => r.truth),
    ])
    expect((predictions[5] as RowFailure).row).toBe(5)
    expect((predictions[5] as RowFailure).message).toContain('row 5 is bad')
    expect(model.stats().failedRows).toBe(4)
    expect(progress).toEqual([
      [4, 0],
      [8, 4],
      [10, 4],
    ])
  })

  test("'fail' throws naming the rows and stops sending further requests", async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    server.faults.push({ kind: 'status', status: 400, body: '{"message":"nope"}' })
    const model = mlflowModel(server.url, { inputColumns: ['x'], batchSize: 5, concurrency: 1, cache: false })
    const error = await model.predict(makeRows(20), noProgress).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/rows 1-5 \(5 rows\) failed \(requests for the remaining rows were not sent\)/)
    expect((error as Error).message).toContain("onError: 'skip'")
    expect(server.requests).toHaveLength(1)
  })
})

describe('the same retry policy in every adapter', () => {
  test('kserveModel recovers from a 503 with Retry-After', async () => {
    server = await startLoopbackServer(kserveHandler('m'))
    server.faults.push(unavailable({ 'retry-after': '3' }))
    const { sleep, delays } = recordingSleep()
    const model = kserveModel(server.url, 'm', { inputColumns: ['x'], output: 'label', sleep, cache: false })
    expect(await model.predict([{ x: 0.7 }], noProgress)).toEqual(['pos'])
    expect(delays).toEqual([3000])
    expect(model.stats()).toMatchObject({ requests: 2, retries: 1 })
  })

  test("openAIChatModel recovers from a 429 with OpenAI's error body and retry-after-ms", async () => {
    server = await startLoopbackServer(openAIHandler())
    server.faults.push({
      kind: 'status',
      status: 429,
      body: '{"error":{"message":"Rate limit reached","type":"requests"}}',
      headers: { 'retry-after-ms': '250', 'retry-after': '1' },
    })
    const { sleep, delays } = recordingSleep()
    const model = openAIChatModel<{ x: number }>({
      baseURL: `${server.url}/v1`,
      model: 'm',
      prompt: (row) => `x=${row.x}`,
      parse: (t) => t,
      sleep,
      cache: false,
    })
    expect(await model.predict([{ x: 0.1 }], noProgress)).toEqual(['Negative.'])
    expect(delays).toEqual([250])
  })

  test('openAIChatModel: a 401 is not retried and shows the error message', async () => {
    server = await startLoopbackServer(openAIHandler())
    server.faults.push({ kind: 'status', status: 401, body: '{"error":{"message":"Incorrect API key provided"}}' })
    const model = openAIChatModel({ baseURL: `${server.url}/v1`, model: 'm', prompt: () => 'x=1', parse: (t) => t, cache: false })
    await expect(model.predict([{}], noProgress)).rejects.toThrow(/HTTP 401 Unauthorized: Incorrect API key provided/)
    expect(server.requests).toHaveLength(1)
  })
})
