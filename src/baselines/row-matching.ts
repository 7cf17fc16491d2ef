/**
 * The rows a baseline entry and a run both hold (and both models evaluated), matched by their row
 * keys (`src/data/row-keys.ts`), when the evaluation data changed or rows failed in a served
 * model, and the paired comparison on them: the baseline's stored
 * outputs are put on the run's rows they belong to, so every paired test of `src/compare` runs on
 * the shared rows (a scope's rows: its rows that are shared) as it runs on unchanged data.
 * Rows added since the baseline, and rows it held that are gone, are not compared.
 */
import { cellHashes, matchOnKeptCells, matchRows, rowKeys, type KeyedColumn, type LeftOutColumn } from '../data/row-keys.js'
import { runTableOf } from '../run/run-table.js'
import type { EvalRun } from '../run/types.js'
import { PairedComparison, comparisonScopes, pairedWithStored, scoredPairs, type ModelOutputs } from '../compare/index.js'
import { metricComparison } from '../metrics/index.js'
import { decodeCellHashes, decodeRowKeys, encodeCellHashes, encodeRowKeys, MAX_STORED_CELL_HASHES, MAX_STORED_ROW_KEYS, outputsStorageLimit, scoreColumnsStored, storedOutputs, tracksCustomMetric } from './stored-predictions.js'
import type { BaselineEntry, StoredRowKeys } from './types.js'
import { noOutputTextsReason } from './output-texts-reason.js'

/** The run's table columns named `columns`, or undefined: no run table (a run read back from JSON), a column not in the data. */
function keyedColumns(run: EvalRun, columns: readonly string[]): KeyedColumn[] | undefined {
  const table = runTableOf(run)
  if (!table || table.rowCount !== run.exampleCount) return undefined
  const picked: KeyedColumn[] = []
  for (const name of columns) {
    if (!Object.hasOwn(table.columns, name)) return undefined
    picked.push(table.columns[name] as KeyedColumn)
  }
  return picked
}

/**
 * The keys of the run's rows (the rows it evaluated: a row that failed in the model is not in
 * its table) over `columns` (default: the columns its fingerprint covers, the targets and
 * inputs), or undefined when they cannot be computed: no run table (a run read back from JSON), a
 * column not in the data.
 */
export function runRowKeys(run: EvalRun, columns: readonly string[] = run.dataset.columns): Uint32Array | undefined {
  const picked = keyedColumns(run, columns)
  return picked && rowKeys(picked, run.exampleCount)
}

/**
 * The run's row keys over `columns`, encoded, with each cell's hash (so the rows still match when
 * a column is dropped or rewritten; up to {@link MAX_STORED_CELL_HASHES} cells, three columns or
 * more), or undefined above {@link MAX_STORED_ROW_KEYS} rows or as {@link runRowKeys}.
 */
export function encodedRunRowKeys(run: EvalRun, columns: readonly string[]): StoredRowKeys | undefined {
  if (run.exampleCount > MAX_STORED_ROW_KEYS) return undefined
  const picked = keyedColumns(run, columns)
  const encoded = picked && encodeRowKeys(rowKeys(picked, run.exampleCount), columns)
  if (!picked || !encoded) return undefined
  const cells = columns.length >= 3 && columns.length * run.exampleCount <= MAX_STORED_CELL_HASHES ? encodeCellHashes(cellHashes(picked, run.exampleCount), columns.length) : undefined
  if (cells) encoded.cells = cells
  return encoded
}

/**
 * The columns a baseline entry keys its rows by: the targets and the columns `rowKeyColumns`
 * names, else every column its fingerprint covers (the targets and the input columns).
 */
export function rowKeyColumnsOf(run: EvalRun, rowKeyColumns: readonly string[] | undefined): string[] {
  const target = run.dataset.targetColumn
  return rowKeyColumns ? [...(target !== undefined ? [target] : []), ...rowKeyColumns.filter((name) => name !== target)] : [...run.dataset.columns]
}

/** Two rows with the same `rowKeyColumns` values that differ elsewhere ({@link repeatedRowKey}). */
export interface RepeatedRowKey {
  /** Row indices of the run's table (ascending). */
  rows: [number, number]
  /** A column the two rows differ in. */
  differsIn: string
}

