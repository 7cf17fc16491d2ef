import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { FLUSH_AFTER_MS, PredictionCache } from '../../src/models/cache/prediction-cache.js'
import { resolveCacheSettings } from '../../src/models/cache/cache-settings.js'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { kserveHandler, makeRows, mlflowHandler, openAIHandler, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
let cacheDir: string
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-cache-test-'))
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

async function segmentFiles(): Promise<string[]> {
  const files: string[] = []
  for (const folder of await readdir(cacheDir)) {
    for (const name of await readdir(path.join(cacheDir, folder))) files.push(path.join(cacheDir, folder, name))
  }
  return files.sort()
}

describe('prediction cache through the adapters', () => {
  test('a second run of an unchanged model calls nothing; a new modelVersion calls again', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const rows = makeRows(30)
    const options = { inputColumns: ['x'], batchSize: 10, cacheDir, cache: true, modelVersion: '1' }
    const first = mlflowModel(server.url, options)
    const firstPredictions = await first.predict(rows, noProgress)
    expect(server.requests).toHaveLength(3)
    expect(first.stats()).toMatchObject({ cacheHits: 0, cacheMisses: 30, requests: 3 })

    const second = mlflowModel(server.url, options)
    expect(await second.predict(rows, noProgress)).toEqual(firstPredictions)
    expect(server.requests).toHaveLength(3) // nothing new reached the server
    expect(second.stats()).toMatchObject({ cacheHits: 30, cacheMisses: 0, requests: 0 })

    const newVersion = mlflowModel(server.url, { ...options, modelVersion: '2' })
    await newVersion.predict(rows, noProgress)
    expect(server.requests).toHaveLength(6)
    expect(newVersion.stats()).toMatchObject({ cacheHits: 0, cacheMisses: 30 })
  })

  test('per-row entries: after a partial run only the missing rows are requested, with any batch size', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const rows = makeRows(20)
    await mlflowModel(server.url, { inputColumns: ['x'], cacheDir, cache: true }).predict(rows.slice(0, 12), noProgress)
    expect(server.requests).toHaveLength(1)
    const model = mlflowModel(server.url, { inputColumns: ['x'], batchSize: 3, cacheDir, cache: true })
    expect(await model.predict(rows, noProgress)).toEqual(rows.map((r) => r.truth))
    expect(model.stats()).toMatchObject({ cacheHits: 12, cacheMisses: 8, requests: 3 })
    const sent = server.requests.slice(1).flatMap((r) => (r.body as { dataframe_split: { data: number[][] } }).dataframe_split.data.map((d) => d[0]))
    expect(sent).toEqual(rows.slice(12).map((r) => r.x))
  })

  test('changing an input, the endpoint or the request params misses; concurrency and batch size do not', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const base = { inputColumns: ['x'], cacheDir, cache: true }
    await mlflowModel(server.url, base).predict([{ x: 0.1 }], noProgress)
    const same = mlflowModel(server.url, { ...base, concurrency: 7, batchSize: 3, timeoutMs: 999 })
    await same.predict([{ x: 0.1 }], noProgress)
    expect(same.stats().cacheHits).toBe(1)
    const changedInput = mlflowModel(server.url, base)
    await changedInput.predict([{ x: 0.2 }], noProgress)
    expect(changedInput.stats().cacheMisses).toBe(1)
    const changedParams = mlflowModel(server.url, { ...base, params: { threshold: 0.3 } })
    await changedParams.predict([{ x: 0.1 }], noProgress)
    expect(changedParams.stats().cacheMisses).toBe(1)
    const changedEndpoint = mlflowModel(server.url.replace('127.0.0.1', 'localhost'), base)
    await changedEndpoint.predict([{ x: 0.1 }], noProgress)
    expect(changedEndpoint.stats().cacheMisses).toBe(1)
  })

  test('a corrupt entry is detected, counted, refetched and overwritten, never used', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const rows = makeRows(4)
    const options = { inputColumns: ['x'], cacheDir, cache: true }
    await mlflowModel(server.url, options).predict(rows, noProgress)
    const [file] = await segmentFiles()
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
    expect(lines).toHaveLength(5) // header + 4 entries
    // Tamper with row 2's answer (checksum no longer matches) and truncate row 3's line.
    const tampered = JSON.parse(lines[3]) as { a: string }
    expect(tampered.a).toBe(rows[2].truth)
    tampered.a = rows[2].truth === 'pos' ? 'neg' : 'pos'
    lines[3] = JSON.stringify(tampered)
    lines[4] = lines[4].slice(0, 20)
    await writeFile(file, lines.join('\n') + '\n')

    const model = mlflowModel(server.url, options)
    expect(await model.predict(rows, noProgress)).toEqual(rows.map((r) => r.truth))
    expect(model.stats()).toMatchObject({ cacheHits: 2, cacheMisses: 2, cacheCorrupt: 2, requests: 1 })
    expect((server.requests[1].body as { dataframe_split: { data: number[][] } }).dataframe_split.data).toEqual([[rows[2].x], [rows[3].x]])

    const third = mlflowModel(server.url, options)
    await third.predict(rows, noProgress)
    expect(third.stats()).toMatchObject({ cacheHits: 4, cacheCorrupt: 0, requests: 0 })
  })

  test('EVALGATE_CACHE=off bypasses the cache even with cache: true', async () => {
    vi.stubEnv('EVALGATE_CACHE', 'off')
    server = await startLoopbackServer(mlflowHandler('labels'))
    const options = { inputColumns: ['x'], cacheDir, cache: true }
    await mlflowModel(server.url, options).predict([{ x: 0.1 }], noProgress)
    await mlflowModel(server.url, options).predict([{ x: 0.1 }], noProgress)
    expect(server.requests).toHaveLength(2)
    expect(await readdir(cacheDir)).toEqual([])
  })

  test('kserve and openai-chat cache too; openai caches the reply text so parse can change freely', async () => {
    server = await startLoopbackServer(async (request) =>
      request.url.startsWith('/v2/') ? kserveHandler('m')(request) : openAIHandler()(request),
    )
    const k = () => kserveModel(server!.url, 'm', { inputColumns: ['x'], output: 'label', cacheDir, cache: true })
    await k().predict([{ x: 0.9 }], noProgress)
    const kAgain = k()
    expect(await kAgain.predict([{ x: 0.9 }], noProgress)).toEqual(['pos'])
    expect(kAgain.stats().cacheHits).toBe(1)

    const chat = (parse: (t: string) => string, temperature = 0) =>
      openAIChatModel<{ x: number }>({ baseURL: `${server!.url}/v1`, model: 'm', prompt: (r) => `x=${r.x}`, parse, temperature, cacheDir, cache: true })
    await chat((t) => t).predict([{ x: 0.9 }], noProgress)
    const reparsed = chat((t) => t.toUpperCase())
    expect(await reparsed.predict([{ x: 0.9 }], noProgress)).toEqual(['POSITIVE.'])
    expect(reparsed.stats()).toMatchObject({ cacheHits: 1, requests: 0 })
    const hotter = chat((t) => t, 0.7)
    await hotter.predict([{ x: 0.9 }], noProgress)
    expect(hotter.stats()).toMatchObject({ cacheMisses: 1, requests: 1 })
    expect(server.requests).toHaveLength(3)
  })
})

