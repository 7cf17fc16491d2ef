/**
 * Reads, validates and writes baseline files. Reads are synchronous because matchers are; a
 * write goes to a temporary file in the same folder and is renamed over the old one, so a
 * crash never leaves half a baseline. A file that cannot be parsed or has the wrong shape is a
 * `BaselineError` naming the file and the line, and the store never overwrites it.
 */
import { readFileSync, rmSync } from 'node:fs'
import { BaselineError } from '../errors.js'
import { writeFileAtomicSync } from '../files/write-file-atomic.js'
import { stableStringify } from './stable-json.js'
import { BASELINE_FILE_VERSION, type BaselineEntry, type BaselineFile } from './types.js'

function lineOfOffset(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++
  return line
}

function lineOfKey(text: string, key: string): number {
  const offset = text.indexOf(JSON.stringify(key))
  return offset < 0 ? 1 : lineOfOffset(text, offset)
}

const FIX = 'fix the file by hand (e.g. resolve a merge conflict), or delete it and run vitest locally to write it again'

function corrupt(file: string, line: number, what: string): BaselineError {
  return new BaselineError('baseline-corrupt', `baseline file ${file} is not a valid evalgate baseline (line ${line}): ${what}; it was left untouched: ${FIX}`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function validateEntry(file: string, text: string, key: string, entry: unknown): BaselineEntry {
  const line = lineOfKey(text, key)
  if (!isRecord(entry)) throw corrupt(file, line, `entry "${key}" is not an object`)
  if (entry.modelType !== 'classifier' && entry.modelType !== 'regressor') throw corrupt(file, line, `entry "${key}" has modelType ${JSON.stringify(entry.modelType)}, expected "classifier" or "regressor"`)
  if (typeof entry.exampleCount !== 'number') throw corrupt(file, line, `entry "${key}" has no numeric exampleCount`)
  const dataset = entry.dataset
  if (!isRecord(dataset) || typeof dataset.fingerprint !== 'string' || typeof dataset.rowCount !== 'number') {
    throw corrupt(file, line, `entry "${key}" has no dataset { fingerprint, rowCount }`)
  }
  const checkMetrics = (metrics: unknown, where: string): void => {
    if (!isRecord(metrics)) throw corrupt(file, line, `${where} has no metrics object`)
    for (const [name, metric] of Object.entries(metrics)) {
      if (!isRecord(metric) || typeof metric.value !== 'number' || typeof metric.greaterIsBetter !== 'boolean') {
        throw corrupt(file, lineOfKey(text.slice(text.indexOf(JSON.stringify(key))), name) + line - 1, `${where}: metric "${name}" needs a numeric value and a boolean greaterIsBetter`)
      }
    }
  }
  checkMetrics(entry.metrics, `entry "${key}"`)
  if (!isRecord(entry.slices)) throw corrupt(file, line, `entry "${key}" has no slices object`)
  for (const [sliceKey, slice] of Object.entries(entry.slices)) {
    if (!isRecord(slice) || typeof slice.exampleCount !== 'number') throw corrupt(file, line, `entry "${key}", slice "${sliceKey}" has no exampleCount`)
    checkMetrics(slice.metrics, `entry "${key}", slice "${sliceKey}"`)
  }
  if (entry.correct !== undefined) {
    const correct = entry.correct
    if (!isRecord(correct) || correct.encoding !== 'bitset-base64' || typeof correct.length !== 'number' || typeof correct.bits !== 'string') {
      throw corrupt(file, line, `entry "${key}" has a malformed "correct" bitset`)
    }
  }
  if (entry.predictions !== undefined) {
    const stored = entry.predictions
    const classifier = entry.modelType === 'classifier'
    const encodings = classifier ? ['uint8-base64', 'uint16le-base64'] : ['float64le-base64']
    const wellFormed =
      isRecord(stored) &&
      encodings.includes(stored.encoding as string) &&
      typeof stored.length === 'number' &&
      typeof stored.values === 'string' &&
      (!classifier || (Array.isArray(stored.labels) && stored.labels.every((label) => typeof label === 'string')))
    if (!wellFormed) {
      const expected = `{ encoding: ${encodings.map((e) => `"${e}"`).join(' | ')}, length, ${classifier ? 'labels, ' : ''}values }`
      throw corrupt(file, lineOfKey(text.slice(text.indexOf(JSON.stringify(key))), 'predictions') + line - 1, `entry "${key}" has malformed "predictions" (expected ${expected})`)
    }
  }
  return entry as unknown as BaselineEntry
}

/**
 * Parses and validates the text of a baseline file; `file` is only used in error messages.
 * @example parseBaselineFile('{"entries":{},"evalgateBaseline":1}', 'a.json').entries // {}
 */
export function parseBaselineFile(text: string, file: string): BaselineFile {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)
    const line = position ? lineOfOffset(text, Number(position[1])) : text.split('\n').length
    throw corrupt(file, line, `invalid JSON (${message})`)
  }
  if (!isRecord(parsed)) throw corrupt(file, 1, 'the top level is not an object')
  if (parsed.evalgateBaseline !== BASELINE_FILE_VERSION) {
    throw corrupt(file, lineOfKey(text, 'evalgateBaseline'), `"evalgateBaseline" is ${JSON.stringify(parsed.evalgateBaseline)}, expected ${BASELINE_FILE_VERSION}`)
  }
  if (!isRecord(parsed.entries)) throw corrupt(file, lineOfKey(text, 'entries'), '"entries" is not an object')
  const entries: Record<string, BaselineEntry> = {}
  for (const [key, entry] of Object.entries(parsed.entries)) entries[key] = validateEntry(file, text, key, entry)
  return { evalgateBaseline: BASELINE_FILE_VERSION, entries }
}

/** Reads and writes baseline files on disk. */
export class BaselineStore {
  /**
   * The parsed file, or undefined when it does not exist. Throws `BaselineError` when it is corrupt.
   * @example new BaselineStore().read('__baselines__/model.test.ts.json')?.entries
   */
  read(path: string): BaselineFile | undefined {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new BaselineError('baseline-unreadable', `baseline file ${path} cannot be read: ${(error as Error).message}`, { cause: error })
    }
    return parseBaselineFile(text, path)
  }

  /**
   * Writes the file atomically (temporary file in the same folder, then rename), creating the
   * folder when needed. An empty entry set removes the file.
   */
  write(path: string, file: BaselineFile): void {
    if (Object.keys(file.entries).length === 0) {
      rmSync(path, { force: true })
      return
    }
    writeFileAtomicSync(path, stableStringify(file))
  }
}
