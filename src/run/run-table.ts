/**
 * The run table: the per-example side of a run, the second contract beside the EvalRun. Plain
 * data (no closures): the evaluation set's columns, the model type's encoded columns (targets,
 * predictions, probabilities, per-row scores) and slice membership as row indices per slice key.
 * Versioned, and serialisable to plain JSON (`serializeRunTable` / `deserializeRunTable`, typed
 * arrays as base64), so a run read back from disk with its table can do all a fresh one can:
 * on-demand slices and paired tests (the engine's functions over (run, table) in
 * `src/evaluate/run-table-engine.ts`).
 *
 * A fresh run finds its table with `runTableOf(run)`: one WeakMap lookup, filled by
 * `evaluate()`; the table itself is plain data.
 */
import type { EvalRun } from './types.js'
import { keyedRecord } from './own-keys.js'

/** Version of the run table shape. Bump it on any incompatible change. */
export const RUN_TABLE_VERSION = 1 as const

/** A JSON value (settings a model type keeps with its encoded columns). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** One column of the evaluation set, as `src/data` reads it (the same shape as its `Column`). */
export type TableColumn =
  | { kind: 'number'; values: Float64Array }
  | { kind: 'string'; values: readonly string[]; untyped?: true }
  | { kind: 'mixed'; values: readonly unknown[] }

/** A per-row column a model type encodes: `rowCount` long, or `rowCount x width` row-major. */
export type EncodedColumn = Float64Array | Int32Array | Uint8Array | readonly string[]

/** A model type's part of the run table. */
export interface EncodedPart {
  /** Plain JSON settings of the type (a classifier's labels, positive label index, averaging). */
  readonly settings: { readonly [key: string]: JsonValue }
  /** Per-row columns by name (a classifier's `targetIndex`, `predictedIndex`, `probabilities`). */
  readonly columns: { readonly [name: string]: EncodedColumn }
}

export interface RunTable {
  version: typeof RUN_TABLE_VERSION
  /** The model type's name (`run.modelType`). */
  modelType: string
  /** Rows evaluated (rows a served model failed on are not in the table). */
  rowCount: number
  /** Names of every column of the evaluation set, in the data's order. */
  columnNames: string[]
  /** Every column of the evaluation set, by name. */
  columns: Record<string, TableColumn>
  /** The input columns (what custom metrics, artifacts and the fingerprint see). */
  inputColumns: string[]
  /** The model type's encoded columns. */
  encoded: EncodedPart
  /** Row indices (ascending) of every slice of the run, by slice key (`src/run/slice-key.ts`). */
  slices: Record<string, Int32Array>
}

type TypedArray = Float64Array | Int32Array | Uint8Array
const TYPED_ARRAYS = { Float64Array, Int32Array, Uint8Array } as const
type TypedArrayName = keyof typeof TYPED_ARRAYS

/** A typed array in JSON: its kind and its bytes (little-endian) as base64. */
interface EncodedTypedArray {
  $typed: TypedArrayName
  base64: string
}

function typedName(value: TypedArray): TypedArrayName {
  if (value instanceof Float64Array) return 'Float64Array'
  if (value instanceof Int32Array) return 'Int32Array'
  return 'Uint8Array'
}

function isTypedArray(value: unknown): value is TypedArray {
  return value instanceof Float64Array || value instanceof Int32Array || value instanceof Uint8Array
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
}

function encodeTyped(value: TypedArray): EncodedTypedArray {
  if (!isLittleEndian()) throw new Error('run tables are serialised on little-endian machines only')
  const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  return { $typed: typedName(value), base64: bytes.toString('base64') }
}

function decodeTyped(value: EncodedTypedArray, where: string): TypedArray {
  const Kind = TYPED_ARRAYS[value.$typed]
  if (Kind === undefined || typeof value.base64 !== 'string') {
    throw new Error(`run table: ${where} is not a typed array ({ $typed: "Float64Array" | "Int32Array" | "Uint8Array", base64 })`)
  }
  const bytes = Buffer.from(value.base64, 'base64')
  if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0) throw new Error(`run table: ${where} holds ${bytes.byteLength} bytes, not a whole number of ${value.$typed} elements`)
  // Copy into an aligned buffer of its own.
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return new Kind(copy.buffer)
}

function isEncodedTyped(value: unknown): value is EncodedTypedArray {
  return typeof value === 'object' && value !== null && '$typed' in value
}

/** Replaces every typed array (at any depth) by its base64 form. */
function toJson(value: unknown): unknown {
  if (isTypedArray(value)) return encodeTyped(value)
  if (Array.isArray(value)) return value.map(toJson)
  if (typeof value === 'object' && value !== null) {
    const out = keyedRecord<unknown>() // column names are keys (a column may be called __proto__)
    for (const [key, item] of Object.entries(value)) out[key] = toJson(item)
    return out
  }
  return value
}

/** Restores every base64 typed array (at any depth). */
function fromJson(value: unknown, where: string): unknown {
  if (isEncodedTyped(value)) return decodeTyped(value, where)
  if (Array.isArray(value)) return value.map((item, i) => fromJson(item, `${where}[${i}]`))
  if (typeof value === 'object' && value !== null) {
    const out = keyedRecord<unknown>()
    for (const [key, item] of Object.entries(value)) out[key] = fromJson(item, `${where}.${key}`)
    return out
  }
  return value
}

/**
 * The table as plain JSON: typed arrays become `{ $typed, base64 }` (their bytes, little-endian).
 * @example JSON.stringify(serializeRunTable(runTableOf(run)!))
 */
export function serializeRunTable(table: RunTable): Record<string, unknown> {
  return toJson(table) as Record<string, unknown>
}

/**
 * A table from its JSON form (`serializeRunTable`), checked for its version and shape.
 * @example const table = deserializeRunTable(JSON.parse(text))
 */
export function deserializeRunTable(json: unknown): RunTable {
  if (typeof json !== 'object' || json === null) throw new Error('run table: expected an object written by serializeRunTable')
  const version = (json as { version?: unknown }).version
  if (version !== RUN_TABLE_VERSION) {
    throw new Error(`run table: version ${JSON.stringify(version)} is not supported (this evalgate reads version ${RUN_TABLE_VERSION}); write the table again with this version`)
  }
  const table = fromJson(json, 'table') as RunTable
  for (const key of ['modelType', 'rowCount', 'columnNames', 'columns', 'inputColumns', 'encoded', 'slices'] as const) {
    if (table[key] === undefined) throw new Error(`run table: field "${key}" is missing`)
  }
  for (const [key, rows] of Object.entries(table.slices)) {
    if (!(rows instanceof Int32Array)) throw new Error(`run table: slice "${key}" has no row indices (Int32Array)`)
  }
  return table
}

const tables = new WeakMap<EvalRun, RunTable>()

/** Links a run to its table (`evaluate()` does, for the run it returns; so may a reader of both from disk). */
export function linkRunTable(run: EvalRun, table: RunTable): void {
  tables.set(run, table)
}

/** The table linked to `run`, or undefined (a run read back from JSON whose table was not linked). */
export function runTableOf(run: EvalRun): RunTable | undefined {
  return tables.get(run)
}
