/** A sparse feature vector: parallel arrays of feature indices (ascending) and values. */
export interface SparseVector {
  indices: Int32Array
  values: Float64Array
}

/** Dot product of a sparse vector with row `row` of a dense row-major matrix of `width` columns. */
export function sparseDot(vector: SparseVector, matrix: Float64Array, row: number, width: number): number {
  const offset = row * width
  let sum = 0
  for (let i = 0; i < vector.indices.length; i++) sum += vector.values[i] * matrix[offset + vector.indices[i]]
  return sum
}
