/**
 * The per-example outputs of a run, encoded for `outputs.json` (beside `run.json` in the results
 * folder) and decoded for `evalgate compare`'s paired tests. The encodings and caps are a
 * baseline entry's stored predictions (`src/baselines/stored-predictions.ts`): label indices as
 * uint8/uint16 (up to 200,000 rows), regressor values and targets as float64 (up to 250,000 rows),
 * probabilities as float64 (up to 50,000 rows and 250,000 values); each slice column as one
 * label index per row into its value texts. Above a cap the part is left out and `missing`
 * says why, so compare falls back to the unpaired test with that reason.
 *
 * Encoded in the test worker at the end of each test (the run's in-memory outputs reach the
 * reporter only through `task.meta.evalgate`), decoded in the CLI.
 */
import { readFile } from 'node:fs/promises'
import {
  decodeClassPredictions,
  decodeProbabilities,
  decodeValuePredictions,
  encodeClassPredictions,
  encodeProbabilities,
  encodeValuePredictions,
  predictionsStorageLimit,
  probabilitiesStorageLimit,
} from '../baselines/stored-predictions.js'
import type { StoredPredictions } from '../baselines/types.js'
import type { DecodedSliceColumn, RunOutputs } from '../compare/report/run-outputs.js'
import { runTableOf } from '../run/run-table.js'
import { sliceValueText } from '../run/slice-key.js'
import type { RunOutputsRecord } from '../run/test-meta.js'
import type { EvalRun } from '../run/types.js'

/** The file name beside `run.json`. */
export const RUN_OUTPUTS_FILE = 'outputs.json'

/** Each row's value text as an index into the distinct texts, first-seen order. */
function codeColumn(values: ArrayLike<unknown>, n: number): { codes: Int32Array; texts: string[] } {
  const codeOf = new Map<string, number>()
  const codes = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const text = sliceValueText(values[i])
    let code = codeOf.get(text)
    if (code === undefined) {
      code = codeOf.size
      codeOf.set(text, code)
    }
    codes[i] = code
  }
  return { codes, texts: [...codeOf.keys()] }
}

/**
 * Encodes the per-example outputs `run` keeps in memory, or null for a run read back from JSON.
 * @example encodeRunOutputs(run)?.predictions?.encoding // 'uint8-base64'
 */
export function encodeRunOutputs(run: EvalRun): RunOutputsRecord | null {
  const table = runTableOf(run)
  if (!table) return null
  // The classifier's and regressor's encoded columns in the run table (src/model-types/*/);
  // a text type's per-row scores are not written (compare tests those runs unpaired).
  const columns = table.encoded.columns as Readonly<{ targetIndex?: Int32Array; predictedIndex?: Int32Array; probabilities?: Float64Array; targetValues?: Float64Array; predictedValues?: Float64Array }>
  const n = run.exampleCount
  const record: RunOutputsRecord = { evalgateRunOutputs: 1, modelType: run.modelType, exampleCount: n, fingerprint: run.dataset.fingerprint, sliceColumns: {}, missing: {} }
  const labels = run.labels ?? []
  const classifier = run.modelType === 'classifier'
  const limit = predictionsStorageLimit(n, classifier ? labels.length : undefined)
  if (limit) {
    record.missing.targets = limit
    record.missing.predictions = limit
  } else if (classifier) {
    if (columns.targetIndex) record.targets = encodeClassPredictions(columns.targetIndex, labels)
    if (columns.predictedIndex) record.predictions = encodeClassPredictions(columns.predictedIndex, labels)
  } else {
    if (columns.targetValues) record.targets = encodeValuePredictions(columns.targetValues)
    if (columns.predictedValues) record.predictions = encodeValuePredictions(columns.predictedValues)
  }
  if (classifier && columns.probabilities) {
    const probabilityLimit = probabilitiesStorageLimit(n, labels.length)
    if (probabilityLimit) record.missing.probabilities = probabilityLimit
    else record.probabilities = encodeProbabilities(columns.probabilities, labels.length)
  }
  const sliceColumns = new Set(Object.values(run.slices).flatMap((slice) => slice.columns))
  const columnLimit = predictionsStorageLimit(n, 1)
  if (columnLimit && sliceColumns.size > 0) record.missing.sliceColumns = columnLimit
  else {
    for (const name of sliceColumns) {
      const values = table.columns[name]?.values
      if (!values) continue
      const { codes, texts } = codeColumn(values, n)
      const encoded = encodeClassPredictions(codes, texts)
      if (encoded) record.sliceColumns[name] = encoded
      else record.missing.sliceColumns = `column ${name} has ${texts.length} distinct values, more than a stored index can hold`
    }
  }
  return record
}

