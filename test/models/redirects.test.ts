/**
 * Redirects and credentials: two loopback servers on different ports are two origins. A served
 * model never sends its headers (x-api-key, authorization from an API key or URL user info) to
 * another origin: a cross-origin redirect is refused with an error that names the target and the
 * fix, and the other host receives nothing. A 307/308 within the origin is still followed.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { mlflowHandler, openAIHandler, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

const API_KEY = 'sk-redirect-0123456789abcdef'
const HEADER_KEY = 'x-api-key-value-24680'
const URL_PASSWORD = 'url-pass-97531'

let servers: LoopbackServer[] = []
beforeEach(() => vi.stubEnv('EVALGATE_CACHE', 'off'))
afterEach(async () => {
  vi.unstubAllEnvs()
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function start(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler)
  servers.push(server)
  return server
}

/** A server whose every request is answered with `status` and `Location: location(path)`. */
async function redirecting(status: number, location: (path: string) => string): Promise<LoopbackServer> {
  const server = await start(() => ({ body: {} }))
  for (let i = 0; i < 10; i++) server.faults.push({ kind: 'status', status, body: '', headers: { location: location('') } })
  return server
}

function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error as Error,
  )
}

describe('a redirect to another origin', () => {
  test.each([301, 302, 303, 307, 308])('HTTP %i: not followed; the other origin receives no request and no key', async (status) => {
    const other = await start(mlflowHandler('labels'))
    const first = await redirecting(status, () => `${other.url}/invocations`)
    const model = mlflowModel(first.url, { inputColumns: ['x'], headers: { 'x-api-key': HEADER_KEY }, retries: 2 })
    const error = await rejection(model.predict([{ x: 0.9 }], () => {}))

    expect(first.requests).toHaveLength(1) // refused at once, not retried
    expect(first.requests[0].headers['x-api-key']).toBe(HEADER_KEY)
    expect(other.requests).toHaveLength(0)
    expect(error.message).toContain(`HTTP ${status} redirect to another origin, ${other.url}/invocations, not followed`)
    expect(error.message).toContain('the request carries credentials')
    expect(error.message).toContain(`point the URL at it (${other.url}/invocations)`)
    expect(error.message).toContain('row 1 failed')
    expect(error.message).not.toContain(HEADER_KEY)
  })

  test('an OpenAI-compatible model keeps its API key: the other host never sees a request', async () => {
    const other = await start(openAIHandler())
    const first = await redirecting(307, () => `${other.url}/v1/chat/completions`)
    const model = openAIChatModel({ baseURL: `${first.url}/v1`, model: 'm', apiKey: API_KEY, prompt: () => 'x=0.9', parse: (text) => text, retries: 0 })
    const error = await rejection(model.predict([{ a: 1 }], () => {}))
    expect(first.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect(other.requests).toHaveLength(0)
    expect(error.message).toContain('redirect to another origin')
    expect(error.message).not.toContain(API_KEY)
  })

  test('URL user info (sent as Basic auth) does not follow either, and the Location is shown without credentials', async () => {
    const other = await start(mlflowHandler('labels'))
    const withUserInfo = other.url.replace('http://', `http://svc:${URL_PASSWORD}@`)
    const first = await redirecting(308, () => `${withUserInfo}/invocations`)
    const url = first.url.replace('http://', `http://svc:${URL_PASSWORD}@`)
    const error = await rejection(mlflowModel(url, { inputColumns: ['x'], retries: 0 }).predict([{ x: 0.9 }], () => {}))
    expect(first.requests[0].headers.authorization).toMatch(/^Basic /)
    expect(other.requests).toHaveLength(0)
    expect(error.message).toContain(`redirect to another origin, ${other.url}/invocations,`)
    expect(error.message).not.toContain(URL_PASSWORD)
  })
})

describe('a redirect within the origin', () => {
  test('307 and 308 to the same host and port are followed with the same method, body and headers', async () => {
    const server = await start(mlflowHandler('labels'))
    server.faults.push({ kind: 'status', status: 307, body: '', headers: { location: '/moved' } })
    server.faults.push({ kind: 'status', status: 308, body: '', headers: { location: `${server.url}/invocations` } })
    const model = mlflowModel(server.url, { inputColumns: ['x'], headers: { 'x-api-key': HEADER_KEY } })
    expect(await model.predict([{ x: 0.9 }, { x: 0.1 }], () => {})).toEqual(['pos', 'neg'])
    expect(server.requests.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/invocations'],
      ['POST', '/moved'],
      ['POST', '/invocations'],
    ])
    expect(server.requests.every((request) => request.headers['x-api-key'] === HEADER_KEY)).toBe(true)
    expect(server.requests[2].body).toEqual(server.requests[0].body)
  })

  test('301 would turn the POST into a GET: not followed, the error names the address to use', async () => {
    const server = await start(mlflowHandler('labels'))
    server.faults.push({ kind: 'status', status: 301, body: '', headers: { location: '/v2/invocations' } })
    const error = await rejection(mlflowModel(server.url, { inputColumns: ['x'], retries: 0 }).predict([{ x: 0.9 }], () => {}))
    expect(server.requests).toHaveLength(1)
    expect(error.message).toContain(`HTTP 301 redirect to ${server.url}/v2/invocations, not followed: it would turn the POST into a GET`)
    expect(error.message).toContain(`Fix: point the URL at ${server.url}/v2/invocations.`)
  })

  test('a redirect loop ends after 5 hops with a clear error', async () => {
    const server = await start(mlflowHandler('labels'))
    for (let i = 0; i < 10; i++) server.faults.push({ kind: 'status', status: 307, body: '', headers: { location: '/invocations' } })
    const error = await rejection(mlflowModel(server.url, { inputColumns: ['x'], retries: 0 }).predict([{ x: 0.9 }], () => {}))
    expect(server.requests).toHaveLength(6)
    expect(error.message).toContain('more than 5 redirects')
  })
})
