import type { Spec } from 'vega'
import { numberAxisFormat } from './vega-svg.js'

/** Vega spec of predicted against actual values of a regressor, with the identity line. */
export function predictedVsActualSpec(points: { actual: number[]; predicted: number[]; sampled: boolean }): Spec {
  const values = points.actual
    .map((actual, i) => ({ actual, predicted: points.predicted[i] }))
    .filter((p) => Number.isFinite(p.actual) && Number.isFinite(p.predicted))
  let lo = Infinity
  let hi = -Infinity
  for (const p of values) {
    lo = Math.min(lo, p.actual, p.predicted)
    hi = Math.max(hi, p.actual, p.predicted)
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1]
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1]
  const opacity = values.length > 1500 ? 0.25 : values.length > 300 ? 0.45 : 0.7
  return {
    width: 320,
    height: 320,
    padding: 8,
    title: { text: points.sampled ? 'Predicted vs actual (sample)' : 'Predicted vs actual' },
    data: [{ name: 'points', values }, { name: 'identity', values: [{ a: lo, b: hi }] }],
    scales: [
      { name: 'x', type: 'linear', domain: [lo, hi], range: 'width', nice: true, zero: false },
      { name: 'y', type: 'linear', domain: [lo, hi], range: 'height', nice: true, zero: false },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'Actual', grid: true, tickCount: 6, ...numberAxisFormat(lo, hi) },
      { orient: 'left', scale: 'y', title: 'Predicted', grid: true, tickCount: 6, ...numberAxisFormat(lo, hi) },
    ],
    marks: [
      {
        type: 'rule',
        from: { data: 'identity' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'a' },
            y: { scale: 'y', field: 'a' },
            x2: { scale: 'x', field: 'b' },
            y2: { scale: 'y', field: 'b' },
            stroke: { value: '#9ca3af' },
            strokeDash: { value: [4, 4] },
          },
        },
      },
      {
        type: 'symbol',
        from: { data: 'points' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'actual' },
            y: { scale: 'y', field: 'predicted' },
            size: { value: 16 },
            fill: { value: '#4e79a7' },
            fillOpacity: { value: opacity },
          },
        },
      },
    ],
  }
}
