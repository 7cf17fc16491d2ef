import type { Spec } from 'vega'
import { SERIES_COLORS } from './vega-svg.js'

/** One line of a line chart: a series name (legend text) and its points in drawing order. */
export interface CurveSeries {
  name: string
  x: number[]
  y: number[]
}

/** Options of a unit-square curve chart (ROC, PR, calibration). */
export interface CurveChartOptions {
  title: string
  xTitle: string
  yTitle: string
  /** Draw the y = x diagonal (chance for ROC, perfect calibration). */
  diagonal?: boolean
  /** Horizontal reference line, e.g. the positive rate for PR curves. */
  baselineY?: number
  /** Show points on the lines (calibration bins). */
  points?: boolean
  interpolate?: 'linear' | 'step-after' | 'step-before'
}

/**
 * Vega spec of one or more curves on the unit square with a colour legend: the shared chart
 * behind the ROC, precision-recall and calibration plots.
 */
export function curveChartSpec(series: readonly CurveSeries[], options: CurveChartOptions): Spec {
  const values: Array<Record<string, unknown>> = []
  series.forEach((s, index) => {
    s.x.forEach((x, i) => {
      const y = s.y[i]
      if (Number.isFinite(x) && Number.isFinite(y)) values.push({ series: s.name, x, y, order: i, index })
    })
  })
  const names = series.map((s) => s.name)
  const references: Array<Record<string, unknown>> = []
  if (options.diagonal) references.push({ x: 0, y: 0, x2: 1, y2: 1 })
  if (options.baselineY !== undefined) references.push({ x: 0, y: options.baselineY, x2: 1, y2: options.baselineY })
  return {
    width: 340,
    height: 300,
    padding: 8,
    title: { text: options.title },
    data: [
      { name: 'points', values },
      { name: 'references', values: references },
      // The legend's names as data, so charts of as many series share one Vega view (plots/vega-svg.ts).
      { name: 'names', values: names.map((name, rank) => ({ name, rank })) },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [0, 1], range: 'width', nice: false },
      { name: 'y', type: 'linear', domain: [0, 1], range: 'height', nice: false },
      { name: 'color', type: 'ordinal', domain: { data: 'names', field: 'name', sort: { field: 'rank', op: 'min' } }, range: SERIES_COLORS },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: options.xTitle, grid: true, tickCount: 5 },
      { orient: 'left', scale: 'y', title: options.yTitle, grid: true, tickCount: 5 },
    ],
    legends: names.length > 0 ? [{ stroke: 'color', orient: 'bottom', direction: 'vertical', symbolType: 'stroke', labelLimit: 320 }] : [],
    marks: [
      {
        type: 'rule',
        from: { data: 'references' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'y' },
            x2: { scale: 'x', field: 'x2' },
            y2: { scale: 'y', field: 'y2' },
            stroke: { value: '#9ca3af' },
            strokeDash: { value: [4, 4] },
          },
        },
      },
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'points', groupby: 'series' } },
        marks: [
          {
            type: 'line',
            from: { data: 'series' },
            sort: { field: 'datum.order' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                stroke: { scale: 'color', field: 'series' },
                strokeWidth: { value: 2 },
                interpolate: { value: options.interpolate ?? 'linear' },
              },
            },
          },
          ...(options.points
            ? [
                {
                  type: 'symbol' as const,
                  from: { data: 'series' },
                  encode: {
                    enter: {
                      x: { scale: 'x', field: 'x' },
                      y: { scale: 'y', field: 'y' },
                      fill: { scale: 'color', field: 'series' },
                      size: { value: 30 },
                    },
                  },
                },
              ]
            : []),
        ],
      },
    ],
  }
}
