/**
 * Messages after adversarial pass 36: a 413 names batchSize in its fix; a chat refusal says the
 * model refused and quotes it; OpenAI's masked key in a 401 body is redacted.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { redactSecrets } from '../../src/models/redaction.js'
import { isRowFailure, type RowFailure } from '../../src/models/types.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const noProgress = (): void => {}
const chat = { model: 'gpt-x', prompt: (row: { q: string }) => row.q, parse: (text: string) => text, cache: false, retries: 0 }

describe('served-model messages', () => {
  test('HTTP 413: the fix names batchSize', async () => {
    server = await startLoopbackServer(() => ({ body: { predictions: ['a'] } }))
    server.faults.push({ kind: 'status', status: 413, body: '<html>413 Request Entity Too Large</html>' })
    const model = mlflowModel(server.url, { cache: false })
    await expect(model.predict([{ x: 1 }], noProgress)).rejects.toThrow(/HTTP 413.*Fix: the request is larger than the server accepts: send fewer rows per request with a smaller `batchSize`/s)
  })

  test('a chat refusal (content null, refusal set) says the model refused and quotes it, truncated', async () => {
    const refusal = `I can't help with that. ${'Because. '.repeat(40)}`
    server = await startLoopbackServer(() => ({ body: { choices: [{ message: { role: 'assistant', content: null, refusal } }] } }))
    const model = openAIChatModel({ ...chat, baseURL: `${server.url}/v1`, onError: 'skip' })
    const [result] = await model.predict([{ q: 'how?' }], noProgress)
    expect(isRowFailure(result)).toBe(true)
    const message = (result as RowFailure).message
    expect(message).toContain(`the model refused to answer: "I can't help with that. Because.`)
    expect(message).toContain('…"')
    expect(message).not.toContain('Check baseURL')
    expect(message.length).toBeLessThan(400)
  })

  test("OpenAI's masked key in a 401 body is redacted", async () => {
    server = await startLoopbackServer(() => ({ body: {} }))
    const body = JSON.stringify({ error: { message: 'Incorrect API key provided: sk-proj-********************6789. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', code: 'invalid_api_key' } })
    server.faults.push({ kind: 'status', status: 401, body })
    const model = openAIChatModel({ ...chat, baseURL: `${server.url}/v1`, apiKey: 'sk-proj-abcdefghijklmnopqrstuvwxyz6789' })
    const error = await model.predict([{ q: 'hi' }], noProgress).catch((caught: Error) => caught)
    expect((error as Error).message).toContain('Incorrect API key provided: [redacted]. You can find')
    expect((error as Error).message).not.toContain('6789')
    expect(redactSecrets('key sk-abc1****************wxyz and sk-********', [])).toBe('key [redacted] and [redacted]')
    expect(redactSecrets('a task-**** list', [])).toBe('a task-**** list')
  })
})
