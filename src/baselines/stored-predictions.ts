/**
 * Per-example predictions of the baseline model, stored in its entry so that a later run on the
 * same data can be compared with a paired bootstrap on any metric recomputable from them:
 * - classifiers: the predicted label index per example, little-endian `uint8` (up to 256
 *   labels) or `uint16` (up to 65,536), with the label list so the indices can be checked
 *   (600 examples take 800 base64 characters);
 * - regressors: the prediction per example as little-endian float64, so every recomputed metric
 *   equals the stored one exactly (float32 would save half the size but could move a metric in
 *   its last digits, and the comparison checks the stored values are reproduced).
 * - classifier probabilities: row-major little-endian float64, exact, up to
 *   {@link MAX_STORED_PROBABILITY_ROWS} examples and {@link MAX_STORED_PROBABILITY_VALUES} values;
 *   above, in the same bytes, exactly as indices into a table of at most 65,536 distinct values,
 *   else the values that repeat exactly and the logarithms of the rest as float32
 *   ({@link encodeBaselineProbabilities}) up to
 *   {@link MAX_STORED_PREDICTIONS} examples and {@link MAX_STORED_FLOAT32_PROBABILITY_VALUES}
 *   values. Rounding to float32 (a relative error below 6e-8 of log p) can merge nearby scores into ties,
 *   which moved a stored ROC AUC by 8e-4 in a test, so a paired test then rounds the current
 *   run's probabilities alike and holds only where the recomputed values are the stored and
 *   current ones (to 1e-6): the means of per-example terms (log_loss, brier_score_loss) and most
 *   custom metrics do; an AUC with merged ties does not and keeps the unpaired test. Above both
 *   caps, log_loss, brier_score_loss, roc_auc and precision_recall_auc get the unpaired test and
 *   the verdict says so, and custom metrics are recomputed from the labels alone
 *   (`customWithoutProbabilitiesOf`, src/compare), which holds where that reproduces both values
 *   compared (a metric that reads the probabilities does not).
 * - text, question-answering, summarization and retriever types: the per-row score columns as
 *   float64 (and, for custom metrics, the outputs), up to {@link MAX_STORED_ROW_SCORES} examples
 *   and {@link MAX_STORED_ROW_SCORE_VALUES} scores (examples x {@link scoreColumnsStored}).
 * Above {@link MAX_STORED_PREDICTIONS} examples (classifiers) or
 * {@link MAX_STORED_REGRESSOR_PREDICTIONS} (regressors) nothing is stored and drops are tested
 * without pairing, except accuracy (McNemar on the correctness bitset).
 * Byte order is fixed (little-endian) so the file is the same on every machine.
 */
import { BaselineError } from '../errors.js'
import type { ModelOutputs } from '../compare/index.js'
import { outputsOf } from '../evaluate/run-table-engine.js'
import { metricComparison } from '../metrics/index.js'
import { runTableOf } from '../run/run-table.js'
import type { EvalRun } from '../run/types.js'
import { decodeCorrectness } from './correctness-bitset.js'
import type { BaselineEntry, StoredPredictions, StoredProbabilities, StoredRowKeys } from './types.js'

/** Above this many examples a classifier entry stores no probabilities. */
export const MAX_STORED_PROBABILITY_ROWS = 50_000

/**
 * Above this many values (examples x labels) a classifier entry stores no probabilities (float64,
 * 8 bytes each: 250,000 values take 2.7 MB of base64).
 */
export const MAX_STORED_PROBABILITY_VALUES = 250_000

/**
 * Above the float64 caps, up to this many values (examples x labels, and at most
 * {@link MAX_STORED_PREDICTIONS} examples) a baseline entry stores its probabilities as float32:
 * the bytes of the float64 cap (500,000 values take 2.7 MB of base64).
 */
export const MAX_STORED_FLOAT32_PROBABILITY_VALUES = 500_000

/** The corrupt-baseline error for a stored per-example part that cannot be read. */
function corruptPart(part: string, what: string): BaselineError {
  return new BaselineError('baseline-corrupt', `the baseline entry's stored ${part} cannot be read: ${what}; run \`vitest -u\` locally to write the entry again`)
}

/**
 * Above this many examples a classifier entry stores no per-example predictions (one byte each;
 * the paired test on them costs O(resamples x occupied cells), whatever the size).
 */
export const MAX_STORED_PREDICTIONS = 200_000

/**
 * Above this many examples a regressor entry stores no predictions (float64, 8 bytes each:
 * 100,000 take 1.07 MB of base64, 250,000 take 2.7 MB, as {@link MAX_STORED_PROBABILITY_VALUES}
 * probabilities do). The comparison's cost no longer grows with the rows past 20,000: the
 * resampling test (r2, RMSE, max_error, custom metrics) runs on a seeded random 20,000 of a
 * scope's rows above that (`RESAMPLE_MAX_ROWS`), and the paired-mean test of MAE, MSE and MAPE
 * (Hall's t and the sign flip, which takes its normal limit above 4·10⁷ sign draws) is linear in
 * the rows (`bench/gate/regressor-cap-timing.mjs`). Before, the cap was 20,000: the paired
 * bootstrap then ran on every row, and above it a custom metric (no interval above 20,000 rows
 * either) failed any dip on its point value.
 */
