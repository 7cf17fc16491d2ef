/**
 * The one validation step of a baseline file, run when it is loaded: the JSON, the file's
 * version, then every part of every entry (model type, counts, dataset, metrics, slices, the
 * correctness bitset, the stored predictions, down to their base64 and their lengths; each
 * metric's meaning too: a finite value the metric can take, a built-in metric's own direction,
 * a well-formed interval), so that a malformed part is found here, named with its file, entry
 * and line, and never crashes (or silently turns) a comparison later. Each part of an entry is
 * one {@link EntryPartCheck} in {@link ENTRY_PART_CHECKS}: a part added to the entry later is one
 * more check there.
 *
 * Files are edited by hand (a merge conflict resolved, a value fixed), so: a leading UTF-8 byte
 * order mark (Windows Notepad, PowerShell 5's `Set-Content -Encoding utf8`) is accepted; text
 * that is not JSON is located by jsonc-parser, which reports the offset of each syntax error
 * (Node 20's `JSON.parse` gives none for an unexpected token); and the entries of such a file
 * whose own text is valid JSON are still read, so that `-u` keeps them and names each one it drops.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser'
import type { Average } from '../run/types.js'
import { BASELINE_FILE_VERSION, baselineFileVersionFor, READABLE_BASELINE_FILE_VERSIONS, readableVersionsText, type BaselineEntry, type BaselineFile } from './types.js'
import { decodeCorrectness } from './correctness-bitset.js'
import { decodeCellHashes, decodeClassPredictions, decodeRowKeys, decodeValuePredictions } from './stored-predictions.js'
import { metricOptionsProblem } from './metric-options.js'
import { isBuiltinMetric, metricValueBounds } from '../metrics/index.js'
import { findModelType } from '../model-types/registry.js'
import { EVALUATE_METRIC_DIRECTIONS } from '../evaluate/assemble-run.js'
import { formatMetric } from '../run/format-metric.js'

/** The model types an entry may name (`ModelType` in src/run/types.ts). */
const MODEL_TYPE_NAMES: readonly string[] = ['classifier', 'regressor', 'question-answering', 'text-summarization', 'text', 'retriever']
const AVERAGES: readonly string[] = ['weighted', 'macro', 'micro'] satisfies readonly Average[]

/** What is wrong with a baseline file, and where. */
export interface BaselineProblem {
  /** The entry's key, when the problem is inside one entry. */
  entry?: string
  /** 1-based line of the file nearest to the problem; absent when it cannot be known. */
  line?: number
  /** What is wrong, as a sentence fragment. */
  what: string
}

