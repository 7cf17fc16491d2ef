/**
 * The columnar dataset: what `loadDataset` and `datasetFromRecords` return and what
 * `evaluate()` reads. Columns are stored once, as typed arrays where every cell is a number,
 * so a million-row evaluation set stays far below a gigabyte.
 */

/** One record, as a model function receives it. */
export type Row = Record<string, unknown>

/**
 * What the row type of `evaluate()` and a model function may be: any object keyed by column
 * name, including one declared as an `interface` (`interface Review { text: string }`), which
 * TypeScript does not let stand for `Record<string, unknown>` (an interface has no implicit
 * index signature) but does for `Record<string, any>`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one index type an interface is assignable to
export type RowLike = Record<string, any>

/** One column of a dataset. */
export type Column =
  /** Every cell is a number. */
  | { kind: 'number'; values: Float64Array }
  /**
   * Strings, interned: repeated values share one string. `untyped`: the cells are text from a
   * format without types (CSV), so `"1.0"` may mean the number 1 (see `src/run/labels.ts`); JSON
   * and Parquet strings are typed and leave it out.
   */
  | {
      kind: 'string'
      values: string[]
      untyped?: true
      /**
       * The same cells dictionary-coded, when the loader kept them so (CSV columns of up to
       * 100,000 distinct values): `dictionary[codes[i]]` is cell `i`, the dictionary's strings are
       * distinct and in the order they first occur. `values` is then built from them on first
       * use. Read-only (not enumerable: JSON and spreads see `kind`, `values` and `untyped` only).
       */
      readonly coded?: CodedStrings
    }
  /** Anything else: JSON with mixed types, booleans, null. */
  | { kind: 'mixed'; values: unknown[] }

/** A string column as integer codes into a table of its distinct strings. */
export interface CodedStrings {
  /** One code per row: an index into `dictionary`. */
  readonly codes: Int32Array
  /** The distinct strings, in the order they first occur in the column; each occurs at least once. */
  readonly dictionary: readonly string[]
}

export interface Dataset {
  readonly rowCount: number
  readonly columnNames: readonly string[]
  /** Where the data came from (a file path), when known. */
  readonly source?: string
  hasColumn(name: string): boolean
  /** Throws DatasetError naming the column and listing the ones that exist. */
  column(name: string): Column
  /** Cell value as the user would see it (number, string, boolean, null). */
  value(name: string, row: number): unknown
  /** Materialised records (lazily built, cached); model functions receive these. */
  rows(start?: number, end?: number): Row[]
}

/** File formats `loadDataset` reads. */
export type DatasetFormat = 'csv' | 'jsonl' | 'json' | 'parquet'

/**
 * How a CSV column becomes a number column. `'canonical'` (the default): when every cell is a
 * number as JavaScript prints it (`1`, `0.25`, `-3`, `1e-7`), so the text is given back exactly;
 * `'decimal'`: when every cell is a decimal number as people and other tools write it (`1.0`,
 * `2.50`, `+1`, `.5`, `007`, `1E3`), as pandas reads it.
 */
export type NumberTyping = 'canonical' | 'decimal'

export interface LoadDatasetOptions {
  /** Overrides the format taken from the file extension. */
  format?: DatasetFormat | undefined
  /**
   * CSV only (JSON and Parquet cells keep their types): which columns become number columns
   * (see {@link NumberTyping}; default `'canonical'`). With `'decimal'`, `26.40` and `26.4` are
   * the same number, so re-exporting a file in another number format is not a data change, and a
   * model function receives numbers where it would receive strings such as `"1.0"`. A column
   * with an empty cell, or any cell that is not a decimal number, stays text either way.
   */
  numbers?: NumberTyping | undefined
}
