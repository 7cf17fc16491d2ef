/**
 * One run's per-example outputs as `evalgate compare` reads them back from `outputs.json` (the
 * reporter's file beside `run.json`; encoded and decoded by `src/reporter/run-outputs.ts`):
 * what the one paired comparison of `src/compare` needs to test a change of two runs on the
 * same rows, and the slice columns that give a slice's rows.
 */
import type { EvalRun } from '../../run/types.js'

/** One slice column: each row's value as an index into `values` (the value texts of slice keys). */
export interface DecodedSliceColumn {
  codes: Int32Array
  values: string[]
}

/** A run's per-example outputs, decoded. */
export interface RunOutputs {
  exampleCount: number
  fingerprint: string
  /** Classifiers: label indices into the run's labels. */
  targetIndex?: Int32Array
  predictedIndex?: Int32Array
  /** Classifiers: row-major `rows x labels`. */
  probabilities?: Float64Array
  /** Regressors. */
  targetValues?: Float64Array
  predictedValues?: Float64Array
  sliceColumns: Map<string, DecodedSliceColumn>
  /** Why a part is absent (a cap, an older reporter), by part. */
  missing: Partial<Record<'targets' | 'predictions' | 'probabilities' | 'sliceColumns', string>>
}

/**
 * The ascending rows of `run`'s slice `sliceKey` from the stored slice columns, or undefined when
 * a column is not stored or the rows found do not number the slice's size (then no paired test).
 * @example sliceRowsOf(run, outputs, 'category=billing')?.length // 150
 */
export function sliceRowsOf(run: EvalRun, outputs: RunOutputs, sliceKey: string): Int32Array | undefined {
  const slice = run.slices[sliceKey]
  if (!slice) return undefined
  const { columns, values } = slice
  const wanted: Array<{ codes: Int32Array; code: number }> = []
  for (let c = 0; c < columns.length; c++) {
    const column = outputs.sliceColumns.get(columns[c])
    if (!column) return undefined
    wanted.push({ codes: column.codes, code: column.values.indexOf(values[c]) })
  }
  const found: number[] = []
  for (let i = 0; i < outputs.exampleCount; i++) if (wanted.every((w) => w.codes[i] === w.code)) found.push(i)
  return found.length === slice.exampleCount ? Int32Array.from(found) : undefined
}
