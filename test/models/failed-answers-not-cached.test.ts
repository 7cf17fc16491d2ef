/**
 * Answers that fail to decode are never cached, and a cached answer that does not decode is
 * requested again (adversarial pass 36: after the server was fixed the re-run sent nothing and
 * failed the same way, `requests: 0, cacheHits: 200`).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { cacheEntryKey, cacheNamespace } from '../../src/models/cache/cache-key.js'
import { PredictionCache } from '../../src/models/cache/prediction-cache.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { isRowFailure } from '../../src/models/types.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
let cacheDir: string
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-failed-answers-'))
  vi.stubEnv('EVALGATE_CACHE', '')
  vi.stubEnv('CI', '')
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await server?.close()
  server = undefined
  await rm(cacheDir, { recursive: true, force: true })
})
const noProgress = (): void => {}
const rows = Array.from({ length: 6 }, (_, i) => ({ x: i }))

/** Sent x values of every request so far. */
function sentXs(): number[] {
  return server!.requests.flatMap((request) => (request.body as { dataframe_split: { data: number[][] } }).dataframe_split.data.map((row) => row[0]))
}

describe('failed answers are not cached', () => {
  test('a re-run after the server is fixed requests exactly the rows that failed', async () => {
    let broken = true
    server = await startLoopbackServer(({ body }) => {
      const xs = (body as { dataframe_split: { data: number[][] } }).dataframe_split.data.map((row) => row[0])
      return { body: { predictions: xs.map((x) => (broken && (x === 1 || x === 4) ? null : x % 2 === 0 ? 'even' : 'odd')) } }
    })
    const options = { inputColumns: ['x'], cacheDir, cache: true, onError: 'skip' as const }
    const first = mlflowModel(server.url, options)
    const firstPredictions = await first.predict(rows, noProgress)
    expect(firstPredictions.map(isRowFailure)).toEqual([false, true, false, false, true, false])

    broken = false
    const before = server.requests.length
    const second = mlflowModel(server.url, options)
    const secondPredictions = await second.predict(rows, noProgress)
    expect(secondPredictions).toEqual(['even', 'odd', 'even', 'odd', 'even', 'odd'])
    expect(sentXs().slice(sentXs().length - 2)).toEqual([1, 4])
    expect(server.requests.length - before).toBe(1)
    expect(second.stats()).toMatchObject({ cacheHits: 4, cacheMisses: 2, failedRows: 0 })

    // And now every answer is cached.
    const third = mlflowModel(server.url, options)
    await third.predict(rows, noProgress)
    expect(third.stats()).toMatchObject({ cacheHits: 6, cacheMisses: 0, requests: 0 })
  })

  test('a failed answer cached by an older evalgate is requested again, never reported from the cache; the fresh answer then wins', async () => {
    server = await startLoopbackServer(() => ({ body: { predictions: ['fine'] } }))
    const options = { inputColumns: ['x'], cacheDir, cache: true }
    // The entry an older version cached for the row { x: 0 } when the server answered null.
    const endpoint = `${server.url}/invocations`
    const namespace = cacheNamespace({ adapter: 'mlflow', endpoint, request: { params: null } })
    const store = new PredictionCache({ dir: cacheDir, adapter: 'mlflow', namespace, description: {} })
    await store.load()
    await store.put(cacheEntryKey(namespace, { x: 0 }), null)
    await store.flush()
    await new Promise((resolve) => setTimeout(resolve, 5)) // a later segment name

    const rerun = mlflowModel(server.url, options)
    expect(await rerun.predict([{ x: 0 }], noProgress)).toEqual(['fine'])
    expect(rerun.stats()).toMatchObject({ cacheHits: 0, cacheMisses: 1, requests: 1 })

    const third = mlflowModel(server.url, options)
    expect(await third.predict([{ x: 0 }], noProgress)).toEqual(['fine'])
    expect(third.stats()).toMatchObject({ cacheHits: 1, cacheMisses: 0, requests: 0 })
  })

  test('openai-chat: a reply parse rejects is not cached', async () => {
    let reply = 'maybe'
    server = await startLoopbackServer(() => ({ body: { choices: [{ message: { role: 'assistant', content: reply } }] } }))
    const options = {
      baseURL: `${server.url}/v1`,
      model: 'm',
      prompt: (row: { x: number }) => `x=${row.x}`,
      parse: (text: string) => {
        if (text !== 'yes' && text !== 'no') throw new Error(`not yes/no: ${text}`)
        return text
      },
      cacheDir,
      cache: true,
      onError: 'skip' as const,
    }
    const first = openAIChatModel(options)
    expect((await first.predict([{ x: 1 }], noProgress)).every(isRowFailure)).toBe(true)
    reply = 'yes'
    const second = openAIChatModel(options)
    expect(await second.predict([{ x: 1 }], noProgress)).toEqual(['yes'])
    expect(second.stats()).toMatchObject({ cacheHits: 0, requests: 1 })
  })
})
