/**
 * The predicted probabilities of k classes for n rows, in either of two layouts: a row-major
 * `n x k` matrix (`proba[i * k + c]`), or one column per class (`proba[c][i]`; e.g. a CSV's own
 * probability columns, read in place and never written). Kernels that take this type give the
 * same results bit for bit in both layouts.
 */
export type ClassProbabilities = Float64Array | readonly Float64Array[]

/**
 * Rows of `proba` (columns: the first column's length).
 * @example probabilityRowCount([Float64Array.of(0.2, 0.6), Float64Array.of(0.8, 0.4)], 2) // 2
 */
export function probabilityRowCount(proba: ClassProbabilities, k: number): number {
  if (proba instanceof Float64Array) return k > 0 ? proba.length / k : 0
  return proba.length > 0 ? proba[0].length : 0
}
