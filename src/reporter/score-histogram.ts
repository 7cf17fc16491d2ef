/** Counts of values per bin; `edges` has one more entry than `counts`. */
export interface ScoreHistogram {
  edges: number[]
  counts: number[]
}

/**
 * Histogram of per-row scores. Scores within [0, 1] (ROUGE, exact match, precision@k, ...) get
 * ten bins of 0.1 so two runs' pictures compare; other scores (grade levels, token counts)
 * get up to 20 equal bins from the smallest to the largest value (Sturges' rule below that),
 * integer-wide when every value is an integer. Bins hold `[lo, hi)`; the last also holds its
 * upper edge. Written here rather than taken from Vega's bin transform so the counts are
 * plain data (tested, and the same in the SVG, run.json and any other view).
 */
export function scoreHistogram(values: readonly number[]): ScoreHistogram {
  if (values.length === 0) return { edges: [], counts: [] }
  let min = Infinity
  let max = -Infinity
  let integers = true
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
    if (!Number.isInteger(v)) integers = false
  }
  let edges: number[]
  if (min >= 0 && max <= 1) {
    edges = Array.from({ length: 11 }, (_, i) => i / 10)
  } else if (min === max) {
    edges = [min - 0.5, max + 0.5]
  } else {
    const bins = Math.min(20, Math.ceil(Math.log2(values.length)) + 1)
    const width = integers ? Math.max(1, Math.ceil((max - min + 1) / bins)) : (max - min) / bins
    const count = integers ? Math.ceil((max - min + 1) / width) : bins
    const start = integers ? min - 0.5 : min
    edges = Array.from({ length: count + 1 }, (_, i) => start + i * width)
  }
  const counts = new Array<number>(edges.length - 1).fill(0)
  const lo = edges[0]
  const last = counts.length - 1
  const step = (edges[edges.length - 1] - lo) / counts.length
  for (const v of values) {
    let bin = Math.floor((v - lo) / step)
    // Float steps (0.1): a value on an edge may land one bin low or high; the edges decide.
    while (bin > 0 && v < edges[bin]) bin--
    while (bin < last && v >= edges[bin + 1]) bin++
    counts[Math.max(0, Math.min(last, bin))]++
  }
  return { edges, counts }
}