export const MAX_STORED_REGRESSOR_PREDICTIONS = 250_000

/**
 * Above this many examples a text, question-answering, summarization or retriever entry stores
 * no per-row score columns (float64) and no outputs (`outputTexts`): each tracked mean of a score
 * is then tested unpaired. The regressor's cap: 20,000 before, where an unchanged re-train of a
 * 21,000-row question-answering run with a custom metric (no interval above 20,000 rows either)
 * failed on the metric's point value 3 of 8 times (adversarial pass 43, F7).
 */
export const MAX_STORED_ROW_SCORES = 250_000

/**
 * Most per-row scores (examples x score columns) a text-type entry stores: the bytes of the
 * regressor's cap (2.7 MB of base64). The tracked means' columns (a question-answering entry of
 * `exact_match/v1`: one, up to 250,000 examples), or with a custom metric every score column
 * (question answering and text four, up to 62,500 examples; retriever three, 83,333;
 * summarization seven, 35,714).
 */
export const MAX_STORED_ROW_SCORE_VALUES = 250_000

/** The most bytes (UTF-8, as the baseline file holds them) of model outputs a text-type entry stores (`outputTexts`, for custom metrics). */
export const MAX_STORED_OUTPUT_BYTES = 2_000_000

/**
 * The outputs a text-type entry stores for its custom metrics' paired tests (a copy), or
 * undefined above {@link MAX_STORED_ROW_SCORES} rows (as the per-row scores) or
 * {@link MAX_STORED_OUTPUT_BYTES} bytes as the file holds them (JSON strings in UTF-8: a Japanese
 * character is three bytes, a backslash two). The verdict's note names both caps.
 *
 * @example storableOutputTexts(['a', 'b']) // ['a', 'b']
 */
export function storableOutputTexts(texts: readonly string[], scoreColumns = 1): string[] | undefined {
  if (rowScoresStorageLimit(texts.length, scoreColumns) !== undefined) return undefined
  let bytes = 0
  for (const text of texts) bytes += Buffer.byteLength(JSON.stringify(text), 'utf8') - 2
  return bytes > MAX_STORED_OUTPUT_BYTES ? undefined : [...texts]
}

/**
 * Above this many examples an entry stores no row keys (4 bytes each: 50,000 take 267 KB of
 * base64), so a changed evaluation set is compared with unpaired tests.
 */
export const MAX_STORED_ROW_KEYS = 50_000

/**
 * Encodes row keys (over `columns`) as little-endian uint32; undefined above {@link MAX_STORED_ROW_KEYS}.
 * @example encodeRowKeys(Uint32Array.of(1), ['text'])?.values // 'AQAAAA=='
 */
export function encodeRowKeys(keys: Uint32Array, columns: readonly string[]): StoredRowKeys | undefined {
  if (keys.length > MAX_STORED_ROW_KEYS) return undefined
  const bytes = Buffer.alloc(keys.length * 4)
  for (let i = 0; i < keys.length; i++) bytes.writeUInt32LE(keys[i], i * 4)
  return { encoding: 'uint32le-base64', length: keys.length, columns: [...columns], values: bytes.toString('base64') }
}

/**
 * Decodes stored row keys; throws the corrupt-baseline error when the encoding or the byte count is wrong.
 * @example decodeRowKeys({ encoding: 'uint32le-base64', length: 1, columns: ['text'], values: 'AQAAAA==' }) // Uint32Array [1]
 */
export function decodeRowKeys(stored: StoredRowKeys): Uint32Array {
  if (stored.encoding !== 'uint32le-base64') throw corruptPart('row keys', `the encoding is ${String(stored.encoding)}, expected uint32le-base64`)
  if (typeof stored.values !== 'string' || !Number.isInteger(stored.length) || stored.length < 0 || !Array.isArray(stored.columns)) throw corruptPart('row keys', 'values must be a base64 string, length a count and columns a list of names')
  const bytes = Buffer.from(stored.values, 'base64')
  if (bytes.length !== stored.length * 4) throw corruptPart('row keys', `they hold ${bytes.length} bytes, expected ${stored.length * 4} for ${stored.length} examples (uint32)`)
  const out = new Uint32Array(stored.length)
  for (let i = 0; i < stored.length; i++) out[i] = bytes.readUInt32LE(i * 4)
  return out
}

/**
 * Above this many cells (rows × key columns) an entry stores its row keys without the per-cell
 * hashes (2 bytes each: 100,000 take 267 KB of base64), so its rows match only on all their key columns.
 */
export const MAX_STORED_CELL_HASHES = 100_000

/**
 * The per-cell hashes of the key columns (column by column, as `cellHashes` returns them) as
 * little-endian uint16 in base64; undefined above {@link MAX_STORED_CELL_HASHES} cells or with
 * fewer than three key columns (a match keeps two, so none could be left out).
 * @example encodeCellHashes(Uint16Array.of(1, 2, 3), 3) // 'AQACAAMA'
 */
export function encodeCellHashes(cells: Uint16Array, columnCount: number): string | undefined {
  if (columnCount < 3 || cells.length > MAX_STORED_CELL_HASHES) return undefined
  const bytes = Buffer.alloc(cells.length * 2)
  for (let i = 0; i < cells.length; i++) bytes.writeUInt16LE(cells[i]!, i * 2)
  return bytes.toString('base64')
}

