/**
 * KServe / Triton / Seldon MLServer adapter speaking the Open Inference Protocol (v2):
 * `POST <url>/v2/models/<name>[/versions/<v>]/infer` with `inputs` tensors, answers `outputs`
 * tensors whose first dimension is the batch.
 */
import { ConfigError, listNames } from '../errors.js'
import { decodeAnswer } from './answer-decoding.js'
import { resolveEndpoint } from './endpoint.js'
import type { JsonValue } from './json-value.js'
import { resolveTransportOptions, SERVED_MODEL_OPTION_NAMES, type ServedModelOptions } from './options.js'
import { probabilityPrediction } from './probabilities.js'
import { secretsFromCredentials } from './redaction.js'
import { requestHeaders } from './request-headers.js'
import { createServedModel } from './served-model.js'
import { tabularInputEncoder } from './input-columns.js'
import type { ModelAdapter, PredictContext, Prediction } from './types.js'
import { checkKeys, type EveryKeyListed } from '../run/option-keys.js'

/** v2 tensor datatypes evalgate sends. */
export type TensorDatatype = 'BYTES' | 'FP64' | 'FP32' | 'INT64' | 'INT32' | 'BOOL'

export interface KserveModelOptions extends ServedModelOptions {
  /**
   * Columns sent to the model, in this order. Default: under `evaluate()`, the run's input
   * columns (every column except the targets, predictions and score columns); called directly,
   * every column of the first row.
   */
  inputColumns?: readonly string[] | undefined
  /** Datatype per column; default inferred: INT64 for integers, FP64 for numbers, BOOL, else BYTES. */
  datatypes?: Record<string, TensorDatatype> | undefined
  /**
   * Send one `[rows, columns]` tensor instead of one tensor per column (what KServe's sklearn and
   * xgboost servers expect, e.g. `{ name: 'input-0', datatype: 'FP64' }`).
   */
  matrixInput?: { name: string; datatype?: TensorDatatype } | undefined
  /** Output tensor holding labels or values (default: the first output, unless `probabilityOutput` is the only one). */
  output?: string | undefined
  /** Output tensor of shape [rows, classes] holding probabilities; needs `labels`. */
  probabilityOutput?: string | undefined
  /** The model's class order, for probability outputs. */
  labels?: ReadonlyArray<string | number | boolean> | undefined
  /** v2 request `parameters` (part of the cache key). */
  parameters?: Record<string, unknown> | undefined
}

interface OutputTensor {
  name: string
  shape: number[]
  datatype?: string
  data: unknown[]
}

/**
 * A model served over the Open Inference Protocol v2, for `evaluate({ model })`.
 *
 * @example
 * const model = kserveModel('http://127.0.0.1:8080', 'sentiment', { inputColumns: ['length'], modelVersion: '2' })
 */
const KSERVE_MODEL_OPTION_NAMES = [
  ...SERVED_MODEL_OPTION_NAMES, 'inputColumns', 'datatypes', 'matrixInput', 'output', 'probabilityOutput', 'labels', 'parameters',
] as const satisfies ReadonlyArray<keyof KserveModelOptions>
const everyKserveOptionListed: EveryKeyListed<KserveModelOptions, typeof KSERVE_MODEL_OPTION_NAMES> = true
void everyKserveOptionListed

export function kserveModel(url: string, modelName: string, options: KserveModelOptions = {}): ModelAdapter {
  checkKeys(options, KSERVE_MODEL_OPTION_NAMES, { who: 'kserveModel', where: 'the options', code: 'MODEL_BAD_OPTION' })
  const adapter = 'kserveModel'
  if (typeof modelName !== 'string' || modelName === '') {
    throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: pass the model's name as the second argument, e.g. kserveModel(url, 'sentiment')`)
  }
  const versionPath = options.modelVersion !== undefined ? `/versions/${encodeURIComponent(options.modelVersion)}` : ''
  const endpoint = resolveEndpoint(url, `/v2/models/${encodeURIComponent(modelName)}${versionPath}/infer`, adapter)
  const transport = resolveTransportOptions(options, adapter)
  const headers = requestHeaders(adapter, endpoint, options.headers)
  const secrets = secretsFromCredentials(headers, undefined, endpoint.secrets)

  const encodeInputs = tabularInputEncoder(adapter, options.inputColumns)

  return createServedModel<Record<string, JsonValue>>({
    kind: 'kserve',
    name: `kserve ${endpoint.display}`,
    description: {
      endpoint: endpoint.display,
      model: modelName,
      ...(options.inputColumns !== undefined ? { inputColumns: options.inputColumns } : {}),
      ...(options.matrixInput !== undefined ? { matrixInput: options.matrixInput } : {}),
      ...(options.output !== undefined ? { output: options.output } : {}),
      ...(options.probabilityOutput !== undefined ? { probabilityOutput: options.probabilityOutput } : {}),
    },
    cacheIdentity: {
      adapter: 'kserve',
      endpoint: endpoint.cacheKey,
      model: modelName,
      modelVersion: options.modelVersion,
      request: { datatypes: options.datatypes ?? null, matrixInput: options.matrixInput ?? null, parameters: options.parameters ?? null },
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
      const body: Record<string, unknown> = { inputs: buildInputTensors(columns, inputs, options) }
      if (options.parameters !== undefined) body.parameters = options.parameters
      return splitOutputs(await post(endpoint.url, body), inputs.length)
    },
    decode: (answer, _row, context) => decodeOutputs(answer as Record<string, unknown>, options, context),
  })
}

