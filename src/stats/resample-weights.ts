import { poissonWeights } from './poisson-weights.js'
import { createRandom } from './random-source.js'

/** The Poisson(1) row weights of one row bootstrap, one resample after another. */
export interface RowWeightStream {
  /** Fills `out` (one weight per row) with the next resample's weights and returns it. */
  next(out: Float64Array): Float64Array
}

/** Where a row bootstrap gets its weights: the stream of `seed` for `n` rows. */
export type RowWeightSource = (seed: number, n: number) => RowWeightStream

/**
 * The weights of a seeded row bootstrap drawn afresh: {@link poissonWeights} of `n` rows from
 * `createRandom(seed)`, one resample after another (what every row bootstrap of the engine draws).
 *
 * @example
 * freshRowWeights(0, 3).next(new Float64Array(3)) // => e.g. [1, 0, 2]
 */
export const freshRowWeights: RowWeightSource = (seed, n) => {
  const random = createRandom(seed)
  return { next: (out) => poissonWeights(n, random, out) }
}

/** Bytes of stored weights a {@link replayedRowWeights} source keeps at most (one byte per row and resample). */
export const REPLAYED_WEIGHTS_MAX_BYTES = 64 * 1024 * 1024

/**
 * A source of the same streams as {@link freshRowWeights} that keeps what it draws, so a second
 * bootstrap of the same seed and row count (the built-in means' bootstrap-t, then a custom
 * metric's BCa, of one scope; a slice of the same size as the last) replays the weights instead
 * of drawing them again: the same numbers, in the same order, at the cost of a copy.
 *
 * It keeps one stream at a time (the latest seed and row count; another discards it) and only
 * while `resamples × n` bytes fit {@link REPLAYED_WEIGHTS_MAX_BYTES} (`resamples` the most any
 * reader will take); a larger stream is drawn afresh for each reader. A weight above 255
 * (probability far below 10⁻¹⁰⁰ under Poisson(1)) is kept in a Float64Array. Make one per
 * evaluation, so the weights are freed with it.
 *
 * @param resamples the most resamples any reader of a stream takes (the run's `rowResamples`)
 * @example
 * const source = replayedRowWeights(2000)
 * source(0, 500).next(new Float64Array(500)) // drawn, kept
 * source(0, 500).next(new Float64Array(500)) // the same weights, replayed
 */
export function replayedRowWeights(resamples: number): RowWeightSource {
  let kept: { seed: number; n: number; next: RowWeightStream['next']; drawn: Array<Uint8Array | Float64Array> } | undefined
  return (seed, n) => {
    if (resamples * n > REPLAYED_WEIGHTS_MAX_BYTES) return freshRowWeights(seed, n)
    if (kept === undefined || kept.seed !== seed || kept.n !== n) kept = { seed, n, next: freshRowWeights(seed, n).next, drawn: [] }
    const stream = kept
    let position = 0
    return {
      next(out) {
        if (out.length !== n) throw new RangeError(`row weights: output has ${out.length} rows, expected ${n}`)
        if (position < stream.drawn.length) {
          out.set(stream.drawn[position++])
          return out
        }
        stream.next(out)
        let small = true
        for (let i = 0; i < n; i++) if (out[i] > 255) small = false
        stream.drawn.push(small ? new Uint8Array(out) : out.slice())
        position++
        return out
      },
    }
  }
}