/**
 * Decodes the stored per-cell hashes of `stored` (undefined when it has none); throws the
 * corrupt-baseline error when their byte count is not 2 × rows × key columns.
 */
export function decodeCellHashes(stored: StoredRowKeys): Uint16Array | undefined {
  if (stored.cells === undefined) return undefined
  if (typeof stored.cells !== 'string') throw corruptPart('row keys', 'cells must be a base64 string')
  const bytes = Buffer.from(stored.cells, 'base64')
  const expected = stored.length * stored.columns.length * 2
  if (bytes.length !== expected) throw corruptPart('row keys', `their cell hashes hold ${bytes.length} bytes, expected ${expected} for ${stored.length} examples of ${stored.columns.length} columns (uint16)`)
  const out = new Uint16Array(stored.length * stored.columns.length)
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt16LE(i * 2)
  return out
}

/** Largest label count whose indices fit the `uint16` encoding. */
const MAX_LABELS = 65_536

/**
 * Why predictions could not be stored, as a sentence fragment, or undefined when they can;
 * `labelCount` is given for classifiers only.
 * @example predictionsStorageLimit(300_000, 3) // '300,000 examples, above the 200,000-example cap for stored predictions'
 */
export function predictionsStorageLimit(exampleCount: number, labelCount?: number): string | undefined {
  const cap = labelCount === undefined ? MAX_STORED_REGRESSOR_PREDICTIONS : MAX_STORED_PREDICTIONS
  if (exampleCount > cap) return `${exampleCount.toLocaleString('en-US')} examples, above the ${cap.toLocaleString('en-US')}-example cap for stored ${labelCount === undefined ? 'regressor ' : ''}predictions`
  if (labelCount !== undefined && labelCount > MAX_LABELS) return `${labelCount} labels, more than the ${MAX_LABELS} a stored index can hold`
  return undefined
}

/**
 * Why a text, question-answering, summarization or retriever entry's per-row scores (and outputs)
 * could not be stored, as a sentence fragment, or undefined when they can.
 * @example rowScoresStorageLimit(90_000, 3) // '270,000 per-row scores (90,000 examples x 3 score columns), above the 250,000-value cap for stored per-row scores'
 */
export function rowScoresStorageLimit(exampleCount: number, scoreColumns = 1): string | undefined {
  if (exampleCount > MAX_STORED_ROW_SCORES) return `${exampleCount.toLocaleString('en-US')} examples, above the ${MAX_STORED_ROW_SCORES.toLocaleString('en-US')}-example cap for stored per-row scores`
  if (exampleCount * scoreColumns > MAX_STORED_ROW_SCORE_VALUES) {
    return `${(exampleCount * scoreColumns).toLocaleString('en-US')} per-row scores (${exampleCount.toLocaleString('en-US')} examples x ${scoreColumns} score columns), above the ${MAX_STORED_ROW_SCORE_VALUES.toLocaleString('en-US')}-value cap for stored per-row scores`
  }
  return undefined
}

/**
 * The per-row score columns a text-type entry of `run` tracking the metrics `tracked` stores:
 * with the outputs (`withOutputs`: it tracks a custom metric, which may read any column), every
 * score column of the run; else those of its tracked means, each once (`rouge1/v1/mean` and
 * `rouge1/v1/variance` read one column). The entry, the cap's notes and the row keys' reason all
 * count them here, so the cap they name is the one applied.
 * @example scoreColumnsStored(run, ['exact_match/v1'], false) // ['exact_match/v1/score']
 */
export function scoreColumnsStored(run: EvalRun, tracked: readonly string[], withOutputs: boolean): string[] {
  if (withOutputs) {
    const table = runTableOf(run)
    return table === undefined ? [] : Object.keys(outputsOf(table)).filter((column) => column.endsWith('/score'))
  }
  return [...new Set(tracked.flatMap((name) => metricComparison(name).scoreColumn ?? []))]
}

/** Whether an entry tracking `tracked` of `run` tracks one of its custom metrics (and so stores the outputs, below the caps). */
export function tracksCustomMetric(run: EvalRun, tracked: readonly string[]): boolean {
  return run.customMetrics.some((name) => tracked.includes(name))
}

/**
 * Why an entry of `modelType` stores no per-example outputs, as a sentence fragment, or undefined
 * when its size allows them: a classifier's predictions (`labelCount` labels), a regressor's, or
 * the per-row scores of the other types.
 * @example outputsStorageLimit('regressor', 300_000) // '300,000 examples, above the 250,000-example cap for stored regressor predictions'
 */
export function outputsStorageLimit(modelType: string, exampleCount: number, labelCount = 0, scoreColumns = 1): string | undefined {
  if (modelType === 'classifier') return predictionsStorageLimit(exampleCount, labelCount)
  return modelType === 'regressor' ? predictionsStorageLimit(exampleCount) : rowScoresStorageLimit(exampleCount, scoreColumns)
}

/**
 * Encodes predicted label indices (into `labels`); undefined above the size cap.
 * @example encodeClassPredictions(Int32Array.of(0, 2, 1), ['a', 'b', 'c'])?.values // 'AAIB'
 */
