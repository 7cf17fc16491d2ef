import { createRandom } from './random-source.js'
import { nonzeroCells } from '../metrics/classification-metrics.js'
import { multinomialResample } from './multinomial-resample.js'

/**
 * Bootstrap of statistics that depend only on a table of counts (a confusion matrix):
 * `resamples` multinomial resamples of the counts ({@link multinomialResample}), `statistic`
 * evaluated on each; the samples of the count metrics' `multinomial-bootstrap-bca` intervals
 * ({@link countsBcaIntervals}; with {@link percentileInterval} they give the older
 * `multinomial-bootstrap` interval). Cost O(resamples × cells),
 * independent of the number of rows. Seeded: the same counts and seed give the same samples.
 *
 * `statistic` receives one buffer that is overwritten by the next resample: read it, do not
 * keep it. Its keys are taken from every call; a key missing from some resample gets NaN there
 * (e.g. a precision whose denominator came out 0 may be reported as NaN and is then ignored by
 * {@link percentileInterval}).
 *
 * Degenerate cases: a table with one non-zero cell (all correct, or a single class) resamples
 * to itself, so every sample equals the point estimate and the interval has zero width.
 *
 * @returns one Float64Array of `resamples` values per statistic key
 * @example
 * const accuracy = (c: Float64Array) => ({ accuracy_score: (c[0] + c[3]) / (c[0] + c[1] + c[2] + c[3]) })
 * const samples = bootstrapCounts(new Float64Array([50, 10, 5, 35]), accuracy, { resamples: 1000, seed: 1 })
 * percentileInterval(samples.accuracy_score, 0.95) // => about { lower: 0.78, upper: 0.92 }
 */
export function bootstrapCounts(
  counts: Float64Array,
  statistic: (counts: Float64Array) => Record<string, number>,
  options: { resamples: number; seed: number },
): Record<string, Float64Array> {
  const { resamples, seed } = options
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`bootstrapCounts: resamples ${String(resamples)} is not a positive integer`)
  }
  const random = createRandom(seed)
  const buffer = new Float64Array(counts.length)
  // A resample is non-zero only where the table is: draw the non-zero cells alone (the same draws
  // in the same order, as multinomialResample draws nothing for an empty cell) and scatter them;
  // the other cells of `buffer` stay 0. With 200 classes 40,000 cells, a few thousand non-zero.
  const cells = nonzeroCells(counts)
  const compact = Float64Array.from(cells, (cell) => counts[cell])
  const drawn = new Float64Array(cells.length)
  const samples: Record<string, Float64Array> = {}
  for (let r = 0; r < resamples; r++) {
    multinomialResample(compact, random, drawn)
    for (let j = 0; j < cells.length; j++) buffer[cells[j]] = drawn[j]
    const values = statistic(buffer)
    for (const key of Object.keys(values)) {
      let column = samples[key]
      if (column === undefined) {
        column = new Float64Array(resamples).fill(Number.NaN)
        samples[key] = column
      }
      column[r] = values[key]
    }
  }
  return samples
}
