/**
 * Thinning of long curves to what a plot can show: Douglas-Peucker simplification measured
 * against the line the plot draws (straight segments, or the steps of a step chart), greedy on
 * the worst segment first so that a cap on the number of points keeps the most visible ones.
 * Distances are in the unit square (x and y each span 1), so a tolerance is a fraction of the
 * plot's width and height. Written by hand: a few dozen lines over number arrays; the npm
 * simplifiers (simplify-js and the like) take point objects, know only straight segments and
 * have no point cap.
 */

/** How the plot joins consecutive points (Vega's `interpolate` values the reporter uses). */
export type CurveInterpolation = 'linear' | 'step-after' | 'step-before'

/** Tolerance of the reporter's curves: 1/500 of the plot, under a pixel of a 340 x 300 plot. */
export const PLOT_CURVE_TOLERANCE = 0.002

export interface CurveThinningOptions {
  /** At most this many points are kept (at least 2: the first and the last). */
  maxPoints: number
  /**
   * Points are kept until no dropped point (nor, for steps, a dropped corner) lies farther than
   * this from the drawn line of the kept ones; 0 keeps every point that is off that line.
   * Default 0.
   */
  tolerance?: number
  /** Default `linear`. */
  interpolate?: CurveInterpolation
}

/** The points kept, and the farthest any dropped point (or step corner) lies from the drawn line. */
export interface ThinnedCurve {
  indices: number[]
  maxError: number
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const length2 = dx * dx + dy * dy
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/**
 * Distance from (px, py) to the line the plot draws from a to b: the segment, or for steps the
 * two segments through the corner (`step-after` moves along x first, `step-before` along y).
 */
function drawnDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number, interpolate: CurveInterpolation): number {
  if (interpolate === 'linear') return segmentDistance(px, py, ax, ay, bx, by)
  const cx = interpolate === 'step-after' ? bx : ax
  const cy = interpolate === 'step-after' ? ay : by
  return Math.min(segmentDistance(px, py, ax, ay, cx, cy), segmentDistance(px, py, cx, cy, bx, by))
}

interface Span {
  from: number
  to: number
  /** The point to split at (-1: nothing between from and to) and its distance. */
  far: number
  distance: number
}

/**
 * The farthest point of (from, to) from the drawn line between them; for steps also each corner
 * the full curve drew between consecutive points (a corner farthest splits at the point that
 * draws it again: its first point for `step-after`, its second for `step-before`). A hot loop:
 * no allocation per point.
 */
function spanOf(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number, interpolate: CurveInterpolation): Span {
  let far = -1
  let distance = 0
  const ax = x[from]
  const ay = y[from]
  const bx = x[to]
  const by = y[to]
  for (let i = from + 1; i < to; i++) {
    const d = drawnDistance(x[i], y[i], ax, ay, bx, by, interpolate)
    if (d > distance) {
      far = i
      distance = d
    }
  }
  if (interpolate !== 'linear') {
    const after = interpolate === 'step-after'
    for (let i = from; i < to; i++) {
      const split = after ? i : i + 1
      if (split <= from || split >= to) continue
      const d = drawnDistance(after ? x[i + 1] : x[i], after ? y[i] : y[i + 1], ax, ay, bx, by, interpolate)
      if (d > distance) {
        far = split
        distance = d
      }
    }
  }
  return { from, to, far, distance }
}

/**
 * Thins the polyline (x[i], y[i]) to at most `maxPoints` points, the first and the last always:
 * splits the span whose farthest dropped point is worst, until every dropped point lies within
 * `tolerance` of the drawn line or the cap is reached; `maxError` says which. Points that are not
 * finite are ignored by the distances (kept only as the ends).
 *
 * @example thinCurve([0, 0.5, 1, 1], [0, 0.5, 1, 0], { maxPoints: 10, tolerance: 0.01 }) // { indices: [0, 2, 3], maxError: 0 }
 */
export function thinCurve(x: ArrayLike<number>, y: ArrayLike<number>, options: CurveThinningOptions): ThinnedCurve {
  const n = x.length
  const limit = Math.max(2, Math.floor(options.maxPoints))
  const tolerance = options.tolerance ?? 0
  const interpolate = options.interpolate ?? 'linear'
  if (n <= 2 || (n <= limit && tolerance <= 0)) return { indices: Array.from({ length: n }, (_, i) => i), maxError: 0 }
  const spans: Span[] = [spanOf(x, y, 0, n - 1, interpolate)]
  const kept = [0, n - 1]
  // At most `limit` spans, so a scan for the worst is cheap next to the scans of the points.
  for (;;) {
    let worst = 0
    for (let s = 1; s < spans.length; s++) if (spans[s].distance > spans[worst].distance) worst = s
    const span = spans[worst]
    if (!(span.distance > tolerance) || span.far < 0 || kept.length >= limit) break
    kept.push(span.far)
    spans.splice(worst, 1, spanOf(x, y, span.from, span.far, interpolate), spanOf(x, y, span.far, span.to, interpolate))
  }
  let maxError = 0
  for (const span of spans) if (span.distance > maxError) maxError = span.distance
  return { indices: kept.sort((a, b) => a - b), maxError }
}

/**
 * Indices (ascending) of the points to keep of the polyline (x[i], y[i]): all when there are at
 * most `maxPoints` and no tolerance; else {@link thinCurve}'s.
 *
 * @example thinCurveIndices([0, 0.5, 1], [0, 0.5, 1], 2) // [0, 2]
 */
export function thinCurveIndices(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number, options: Omit<CurveThinningOptions, 'maxPoints'> = {}): number[] {
  return thinCurve(x, y, { ...options, maxPoints }).indices
}