export function encodeClassPredictions(predictedIndex: ArrayLike<number>, labels: readonly string[]): StoredPredictions | undefined {
  if (predictionsStorageLimit(predictedIndex.length, labels.length) !== undefined) return undefined
  const wide = labels.length > 256
  const bytes = Buffer.alloc(predictedIndex.length * (wide ? 2 : 1))
  for (let i = 0; i < predictedIndex.length; i++) {
    if (wide) bytes.writeUInt16LE(predictedIndex[i], i * 2)
    else bytes.writeUInt8(predictedIndex[i], i)
  }
  return { encoding: wide ? 'uint16le-base64' : 'uint8-base64', length: predictedIndex.length, labels: [...labels], values: bytes.toString('base64') }
}

/**
 * Encodes regressor predictions as little-endian float64; undefined above the size cap.
 * @example encodeValuePredictions(Float64Array.of(1.5)).values // 'AAAAAAAA+D8='
 */
export function encodeValuePredictions(predicted: ArrayLike<number>): StoredPredictions | undefined {
  if (predictionsStorageLimit(predicted.length) !== undefined) return undefined
  const bytes = Buffer.alloc(predicted.length * 8)
  for (let i = 0; i < predicted.length; i++) bytes.writeDoubleLE(predicted[i], i * 8)
  return { encoding: 'float64le-base64', length: predicted.length, values: bytes.toString('base64') }
}

function byteWidth(encoding: StoredPredictions['encoding']): number {
  return encoding === 'uint8-base64' ? 1 : encoding === 'uint16le-base64' ? 2 : 8
}

/**
 * Decodes stored label indices; throws when the byte count does not match the length or an
 * index is outside the label list.
 * @example decodeClassPredictions({ encoding: 'uint8-base64', length: 3, labels: ['a', 'b', 'c'], values: 'AAIB' }) // Int32Array [0, 2, 1]
 */
export function decodeClassPredictions(stored: StoredPredictions): Int32Array {
  if (stored.encoding === 'float64le-base64' || !Array.isArray(stored.labels)) throw corruptPart('predictions', `they are ${String(stored.encoding)} without a label list, not label indices`)
  const bytes = checkedBytes(stored)
  const wide = stored.encoding === 'uint16le-base64'
  const out = new Int32Array(stored.length)
  for (let i = 0; i < stored.length; i++) {
    const index = wide ? bytes.readUInt16LE(i * 2) : bytes[i]
    if (index >= stored.labels.length) throw corruptPart('predictions', `example ${i} is label index ${index}, but only ${stored.labels.length} labels are stored`)
    out[i] = index
  }
  return out
}

/**
 * Decodes stored float64 predictions.
 * @example decodeValuePredictions({ encoding: 'float64le-base64', length: 1, values: 'AAAAAAAA+D8=' }) // Float64Array [1.5]
 */
export function decodeValuePredictions(stored: StoredPredictions): Float64Array {
  if (stored.encoding !== 'float64le-base64') throw corruptPart('predictions', `they are ${String(stored.encoding)}, not float64 values`)
  const bytes = checkedBytes(stored)
  const out = new Float64Array(stored.length)
  for (let i = 0; i < stored.length; i++) out[i] = bytes.readDoubleLE(i * 8)
  return out
}

function checkedBytes(stored: StoredPredictions): Buffer {
  if (typeof stored.values !== 'string' || !Number.isInteger(stored.length) || stored.length < 0) throw corruptPart('predictions', 'values must be a base64 string and length a count')
  const bytes = Buffer.from(stored.values, 'base64')
  const expected = stored.length * byteWidth(stored.encoding)
  if (bytes.length !== expected) throw corruptPart('predictions', `they hold ${bytes.length} bytes, expected ${expected} for ${stored.length} examples (${stored.encoding})`)
  return bytes
}

/**
 * Why probabilities could not be stored, as a sentence fragment, or undefined when they can.
 * @example probabilitiesStorageLimit(60_000, 3) // '60,000 examples, above the 50,000-example cap for stored probabilities'
 */
export function probabilitiesStorageLimit(exampleCount: number, classes: number): string | undefined {
  if (exampleCount > MAX_STORED_PROBABILITY_ROWS) return `${exampleCount.toLocaleString('en-US')} examples, above the ${MAX_STORED_PROBABILITY_ROWS.toLocaleString('en-US')}-example cap for stored probabilities`
  if (exampleCount * classes > MAX_STORED_PROBABILITY_VALUES) return `${(exampleCount * classes).toLocaleString('en-US')} probabilities, above the ${MAX_STORED_PROBABILITY_VALUES.toLocaleString('en-US')}-value cap for stored probabilities`
  return undefined
}

/**
 * Why a baseline entry cannot store probabilities, as a sentence fragment, or undefined when it
 * can (as float64 within {@link probabilitiesStorageLimit}'s caps, else as float32).
 * @example baselineProbabilitiesStorageLimit(60_000, 3) // undefined (float32)
 * @example baselineProbabilitiesStorageLimit(300_000, 2) // '300,000 examples, above the 200,000-example cap for stored probabilities'
 */
