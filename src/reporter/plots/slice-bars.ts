import type { Spec } from 'vega'
import type { SliceResult } from '../../run/types.js'
import { charactersThatFit, distinctShortLabels, shortenedLabelsNote } from './distinct-labels.js'

/** Widest slice label, in pixels, at the axis's font size (the plot config's 11 px). */
const SLICE_LABEL_PIXELS = 260
const SLICE_LABEL_FONT_SIZE = 11

/**
 * The note under slice bars whose slice keys were shortened, or undefined.
 * @example sliceBarsNote([{ key: 'region=north' }]) // undefined
 */
export function sliceBarsNote(slices: ReadonlyArray<Pick<SliceResult, 'key'>>): string | undefined {
  return shortenedLabelsNote(
    slices.map((s) => s.key),
    charactersThatFit(SLICE_LABEL_PIXELS, SLICE_LABEL_FONT_SIZE),
    'slice keys',
    'the Slices table',
  )
}

/**
 * Vega spec of one metric per slice as horizontal bars with interval whiskers, worst slice first,
 * and the overall value as a dashed rule. Slices without the metric are left out. A bar is red only
 * when the test failed on that slice (`failedSlices`), as the report's worst-slice call-out is:
 * being the worst of several passing slices is not a failure. Long slice keys are shortened, each
 * kept distinct from the others (`distinct-labels.ts`); the full key is the label's `aria-label`
 * and is in the report's slice table.
 */
export function sliceBarsSpec(
  slices: readonly SliceResult[],
  metric: string,
  overall: number | undefined,
  greaterIsBetter: boolean,
  failedSlices: ReadonlySet<string> = new Set(),
): Spec {
  const shown = slices.filter((s) => typeof s.metrics[metric] === 'number' && Number.isFinite(s.metrics[metric]))
  const shortKeys = distinctShortLabels(
    shown.map((s) => s.key),
    charactersThatFit(SLICE_LABEL_PIXELS, SLICE_LABEL_FONT_SIZE),
  )
  const values = shown.map((s, rank) => ({
    slice: s.key,
    short: shortKeys[rank],
    rank,
    value: s.metrics[metric],
    lower: s.intervals[metric]?.lower ?? s.metrics[metric],
    upper: s.intervals[metric]?.upper ?? s.metrics[metric],
    failed: failedSlices.has(s.key),
    n: s.exampleCount,
  }))
  const bounded = values.every((v) => v.lower >= 0 && v.upper <= 1) && (overall === undefined || (overall >= 0 && overall <= 1))
  const rowHeight = 24
  return {
    width: 360,
    height: Math.max(rowHeight, rowHeight * values.length),
    padding: 8,
    title: { text: `${metric} by slice (${greaterIsBetter ? 'higher' : 'lower'} is better; worst first)` },
    data: [{ name: 'slices', values }, { name: 'overall', values: overall === undefined ? [] : [{ value: overall }] }],
    scales: [
      // From the data, in rank order (a reused view keeps the first-seen order of earlier data, so
      // the order is given): one Vega view for every run's bars.
      { name: 'y', type: 'band', domain: { data: 'slices', field: 'slice', sort: { field: 'rank', op: 'min' } }, range: 'height', padding: 0.25 },
      // Slice key to its short form, from the data too (in the same order).
      {
        name: 'shortKey',
        type: 'ordinal',
        domain: { data: 'slices', field: 'slice', sort: { field: 'rank', op: 'min' } },
        range: { data: 'slices', field: 'short', sort: { field: 'rank', op: 'min' } },
      },
      bounded
        ? { name: 'x', type: 'linear', domain: [0, 1], range: 'width', nice: false }
        : { name: 'x', type: 'linear', domain: { data: 'slices', fields: ['lower', 'upper', 'value'] }, range: 'width', nice: true, zero: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: metric, grid: true, tickCount: 5 },
      {
        orient: 'left',
        scale: 'y',
        labelLimit: SLICE_LABEL_PIXELS,
        labelFontSize: SLICE_LABEL_FONT_SIZE,
        labelOverlap: false,
        encode: { labels: { update: { text: { signal: "scale('shortKey', datum.value)" }, description: { signal: 'datum.value' } } } },
      },
    ],
    marks: [
      {
        type: 'rect',
        from: { data: 'slices' },
        encode: {
          enter: {
            y: { scale: 'y', field: 'slice' },
            height: { scale: 'y', band: 1 },
            x: { scale: 'x', value: 0 },
            x2: { scale: 'x', field: 'value' },
            fill: { signal: "datum.failed ? '#e15759' : '#8fb3d9'" },
          },
        },
      },
      {
        type: 'rule',
        from: { data: 'slices' },
        encode: {
          enter: {
            y: { scale: 'y', field: 'slice', band: 0.5 },
            x: { scale: 'x', field: 'lower' },
            x2: { scale: 'x', field: 'upper' },
            stroke: { value: '#1f2937' },
            strokeWidth: { value: 1.5 },
          },
        },
      },
      whiskerCap('lower'),
      whiskerCap('upper'),
      {
        type: 'rule',
        from: { data: 'overall' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'value' },
            y: { value: 0 },
            y2: { signal: 'height' },
            stroke: { value: '#111827' },
            strokeDash: { value: [5, 3] },
          },
        },
      },
    ],
  }
}

/** The short vertical tick that ends an interval whisker at its `lower` or `upper` bound. */
function whiskerCap(bound: 'lower' | 'upper') {
  return {
    type: 'rule' as const,
    from: { data: 'slices' },
    encode: {
      enter: {
        y: { scale: 'y', field: 'slice', band: 0.25 },
        y2: { scale: 'y', field: 'slice', band: 0.75 },
        x: { scale: 'x', field: bound },
        stroke: { value: '#1f2937' },
      },
    },
  }
}
