/**
 * Two credentials for the Authorization header are refused when the adapter is built (adversarial
 * pass 36: a URL with user:pass@ plus headers.Authorization sent `Authorization: Basic …, Bearer
 * sk-…`, both credentials in one malformed header). The message names the sources, never a value.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const secret = 'sk-live-abcdefghijklmnopqrstuvwxyz0123'
function thrown(build: () => unknown): ConfigError {
  try {
    build()
  } catch (error) {
    return error as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('conflicting credentials', () => {
  test("the URL's user:password@ and headers.Authorization: refused, naming both, showing neither", () => {
    for (const build of [
      () => mlflowModel('http://alice:hunter2-pass@127.0.0.1:5000', { headers: { Authorization: `Bearer ${secret}` } }),
      () => kserveModel('http://alice:hunter2-pass@127.0.0.1:8080', 'm', { headers: { authorization: `Bearer ${secret}` } }),
    ]) {
      const error = thrown(build)
      expect(error).toBeInstanceOf(ConfigError)
      expect(error.message).toMatch(/two credentials for the Authorization header: the URL's user:password@ \(sent as Authorization: Basic\) and headers\.[Aa]uthorization/)
      expect(error.message).toContain('Keep one')
      expect(error.message).not.toContain(secret)
      expect(error.message).not.toContain('hunter2')
      expect(error.message).not.toContain('alice')
    }
  })

  test('openai-chat: apiKey and headers.Authorization, or apiKey and user info', () => {
    const chat = { model: 'm', prompt: () => 'hi', parse: (text: string) => text }
    const both = thrown(() => openAIChatModel({ ...chat, baseURL: 'http://127.0.0.1:1/v1', apiKey: secret, headers: { Authorization: 'Bearer other-key-123456' } }))
    expect(both.message).toContain('headers.Authorization and apiKey (sent as Authorization: Bearer)')
    expect(both.message).not.toContain(secret)
    expect(both.message).not.toContain('other-key')
    expect(() => openAIChatModel({ ...chat, baseURL: 'http://u:p@127.0.0.1:1/v1', apiKey: secret })).toThrow(/user:password@ .* and apiKey/)
  })

  test('one credential is sent as before', async () => {
    server = await startLoopbackServer(() => ({ body: { predictions: ['a'] } }))
    await mlflowModel(server.url.replace('http://', 'http://alice:pw@'), { cache: false }).predict([{ x: 1 }], () => {})
    await mlflowModel(server.url, { cache: false, headers: { Authorization: 'Bearer t' } }).predict([{ x: 1 }], () => {})
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Basic ${Buffer.from('alice:pw').toString('base64')}`, 'Bearer t'])
  })
})