/** Whether two cells of one column hold the same value (NaN equal to NaN; objects by their JSON). */
function sameCell(column: KeyedColumn, a: number, b: number): boolean {
  const x = column.values[a]
  const y = column.values[b]
  if (Object.is(x, y) || x === y) return true
  return column.kind === 'mixed' && typeof x === 'object' && typeof y === 'object' && x !== null && y !== null && JSON.stringify(x) === JSON.stringify(y)
}

/**
 * The first two rows of the run whose values in `keyColumns` (the columns the user named with
 * `rowKeyColumns`, and the targets) are the same while another column differs, or undefined.
 * Such rows cannot be told apart by their keys: the matching pairs rows of one key in their
 * order, so once the data is reordered it pairs the wrong two (adversarial pass 32: the same id on
 * two passages of one answer; a regression passed at p = 0.12, against 0.0005 unpaired by
 * reordering). Rows equal in every column are left alone: paired either way they are the same
 * example. Undefined too when the run has no table (read back from JSON) or a column is missing.
 */
export function repeatedRowKey(run: EvalRun, keyColumns: readonly string[]): RepeatedRowKey | undefined {
  const table = runTableOf(run)
  const picked = keyedColumns(run, keyColumns)
  if (!table || !picked) return undefined
  const keys = rowKeys(picked, run.exampleCount)
  const others = table.columnNames.filter((name) => !keyColumns.includes(name)).map((name) => [name, table.columns[name] as KeyedColumn] as const)
  const firstOf = new Map<number, number[]>()
  for (let row = 0; row < keys.length; row++) {
    const earlier = firstOf.get(keys[row]!)
    if (earlier === undefined) {
      firstOf.set(keys[row]!, [row])
      continue
    }
    // `earlier` holds one row per distinct key value (equal keys of different values are a 32-bit
    // hash collision, not a repeat); a row equal to one of them in every column adds nothing.
    const first = earlier.find((candidate) => picked.every((column) => sameCell(column, candidate, row)))
    if (first === undefined) {
      earlier.push(row)
      continue
    }
    const differs = others.find(([, column]) => !sameCell(column, first, row))
    if (differs) return { rows: [first, row], differsIn: differs[0] }
  }
  return undefined
}

/** The matched rows of an entry and a run: how many each holds and which are shared. */
export interface RowMatch {
  /** For every run row, the entry's row with the same content, or -1 (added since). */
  storedRowOf: Int32Array
  /** The run's rows the entry also holds, ascending. */
  shared: Int32Array
  storedRows: number
  currentRows: number
  /** Key columns the rows were matched without: gone from the data, or changed in most rows. */
  leftOut?: readonly LeftOutColumn[]
  /** Why the rows could not be matched without the columns that changed (the cell hashes), when that was tried and refused. */
  refused?: string
  /** The columns that refused matching left out: gone, or changed in most rows. */
  refusedWithout?: readonly LeftOutColumn[]
  /** Where refused as one column alone had mostly distinct values: that column (an id?). */
  refusedIdentifying?: string
}

export type { LeftOutColumn } from '../data/row-keys.js'

/**
 * The advice of a reason no rows match: the keys cover the targets and the input columns, by
 * default every column of the file, so a column no model reads (dropped, renamed, rewritten)
 * unmatches every row unless `inputColumns` leaves it out. `changed`: the key columns that changed
 * or are gone, which rowKeyColumns must not name (adversarial pass 54: an id renumbered in every
 * row was met with `rowKeyColumns: ['id']`); `identifying`: the one kept column of mostly distinct
 * values, offered as the key if it is an id. Either option keys the entry the next `vitest -u`
 * writes, not the stored one.
 */