/** The outputs-file problem: the file and what is wrong with it (compare then tests unpaired). */
export class RunOutputsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RunOutputsError'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Decodes an outputs record read from `source`; throws a {@link RunOutputsError} naming the file
 * and the part when it is not one or a part cannot be read.
 */
export function decodeRunOutputs(value: unknown, source: string): RunOutputs {
  if (!isRecord(value) || value.evalgateRunOutputs !== 1 || typeof value.exampleCount !== 'number' || typeof value.fingerprint !== 'string') {
    throw new RunOutputsError(`${source}: not an evalgate outputs file (expected "evalgateRunOutputs": 1, "exampleCount" and "fingerprint")`)
  }
  const record = value as unknown as RunOutputsRecord
  const part = <T>(name: string, decode: () => T): T => {
    try {
      return decode()
    } catch (error) {
      throw new RunOutputsError(`${source}: ${name}: ${(error as Error).message}`)
    }
  }
  const classifier = record.modelType === 'classifier'
  const outputs: RunOutputs = { exampleCount: record.exampleCount, fingerprint: record.fingerprint, sliceColumns: new Map(), missing: isRecord(record.missing) ? { ...record.missing } : {} }
  if (record.targets) {
    if (classifier) outputs.targetIndex = part('targets', () => decodeClassPredictions(record.targets as StoredPredictions))
    else outputs.targetValues = part('targets', () => decodeValuePredictions(record.targets as StoredPredictions))
  }
  if (record.predictions) {
    if (classifier) outputs.predictedIndex = part('predictions', () => decodeClassPredictions(record.predictions as StoredPredictions))
    else outputs.predictedValues = part('predictions', () => decodeValuePredictions(record.predictions as StoredPredictions))
  }
  if (record.probabilities) outputs.probabilities = part('probabilities', () => decodeProbabilities(record.probabilities!))
  for (const [name, column] of Object.entries(isRecord(record.sliceColumns) ? record.sliceColumns : {})) {
    const codes = part(`slice column ${name}`, () => decodeClassPredictions(column as StoredPredictions))
    const decoded: DecodedSliceColumn = { codes, values: [...(column.labels ?? [])] }
    outputs.sliceColumns.set(name, decoded)
  }
  for (const [name, array] of [['targets', outputs.targetIndex ?? outputs.targetValues], ['predictions', outputs.predictedIndex ?? outputs.predictedValues]] as const) {
    if (array && array.length !== record.exampleCount) throw new RunOutputsError(`${source}: ${name} hold ${array.length} rows, the file says ${record.exampleCount}`)
  }
  return outputs
}

/**
 * Reads `outputs.json` at `path`: the decoded outputs, or the reason there are none (no file:
 * an older reporter or a run written by `evalgate evaluate --json`).
 */
export async function readRunOutputs(path: string, source: string): Promise<{ outputs?: RunOutputs; reason?: string }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return { reason: `${source} has no ${RUN_OUTPUTS_FILE} beside it (written by the evalgate reporter since it stores per-example outputs)` }
  }
  try {
    return { outputs: decodeRunOutputs(JSON.parse(text), source) }
  } catch (error) {
    return { reason: error instanceof RunOutputsError ? error.message : `${source}: not valid JSON (${(error as Error).message})` }
  }
}
