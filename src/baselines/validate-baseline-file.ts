/**
 * The one validation step of a baseline file, run when it is loaded: the JSON, the file's
 * version, then every part of every entry (model type, counts, dataset, metrics, slices, the
 * correctness bitset, the stored predictions, down to their base64 and their lengths), so that a
 * malformed part is found here, named with its file, entry and line, and never crashes a
 * comparison later. Each part of an entry is one {@link EntryPartCheck} in
 * {@link ENTRY_PART_CHECKS}: a part added to the entry later is one more check there.
 */
import type { Average } from '../run/types.js'
import { BASELINE_FILE_VERSION, type BaselineEntry, type BaselineFile } from './types.js'
import { decodeCorrectness } from './correctness-bitset.js'
import { decodeClassPredictions, decodeValuePredictions } from './stored-predictions.js'

/** The model types an entry may name (`ModelType` in src/run/types.ts). */
const MODEL_TYPE_NAMES: readonly string[] = ['classifier', 'regressor', 'question-answering', 'text-summarization', 'text', 'retriever']
const AVERAGES: readonly string[] = ['weighted', 'macro', 'micro'] satisfies readonly Average[]

/** What is wrong with a baseline file, and where. */
export interface BaselineProblem {
  /** The entry's key, when the problem is inside one entry. */
  entry?: string
  /** 1-based line of the file nearest to the problem. */
  line: number
  /** What is wrong, as a sentence fragment. */
  what: string
}

/** A baseline file after validation: its valid entries and what was wrong with the others. */
export interface ValidatedBaselineFile {
  /** The valid entries (all of them when `problems` is empty). */
  file: BaselineFile
  problems: BaselineProblem[]
  /** True when the file as a whole is unusable (not JSON, not an object, wrong version). */
  unusable: boolean
}

/** A problem found by a part check; `near` is a JSON key inside the entry whose line is shown. */
export interface PartProblem {
  what: string
  near?: string
}

