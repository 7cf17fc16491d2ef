import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { createProgress } from '../../src/models/progress.js'
import { isRowFailure, type RowFailure } from '../../src/models/types.js'
import { mlflowHandler, recordingSleep, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

const API_KEY = 'sk-live-0123456789abcdefSECRET'
const HEADER_SECRET = 'hdr-token-9876543210'
const URL_PASSWORD = 'pw-in-url-13579'

let server: LoopbackServer | undefined
let cacheDir: string
let stderr: string[]
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-secrets-test-'))
  vi.stubEnv('EVALGATE_CACHE', '')
  stderr = []
  const original = process.stderr.write.bind(process.stderr)
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr.push(String(chunk))
    return original(chunk as string, ...(rest as []))
  }) as typeof process.stderr.write)
})
afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  await server?.close()
  server = undefined
  await rm(cacheDir, { recursive: true, force: true })
})

async function allCacheText(): Promise<string> {
  let text = ''
  for (const entry of await readdir(cacheDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) text += await readFile(path.join(entry.parentPath, entry.name), 'utf8')
  }
  return text
}

function expectNoSecret(text: string): void {
  for (const secret of [API_KEY, HEADER_SECRET, URL_PASSWORD]) expect(text).not.toContain(secret)
}

/** A hostile server that echoes the credentials it received in its answers and its errors. */
function echoingServer(status: () => number) {
  return startLoopbackServer(({ headers }) => {
    const echo = `auth=${headers.authorization} key=${headers['x-api-key']}`
    if (status() !== 200) return { status: status(), body: { error: { message: `rejected ${echo}` } } }
    return { body: { choices: [{ message: { role: 'assistant', content: `ok ${echo}` } }] } }
  })
}

describe('credentials never leave the request', () => {
  test('openAIChatModel: the key reaches the server but not errors, RowFailures, describe(), the cache or stderr', async () => {
    let code = 200
    server = await echoingServer(() => code)
    const make = (onError: 'fail' | 'skip') =>
      openAIChatModel({
        baseURL: `${server!.url}/v1`,
        model: 'm',
        apiKey: API_KEY,
        headers: { 'x-api-key': HEADER_SECRET },
        prompt: (row) => `hi ${String(row.a)}`,
        parse: (text) => text,
        onError,
        cacheDir,
        cache: true,
        sleep: recordingSleep().sleep,
      })
    const progress = createProgress({ total: 2, label: make('fail').name, quietMs: 0, intervalMs: 0 })

    // 200 with the key echoed in the reply: answers are data and are never rewritten, so an
    // answer holding a credential is refused (a failed row), neither used nor cached.
    const ok = make('skip')
    const predictions = await ok.predict([{ a: 1 }, { a: 2 }], (done, failed) => progress.update(done, failed))
    progress.finish()
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect(server.requests[0].headers['x-api-key']).toBe(HEADER_SECRET)
    expect(predictions.every(isRowFailure)).toBe(true)
    expect((predictions[0] as RowFailure).message).toMatch(/row 1\): the answer contains a credential sent with the request/)
    expectNoSecret(JSON.stringify(predictions))
    expectNoSecret(await allCacheText())
    expect(await allCacheText()).not.toContain('ok auth=')

    // 401 echoing the key: the error says what happened, without the key.
    code = 401
    const error = await make('fail')
      .predict([{ a: 3 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toContain('HTTP 401 Unauthorized: rejected auth=[redacted] key=[redacted]')
    expectNoSecret(error.message)
    expectNoSecret(String(error.stack))

    code = 500
    const skipping = make('skip')
    const skipped = await skipping.predict([{ a: 4 }], () => {})
    expect(isRowFailure(skipped[0])).toBe(true)
    expectNoSecret(JSON.stringify(skipped))

    for (const model of [ok, skipping]) {
      expectNoSecret(JSON.stringify(model.describe()))
      expectNoSecret(model.name)
    }
    expect(stderr.join('')).toContain('[evalgate]')
    expectNoSecret(stderr.join(''))
  })

  test('mlflowModel: user:password in the URL becomes Basic auth and is shown nowhere', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const url = server.url.replace('http://', `http://svc:${URL_PASSWORD}@`)
    const model = mlflowModel(url, { inputColumns: ['x'], cacheDir, cache: true })
    expect(await model.predict([{ x: 0.9 }], () => {})).toEqual(['pos'])
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`svc:${URL_PASSWORD}`).toString('base64')}`)
    expect(model.describe().endpoint).toBe(`${server.url}/invocations`)
    expectNoSecret(JSON.stringify(model.describe()) + model.name + (await allCacheText()))
    await server.close()
    const error = await mlflowModel(url, { inputColumns: ['x'], retries: 0, cache: false })
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toMatch(/network error/)
    expectNoSecret(error.message)
    server = undefined
  })

  test('a key after 492 characters of a 403 body, or cut by the 80-character start of a non-JSON answer, never reaches the error', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const model = () => mlflowModel(server!.url, { inputColumns: ['x'], headers: { 'x-api-key': API_KEY }, retries: 0, cache: false })
    server.faults.push({ kind: 'status', status: 403, body: JSON.stringify({ message: `${'a'.repeat(492)} ${API_KEY}` }) })
    const forbidden = await model()
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(forbidden.message).toContain('HTTP 403')
    expect(forbidden.message).not.toContain(API_KEY.slice(0, 8))

    server.faults.push({ kind: 'status', status: 200, body: `not json: ${'b'.repeat(50)} ${API_KEY}` })
    const notJson = await model()
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(notJson.message).toContain('is not JSON (starts with "not json: bbb')
    expect(notJson.message).not.toContain(API_KEY.slice(0, 8))
  })

  test('a server echoing the URL password in an error: the password is redacted', async () => {
    server = await startLoopbackServer(({ headers }) => {
      const [user, password] = Buffer.from(String(headers.authorization).slice(6), 'base64').toString('utf8').split(':')
      return { status: 401, body: { message: `user ${user} with password ${password} is not allowed` } }
    })
    const url = server.url.replace('http://', `http://svc:${URL_PASSWORD}@`)
    const error = await mlflowModel(url, { inputColumns: ['x'], retries: 0, cache: false })
      .predict([{ x: 0.9 }], () => {})
      .then(() => new Error('expected a rejection'), (e: unknown) => e as Error)
    expect(error.message).toContain('user svc with password [redacted] is not allowed')
    expectNoSecret(error.message)
  })
})
