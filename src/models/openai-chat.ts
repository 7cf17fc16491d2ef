/**
 * OpenAI-compatible chat completions as a classifier or regressor (OpenAI, Azure OpenAI-style
 * gateways, vLLM, llama.cpp server, Ollama's `/v1`): one `POST <baseURL>/chat/completions` per
 * row. `prompt(row)` builds the messages, `parse(text, row)` turns the reply into a prediction.
 * The cache stores the reply text, so changing `parse` never needs a new call.
 */
import { ConfigError } from '../errors.js'
import { resolveEndpoint } from './endpoint.js'
import { toJsonValue, type JsonValue } from './json-value.js'
import { resolveTransportOptions, SERVED_MODEL_OPTION_NAMES, type ServedModelOptions } from './options.js'
import { secretsFromCredentials } from './redaction.js'
import { requestHeaders } from './request-headers.js'
import { checkHeaders } from './transport/header-check.js'
import { createServedModel } from './served-model.js'
import type { ModelAdapter, Prediction, Row, RowLike } from './types.js'
import { checkKeys, type EveryKeyListed } from '../run/option-keys.js'

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'developer'
  content: string
}

export interface OpenAIChatModelOptions<R extends RowLike = Row> extends Omit<ServedModelOptions, 'batchSize'> {
  /** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8000/v1`. */
  baseURL: string
  /** Model name sent in each request. */
  model: string
  /** Messages for one row; a string is sent as one user message. */
  prompt: (row: R) => ChatMessage[] | string
  /** The prediction from the reply text; throw to mark the row failed. */
  parse: (text: string, row: R) => Prediction
  /** Sent as `Authorization: Bearer ...` and nowhere else. */
  apiKey?: string | undefined
  temperature?: number | undefined
  seed?: number | undefined
  /** `max_tokens` of the request. */
  maxTokens?: number | undefined
  /** Other request body fields (e.g. `response_format`, `top_p`); part of the cache key. */
  body?: Record<string, unknown> | undefined
}

interface ChatInput {
  messages: ChatMessage[]
}

/**
 * An OpenAI-compatible chat model used as a classifier or regressor, for `evaluate({ model })`.
 *
 * @example
 * const model = openAIChatModel({
 *   baseURL: 'http://127.0.0.1:8000/v1', model: 'llama-3-8b', apiKey: process.env.LLM_KEY,
 *   prompt: (row) => `Sentiment of: ${row.text}. Answer positive, negative or neutral.`,
 *   parse: (text) => text.trim().toLowerCase(), temperature: 0, seed: 7,
 * })
 */
/** The chat adapter sends one row per request, so `batchSize` is not among its options. */
const OPENAI_CHAT_OPTION_NAMES = [
  ...SERVED_MODEL_OPTION_NAMES.filter((name) => name !== 'batchSize'), 'baseURL', 'model', 'prompt', 'parse', 'apiKey', 'temperature', 'seed', 'maxTokens', 'body',
] as const satisfies ReadonlyArray<keyof OpenAIChatModelOptions | 'batchSize'>
const everyChatOptionListed: EveryKeyListed<OpenAIChatModelOptions, typeof OPENAI_CHAT_OPTION_NAMES> = true
void everyChatOptionListed

export function openAIChatModel<R extends RowLike = Row>(options: OpenAIChatModelOptions<R>): ModelAdapter<R> {
  const adapter = 'openAIChatModel'
  if (typeof options?.model !== 'string' || options.model === '') {
    throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: pass model: '<model name>'`)
  }
  checkKeys(options, OPENAI_CHAT_OPTION_NAMES, { who: adapter, where: 'the options', code: 'MODEL_BAD_OPTION' })
  if (typeof options.prompt !== 'function' || typeof options.parse !== 'function') {
    throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: pass prompt: (row) => messages and parse: (text) => prediction`)
  }
  const endpoint = resolveEndpoint(options.baseURL, '/chat/completions', adapter)
  const transport = resolveTransportOptions(options, adapter, 1)
  const headers = requestHeaders(adapter, endpoint, options.headers, options.apiKey)
  if (options.apiKey !== undefined && options.apiKey !== '') {
    checkHeaders({ authorization: headers.authorization }, adapter, 'apiKey (sent as the authorization header)')
  }
  const secrets = secretsFromCredentials(headers, options.apiKey, endpoint.secrets)
  const sampling: Record<string, JsonValue> = {}
  if (options.temperature !== undefined) sampling.temperature = options.temperature
  if (options.seed !== undefined) sampling.seed = options.seed
  if (options.maxTokens !== undefined) sampling.max_tokens = options.maxTokens
  const extraBody = (toJsonValue(options.body ?? {}) ?? {}) as Record<string, JsonValue>
  let rowsOfRun: R[] = []

  const served = createServedModel<ChatInput>({
    kind: 'openai-chat',
    name: `openai-chat ${options.model} at ${endpoint.display}`,
    description: { endpoint: endpoint.display, model: options.model, ...sampling, ...(options.body !== undefined ? { body: extraBody } : {}) },
    cacheIdentity: {
      adapter: 'openai-chat',
      endpoint: endpoint.cacheKey,
      model: options.model,
      modelVersion: options.modelVersion,
      request: { ...extraBody, ...sampling },
    },
    transport,
    options,
    secrets,
    headers,
    encodeRows(rows: Row[]): { inputs: ChatInput[] } {
      const inputs = rows.map((row): ChatInput => {
        const prompt = options.prompt(row as R)
        const messages = typeof prompt === 'string' ? [{ role: 'user' as const, content: prompt }] : prompt
        if (!Array.isArray(messages)) throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: prompt(row) must return a string or an array of messages`)
        return { messages }
      })
      return { inputs }
    },
    async requestBatch({ inputs, post }): Promise<unknown[]> {
      return Promise.all(
        inputs.map(async (input) => {
          const response = await post(endpoint.url, { ...extraBody, model: options.model, messages: input.messages, ...sampling })
          return replyText(response)
        }),
      )
    },
    decode: (answer, row) => {
      if (typeof answer !== 'string') throw new Error(`cached reply for row ${row + 1} is not text`)
      return options.parse(answer, rowsOfRun[row])
    },
  })

  return {
    ...served,
    predict(rows, onProgress, context) {
      rowsOfRun = rows
      return served.predict(rows, onProgress, context)
    },
  }
}

/** Longest part of a model's refusal quoted in a row's failure. */
const MAX_REFUSAL_QUOTE = 200

function replyText(response: unknown): string {
  const choice = (response as { choices?: Array<{ message?: { content?: unknown; refusal?: unknown } }> } | null)?.choices?.[0]
  const content = choice?.message?.content
  if (typeof content === 'string') return content
  // OpenAI's structured refusal: content null, the reason in `refusal` (adversarial pass 36: it
  // was reported as "check baseURL ends with /v1").
  const refusal = choice?.message?.refusal
  if (typeof refusal === 'string' && refusal.trim() !== '') {
    const text = refusal.replace(/\s+/g, ' ').trim()
    const quoted = text.length > MAX_REFUSAL_QUOTE ? `${text.slice(0, MAX_REFUSAL_QUOTE)}…` : text
    throw new Error(`the model refused to answer: "${quoted}"; a refusal is not retried. Change the prompt for this row`)
  }
  throw new Error(
    `the response has no choices[0].message.content; it starts with ${JSON.stringify(response).slice(0, 120)}. Check baseURL ends with /v1 for OpenAI-compatible servers`,
  )
}
