/**
 * Real HTTP servers on 127.0.0.1 (port 0) for the adapter tests: each speaks one protocol with a
 * deterministic model, counts requests, records headers and bodies, and can be told to misbehave
 * for the next requests (503 with Retry-After, hang, malformed JSON, 400 with a message).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault =
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'destroy' }

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: unknown
}

export interface LoopbackServer {
  url: string
  requests: RecordedRequest[]
  /** Faults applied to the next requests, in order, one per request. */
  faults: Fault[]
  close(): Promise<void>
}

export type JsonHandler = (request: RecordedRequest) => { status?: number; body: unknown } | Promise<{ status?: number; body: unknown }>

/** Start a server answering JSON with `handler`, unless a queued fault applies. */
export async function startLoopbackServer(handler: JsonHandler, options: { delayMs?: number } = {}): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = []
  const faults: Fault[] = []
  const server: Server = createServer((req, res) => {
    void respond(req, res)
  })
  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // keep the text
    }
    const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
    requests.push(recorded)
    const fault = faults.shift()
    if (fault?.kind === 'hang') return // never answer
    if (fault?.kind === 'destroy') {
      req.socket.destroy()
      return
    }
    if (options.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"predictions": [1, 2,')
      return
    }
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      res.end(fault.body)
      return
    }
    try {
      const answer = await handler(recorded)
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer.body))
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: String(error) }))
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The deterministic model of every test server: `x >= 0.5` is positive, with p = x. */
export function deterministicLabel(x: number): 'pos' | 'neg' {
  return x >= 0.5 ? 'pos' : 'neg'
}

export type MlflowAnswerStyle = 'labels' | 'probabilities' | 'records' | 'numbers' | 'bare-list'

/** An MLflow scoring server (`POST /invocations`, dataframe_split) with the deterministic model. */
export function mlflowHandler(style: MlflowAnswerStyle = 'labels'): JsonHandler {
  return ({ url, body }) => {
    if (url !== '/invocations') return { status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: `no route ${url}` } }
    const split = (body as { dataframe_split?: { columns: string[]; data: unknown[][] } }).dataframe_split
    if (split === undefined) return { status: 400, body: { error_code: 'BAD_REQUEST', message: 'expected dataframe_split' } }
    const xIndex = split.columns.indexOf('x')
    if (xIndex < 0) return { status: 400, body: { error_code: 'BAD_REQUEST', message: `column x is missing; got ${split.columns.join(',')}` } }
    const xs = split.data.map((row) => Number(row[xIndex]))
    switch (style) {
      case 'labels':
        return { body: { predictions: xs.map(deterministicLabel) } }
      case 'bare-list':
        return { body: xs.map(deterministicLabel) }
      case 'numbers':
        return { body: { predictions: xs.map((x) => 2 * x + 1) } }
      case 'probabilities':
        return { body: { predictions: xs.map((x) => [1 - x, x]) } }
      case 'records':
        return { body: { predictions: xs.map((x) => ({ label: deterministicLabel(x), probabilities: [1 - x, x] })) } }
    }
  }
}

/** An Open Inference Protocol v2 server for model `name` with the deterministic model. */
export function kserveHandler(name: string): JsonHandler {
  return ({ url, body }) => {
    if (!url.startsWith(`/v2/models/${name}/`) || !url.endsWith('/infer')) {
      return { status: 404, body: { error: `Model with name ${url.split('/')[3]} does not exist.` } }
    }
    const inputs = (body as { inputs: Array<{ name: string; shape: number[]; datatype: string; data: unknown[] }> }).inputs
    const x = inputs.find((tensor) => tensor.name === 'x')
    if (x === undefined) return { status: 400, body: { error: 'input x is required' } }
    const xs = x.data.map(Number)
    return {
      body: {
        model_name: name,
        outputs: [
          { name: 'label', shape: [xs.length], datatype: 'BYTES', data: xs.map(deterministicLabel) },
          { name: 'probabilities', shape: [xs.length, 2], datatype: 'FP64', data: xs.flatMap((v) => [1 - v, v]) },
        ],
      },
    }
  }
}

/** An OpenAI-compatible chat server: replies "Positive." when the prompt's number is >= 0.5. */
export function openAIHandler(): JsonHandler {
  return ({ url, body }) => {
    if (url !== '/v1/chat/completions') return { status: 404, body: { error: { message: `Unknown route ${url}` } } }
    const messages = (body as { messages: Array<{ content: string }> }).messages
    const x = Number(/x=([0-9.]+)/.exec(messages[messages.length - 1].content)?.[1])
    return {
      body: {
        id: 'chatcmpl-test',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: x >= 0.5 ? 'Positive.' : 'Negative.' }, finish_reason: 'stop' }],
      },
    }
  }
}

/** Rows `{ id, x, truth }` with x spread over [0, 1). */
export function makeRows(n: number): Array<{ id: number; x: number; truth: string }> {
  return Array.from({ length: n }, (_, i) => {
    const x = ((i * 37) % 100) / 100
    return { id: i, x, truth: deterministicLabel(x) }
  })
}

/** A sleep that records the requested delays and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = []
  return { delays, sleep: async (ms) => void delays.push(ms) }
}