function keyedByAdvice(changed: readonly string[], identifying?: string): string {
  const names = changed.slice(0, 3).map((name) => JSON.stringify(name)).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '')
  const not = changed.length === 0 ? '' : ` (not ${names}, changed in most rows or gone)`
  // the one column left with mostly distinct values: named, if it is an id new rows never reuse
  const example = identifying === undefined ? 'toMatchBaseline({ rowKeyColumns: [...] })' : `toMatchBaseline({ rowKeyColumns: [${JSON.stringify(identifying).replace(/^"|"$/g, "'")}] }) if ${JSON.stringify(identifying)} identifies a row and new rows never reuse its values`
  const renumbered = changed.length === 0 ? '' : `; where an id column itself was renumbered, no key pairs the rows, and \`vitest -u\` with the model the baseline was written from accepts the new data`
  return ` (rows are keyed by the targets and the input columns, by default every column of the file: name the columns that tell one row from another and stay the same${not} with ${example}, or the columns the model reads with inputColumns, so that other columns can change without unmatching the rows; either keys the entry the next \`vitest -u\` writes, not the stored one${renumbered})`
}

/**
 * Why an entry has no row keys: it stores no per-example outputs (above their caps: a
 * regressor's 250,000 rows, a classifier's 200,000, the other types' 250,000 per-row scores; the keys are kept with them), it has more rows
 * than the keys' cap, or an earlier version wrote it.
 */
function noKeysReason(entry: BaselineEntry, run: EvalRun): string {
  const outputs = entry.correct ?? entry.predictions ?? entry.rowScores
  const tracked = Object.keys(entry.metrics)
  const limit = outputs === undefined ? outputsStorageLimit(entry.modelType, entry.exampleCount, run.labels?.length ?? 0, scoreColumnsStored(run, tracked, tracksCustomMetric(run, tracked)).length) : undefined
  if (limit !== undefined) return `the baseline stores no per-example outputs (${limit}), so no row keys either`
  if (entry.exampleCount > MAX_STORED_ROW_KEYS) return `the baseline stores no row keys above ${MAX_STORED_ROW_KEYS.toLocaleString('en-US')} examples`
  return 'the baseline entry stores no row keys (written by an earlier evalgate; `vitest -u` with the data and the model it was written from adds them)'
}

/**
 * The entry's rows matched to the run's by key, or why they cannot be: the entry stores no keys
 * ({@link noKeysReason}), or the run's cannot be computed (no run table, a keyed column gone).
 * The run's keys are of the entry's key columns, its targets read where the run reads them: a
 * row whose target changed (relabelled, or another targets column) is then no shared row, since
 * the baseline's stored per-row scores were judged against its old target.
 */
export function matchEntryRows(entry: BaselineEntry, run: EvalRun): RowMatch | { reason: string } {
  if (!entry.rowKeys) return { reason: noKeysReason(entry, run) }
  const stored = decodeRowKeys(entry.rowKeys)
  if (stored.length !== entry.exampleCount) return { reason: `the baseline stores ${stored.length} row keys for ${entry.exampleCount} examples` }
  const table = runTableOf(run)
  if (!table || table.rowCount !== run.exampleCount) return { reason: "the run's rows are not in memory (read back from JSON without its table)" }
  const before = entry.dataset.targetColumn
  const now = run.dataset.targetColumn
  const columns = entry.rowKeys.columns.map((name) => (before !== undefined && now !== undefined && name === before ? now : name))
  const missing = columns.filter((name) => !Object.hasOwn(table.columns, name))
  const current = missing.length === 0 ? runRowKeys(run, columns) : undefined
  const whole = current && matched(matchRows(stored, current), stored.length)
  // Fewer than half the rows matched (or a key column is gone): a column may have been dropped or
  // rewritten in most rows; the stored cell hashes match the rows on the other columns.
  let refused: { refused: string; leftOut: readonly LeftOutColumn[]; identifying?: string } | undefined
  if (!whole || whole.shared.length < Math.min(stored.length, run.exampleCount) / 2) {
    const kept = matchOnKeptColumns(entry.rowKeys, stored, columns, now, run)
    if (kept && !('shared' in kept)) refused = kept
    else if (kept && kept.shared.length > (whole?.shared.length ?? 0)) return kept
  }
  if (whole) return refused === undefined ? whole : { ...whole, refused: refused.refused, refusedWithout: refused.leftOut, ...(refused.identifying !== undefined ? { refusedIdentifying: refused.identifying } : {}) }
  return { reason: `the rows were keyed by ${missing.map((name) => JSON.stringify(name)).join(', ')}, not in the data now${keyedByAdvice(missing)}` }
}

