import type { RandomSource } from './random-source.js'

/**
 * One multinomial resample of a table of counts: n = sum(counts) draws with cell probabilities
 * counts / n, i.e. the bootstrap of the rows that produced the table, without touching the rows.
 *
 * Drawn cell by cell with conditional binomials (cell i gets Binomial(remaining rows,
 * counts[i] / sum of counts[i..])), so the total is kept exactly and the cost is O(cells), not
 * O(n). Cells with zero count stay zero.
 *
 * Assumptions: counts are non-negative integers (a confusion matrix flattened in any order);
 * anything else throws a RangeError naming the cell. `out` (same length) is reused when given.
 *
 * @example
 * const random = createRandom(7)
 * multinomialResample(new Float64Array([50, 10, 5, 35]), random) // => e.g. [47, 12, 4, 37], sum 100
 */
export function multinomialResample(counts: Float64Array, random: RandomSource, out?: Float64Array): Float64Array {
  const cells = counts.length
  const result = out ?? new Float64Array(cells)
  if (result.length !== cells) {
    throw new RangeError(`multinomialResample: output has ${result.length} cells, counts have ${cells}`)
  }
  let total = 0
  for (let i = 0; i < cells; i++) {
    const count = counts[i]
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`multinomialResample: cell ${i} holds ${String(count)}, not a non-negative integer count`)
    }
    total += count
  }
  let remainingRows = total
  let remainingMass = total
  for (let i = 0; i < cells; i++) {
    const count = counts[i]
    if (remainingRows === 0 || count === 0) {
      result[i] = 0
      continue
    }
    const drawn = count >= remainingMass ? remainingRows : random.binomial(remainingRows, count / remainingMass)
    result[i] = drawn
    remainingRows -= drawn
    remainingMass -= count
  }
  return result
}