describe('PredictionCache', () => {
  test('groups entries into segment files of segmentSize, not one file per row', async () => {
    const cache = new PredictionCache({ dir: cacheDir, adapter: 'test', namespace: 'a'.repeat(64), description: {}, segmentSize: 100 })
    await cache.load()
    for (let i = 0; i < 250; i++) await cache.put(`key${i}`, { i })
    await cache.flush()
    expect(await segmentFiles()).toHaveLength(3)
    const reread = new PredictionCache({ dir: cacheDir, adapter: 'test', namespace: 'a'.repeat(64), description: {} })
    await reread.load()
    expect(reread.get('key249')).toEqual({ answer: { i: 249 } })
    expect(reread.get('nope')).toBeUndefined()
    expect(reread.corruptEntries).toBe(0)
  })

  test('answers pending for FLUSH_AFTER_MS are written without a full segment or a flush: an interrupted run keeps them (adversarial pass 33)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const cache = new PredictionCache({ dir: cacheDir, adapter: 'test', namespace: 'b'.repeat(64), description: {} })
      await cache.load()
      for (let i = 0; i < 5; i++) await cache.put(`key${i}`, { i })
      expect(await segmentFiles()).toHaveLength(0)
      vi.advanceTimersByTime(FLUSH_AFTER_MS)
      await cache.put('key5', { i: 5 })
      // no flush(): the run was killed here
      const reread = new PredictionCache({ dir: cacheDir, adapter: 'test', namespace: 'b'.repeat(64), description: {} })
      await reread.load()
      expect(reread.get('key5')).toEqual({ answer: { i: 5 } })
      expect(reread.get('key0')).toEqual({ answer: { i: 0 } })
    } finally {
      vi.useRealTimers()
    }
  })

  test('an unreadable segment counts as corrupt and is removed', async () => {
    const cache = new PredictionCache({ dir: cacheDir, adapter: 'test', namespace: 'b'.repeat(64), description: {} })
    const folder = cache.folder
    await cache.put('k', 1)
    await cache.flush()
    const [segment] = (await readdir(folder)).map((name) => path.join(folder, name))
    await writeFile(segment, '\u0000\u0001garbage')
    const reread = new PredictionCache({ dir: cacheDir, adapter: 'test', namespace: 'b'.repeat(64), description: {} })
    await reread.load()
    expect(reread.get('k')).toBeUndefined()
    expect(reread.corruptEntries).toBe(1)
    expect(await readdir(folder)).toEqual([])
  })
})