/** The {@link RowMatch} of `storedRowOf` (for every run row, its stored row or -1). */
function matched(storedRowOf: Int32Array, storedRows: number, leftOut?: readonly LeftOutColumn[]): RowMatch {
  const shared: number[] = []
  for (let i = 0; i < storedRowOf.length; i++) if (storedRowOf[i]! >= 0) shared.push(i)
  return { storedRowOf, shared: Int32Array.from(shared), storedRows, currentRows: storedRowOf.length, ...(leftOut && leftOut.length > 0 ? { leftOut } : {}) }
}

/**
 * The rows matched on the key columns that are still in the data and did not change in most rows
 * (`matchOnKeptCells`), from the entry's stored cell hashes (`rowKeys.cells`), or undefined when it
 * has none or no such match is found.
 */
function matchOnKeptColumns(stored: StoredRowKeys, wholeKeys: Uint32Array, columns: readonly string[], target: string | undefined, run: EvalRun): RowMatch | { refused: string; leftOut: readonly LeftOutColumn[]; identifying?: string } | undefined {
  const storedCells = decodeCellHashes(stored)
  const table = runTableOf(run)
  if (!storedCells || !table) return undefined
  const kept = matchOnKeptCells(
    { cells: storedCells, rowCount: stored.length, keys: wholeKeys },
    { rowCount: run.exampleCount, cellsOf: (name) => (Object.hasOwn(table.columns, name) ? cellHashes([table.columns[name] as KeyedColumn], run.exampleCount) : undefined) },
    columns,
    target,
  )
  if (!kept || 'refused' in kept) return kept
  return matched(kept.storedRowOf, stored.length, kept.leftOut)
}

/** `values` gathered onto the run's rows (`width` values a row); rows without a stored row get `fill`. */
function gathered<T extends Float64Array | Int32Array | Uint8Array>(values: T, storedRowOf: Int32Array, width: number, fill: number): T {
  const out = new (values.constructor as new (n: number) => T)(storedRowOf.length * width)
  for (let i = 0; i < storedRowOf.length; i++) {
    const j = storedRowOf[i]
    for (let c = 0; c < width; c++) out[i * width + c] = j < 0 ? fill : values[j * width + c]
  }
  return out
}

/**
 * The stored outputs (one per stored row) put on the run's rows. A row the entry does not hold (added
 * since) gets a filler no metric reads: every comparison runs on the shared rows only, and a text
 * type reads only the cells of the rows it is asked for (a retriever's filler '' is no JSON list).
 */
function alignedOutputs(outputs: ModelOutputs, storedRowOf: Int32Array, classes: number): ModelOutputs {
  const out: ModelOutputs = {}
  // Correctness is recomputed from the predicted labels where they are stored: the stored bits
  // were judged against the baseline's targets, and the targets may now be read from another column.
  if (outputs.correct && !outputs.predictedIndex) out.correct = gathered(outputs.correct, storedRowOf, 1, 0)
  if (outputs.predictedIndex) out.predictedIndex = gathered(outputs.predictedIndex, storedRowOf, 1, 0)
  if (outputs.probabilities) out.probabilities = gathered(outputs.probabilities, storedRowOf, classes, 1 / Math.max(1, classes))
  if (outputs.predictedValues) out.predictedValues = gathered(outputs.predictedValues, storedRowOf, 1, 0)
  if (outputs.rowScores) out.rowScores = Object.fromEntries(Object.entries(outputs.rowScores).map(([column, scores]) => [column, gathered(scores, storedRowOf, 1, Number.NaN)]))
  if (outputs.texts) out.texts = Array.from(storedRowOf, (j) => (j < 0 ? '' : outputs.texts![j]!))
  return out
}

/** The paired comparison on the shared rows, and each metric's two values on a scope's shared rows. */
export class SharedRows {
  private readonly cache = new Map<string, { a: Record<string, number>; b: Record<string, number> } | undefined>()
  private readonly scopes = new Map<string, Int32Array>()

  private constructor(
    readonly match: RowMatch,
    readonly paired: PairedComparison,
    private readonly metricsOf: ((which: 'a' | 'b', rows: Int32Array | null, part: 'builtin' | 'custom') => Record<string, number>) | undefined,
    private readonly customMetrics: ReadonlySet<string>,
  ) {}

