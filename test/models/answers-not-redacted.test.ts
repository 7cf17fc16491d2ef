/**
 * Redaction is for messages, never for data: answers that look like credentials to a text
 * scrubber ("Basic plan", a field named "token") reach the metrics and the cache unchanged.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
let cacheDir: string
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-answers-test-'))
  vi.stubEnv('EVALGATE_CACHE', '')
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await server?.close()
  server = undefined
  await rm(cacheDir, { recursive: true, force: true })
})

async function cacheText(): Promise<string> {
  let text = ''
  for (const entry of await readdir(cacheDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) text += await readFile(path.join(entry.parentPath, entry.name), 'utf8')
  }
  return text
}

const PLANS = ['Basic plan', 'Premium plan', 'Bearer bonds account', 'Token economy tier']

test('labels "Basic plan" / "Premium plan" keep their words: accuracy 1.0, fresh and from the cache', async () => {
  server = await startLoopbackServer(({ body }) => {
    const data = (body as { dataframe_split: { data: unknown[][] } }).dataframe_split.data
    return { body: { predictions: data.map((row) => PLANS[Number(row[0])]) } }
  })
  const data = Array.from({ length: 40 }, (_, i) => ({ plan: i % 4, label: PLANS[i % 4] }))
  const model = () => mlflowModel(server!.url, { inputColumns: ['plan'], headers: { 'x-api-key': 'sk-header-value-123456' }, cacheDir, cache: true })

  const fresh = await evaluate({ model: model(), data, targets: 'label', modelType: 'classifier', intervals: false })
  expect(fresh.metrics.accuracy_score).toBe(1)
  expect(fresh.labels).toEqual([...PLANS].sort())
  expect(await cacheText()).toContain('"Basic plan"')
  expect(await cacheText()).not.toContain('[redacted]')

  const cached = await evaluate({ model: model(), data, targets: 'label', modelType: 'classifier', intervals: false })
  expect(cached.model.cache).toEqual({ hits: 40, misses: 0 })
  expect(cached.metrics.accuracy_score).toBe(1)
})

test('a record answer with a field named "token" or "password" is read as sent', async () => {
  server = await startLoopbackServer(() => ({ body: { predictions: [{ label: 'pos', token: 'abc', password: 'strong' }] } }))
  const answers = await mlflowModel(server.url, { inputColumns: ['x'], labelField: 'token', cache: false }).predict([{ x: 1 }], () => {})
  expect(answers).toEqual(['abc'])
})
