import type { Spec } from 'vega'
import type { ConfusionMatrix } from '../../run/types.js'
import { formatPercent } from '../../run/format-metric.js'
import { charactersThatFit, distinctShortLabels, shortenedLabelsNote } from './distinct-labels.js'

/** Widest tick label, in pixels, under the matrix (predicted) and beside it (actual). */
const PREDICTED_LABEL_PIXELS = 180
const ACTUAL_LABEL_PIXELS = 200

/** Font size of the class names: smaller from 16 classes on. */
function classFontSize(classCount: number): number {
  return classCount > 15 ? 9 : 11
}

/**
 * The note under a confusion matrix whose class names were shortened, or undefined.
 * @example confusionMatrixNote(['cat', 'dog']) // undefined
 */
export function confusionMatrixNote(labels: readonly string[]): string | undefined {
  return shortenedLabelsNote(labels, charactersThatFit(PREDICTED_LABEL_PIXELS, classFontSize(labels.length)), 'class names', 'the Per class table')
}

/**
 * Tick labels of one axis: each class shortened to fit `pixels` yet distinct from the others
 * (`distinct-labels.ts`), through an ordinal scale from the class to its short form; the full
 * class is the label's `aria-label` (and the cells' tooltips).
 */
function classLabels(scale: string, pixels: number, fontSize: number) {
  return {
    labelLimit: pixels,
    labelFontSize: fontSize,
    encode: { labels: { update: { text: { signal: `scale('${scale}', datum.value)` }, description: { signal: 'datum.value' } } } },
  }
}

/**
 * Vega spec of a confusion matrix heatmap (actual on rows, predicted on columns), as counts or
 * row-normalised (each row divided by the number of examples of that actual class). Cell size
 * shrinks with the class count and long class names are shortened, each kept distinct from the
 * others (`distinct-labels.ts`), so 20+ classes stay readable; numbers
 * are printed in the cells while they fit. The diagonal is outlined.
 */
export function confusionMatrixSpec(matrix: ConfusionMatrix, normalise: boolean): Spec {
  const n = matrix.labels.length
  // Few classes: big cells (up to 84 px); many: at least 14 px, about 600 px in all.
  const cell = n <= 8 ? Math.min(84, Math.floor(330 / Math.max(n, 1))) : Math.max(14, Math.min(44, Math.floor(600 / n)))
  const labelFontSize = classFontSize(n)
  const predictedShort = distinctShortLabels(matrix.labels, charactersThatFit(PREDICTED_LABEL_PIXELS, labelFontSize))
  const actualShort = distinctShortLabels(matrix.labels, charactersThatFit(ACTUAL_LABEL_PIXELS, labelFontSize))
  const longest = Math.max(0, ...predictedShort.map((l) => l.length))
  // Angle the predicted labels when they would not fit under their column.
  const angled = longest * 6.5 > cell
  const fontSize = Math.max(7, Math.min(12, Math.round(cell * 0.36)))
  const values: Array<Record<string, unknown>> = []
  let max = 0
  matrix.counts.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0)
    row.forEach((count, j) => {
      const value = normalise ? (total > 0 ? count / total : 0) : count
      max = Math.max(max, value)
      values.push({
        actual: matrix.labels[i],
        predicted: matrix.labels[j],
        value,
        count,
        diagonal: i === j,
        text: normalise ? (cell >= 30 ? formatPercent(value) : `${Math.round(value * 100)}`) : String(count),
      })
    })
  })
  // Per-matrix values travel as data (the dark text, the colour extent), so matrices of the same
  // labels share one Vega view (plots/vega-svg.ts).
  for (const cell of values) cell.dark = (cell.value as number) > max * 0.55
  const showText = cell >= 18
  return {
    width: cell * n,
    height: cell * n,
    padding: 8,
    title: { text: normalise ? 'Confusion matrix (row-normalised, % of actual class)' : 'Confusion matrix (counts)' },
    data: [{ name: 'cells', values }, { name: 'extent', values: [{ value: 0 }, { value: max > 0 ? max : 1 }] }],
    scales: [
      { name: 'x', type: 'band', domain: matrix.labels, range: 'width', padding: 0.04 },
      { name: 'y', type: 'band', domain: matrix.labels, range: 'height', padding: 0.04 },
      { name: 'predictedShort', type: 'ordinal', domain: matrix.labels, range: predictedShort },
      { name: 'actualShort', type: 'ordinal', domain: matrix.labels, range: actualShort },
      { name: 'color', type: 'linear', domain: { data: 'extent', field: 'value' }, range: { scheme: 'blues' }, zero: true },
    ],
    axes: [
      {
        orient: 'bottom',
        scale: 'x',
        title: 'Predicted',
        labelAngle: angled ? -40 : 0,
        labelAlign: angled ? 'right' : 'center',
        labelBaseline: angled ? 'middle' : 'top',
        labelOverlap: false,
        ...classLabels('predictedShort', PREDICTED_LABEL_PIXELS, labelFontSize),
      },
      { orient: 'left', scale: 'y', title: 'Actual', labelOverlap: false, ...classLabels('actualShort', ACTUAL_LABEL_PIXELS, labelFontSize) },
    ],
    legends: [{ fill: 'color', type: 'gradient', title: normalise ? 'share' : 'count', gradientLength: Math.min(cell * n, 220), format: normalise ? '.0%' : 'd' }],
    marks: [
      {
        type: 'rect',
        from: { data: 'cells' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'predicted' },
            width: { scale: 'x', band: 1 },
            y: { scale: 'y', field: 'actual' },
            height: { scale: 'y', band: 1 },
            fill: { scale: 'color', field: 'value' },
            stroke: { signal: "datum.diagonal ? '#1f2937' : null" },
            strokeWidth: { value: 1.2 },
            tooltip: { signal: "datum.actual + ' → ' + datum.predicted + ': ' + datum.count" },
          },
        },
      },
      ...(showText
        ? [
            {
              type: 'text' as const,
              from: { data: 'cells' },
              encode: {
                enter: {
                  x: { scale: 'x', field: 'predicted', band: 0.5 },
                  y: { scale: 'y', field: 'actual', band: 0.5 },
                  align: { value: 'center' as const },
                  baseline: { value: 'middle' as const },
                  fontSize: { value: fontSize },
                  text: { signal: "datum.count === 0 ? '' : datum.text" },
                  fill: { signal: "datum.dark ? '#ffffff' : '#1f2937'" },
                },
              },
            },
          ]
        : []),
    ],
  }
}
