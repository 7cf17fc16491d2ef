/**
 * MLflow model server adapter (`mlflow models serve`, MLflow deployments, Databricks serving):
 * `POST <url>/invocations` with `{"dataframe_split": {"columns", "data"}}`, answers
 * `{"predictions": [...]}` (labels, numbers, probability lists or records).
 */
import { decodeAnswer, type AnswerDecoding } from './answer-decoding.js'
import { resolveEndpoint } from './endpoint.js'
import type { JsonValue } from './json-value.js'
import { resolveTransportOptions, SERVED_MODEL_OPTION_NAMES, type ServedModelOptions } from './options.js'
import { secretsFromCredentials } from './redaction.js'
import { requestHeaders } from './request-headers.js'
import { createServedModel } from './served-model.js'
import { tabularInputEncoder } from './input-columns.js'
import type { ModelAdapter } from './types.js'
import { checkKeys, type EveryKeyListed } from '../run/option-keys.js'

export interface MlflowModelOptions extends ServedModelOptions, AnswerDecoding {
  /**
   * Columns sent to the model, in this order. Default: under `evaluate()`, the run's input
   * columns (every column except the targets, predictions and score columns); called directly,
   * every column of the first row.
   */
  inputColumns?: readonly string[] | undefined
  /** MLflow inference `params`, sent with every request (part of the cache key). */
  params?: Record<string, unknown> | undefined
  /** A name for the model in reports and the cache key, e.g. `models:/sentiment/3`. */
  model?: string | undefined
}

/**
 * A served MLflow model for `evaluate({ model })`.
 *
 * @example
 * const model = mlflowModel('http://127.0.0.1:5000', { inputColumns: ['text'], modelVersion: '3' })
 * const run = await evaluate({ model, data, targets: 'label', modelType: 'classifier' })
 */
const MLFLOW_MODEL_OPTION_NAMES = [...SERVED_MODEL_OPTION_NAMES, 'inputColumns', 'params', 'model', 'labels', 'labelField', 'probabilitiesField'] as const satisfies ReadonlyArray<keyof MlflowModelOptions>
const everyMlflowOptionListed: EveryKeyListed<MlflowModelOptions, typeof MLFLOW_MODEL_OPTION_NAMES> = true
void everyMlflowOptionListed

export function mlflowModel(url: string, options: MlflowModelOptions = {}): ModelAdapter {
  const adapter = 'mlflowModel'
  checkKeys(options, MLFLOW_MODEL_OPTION_NAMES, { who: adapter, where: 'the options', code: 'MODEL_BAD_OPTION' })
  const endpoint = resolveEndpoint(url, '/invocations', adapter)
  const transport = resolveTransportOptions(options, adapter)
  const headers = requestHeaders(adapter, endpoint, options.headers)
  const secrets = secretsFromCredentials(headers, undefined, endpoint.secrets)
  const decoding: AnswerDecoding = { labels: options.labels, labelField: options.labelField, probabilitiesField: options.probabilitiesField }

  const encodeInputs = tabularInputEncoder(adapter, options.inputColumns)

  return createServedModel<Record<string, JsonValue>>({
    kind: 'mlflow',
    name: `mlflow ${endpoint.display}`,
    description: {
      endpoint: endpoint.display,
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(options.inputColumns !== undefined ? { inputColumns: options.inputColumns } : {}),
      ...(options.params !== undefined ? { params: options.params } : {}),
    },
    cacheIdentity: {
      adapter: 'mlflow',
      endpoint: endpoint.cacheKey,
      model: options.model,
      modelVersion: options.modelVersion,
      request: { params: options.params ?? null },
    },
    transport,
    options,
    secrets,
    headers,
    encodeRows: (rows, context) => {
      const { inputs, columns } = encodeInputs(rows, context)
      return { inputs, description: { inputColumns: columns } }
    },
    async requestBatch({ inputs, post }): Promise<unknown[]> {
      const columns = options.inputColumns ?? Object.keys(inputs[0] ?? {})
      const body: Record<string, unknown> = {
        dataframe_split: { columns, data: inputs.map((input) => columns.map((column) => input[column] ?? null)) },
      }
      if (options.params !== undefined) body.params = options.params
      return predictionsList(await post(endpoint.url, body), inputs.length)
    },
    decode: (answer, _row, context) => decodeAnswer(answer, decoding, context.answers),
  })
}

/**
 * `{"predictions": [...]}`, a bare list (MLflow 1.x), or `{"predictions": {column: [...]}}`. Every
 * column of a column-oriented answer must hold one value per row of the batch: a short column
 * would shift its values onto the wrong rows, so it fails the batch.
 */
function predictionsList(response: unknown, rows: number): unknown[] {
  const predictions =
    typeof response === 'object' && response !== null && !Array.isArray(response) && 'predictions' in response
      ? (response as { predictions: unknown }).predictions
      : response
  if (Array.isArray(predictions)) return predictions
  if (typeof predictions === 'object' && predictions !== null) {
    const columns = Object.entries(predictions as Record<string, unknown>)
    if (columns.length > 0 && columns.every(([, values]) => Array.isArray(values))) {
      for (const [name, values] of columns) {
        const length = (values as unknown[]).length
        if (length !== rows) {
          throw new Error(
            `predictions column "${name}" has ${length} values for a batch of ${rows} rows (${columns.map(([other, v]) => `${other}: ${(v as unknown[]).length}`).join(', ')}); the batch fails, no row is read from it`,
          )
        }
      }
      return Array.from({ length: rows }, (_, i) => Object.fromEntries(columns.map(([name, values]) => [name, (values as unknown[])[i]])))
    }
  }
  throw new Error(
    `the response is not MLflow's {"predictions": [...]}; it starts with ${JSON.stringify(response).slice(0, 120)}. Check the URL points at an MLflow scoring server`,
  )
}