  /**
   * The comparison of `entry` and `run` on the rows both hold (`match`, from
   * {@link matchEntryRows}), or why there is none (no stored outputs, no row in common).
   */
  static of(entry: BaselineEntry, run: EvalRun, match: RowMatch): SharedRows | { reason: string } {
    if (match.shared.length === 0) {
      const cells = match.refused === undefined ? '' : `; matching them on the columns that did not change was refused: ${match.refused}`
      return { reason: `no row of the baseline's is in the data now: each row is keyed by its cells in ${entry.rowKeys!.columns.map((name) => JSON.stringify(name)).join(', ')}, and a row with any of them changed is another row${cells}${keyedByAdvice((match.refusedWithout ?? []).map(({ column }) => column), match.refusedIdentifying)}` }
    }
    const stored = storedOutputs(entry, run, true)
    if (!stored.outputs) return { reason: stored.reason ?? 'the baseline stores no per-example outputs' }
    const rowScoreType = run.modelType !== 'classifier' && run.modelType !== 'regressor'
    const missing = rowScoreType && !entry.outputTexts ? { ...stored.missing, texts: noOutputTextsReason(entry, run) } : stored.missing
    const data = pairedWithStored(alignedOutputs(stored.outputs, match.storedRowOf, run.labels?.length ?? 0), run, missing)
    if (!data) return { reason: "the run's rows are not in memory (read back from JSON)" }
    // A classifier's or regressor's metrics are all recomputed from the outputs; without them (a
    // changed label list, an entry above the caps) none is, for the reason the data gives. The
    // text types' means come from the stored per-row scores.
    if (!data.metricsOf && (run.modelType === 'classifier' || run.modelType === 'regressor')) return { reason: data.recomputeReason ?? 'the baseline stores no per-example outputs' }
    return new SharedRows(match, new PairedComparison(data, { scopes: comparisonScopes(run) }), data.metricsOf, new Set(run.customMetrics))
  }

  /** A scope's shared rows (`scope` null: every row), ascending; once per scope (`scopeKey`), whatever its metrics. */
  rowsOf(scope: Int32Array | null, scopeKey: string): Int32Array {
    if (scope === null) return this.match.shared
    let rows = this.scopes.get(scopeKey)
    if (rows === undefined) {
      rows = scope.filter((row) => this.match.storedRowOf[row]! >= 0)
      this.scopes.set(scopeKey, rows)
    }
    return rows
  }

  /**
   * The baseline's and the run's value of `metric` on `rows` (a scope's shared rows), recomputed
   * from the per-example outputs; undefined when they cannot be (a metric the outputs do not
   * give, no rows).
   */
  valuesOf(metric: string, rows: Int32Array, scopeKey: string): { a: number; b: number } | undefined {
    if (rows.length === 0) return undefined
    const custom = this.customMetrics.has(metric)
    const key = `${custom ? 'custom' : 'builtin'}\u0000${scopeKey}`
    if (!this.cache.has(key)) {
      const part = custom ? 'custom' : 'builtin'
      this.cache.set(key, this.metricsOf ? { a: this.metricsOf('a', rows, part), b: this.metricsOf('b', rows, part) } : undefined)
    }
    const both = this.cache.get(key)
    const fromMetrics = both !== undefined ? { a: both.a[metric], b: both.b[metric] } : this.meanOfScores(metric, rows)
    if (fromMetrics === undefined || !Number.isFinite(fromMetrics.a) || !Number.isFinite(fromMetrics.b)) return undefined
    return { a: fromMetrics.a!, b: fromMetrics.b! }
  }

  /** A mean of per-row scores on `rows`, rows either side has no score for left out (as the paired test does); for entries without outputs. */
  private meanOfScores(metric: string, rows: Int32Array): { a: number; b: number } | undefined {
    const column = metricComparison(metric).scoreColumn
    const { a, b } = this.paired.data
    const x = column === undefined ? undefined : a.rowScores?.[column]
    const y = column === undefined ? undefined : b.rowScores?.[column]
    if (!x || !y) return undefined
    const { meanA, meanB } = scoredPairs(x, y, rows, 1)
    return { a: meanA, b: meanB }
  }
}