export function baselineProbabilitiesStorageLimit(exampleCount: number, classes: number): string | undefined {
  if (probabilitiesStorageLimit(exampleCount, classes) === undefined) return undefined
  if (exampleCount > MAX_STORED_PREDICTIONS) return `${exampleCount.toLocaleString('en-US')} examples, above the ${MAX_STORED_PREDICTIONS.toLocaleString('en-US')}-example cap for stored probabilities`
  if (exampleCount * classes > MAX_STORED_FLOAT32_PROBABILITY_VALUES) {
    return `${(exampleCount * classes).toLocaleString('en-US')} probabilities, above the ${MAX_STORED_FLOAT32_PROBABILITY_VALUES.toLocaleString('en-US')}-value cap for stored probabilities`
  }
  return undefined
}

/**
 * A baseline entry's probabilities: float64 within {@link probabilitiesStorageLimit}'s caps
 * ({@link encodeProbabilities}); above, up to {@link MAX_STORED_FLOAT32_PROBABILITY_VALUES}
 * values and {@link MAX_STORED_PREDICTIONS} examples, indices into a table of the distinct values
 * (at most 65,536: exact), else, where every value is a decimal of at most 9 places, integers of
 * 10^-d (exact), else the values that repeat exactly (up to 255) and the natural logarithms of
 * the rest as little-endian float32; undefined above.
 * @example encodeBaselineProbabilities(Float64Array.of(0.25, 0.75), 2)?.encoding // 'float64le-base64'
 */
export function encodeBaselineProbabilities(probabilities: Float64Array, classes: number): StoredProbabilities | undefined {
  const length = probabilities.length / classes
  if (probabilitiesStorageLimit(length, classes) === undefined) return encodeProbabilities(probabilities, classes)
  if (baselineProbabilitiesStorageLimit(length, classes) !== undefined) return undefined
  const table = distinctValues(probabilities, MAX_PROBABILITY_TABLE)
  if (table) {
    // exact, in fewer bytes than float32: rounding to float32 moved a probability of 0.9 to
    // 0.8999999762, below a custom metric's threshold of 0.9, and the metric recomputed from the
    // stored values was not the one compared (adversarial pass 43: 5 of 6 re-trains failed)
    const index = new Map(table.map((value, i) => [value, i]))
    const wide = table.length > 256
    const bytes = Buffer.alloc(probabilities.length * (wide ? 2 : 1))
    for (let i = 0; i < probabilities.length; i++) {
      const at = index.get(probabilities[i]!)!
      if (wide) bytes.writeUInt16LE(at, i * 2)
      else bytes[i] = at
    }
    return { encoding: wide ? 'table-uint16le-base64' : 'table-uint8-base64', length, classes, values: bytes.toString('base64'), table }
  }
  // Probabilities written with at most 9 decimals (read from a file of stored predictions, or
  // rounded) are kept exactly as integers of 10^-d, in the bytes of float32: float32 moved a 0.95 of
  // a 5-decimal column below a custom metric's threshold (adversarial pass 44: 3 of 4 re-trains
  // at 200,000 rows failed on its point value)
  // A binary run given one score column holds 1 - score beside it, which is no short decimal:
  // the positive column alone is stored, and the other is 1 - it again, as the run computed it.
  const complement = classes === 2 && isComplement(probabilities)
  const stored = complement ? Float64Array.from({ length }, (_, i) => probabilities[2 * i + 1]!) : probabilities
  const decimals = decimalPlaces(stored)
  if (decimals !== undefined) {
    const scale = 10 ** decimals
    const bytes = Buffer.alloc(stored.length * 4)
    for (let i = 0; i < stored.length; i++) bytes.writeUInt32LE(Math.round(stored[i]! * scale), i * 4)
    return { encoding: 'decimal-uint32le-base64', length, classes, values: bytes.toString('base64'), decimals, ...(complement ? { complement: true as const } : {}) }
  }
  // Values that repeat (clipped to [0.05, 0.95], 0 and 1, a constant) are kept exactly, the rest
  // as float32 logarithms: exp(fround(log 0.95)) is 0.94999999954, and a custom metric counting
  // rows at 0.95 or above, recomputed from it, was not the value compared (adversarial pass 44:
  // 8 of 10 re-trains of clipped probabilities failed on its point value).
  const repeated = repeatedValues(probabilities, MAX_EXACT_REPEATED)
  if (repeated.length > 0) {
    const index = new Map(repeated.map((value, i) => [value, i]))
    const indices = Buffer.alloc(probabilities.length)
    const logs: number[] = []
    for (let i = 0; i < probabilities.length; i++) {
      const at = index.get(probabilities[i]!)
      if (at === undefined) {
        indices[i] = ESCAPED
        logs.push(Math.log(probabilities[i]!))
      } else indices[i] = at
    }
    const rest = Buffer.alloc(logs.length * 4)
    logs.forEach((value, i) => rest.writeFloatLE(value, i * 4))
    return { encoding: 'table-log-float32le-base64', length, classes, values: Buffer.concat([indices, rest]).toString('base64'), table: repeated }
  }
  // the logarithms, not the probabilities: float32 keeps 24 bits of log(p), so 1 - p keeps them
  // too near 1, where float32 of p itself tied every score above 1 - 6e-8 (adversarial pass 43: a
  // confident model's roc_auc lost its paired test and a ranking regression passed, 3 of 3)
  const bytes = Buffer.alloc(probabilities.length * 4)
  for (let i = 0; i < probabilities.length; i++) bytes.writeFloatLE(Math.log(probabilities[i]!), i * 4)
  return { encoding: 'log-float32le-base64', length, classes, values: bytes.toString('base64') }
}

