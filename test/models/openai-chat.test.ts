import { afterEach, describe, expect, test } from 'vitest'
import { openAIChatModel } from '../../src/models/openai-chat.js'
import { isRowFailure } from '../../src/models/types.js'
import { makeRows, openAIHandler, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const noProgress = (): void => {}

describe('openAIChatModel', () => {
  test('one request per row, prompt builds messages, parse reads the reply, temperature and seed pass through', async () => {
    server = await startLoopbackServer(openAIHandler())
    const rows = makeRows(6)
    const model = openAIChatModel<{ x: number }>({
      baseURL: `${server.url}/v1`,
      model: 'tiny-llm',
      apiKey: 'sk-test-123456',
      temperature: 0,
      seed: 7,
      maxTokens: 5,
      prompt: (row) => [
        { role: 'system', content: 'Classify.' },
        { role: 'user', content: `x=${row.x}` },
      ],
      parse: (text) => (text.startsWith('Positive') ? 'pos' : 'neg'),
      cache: false,
    })
    const predictions = await model.predict(rows, noProgress)
    expect(predictions).toEqual(rows.map((r) => r.truth))
    expect(server.requests).toHaveLength(6)
    expect(server.requests[0].body).toEqual({
      model: 'tiny-llm',
      messages: [
        { role: 'system', content: 'Classify.' },
        { role: 'user', content: `x=${rows[0].x}` },
      ],
      temperature: 0,
      seed: 7,
      max_tokens: 5,
    })
    expect(server.requests[0].headers.authorization).toBe('Bearer sk-test-123456')
  })

  test('a string prompt is one user message; no apiKey sends no Authorization', async () => {
    server = await startLoopbackServer(openAIHandler())
    const model = openAIChatModel({ baseURL: `${server.url}/v1`, model: 'm', prompt: () => 'x=0.9', parse: (t) => t, cache: false })
    expect(await model.predict([{}], noProgress)).toEqual(['Positive.'])
    expect(server.requests[0].body).toMatchObject({ messages: [{ role: 'user', content: 'x=0.9' }] })
    expect(server.requests[0].headers.authorization).toBeUndefined()
  })

  test("a reply parse cannot read is that row's failure under 'skip'", async () => {
    server = await startLoopbackServer(openAIHandler())
    const model = openAIChatModel<{ x: number }>({
      baseURL: `${server.url}/v1`,
      model: 'm',
      prompt: (row) => `x=${row.x}`,
      parse: (text, row) => {
        if (row.x === 0.2) throw new Error(`cannot read "${text}"`)
        return text
      },
      onError: 'skip',
      cache: false,
    })
    const predictions = await model.predict([{ x: 0.9 }, { x: 0.2 }], noProgress)
    expect(predictions[0]).toBe('Positive.')
    expect(isRowFailure(predictions[1])).toBe(true)
    expect((predictions[1] as { message: string }).message).toBe('cannot read "Negative."')
    expect(model.stats().failedRows).toBe(1)
  })
})
