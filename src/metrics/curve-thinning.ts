/**
 * Thinning of long curves for plots: keep at most `maxPoints` points, the first and the last
 * always, chosen evenly along the curve's length in plot space (|dx| + |dy| in the unit
 * square), so steep and flat parts both keep their shape. Written by hand: it is a few lines
 * over typed arrays, and the plotting packages that downsample do it on index, not on length.
 */

/**
 * Indices (ascending) of the points to keep of the polyline (x[i], y[i]), i = 0..n-1.
 *
 * @example thinCurveIndices([0, 0.5, 1], [0, 0.5, 1], 2) // [0, 2]
 */
export function thinCurveIndices(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): number[] {
  const n = x.length
  const limit = Math.max(2, Math.floor(maxPoints))
  if (n <= limit) return Array.from({ length: n }, (_, i) => i)
  const cumulative = new Float64Array(n)
  for (let i = 1; i < n; i++) {
    const dx = Math.abs(x[i] - x[i - 1])
    const dy = Math.abs(y[i] - y[i - 1])
    cumulative[i] = cumulative[i - 1] + (Number.isFinite(dx) ? dx : 0) + (Number.isFinite(dy) ? dy : 0)
  }
  const total = cumulative[n - 1]
  const kept: number[] = [0]
  if (total === 0) {
    kept.push(n - 1)
    return kept
  }
  const step = total / (limit - 1)
  let next = step
  for (let i = 1; i < n - 1 && kept.length < limit - 1; i++) {
    if (cumulative[i] >= next) {
      kept.push(i)
      while (next <= cumulative[i]) next += step
    }
  }
  kept.push(n - 1)
  return kept
}
