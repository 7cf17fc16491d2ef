/**
 * A regressor's curves, for the reporter's plots: a seeded sample of (actual, predicted) pairs
 * and a residual histogram.
 */
import { createRandom } from '../../stats/random-source.js'
import type { Curves } from '../../run/types.js'

/** Points kept in a predicted-vs-actual sample. */
const MAX_SCATTER_POINTS = 2000

const HISTOGRAM_BINS = 30

/** Predicted-vs-actual sample and residual histogram. */
export function regressorCurves(targetValues: Float64Array, predictedValues: Float64Array, seed: number): Curves {
  const n = targetValues.length
  let picked: number[]
  const sampled = n > MAX_SCATTER_POINTS
  if (sampled) {
    // Seeded partial Fisher-Yates over row indices, then back to row order.
    const random = createRandom(seed)
    const index = new Int32Array(n)
    for (let i = 0; i < n; i++) index[i] = i
    for (let i = 0; i < MAX_SCATTER_POINTS; i++) {
      const j = i + Math.floor(random.uniform() * (n - i))
      const t = index[i]
      index[i] = index[j]
      index[j] = t
    }
    picked = Array.from(index.subarray(0, MAX_SCATTER_POINTS)).sort((a, b) => a - b)
  } else {
    picked = Array.from({ length: n }, (_, i) => i)
  }
  const predictedVsActual = {
    actual: picked.map((i) => targetValues[i]),
    predicted: picked.map((i) => predictedValues[i]),
    sampled,
  }

  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const r = predictedValues[i] - targetValues[i]
    if (r < min) min = r
    if (r > max) max = r
  }
  const bins = n === 0 ? 0 : min === max ? 1 : HISTOGRAM_BINS
  const width = bins > 0 ? (max - min) / bins : 0
  const edges = Array.from({ length: bins + 1 }, (_, b) => (b === bins ? max : min + b * width))
  const counts = new Array<number>(bins).fill(0)
  for (let i = 0; i < n; i++) {
    const r = predictedValues[i] - targetValues[i]
    const b = width > 0 ? Math.min(bins - 1, Math.floor((r - min) / width)) : 0
    counts[b]++
  }
  return { predictedVsActual, residualHistogram: { edges, counts } }
}