/** Most repeated probabilities kept exactly beside float32 logarithms (uint8 indices, {@link ESCAPED} marking the others). */
const MAX_EXACT_REPEATED = 255
/** The index of a value stored as a float32 logarithm in `table-log-float32le-base64`. */
const ESCAPED = 255

/**
 * The values of `values` that occur more than once, the `most` most frequent (ties: the smaller
 * first), ascending.
 */
function repeatedValues(values: Float64Array, most: number): number[] {
  const counts = new Map<number, number>()
  for (let i = 0; i < values.length; i++) counts.set(values[i]!, (counts.get(values[i]!) ?? 0) + 1)
  const repeated = [...counts].filter(([, count]) => count > 1).sort((x, y) => y[1] - x[1] || x[0] - y[0])
  return repeated.slice(0, most).map(([value]) => (value === 0 ? 0 : value)).sort((x, y) => x - y)
}

/** Most decimals a probability written as a decimal may have to be stored exactly as an integer (uint32: 10^9 fits). */
const MAX_DECIMALS = 9

/**
 * The fewest decimals d (up to {@link MAX_DECIMALS}) with which every value is the float64 of a
 * decimal k / 10^d (as read from `0.95123`, or rounded to d places), so that k / 10^d gives it
 * back exactly; undefined when there is none.
 */
function decimalPlaces(values: Float64Array): number | undefined {
  let decimals = 0
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    while (decimals <= MAX_DECIMALS && Math.round(value * 10 ** decimals) / 10 ** decimals !== value) decimals++
    if (decimals > MAX_DECIMALS) return undefined
  }
  return decimals
}

/** Whether each row of two-column probabilities is (1 - p, p), bit for bit. */
function isComplement(probabilities: Float64Array): boolean {
  for (let i = 0; i < probabilities.length; i += 2) if (probabilities[i] !== 1 - probabilities[i + 1]!) return false
  return true
}

/** Most distinct probabilities a table encoding holds (uint16 indices). */
const MAX_PROBABILITY_TABLE = 65_536

/**
 * The distinct values of `values`, ascending (-0 as 0), or undefined when there are more than
 * `most`.
 */
function distinctValues(values: Float64Array, most: number): number[] | undefined {
  const seen = new Set<number>()
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i]! === 0 ? 0 : values[i]!)
    if (seen.size > most) return undefined
  }
  return [...seen].sort((x, y) => x - y)
}

/**
 * Encodes row-major `n x classes` probabilities as little-endian float64; undefined above the caps.
 * @example encodeProbabilities(Float64Array.of(0.25, 0.75), 2)?.values // 'AAAAAAAA0D8AAAAAAADoPw=='
 */
export function encodeProbabilities(probabilities: Float64Array, classes: number): (StoredProbabilities & { encoding: 'float64le-base64' }) | undefined {
  const length = probabilities.length / classes
  if (probabilitiesStorageLimit(length, classes) !== undefined) return undefined
  const bytes = Buffer.alloc(probabilities.length * 8)
  for (let i = 0; i < probabilities.length; i++) bytes.writeDoubleLE(probabilities[i], i * 8)
  return { encoding: 'float64le-base64', length, classes, values: bytes.toString('base64') }
}

/**
 * Decodes stored probabilities (float64, or a baseline's float32) to row-major float64; throws the
 * corrupt-baseline error when the encoding, the byte count or a value (not a probability in
 * [0, 1]) is wrong.
 * @example decodeProbabilities({ encoding: 'float64le-base64', length: 1, classes: 2, values: 'AAAAAAAA0D8AAAAAAADoPw==' }) // Float64Array [0.25, 0.75]
 */
export function decodeProbabilities(stored: StoredProbabilities): Float64Array {
  if (stored.encoding === 'table-log-float32le-base64') return decodeMixedProbabilities(stored)
  if (stored.encoding === 'decimal-uint32le-base64') return decodeDecimalProbabilities(stored)
  const widths = { 'float64le-base64': 8, 'float32le-base64': 4, 'log-float32le-base64': 4, 'table-uint8-base64': 1, 'table-uint16le-base64': 2 } as const
  const width = Object.hasOwn(widths, stored.encoding) ? widths[stored.encoding as keyof typeof widths] : undefined
  if (width === undefined) {
    throw corruptPart('probabilities', `the encoding is ${String(stored.encoding)}, expected ${Object.keys(widths).join(', ')}`)
  }
  checkProbabilityCounts(stored)
  const table = stored.encoding.startsWith('table-') ? stored.table : undefined
  if (stored.encoding.startsWith('table-') && (!Array.isArray(table) || table.length === 0 || table.length > MAX_PROBABILITY_TABLE)) {
    throw corruptPart('probabilities', `a ${stored.encoding} part needs a "table" of 1 to ${MAX_PROBABILITY_TABLE.toLocaleString('en-US')} probabilities`)
  }
  const bytes = Buffer.from(stored.values, 'base64')
  const count = stored.length * stored.classes
  if (bytes.length !== count * width) {
    const kind = { 8: 'float64', 4: 'float32', 1: 'uint8 indices', 2: 'uint16 indices' }[width]
    throw corruptPart('probabilities', `they hold ${bytes.length} bytes, expected ${count * width} for ${stored.length} examples x ${stored.classes} labels (${kind})`)
  }
  const logarithms = stored.encoding === 'log-float32le-base64'
  const out = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const value = table ? table[width === 2 ? bytes.readUInt16LE(i * 2) : bytes[i]!] : width === 8 ? bytes.readDoubleLE(i * 8) : logarithms ? Math.exp(bytes.readFloatLE(i * 4)) : bytes.readFloatLE(i * 4)
    out[i] = probabilityAt(value, i, stored.classes)
  }
  return out
}

