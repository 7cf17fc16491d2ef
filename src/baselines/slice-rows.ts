/**
 * The row indices of a run's slices, read from the run's in-memory columns: the rows whose
 * values have the slice's value texts (`sliceValueText`, the text `evaluate()` keyed the slice
 * by), so a baseline test can recompute a slice's metric for the baseline's stored predictions
 * and the current ones on exactly the slice's rows.
 */
import { sliceValueText } from '../run/slice-key.js'
import { getRunInternals } from '../run/internals.js'
import type { EvalRun } from '../run/types.js'

/** One column's values as codes, one per distinct value text. */
interface CodedColumn {
  codeOf: Map<string, number>
  codes: Int32Array
}

/** Looks up slice rows of one run, coding each slice column once. */
export class SliceRowIndex {
  private readonly coded = new Map<string, CodedColumn>()

  constructor(private readonly run: EvalRun) {}

  /**
   * The ascending row indices of the run's slice `sliceKey`, or undefined when the run is not in
   * memory, lacks a slice column, or the rows found do not number the slice's size.
   * @example new SliceRowIndex(run).rows('category=billing')?.length // 150
   */
  rows(sliceKey: string): Int32Array | undefined {
    const slice = this.run.slices[sliceKey]
    const internals = getRunInternals(this.run)
    if (!slice || !internals || slice.columns.some((name) => !internals.columns.has(name))) return undefined
    const wanted = slice.columns.map((name, c) => {
      const column = this.codedColumn(name, internals.columns.get(name)!)
      return { codes: column.codes, code: column.codeOf.get(slice.values[c]) ?? -1 }
    })
    const found: number[] = []
    const n = this.run.exampleCount
    for (let i = 0; i < n; i++) if (wanted.every((w) => w.codes[i] === w.code)) found.push(i)
    return found.length === slice.exampleCount ? Int32Array.from(found) : undefined
  }

  private codedColumn(name: string, values: ArrayLike<unknown>): CodedColumn {
    let column = this.coded.get(name)
    if (!column) {
      const n = this.run.exampleCount
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
      column = { codeOf, codes }
      this.coded.set(name, column)
    }
    return column
  }
}
