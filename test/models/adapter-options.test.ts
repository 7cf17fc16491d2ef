/**
 * A misspelled adapter option (`timeout` for `timeoutMs`, `api_key`) is a ConfigError naming it, never silently the
 * default; the message names the key, never a value (a header or key value may be a secret).
 */
import { describe, expect, test } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { openAIChatModel } from '../../src/models/openai-chat.js'

function message(create: () => unknown): string {
  try {
    create()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('MODEL_BAD_OPTION')
    return (error as Error).message
  }
  throw new Error('the adapter did not throw')
}

describe('served-model adapters reject unknown options', () => {
  test('each names the key and the closest option', () => {
    expect(message(() => mlflowModel('http://127.0.0.1:5000', { timeout: 5000 } as never))).toContain('mlflowModel: unknown option "timeout" in the options; did you mean "timeoutMs"?')
    expect(message(() => kserveModel('http://127.0.0.1:8080', 'm', { outputs: 'label' } as never))).toContain('kserveModel: unknown option "outputs" in the options; did you mean "output"?')
    const chat = { baseURL: 'http://127.0.0.1:8000/v1', model: 'm', prompt: () => 'p', parse: (text: string) => text }
    expect(message(() => openAIChatModel({ ...chat, api_key: 'SECRET-VALUE' } as never))).toContain('openAIChatModel: unknown option "api_key" in the options; did you mean "apiKey"?')
    expect(message(() => openAIChatModel({ ...chat, api_key: 'SECRET-VALUE' } as never))).not.toContain('SECRET-VALUE')
    expect(message(() => openAIChatModel({ ...chat, batchSize: 8 } as never))).toContain('unknown option "batchSize"')
  })

  test('every documented option is accepted', () => {
    expect(mlflowModel('http://127.0.0.1:5000', { timeoutMs: 1000, retries: 1, inputColumns: ['x'], params: {}, model: 'm', labels: ['a'], labelField: 'l', probabilitiesField: 'p', cache: false }).kind).toBe('evalgate.model-adapter')
    expect(kserveModel('http://127.0.0.1:8080', 'm', { output: 'o', probabilityOutput: 'p', labels: ['a'], datatypes: {}, parameters: {}, cache: false }).kind).toBe('evalgate.model-adapter')
  })
})