/** Throws the corrupt-part error unless a stored probabilities part has its base64 values and its counts. */
function checkProbabilityCounts(stored: StoredProbabilities): void {
  if (typeof stored.values !== 'string' || !Number.isInteger(stored.length) || !Number.isInteger(stored.classes) || stored.length < 0 || stored.classes < 1) {
    throw corruptPart('probabilities', 'values must be a base64 string, length and classes counts')
  }
}

/** `value`, the `i`-th of a row-major part of `classes` labels, if it is a probability; else the corrupt-part error naming its example and label. */
function probabilityAt(value: unknown, i: number, classes: number): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value
  const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value))
  throw corruptPart('probabilities', `example ${Math.floor(i / classes)}, label ${i % classes} is ${shown}, not a probability`)
}

/** Decodes `decimal-uint32le-base64`: each value an integer k, the probability k / 10^decimals. */
function decodeDecimalProbabilities(stored: StoredProbabilities): Float64Array {
  const { decimals } = stored
  checkProbabilityCounts(stored)
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw corruptPart('probabilities', `a decimal-uint32le-base64 part needs "decimals", an integer from 0 to ${MAX_DECIMALS}`)
  }
  const complement = stored.complement === true
  if (complement && stored.classes !== 2) throw corruptPart('probabilities', `"complement" is for two labels, not ${stored.classes}`)
  const bytes = Buffer.from(stored.values, 'base64')
  const count = stored.length * stored.classes
  const held = complement ? stored.length : count
  if (bytes.length !== held * 4) {
    throw corruptPart('probabilities', `they hold ${bytes.length} bytes, expected ${held * 4} for ${stored.length} examples x ${complement ? '1 label (the other its complement)' : `${stored.classes} labels`} (uint32 each)`)
  }
  const scale = 10 ** decimals
  const out = new Float64Array(count)
  for (let i = 0; i < held; i++) {
    const value = bytes.readUInt32LE(i * 4) / scale
    if (complement) {
      out[2 * i + 1] = probabilityAt(value, 2 * i + 1, 2)
      out[2 * i] = 1 - value
    } else out[i] = probabilityAt(value, i, stored.classes)
  }
  return out
}

/** Decodes `table-log-float32le-base64`: an index byte per value (into `table`, or 255: the next float32 logarithm after the indices). */
function decodeMixedProbabilities(stored: StoredProbabilities): Float64Array {
  const { table } = stored
  checkProbabilityCounts(stored)
  if (!Array.isArray(table) || table.length === 0 || table.length > MAX_EXACT_REPEATED) {
    throw corruptPart('probabilities', `a table-log-float32le-base64 part needs a "table" of 1 to ${MAX_EXACT_REPEATED} probabilities`)
  }
  const bytes = Buffer.from(stored.values, 'base64')
  const count = stored.length * stored.classes
  let escaped = 0
  for (let i = 0; i < Math.min(count, bytes.length); i++) if (bytes[i] === ESCAPED) escaped++
  if (bytes.length !== count + 4 * escaped) {
    throw corruptPart('probabilities', `they hold ${bytes.length} bytes, expected ${count + 4 * escaped} for ${stored.length} examples x ${stored.classes} labels (an index byte each, and 4 bytes for each of the ${escaped} not in the table)`)
  }
  const out = new Float64Array(count)
  let next = count
  for (let i = 0; i < count; i++) {
    let value: unknown
    if (bytes[i] === ESCAPED) {
      value = Math.exp(bytes.readFloatLE(next))
      next += 4
    } else value = table[bytes[i]!]
    out[i] = probabilityAt(value, i, stored.classes)
  }
  return out
}

/**
 * The baseline model's per-example outputs stored in `entry`, decoded for a paired comparison
 * with `run` on the same data, or the reason (a sentence fragment) there are none; `missing`
 * says why a part is absent (cap, older entry). `matched`: the entry's rows are matched to the
 * run's by their keys (`row-matching.ts`), so each part holds the entry's own examples, and rows
 * that failed in either model are no obstacle (without keys the examples of two runs line up only
 * when none failed). Throws the corrupt-baseline error when a stored part cannot be read.
 */