/** One part of an entry and how to check it. */
export interface EntryPartCheck {
  /** The entry field this check is about (also the line shown when the problem has no `near`). */
  part: string
  /** The problem with this part of `entry`, or undefined when it is well formed. */
  check(entry: Record<string, unknown>): PartProblem | undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0

/** Strict base64 (what `Buffer.from(text, 'base64')` would otherwise read leniently). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function metricsProblem(metrics: unknown, slice?: string): PartProblem | undefined {
  const where = slice === undefined ? '' : `slice "${slice}": `
  if (!isRecord(metrics)) return { what: slice === undefined ? 'has no metrics object' : `${where}has no metrics object` }
  for (const [name, metric] of Object.entries(metrics)) {
    if (!isRecord(metric) || typeof metric.value !== 'number' || typeof metric.greaterIsBetter !== 'boolean') {
      return { what: `${where}metric "${name}" needs a numeric value and a boolean greaterIsBetter (found ${JSON.stringify(metric)})`, near: name }
    }
    for (const bound of ['lower', 'upper', 'level'] as const) {
      if (metric[bound] !== undefined && typeof metric[bound] !== 'number') return { what: `${where}metric "${name}" has a non-numeric ${bound} ${JSON.stringify(metric[bound])}`, near: name }
    }
    if (metric.method !== undefined && typeof metric.method !== 'string') return { what: `${where}metric "${name}" has a method that is not a string`, near: name }
  }
  return undefined
}

/** Runs a decoder of the baselines' own encodings and turns its error into a problem. */
function decodes(decode: () => unknown, part: string): PartProblem | undefined {
  try {
    decode()
    return undefined
  } catch (error) {
    return { what: `"${part}" cannot be decoded: ${error instanceof Error ? error.message : String(error)}`, near: part }
  }
}

/**
 * The checks of an entry's parts, in order; the first problem of an entry is reported. Later
 * checks may rely on earlier ones (`exampleCount` and `modelType` are checked first).
 */
export const ENTRY_PART_CHECKS: readonly EntryPartCheck[] = [
  {
    part: 'modelType',
    check: (entry) =>
      MODEL_TYPE_NAMES.includes(entry.modelType as string) ? undefined : { what: `modelType is ${JSON.stringify(entry.modelType)}, expected one of ${MODEL_TYPE_NAMES.map((n) => `"${n}"`).join(', ')}` },
  },
  {
    part: 'posLabel',
    check: ({ posLabel }) => (posLabel === undefined || typeof posLabel === 'string' ? undefined : { what: `posLabel is ${JSON.stringify(posLabel)}, expected a label (a string)`, near: 'posLabel' }),
  },
  {
    part: 'average',
    check: ({ average }) =>
      average === undefined || (typeof average === 'string' && AVERAGES.includes(average)) ? undefined : { what: `average is ${JSON.stringify(average)}, expected one of ${AVERAGES.map((a) => `"${a}"`).join(', ')}`, near: 'average' },
  },
  {
    part: 'exampleCount',
    check: (entry) => (isCount(entry.exampleCount) ? undefined : { what: `exampleCount is ${JSON.stringify(entry.exampleCount)}, expected a whole number of examples` }),
  },
  {
    part: 'dataset',
    check: ({ dataset }) => {
      if (!isRecord(dataset) || typeof dataset.fingerprint !== 'string' || !isCount(dataset.rowCount)) return { what: `has no dataset { fingerprint, rowCount } (found ${JSON.stringify(dataset)})` }
      const columns = dataset.columnFingerprints
      if (columns !== undefined && (!isRecord(columns) || !Object.values(columns).every((hash) => typeof hash === 'string'))) return { what: `dataset.columnFingerprints is ${JSON.stringify(columns)}, expected column names mapped to fingerprints`, near: 'columnFingerprints' }
      if (dataset.targetColumn !== undefined && typeof dataset.targetColumn !== 'string') return { what: `dataset.targetColumn is ${JSON.stringify(dataset.targetColumn)}, expected a column name`, near: 'targetColumn' }
      return undefined
    },
  },
  { part: 'metrics', check: (entry) => metricsProblem(entry.metrics) },
  {
    part: 'slices',
    check: ({ slices }) => {
      if (!isRecord(slices)) return { what: 'has no slices object' }
      for (const [key, slice] of Object.entries(slices)) {
        if (!isRecord(slice) || !isCount(slice.exampleCount)) return { what: `slice "${key}" has no exampleCount`, near: key }
        const problem = metricsProblem(slice.metrics, key)
        if (problem) return { what: problem.what, near: key }
      }
      return undefined
    },
  },
  {
    part: 'correct',
    check: ({ correct, exampleCount }) => {
      if (correct === undefined) return undefined
      if (!isRecord(correct) || correct.encoding !== 'bitset-base64' || !isCount(correct.length) || typeof correct.bits !== 'string') {
        return { what: 'has a malformed "correct" bitset (expected { encoding: "bitset-base64", length, bits })', near: 'correct' }
      }
      if (correct.length !== exampleCount) return { what: `"correct" holds ${correct.length} outcomes for ${String(exampleCount)} examples`, near: 'correct' }
      if (!BASE64.test(correct.bits)) return { what: '"correct" bits are not base64', near: 'correct' }
      return decodes(() => decodeCorrectness(correct as never), 'correct')
    },
  },
  {
    part: 'predictions',
    check: ({ predictions, modelType, exampleCount }) => {
      if (predictions === undefined) return undefined
      const classifier = modelType === 'classifier'
      const encodings = classifier ? ['uint8-base64', 'uint16le-base64'] : ['float64le-base64']
      const wellFormed =
        isRecord(predictions) &&
        encodings.includes(predictions.encoding as string) &&
        isCount(predictions.length) &&
        typeof predictions.values === 'string' &&
        (!classifier || (Array.isArray(predictions.labels) && predictions.labels.every((label) => typeof label === 'string')))
      if (!wellFormed) {
        const expected = `{ encoding: ${encodings.map((e) => `"${e}"`).join(' | ')}, length, ${classifier ? 'labels, ' : ''}values }`
        return { what: `has malformed "predictions" (expected ${expected})`, near: 'predictions' }
      }
      if (predictions.length !== exampleCount) return { what: `"predictions" holds ${predictions.length} predictions for ${String(exampleCount)} examples`, near: 'predictions' }
      if (!BASE64.test(predictions.values as string)) return { what: '"predictions" values are not base64', near: 'predictions' }
      return decodes(() => (classifier ? decodeClassPredictions(predictions as never) : decodeValuePredictions(predictions as never)), 'predictions')
    },
  },
  {
    part: 'rowScores',
    check: ({ rowScores, exampleCount }) => {
      if (rowScores === undefined) return undefined
      if (!isRecord(rowScores)) return { what: 'has malformed "rowScores" (expected { "<metric>/score": { encoding: "float64le-base64", length, values } })', near: 'rowScores' }
      for (const [column, stored] of Object.entries(rowScores)) {
        if (!isRecord(stored) || stored.encoding !== 'float64le-base64' || stored.length !== exampleCount || typeof stored.values !== 'string' || !BASE64.test(stored.values)) {
          return { what: `has malformed "rowScores" "${column}" (expected float64le-base64 values for ${String(exampleCount)} examples)`, near: column }
        }
        const problem = decodes(() => decodeValuePredictions(stored as never), column)
        if (problem) return problem
      }
      return undefined
    },
  },
]

function lineOfOffset(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Line of the first `"key"` at or after `from` (line of `from` when absent). */
function lineOfKey(text: string, key: string, from = 0): number {
  const offset = text.indexOf(`${JSON.stringify(key)}:`, from)
  return lineOfOffset(text, offset < 0 ? from : offset)
}

/** The problem of one entry, or undefined when every part is well formed. */
function entryProblem(text: string, key: string, entry: unknown): BaselineProblem | undefined {
  const start = Math.max(0, text.indexOf(`${JSON.stringify(key)}:`))
  const line = lineOfOffset(text, start)
  if (!isRecord(entry)) return { entry: key, line, what: 'is not an object' }
  for (const part of ENTRY_PART_CHECKS) {
    const problem = part.check(entry)
    if (problem) return { entry: key, line: lineOfKey(text, problem.near ?? part.part, start), what: problem.what }
  }
  return undefined
}

/**
 * Validates the text of a baseline file: the valid entries, and every problem found.
 * @example validateBaselineFile('{"entries":{},"evalgateBaseline":1}').problems // []
 */
export function validateBaselineFile(text: string): ValidatedBaselineFile {
  const unusable = (line: number, what: string): ValidatedBaselineFile => ({ file: { evalgateBaseline: BASELINE_FILE_VERSION, entries: {} }, problems: [{ line, what }], unusable: true })
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)
    return unusable(position ? lineOfOffset(text, Number(position[1])) : text.split('\n').length, `invalid JSON (${message})`)
  }
  if (!isRecord(parsed)) return unusable(1, 'the top level is not an object')
  if (parsed.evalgateBaseline !== BASELINE_FILE_VERSION) {
    return unusable(lineOfKey(text, 'evalgateBaseline'), `"evalgateBaseline" is ${JSON.stringify(parsed.evalgateBaseline)}, expected ${BASELINE_FILE_VERSION}`)
  }
  if (!isRecord(parsed.entries)) return unusable(lineOfKey(text, 'entries'), '"entries" is not an object')
  const entries: Record<string, BaselineEntry> = {}
  const problems: BaselineProblem[] = []
  for (const [key, entry] of Object.entries(parsed.entries)) {
    const problem = entryProblem(text, key, entry)
    if (problem) problems.push(problem)
    else entries[key] = entry as unknown as BaselineEntry
  }
  return { file: { evalgateBaseline: BASELINE_FILE_VERSION, entries }, problems, unusable: false }
}

/**
 * One problem as a sentence: `(line 12): entry "gate A": "correct" holds 590 outcomes for 600 examples`.
 * @example describeBaselineProblem({ entry: 'a', line: 3, what: 'is not an object' }) // '(line 3): entry "a" is not an object'
 */
export function describeBaselineProblem(problem: BaselineProblem): string {
  const where = problem.entry === undefined ? '' : `entry "${problem.entry}"${/^(is|has) /.test(problem.what) ? ' ' : ': '}`
  return `(line ${problem.line}): ${where}${problem.what}`
}