/** A baseline file after validation: its valid entries and what was wrong with the others. */
export interface ValidatedBaselineFile {
  /**
   * The valid entries (all of them when `problems` is empty). Of a file that is not JSON, the
   * entries whose own text is valid JSON and that pass every check (what `-u` keeps).
   */
  file: BaselineFile
  /** Every problem; when the file is not JSON, the first is where parsing fails. */
  problems: BaselineProblem[]
  /** True when the file as a whole is unusable (not JSON, not an object, wrong version). */
  unusable: boolean
  /**
   * The layout version of a file written by a newer evalgate (a version this one does not read):
   * refused even under `-u`, which would rewrite it without what this version does not know.
   */
  newerVersion?: number
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

/**
 * Whether greater is better for a built-in metric of an entry of `modelType` (the model type's
 * direction, else the one `evaluate()` adds, e.g. `error_rate`); undefined for a metric with no
 * direction (`example_count`, token counts, variances) and for a custom metric, whose direction
 * is in its `defineMetric` in the test file, which the baseline file cannot know (the session
 * checks it against the run: `customDirectionProblem` in session.ts).
 */
function builtInDirection(modelType: unknown, metric: string): boolean | undefined {
  if (!isBuiltinMetric(metric)) return undefined
  const direction = findModelType(modelType)?.metricDirections[metric] ?? (Object.hasOwn(EVALUATE_METRIC_DIRECTIONS, metric) ? EVALUATE_METRIC_DIRECTIONS[metric] : undefined)
  return typeof direction === 'boolean' ? direction : undefined
}

/** Rounding of sums and averages may put a bounded metric a few ulps past its bound (an average precision of 1 + 2e-16). */
const BOUND_SLACK = 1e-9

/** What is wrong with the meaning of one stored metric (its direction, value and interval), else undefined. */
function storedMetricMeaningProblem(name: string, metric: Record<string, unknown>, modelType: unknown): string | undefined {
  const value = metric.value as number
  if (!Number.isFinite(value)) return `metric "${name}" has the value ${String(value)}, expected a finite number (evalgate writes only finite values; 1e999 is read as Infinity)`
  const direction = builtInDirection(modelType, name)
  if (direction !== undefined && metric.greaterIsBetter !== direction) {
    return `metric "${name}" has greaterIsBetter ${String(metric.greaterIsBetter)}, but a ${direction ? 'higher' : 'lower'} ${name} is better (greaterIsBetter ${String(direction)}): the gate would pass every ${direction ? 'fall' : 'rise'} of it as an improvement`
  }
  const bounds = metricValueBounds(name)
  if (bounds !== undefined) {
    const [low, high] = bounds
    const slack = Number.isFinite(high - low) ? BOUND_SLACK * (high - low) : BOUND_SLACK
    if (value < low - slack || value > high + slack) {
      const between = Number.isFinite(low) && Number.isFinite(high) ? `lies between ${formatMetric(low)} and ${formatMetric(high)}` : Number.isFinite(low) ? `is never below ${formatMetric(low)}` : `is never above ${formatMetric(high)}`
      return `metric "${name}" has the value ${String(value)}, but ${name} ${between}`
    }
  }
  for (const bound of ['lower', 'upper'] as const) {
    const at = metric[bound]
    if (typeof at === 'number' && !Number.isFinite(at)) return `metric "${name}" has the ${bound} bound ${String(at)}, expected a finite number`
  }
  if (typeof metric.lower === 'number' && typeof metric.upper === 'number' && metric.lower > metric.upper) {
    return `metric "${name}" has its interval's lower bound ${String(metric.lower)} above its upper bound ${String(metric.upper)}`
  }
  if (typeof metric.level === 'number' && !(metric.level > 0 && metric.level < 1)) return `metric "${name}" has the interval level ${String(metric.level)}, expected a confidence level between 0 and 1 (e.g. 0.95)`
  return undefined
}

function metricsProblem(metrics: unknown, modelType: unknown, slice?: string): PartProblem | undefined {
  const where = slice === undefined ? '' : `slice "${slice}": `
  if (!isRecord(metrics)) return { what: slice === undefined ? 'has no metrics object' : `${where}has no metrics object` }
  for (const [name, metric] of Object.entries(metrics)) {
    if (!isRecord(metric) || typeof metric.value !== 'number' || (typeof metric.greaterIsBetter !== 'boolean' && metric.greaterIsBetter !== null)) {
      return { what: `${where}metric "${name}" needs a numeric value and a greaterIsBetter of true, false or null (found ${JSON.stringify(metric)})`, near: name }
    }
    for (const bound of ['lower', 'upper', 'level'] as const) {
      if (metric[bound] !== undefined && typeof metric[bound] !== 'number') return { what: `${where}metric "${name}" has a non-numeric ${bound} ${JSON.stringify(metric[bound])}`, near: name }
    }
    if (metric.method !== undefined && typeof metric.method !== 'string') return { what: `${where}metric "${name}" has a method that is not a string`, near: name }
    const meaning = storedMetricMeaningProblem(name, metric, modelType)
    if (meaning !== undefined) return { what: `${where}${meaning}`, near: name }
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
    part: 'metricOptions',
    check: ({ metricOptions }) => {
      const problem = metricOptionsProblem(metricOptions)
      return problem === undefined ? undefined : { what: problem, near: 'metricOptions' }
    },
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
  { part: 'metrics', check: (entry) => metricsProblem(entry.metrics, entry.modelType) },
  {
    part: 'slices',
    check: ({ slices, modelType }) => {
      if (!isRecord(slices)) return { what: 'has no slices object' }
      for (const [key, slice] of Object.entries(slices)) {
        if (!isRecord(slice) || !isCount(slice.exampleCount)) return { what: `slice "${key}" has no exampleCount`, near: key }
        const problem = metricsProblem(slice.metrics, modelType, key)
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
  {
    part: 'rowKeys',
    check: ({ rowKeys, exampleCount }) => {
      if (rowKeys === undefined) return undefined
      const wellFormed =
        isRecord(rowKeys) &&
        rowKeys.encoding === 'uint32le-base64' &&
        isCount(rowKeys.length) &&
        Array.isArray(rowKeys.columns) &&
        rowKeys.columns.every((name) => typeof name === 'string') &&
        typeof rowKeys.values === 'string' &&
        (rowKeys.named === undefined || rowKeys.named === true)
      if (!wellFormed) return { what: 'has malformed "rowKeys" (expected { encoding: "uint32le-base64", length, columns, values })', near: 'rowKeys' }
      if (rowKeys.length !== exampleCount) return { what: `"rowKeys" holds ${String(rowKeys.length)} keys for ${String(exampleCount)} examples`, near: 'rowKeys' }
      if (!BASE64.test(rowKeys.values as string)) return { what: '"rowKeys" values are not base64', near: 'rowKeys' }
      if (rowKeys.cells !== undefined && (typeof rowKeys.cells !== 'string' || !BASE64.test(rowKeys.cells))) return { what: '"rowKeys" cells are not base64', near: 'rowKeys' }
      return decodes(() => (decodeRowKeys(rowKeys as never), decodeCellHashes(rowKeys as never)), 'rowKeys')
    },
  },
  {
    part: 'project',
    check: ({ project }) => (project === undefined || (typeof project === 'string' && project !== '') ? undefined : { what: `has "project" ${JSON.stringify(project)}, expected the name of a Vitest project`, near: 'project' }),
  },
  {
    part: 'test',
    check: ({ test }) => (test === undefined || (typeof test === 'string' && test !== '') ? undefined : { what: `has "test" ${JSON.stringify(test)}, expected the full name of the test that wrote it`, near: 'test' }),
  },
  {
    part: 'outputTexts',
    check: ({ outputTexts, exampleCount }) => {
      if (outputTexts === undefined) return undefined
      if (!Array.isArray(outputTexts) || outputTexts.length !== exampleCount || !outputTexts.every((text) => typeof text === 'string')) {
        return { what: `has malformed "outputTexts" (expected one output text per example, ${String(exampleCount)} strings)`, near: 'outputTexts' }
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

/** The problem of one entry (whose key is at `start`, found when not given), or undefined when every part is well formed. */
function entryProblem(text: string, key: string, entry: unknown, start = Math.max(0, text.indexOf(`${JSON.stringify(key)}:`))): BaselineProblem | undefined {
  const line = lineOfOffset(text, start)
  if (!isRecord(entry)) return { entry: key, line, what: 'is not an object' }
  for (const part of ENTRY_PART_CHECKS) {
    const problem = part.check(entry)
    if (problem) return { entry: key, line: lineOfKey(text, problem.near ?? part.part, start), what: problem.what }
  }
  return undefined
}

/** A line that git writes into a file with a merge conflict. */
const CONFLICT_MARKER = /^(?:<{7}|\|{7}|={7}|>{7})(?:\s|$)/

/** jsonc-parser's syntax errors (`printParseErrorCode`), in words; `InvalidSymbol` shows what was found. */
const SYNTAX_ERRORS: Record<string, string> = {
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace "}" is expected',
  CloseBracketExpected: 'a closing bracket "]" is expected',
  EndOfFileExpected: 'the file should end here',
  InvalidCommentToken: 'a comment (JSON has none)',
  UnexpectedEndOfComment: 'a comment that is not closed',
  UnexpectedEndOfString: 'a string that is not closed',
  UnexpectedEndOfNumber: 'a number that ends too early',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a control character (a tab or a line break) inside a string',
}

/** A JSON syntax error located: line, column (both 1-based) and what is there. */
interface LocatedSyntaxError {
  line: number
  column: number
  what: string
}

function locateSyntaxError(text: string, error: ParseError): LocatedSyntaxError {
  // at the end of the file: just after its last character that is not white space (not on the empty line after a final newline)
  const offset = error.offset >= text.length ? text.trimEnd().length : error.offset
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1
  const lineEnd = text.indexOf('\n', lineStart)
  const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '')
  const found = (value: string): string => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)
  const code = printParseErrorCode(error.error)
  let what: string
  if (CONFLICT_MARKER.test(lineText) && offset - lineStart < 7) what = `an unresolved merge conflict marker ${found(lineText)}: keep one side and delete the markers`
  else if (code === 'InvalidSymbol') what = `unexpected ${found(text.slice(offset, offset + error.length))}`
  else what = `${SYNTAX_ERRORS[code] ?? code}${error.offset >= text.length ? ' at the end of the file' : ''}`
  return { line: lineOfOffset(text, offset), column: offset - lineStart + 1, what }
}

/** The key of a property node (undefined when it is not a string). */
function keyOf(property: Node): string | undefined {
  const name = property.children?.[0]
  return name?.type === 'string' ? (name.value as string) : undefined
}

/** The parts of an entry, which a missing closing brace can make hold the entry's `modelType`. */
const ENTRY_PARTS: ReadonlySet<string> = new Set([...ENTRY_PART_CHECKS.map((check) => check.part), 'probabilities'])

/**
 * Property nodes whose value looks like a baseline entry (an object with a `modelType`, under a
 * key that is not one of an entry's parts), anywhere under `node`.
 */
function entryLikeProperties(node: Node | undefined, found: Node[] = []): Node[] {
  for (const child of node?.children ?? []) {
    const value = child.type === 'property' ? child.children?.[1] : undefined
    const key = child.type === 'property' ? keyOf(child) : undefined
    if (key !== undefined && !ENTRY_PARTS.has(key) && value?.type === 'object' && value.children?.some((part) => keyOf(part) === 'modelType')) found.push(child)
    entryLikeProperties(child, found)
  }
  return found
}

/** The key of the property that `node` is (or is inside), for naming where a stray entry is. */
function enclosingKey(node: Node): string | undefined {
  for (let at = node.parent; at; at = at.parent) if (at.type === 'property') return keyOf(at)
  return undefined
}

/**
 * Reads the entries of a file that is not JSON (`root` is jsonc-parser's tolerant tree): an entry
 * directly inside `"entries"` is kept when its own text has no syntax error, holds no other entry,
 * is not repeated, and passes every part check; every other entry (also one found outside
 * `"entries"`, where a missing brace put it) is a problem naming it and why.
 */
function salvageEntries(text: string, root: Node | undefined, errors: readonly ParseError[]): { entries: Record<string, BaselineEntry>; problems: BaselineProblem[] } {
  const entriesNode = root?.type === 'object' ? findNodeAtLocation(root, ['entries']) : undefined
  const direct = entriesNode?.type === 'object' ? (entriesNode.children ?? []) : []
  const strays = entryLikeProperties(root).filter((property) => !direct.includes(property))
  const entries: Record<string, BaselineEntry> = {}
  const problems: BaselineProblem[] = []
  const end = (node: Node): number => node.offset + node.length
  for (const property of direct) {
    const key = keyOf(property)
    // the file's version, put inside "entries" by a missing closing brace, is no entry
    if (key === undefined || (key === 'evalgateBaseline' && property.children?.[1]?.type !== 'object')) continue
    const line = lineOfOffset(text, property.offset)
    const copies = direct.filter((other) => keyOf(other) === key)
    if (copies.length > 1) {
      if (copies[0] === property) problems.push(repeatedEntryProblem(key, copies.map((copy) => lineOfOffset(text, copy.offset))))
      continue
    }
    const value = property.children?.[1]
    const inside = strays.find((stray) => stray.offset > property.offset && end(stray) <= end(property))
    if (inside) {
      problems.push({ entry: key, line, what: `holds the entry "${keyOf(inside)}" (line ${lineOfOffset(text, inside.offset)}): a closing brace is missing before it` })
      continue
    }
    let entry: unknown
    try {
      if (!value || errors.some((error) => error.offset >= property.offset && error.offset < end(property))) throw new Error('a syntax error')
      entry = JSON.parse(text.slice(value.offset, end(value)))
    } catch (error) {
      // the first syntax error inside the entry, or (an entry cut short by the end of the file, or without a value) just after it
      const syntax = errors.find((candidate) => candidate.offset >= property.offset)
      const at = syntax && locateSyntaxError(text, syntax)
      problems.push({ entry: key, line, what: at ? `is not valid JSON: at line ${at.line}, column ${at.column}: ${at.what}` : `is not valid JSON (${error instanceof Error ? error.message : String(error)})` })
      continue
    }
    const problem = entryProblem(text, key, entry, property.offset)
    if (problem) problems.push(problem)
    else entries[key] = entry as BaselineEntry
  }
  for (const stray of strays) {
    const key = keyOf(stray)
    if (key === undefined) continue
    const where = enclosingKey(stray)
    problems.push({ entry: key, line: lineOfOffset(text, stray.offset), what: `is not directly inside "entries"${where === undefined ? '' : ` (it is inside "${where}")`}: a brace is missing or extra before it` })
  }
  return { entries, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) }
}

/**
 * The validation of text that `JSON.parse` rejected: the first syntax error with its line and
 * column (no line when none can be found), then the entries read by {@link salvageEntries}.
 */
function validateInvalidJson(text: string, parseError: unknown): ValidatedBaselineFile {
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const message = parseError instanceof Error ? parseError.message : String(parseError)
  const position = /position (\d+)/.exec(message)
  let first: BaselineProblem
  if (errors.length > 0) {
    const at = locateSyntaxError(text, errors[0])
    first = { line: at.line, what: `invalid JSON at column ${at.column}: ${at.what}` }
  } else first = { ...(position ? { line: lineOfOffset(text, Number(position[1])) } : {}), what: `invalid JSON (${message})` }
  const version = root?.type === 'object' ? findNodeAtLocation(root, ['evalgateBaseline']) : undefined
  const salvaged = version === undefined || READABLE_BASELINE_FILE_VERSIONS.includes(version.value as number) ? salvageEntries(text, root, errors) : { entries: {}, problems: [] }
  return { file: { evalgateBaseline: BASELINE_FILE_VERSION, entries: salvaged.entries }, problems: [first, ...salvaged.problems], unusable: true }
}

/**
 * Validates the text of a baseline file: the valid entries, and every problem found. A leading
 * UTF-8 byte order mark is ignored. The file read is given the current layout version (a version 1
 * file holds the same layout), so a session rewrites it only when an entry changes.
 * @example validateBaselineFile('{"entries":{},"evalgateBaseline":1}').problems // []
 */
export function validateBaselineFile(fileText: string): ValidatedBaselineFile {
  const text = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText
  const unusable = (line: number, what: string): ValidatedBaselineFile => ({ file: { evalgateBaseline: BASELINE_FILE_VERSION, entries: {} }, problems: [{ line, what }], unusable: true })
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return validateInvalidJson(text, error)
  }
  if (!isRecord(parsed)) return unusable(1, 'the top level is not an object')
  const version = parsed.evalgateBaseline
  if (typeof version === 'number' && Number.isInteger(version) && version > Math.max(...READABLE_BASELINE_FILE_VERSIONS)) {
    const line = lineOfKey(text, 'evalgateBaseline')
    const what = `was written by a newer evalgate (baseline format ${version}; this version reads formats ${readableVersionsText('and')})`
    return { ...unusable(line, what), newerVersion: version }
  }
  if (typeof version !== 'number' || !READABLE_BASELINE_FILE_VERSIONS.includes(version)) {
    return unusable(lineOfKey(text, 'evalgateBaseline'), `"evalgateBaseline" is ${JSON.stringify(version)}, expected ${readableVersionsText('or')}`)
  }
  if (!isRecord(parsed.entries)) return unusable(lineOfKey(text, 'entries'), '"entries" is not an object')
  const entries: Record<string, BaselineEntry> = {}
  const problems: BaselineProblem[] = []
  // JSON.parse keeps the last of two copies of a key: a merge conflict resolved by keeping both
  // sides would check the run against the branch's numbers, silently (adversarial pass 56).
  const repeated = repeatedKeys(text)
  for (const [key, { lines, inside }] of repeated) {
    if (lines.length > 1) problems.push(repeatedEntryProblem(key, lines))
    else if (inside !== undefined) {
      const where = inside.path.length === 0 ? '' : ` (in ${inside.path.map((name) => JSON.stringify(name)).join(' > ')})`
      problems.push({ entry: key, line: inside.lines[0], what: `holds "${inside.key}" ${inside.lines.length} times in one object${where} (lines ${inside.lines.join(', ')}), as after a merge conflict: keep one` })
    }
  }
  for (const [key, entry] of Object.entries(parsed.entries)) {
    if (repeated.has(key)) continue
    const problem = entryProblem(text, key, entry)
    if (problem) problems.push(problem)
    else entries[key] = entry as unknown as BaselineEntry
  }
  // Read as the version this evalgate would write them in: an unchanged file is then not rewritten.
  return { file: { evalgateBaseline: baselineFileVersionFor(entries), entries }, problems, unusable: false }
}

/** The problem of an entry key written more than once (on lines `lines`), in a file `JSON.parse` reads or one it rejects. */
function repeatedEntryProblem(entry: string, lines: readonly number[]): BaselineProblem {
  return { entry, line: lines[0], what: `appears ${lines.length} times (lines ${lines.join(', ')}), as after a merge conflict: keep one` }
}

/**
 * Keys repeated in one object of the top-level "entries": an entry key repeated directly inside
 * it (`entry.lines`, each copy's 1-based line), and, inside an entry, a key repeated in any one
 * of its objects (`inside`: the key and its copies' lines; adversarial pass 58: a conflict
 * resolved by keeping both sides of a "metrics" block kept the branch's numbers silently).
 * `JSON.parse` keeps the last copy of each. One pass of jsonc-parser's scanner, no tree: a
 * baseline file of a few MB is read in milliseconds.
 */
function repeatedKeys(text: string): Map<string, { lines: number[]; inside?: { key: string; lines: number[]; path: string[] } }> {
  const found = new Map<string, { lines: number[]; inside?: { key: string; lines: number[]; path: string[] } }>()
  // per open object (arrays hold none): its keys and their lines; and the key each open object or array is the value of
  const objects: Array<Map<string, number[]> | undefined> = []
  const names: Array<string | undefined> = []
  let lastKey: string | undefined
  let inEntries = false
  let entry: string | undefined
  const close = (): void => {
    const keys = objects.pop()
    // an object inside an entry: its first repeated key, on the entry, with where the object is (below the entry)
    const path = names.slice(3).filter((name): name is string => name !== undefined)
    names.pop()
    if (keys === undefined || objects.length < 2 || !inEntries || entry === undefined) return
    const record = found.get(entry)
    if (record === undefined || record.inside !== undefined) return
    for (const [key, lines] of keys) {
      if (lines.length > 1) {
        record.inside = { key, lines, path }
        return
      }
    }
  }
  visit(text, {
    onObjectBegin: () => {
      objects.push(new Map())
      names.push(lastKey)
      lastKey = undefined
    },
    onObjectEnd: () => {
      close()
      if (objects.length === 1) inEntries = false
    },
    onArrayBegin: () => {
      objects.push(undefined)
      names.push(lastKey)
    },
    onArrayEnd: () => {
      objects.pop()
      names.pop()
    },
    onObjectProperty: (property, _offset, _length, startLine) => {
      lastKey = property
      const keys = objects.at(-1)
      if (keys === undefined) return
      keys.set(property, [...(keys.get(property) ?? []), startLine + 1])
      if (objects.length === 1) inEntries = property === 'entries'
      else if (objects.length === 2 && inEntries) {
        entry = property
        const record = found.get(property) ?? { lines: [] }
        record.lines.push(startLine + 1)
        found.set(property, record)
      }
    },
  })
  for (const [key, record] of found) if (record.lines.length < 2 && record.inside === undefined) found.delete(key)
  return found
}

/**
 * One problem as a sentence: `(line 12): entry "gate A": "correct" holds 590 outcomes for 600 examples`;
 * `(line unknown): invalid JSON (…)` when the line cannot be known.
 * @example describeBaselineProblem({ entry: 'a', line: 3, what: 'is not an object' }) // '(line 3): entry "a" is not an object'
 */
export function describeBaselineProblem(problem: BaselineProblem): string {
  const where = problem.entry === undefined ? '' : `entry "${problem.entry}"${/^(is|has|holds|appears) /.test(problem.what) ? ' ' : ': '}`
  return `(line ${problem.line ?? 'unknown'}): ${where}${problem.what}`
}