export function storedOutputs(entry: BaselineEntry, run: EvalRun, matched = false): { outputs?: ModelOutputs; missing: { labels?: string; probabilities?: string }; reason?: string } {
  const missing: { labels?: string; probabilities?: string } = {}
  const count = matched ? entry.exampleCount : run.exampleCount
  if (!matched && (entry.exampleCount !== entry.dataset.rowCount || run.exampleCount !== run.dataset.rowCount)) {
    return { missing, reason: 'rows failed in the model (error_count), so the examples of the two runs may not line up' }
  }
  const outputs: ModelOutputs = {}
  const mismatch = (part: string, length: number): string => `the baseline stores ${part} for ${length} examples, the run has ${count}`
  if (entry.correct) {
    const correct = decodeCorrectness(entry.correct)
    if (correct.length === count) outputs.correct = correct
  }
  if (entry.rowScores) {
    const rowScores: Record<string, Float64Array> = {}
    for (const [column, scores] of Object.entries(entry.rowScores)) {
      const decoded = decodeValuePredictions(scores)
      if (decoded.length === count) rowScores[column] = decoded
    }
    outputs.rowScores = rowScores
    if (entry.outputTexts?.length === count) outputs.texts = entry.outputTexts
    // the row-score types store their scores (and, for custom metrics, their outputs) instead of predictions
    return { outputs, missing }
  }
  const labels = run.labels ?? []
  const stored = entry.predictions
  if (!stored) {
    const limit = outputsStorageLimit(run.modelType, entry.exampleCount, labels.length)
    const part = run.modelType === 'classifier' || run.modelType === 'regressor' ? 'per-example predictions' : 'per-row scores'
    missing.labels = limit ? `the baseline stores no ${part} (${limit})` : `the baseline entry stores no ${part} (written by an earlier evalgate; \`vitest -u\` adds them)`
  } else if (run.modelType === 'classifier') {
    const predicted = decodeClassPredictions(stored)
    const positions = labelPositions(stored.labels ?? [], labels)
    if (!positions) missing.labels = `the label list changed (${(stored.labels ?? []).join(', ')} -> ${labels.join(', ')}): ${stored.labels?.filter((label) => !labels.includes(label)).join(', ')} not in the run's`
    else if (predicted.length !== count) missing.labels = mismatch('predictions', predicted.length)
    else outputs.predictedIndex = predicted.map((index) => positions[index]!)
  } else {
    const predicted = decodeValuePredictions(stored)
    if (predicted.length !== count) missing.labels = mismatch('predictions', predicted.length)
    else outputs.predictedValues = predicted
  }
  if (run.modelType === 'classifier' && run.hasProbabilities) {
    if (!entry.probabilities) {
      const limit = baselineProbabilitiesStorageLimit(entry.exampleCount, labels.length)
      missing.probabilities = limit ? `the baseline stores no probabilities (${limit})` : 'the baseline entry stores no probabilities (written by an earlier evalgate or a model without them; `vitest -u` adds them)'
    } else {
      const probabilities = decodeProbabilities(entry.probabilities)
      const positions = labelPositions(entry.predictions?.labels ?? labels, labels)
      if (missing.labels?.startsWith('the label list changed')) missing.probabilities = missing.labels
      else if (!positions || entry.probabilities.classes !== positions.length || entry.probabilities.length !== count) missing.probabilities = `the baseline stores probabilities for ${entry.probabilities.length} examples x ${entry.probabilities.classes} labels, the run has ${count} x ${labels.length}`
      else {
        outputs.probabilities = widenedProbabilities(probabilities, positions, labels.length)
        const encoding = entry.probabilities.encoding
        if (encoding === 'float32le-base64' || encoding === 'log-float32le-base64' || encoding === 'table-log-float32le-base64') {
          const why = (probabilitiesStorageLimit(entry.exampleCount, entry.probabilities.classes) ?? 'above the caps').replace('cap for stored probabilities', 'cap for float64 probabilities')
          outputs.probabilitiesFloat32 = {
            why,
            logarithms: encoding !== 'float32le-base64',
            ...(encoding === 'table-log-float32le-base64' ? { exact: entry.probabilities.table ?? [] } : {}),
          }
        }
      }
    }
  }
  return { outputs, missing }
}

/**
 * Where each stored label is in the run's label list, or undefined when one is not there. A
 * label the run added (a class new in the data, or a label only the current model predicts) is
 * no obstacle: the stored predictions and probabilities are put on the run's list.
 * @example labelPositions(['billing', 'tech'], ['billing', 'sales', 'tech']) // Int32Array [0, 2]
 */
function labelPositions(stored: readonly string[], current: readonly string[]): Int32Array | undefined {
  const positions = new Int32Array(stored.length)
  for (let j = 0; j < stored.length; j++) {
    const at = current.indexOf(stored[j]!)
    if (at < 0) return undefined
    positions[j] = at
  }
  return positions
}

/** Row-major stored probabilities put on the run's `classes` labels (0 for a label the baseline model did not know). */
function widenedProbabilities(probabilities: Float64Array, positions: Int32Array, classes: number): Float64Array {
  if (positions.length === classes && positions.every((at, j) => at === j)) return probabilities
  const rows = probabilities.length / positions.length
  const out = new Float64Array(rows * classes)
  for (let i = 0; i < rows; i++) for (let j = 0; j < positions.length; j++) out[i * classes + positions[j]!] = probabilities[i * positions.length + j]!
  return out
}