describe('resolveCacheSettings', () => {
  test('on locally, off in CI unless cache: true, always off with EVALGATE_CACHE=off', () => {
    expect(resolveCacheSettings({}, {}, '/p', false)).toMatchObject({ enabled: true, dir: '/p/node_modules/.cache/evalgate/predictions' })
    expect(resolveCacheSettings({}, {}, '/p', true).enabled).toBe(false)
    expect(resolveCacheSettings({ cache: true }, {}, '/p', true).enabled).toBe(true)
    expect(resolveCacheSettings({ cache: true }, { EVALGATE_CACHE: 'off' }, '/p', false).enabled).toBe(false)
    expect(resolveCacheSettings({ cacheDir: 'c' }, {}, '/p', false).dir).toBe('/p/c')
  })

  test("CI is Vitest's CI, as the gate's (adversarial pass 25: on Jenkins, or with CI=false, the gate never wrote baselines while the cache answered for a redeployed model)", async () => {
    const { isCI } = await import('std-env')
    expect(resolveCacheSettings({}, {}, '/p').enabled).toBe(!isCI)
    // std-env's rule, run in a child process with Jenkins' variable and no CI, and with CI=false.
    const { execFileSync } = await import('node:child_process')
    const ciOf = (env: Record<string, string>) => execFileSync(process.execPath, ['--input-type=module', '-e', "import('std-env').then((m) => process.stdout.write(String(m.isCI)))"], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: process.cwd() }).toString()
    expect(ciOf({ JENKINS_URL: 'http://jenkins.local/' })).toBe('true')
    expect(ciOf({ CI: 'false' })).toBe('true')
    expect(ciOf({})).toBe('false')
  })
})

describe('an unusable cache folder', () => {
  test('does not fail the evaluation: predictions are returned and one warning names the folder', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const notAFolder = path.join(cacheDir, 'file')
    await writeFile(notAFolder, 'x')
    const warnings: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => warnings.push(String(chunk)) > 0) as typeof process.stderr.write)
    try {
      const model = mlflowModel(server.url, { inputColumns: ['x'], cacheDir: notAFolder, cache: true })
      expect(await model.predict([{ x: 0.9 }, { x: 0.1 }], noProgress)).toEqual(['pos', 'neg'])
    } finally {
      spy.mockRestore()
    }
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/prediction cache not used: cannot (read|write to) .*file/)
  })
})