function buildInputTensors(columns: readonly string[], inputs: Array<Record<string, JsonValue>>, options: KserveModelOptions): unknown[] {
  if (options.matrixInput !== undefined) {
    const values = inputs.flatMap((input) => columns.map((column) => input[column] ?? null))
    const datatype = options.matrixInput.datatype ?? inferDatatype(values)
    return [{ name: options.matrixInput.name, shape: [inputs.length, columns.length], datatype, data: values.map((v) => castCell(v, datatype)) }]
  }
  return columns.map((column) => {
    const values = inputs.map((input) => input[column] ?? null)
    const datatype = options.datatypes?.[column] ?? inferDatatype(values)
    return { name: column, shape: [inputs.length], datatype, data: values.map((v) => castCell(v, datatype)) }
  })
}

function inferDatatype(values: JsonValue[]): TensorDatatype {
  const present = values.filter((v) => v !== null)
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return 'BOOL'
  if (present.length > 0 && present.every((v) => typeof v === 'number')) {
    return present.every((v) => Number.isInteger(v)) ? 'INT64' : 'FP64'
  }
  return 'BYTES'
}

function castCell(value: JsonValue, datatype: TensorDatatype): JsonValue {
  if (datatype === 'BYTES') return value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  if (datatype === 'BOOL') return value === true || value === 'true' || value === 1
  if (value === null) return datatype.startsWith('FP') ? Number.NaN : 0
  return typeof value === 'number' ? value : Number(value)
}

/** Slice every output tensor along its first dimension: one `{ name: value }` record per row. */
function splitOutputs(response: unknown, rows: number): unknown[] {
  const outputs = (response as { outputs?: unknown } | null)?.outputs
  if (!Array.isArray(outputs) || outputs.length === 0) {
    throw new Error(
      `the response has no "outputs" tensors (v2 protocol); it starts with ${JSON.stringify(response).slice(0, 120)}. Check the URL and model name`,
    )
  }
  const perRow: Array<Record<string, unknown>> = Array.from({ length: rows }, () => ({}))
  for (const tensor of outputs as OutputTensor[]) {
    if (typeof tensor?.name !== 'string' || !Array.isArray(tensor.data)) {
      throw new Error(`an output tensor lacks "name" or "data": ${JSON.stringify(tensor).slice(0, 120)}`)
    }
    const shape = Array.isArray(tensor.shape) && tensor.shape.length > 0 ? tensor.shape : [tensor.data.length]
    if (shape[0] !== rows) {
      throw new Error(`output "${tensor.name}" has shape [${shape.join(', ')}] for a batch of ${rows} rows; the batch fails, no row is read from it`)
    }
    const nested = tensor.data.length === rows && tensor.data.some((item) => Array.isArray(item))
    const width = shape.slice(1).reduce((a, b) => a * b, 1)
    // A short (or long) `data` would shift every later row onto its neighbour's value: the
    // whole batch fails instead (adversarial pass 36: 49 values for shape [50]).
    if (!nested && tensor.data.length !== rows * width) {
      throw new Error(
        `output "${tensor.name}" has ${tensor.data.length} values in "data" but its shape [${shape.join(', ')}] needs ${rows * width} for a batch of ${rows} rows; the batch fails, no row is read from it`,
      )
    }
    for (let i = 0; i < rows; i++) {
      perRow[i][tensor.name] = nested ? tensor.data[i] : shape.length === 1 ? tensor.data[i] : tensor.data.slice(i * width, (i + 1) * width)
    }
  }
  return perRow
}

function decodeOutputs(outputs: Record<string, unknown>, options: KserveModelOptions, context: PredictContext): Prediction {
  const names = Object.keys(outputs)
  const pick = (name: string): unknown => {
    if (!(name in outputs)) throw new Error(`the model has no output "${name}"; its outputs are: ${listNames(names)}`)
    return outputs[name]
  }
  const probabilityName = options.probabilityOutput
  const labelName = options.output ?? names.find((name) => name !== probabilityName)
  if (probabilityName !== undefined) {
    const label = labelName === undefined ? undefined : decodeAnswer(pick(labelName), {})
    if (typeof label === 'object') throw new Error(`output "${labelName}" holds several values per row; name the label output with output: '...'`)
    return probabilityPrediction(pick(probabilityName), options.labels, label)
  }
  return decodeAnswer(pick(labelName as string), { labels: options.labels }, context.answers)
}
