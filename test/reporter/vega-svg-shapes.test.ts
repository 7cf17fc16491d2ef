import { parse, View } from 'vega'
import type { Spec } from 'vega'
import { describe, expect, test } from 'vitest'
import { confusionMatrixSpec } from '../../src/reporter/plots/confusion-matrix.js'
import { rocCurveSpec } from '../../src/reporter/plots/roc-curve.js'
import { sliceBarsSpec } from '../../src/reporter/plots/slice-bars.js'
import type { SliceResult } from '../../src/run/types.js'
import { PLOT_CONFIG, renderVegaSvg } from '../../src/reporter/plots/vega-svg.js'

// renderVegaSvg keeps one view per spec shape and sets the inline data on it (issue 13): a
// plot drawn after another of the same shape must be exactly what a fresh view draws. Vega
// numbers gradients with a counter for the whole process, so their ids are left out of the
// comparison.
const sameIds = (svg: string): string => svg.replace(/gradient_\d+/g, 'gradient_N')
async function freshSvg(spec: Spec): Promise<string> {
  const view = new View(parse({ config: PLOT_CONFIG, ...spec }), { renderer: 'none' })
  try {
    return sameIds((await view.toSVG()).replace('<svg ', '<svg role="img" '))
  } finally {
    view.finalize()
  }
}

describe('renderVegaSvg with specs of one shape', () => {
  test('two confusion matrices of the same labels: each as a fresh parse draws it, and they differ', async () => {
    const first = confusionMatrixSpec({ labels: ['bird', 'cat', 'dog'], counts: [[50, 3, 1], [4, 40, 9], [0, 7, 61]] }, false)
    const second = confusionMatrixSpec({ labels: ['bird', 'cat', 'dog'], counts: [[12, 30, 8], [1, 2, 90], [77, 0, 5]] }, false)
    const firstSvg = sameIds(await renderVegaSvg(first))
    const secondSvg = sameIds(await renderVegaSvg(second))
    expect(secondSvg).not.toBe(firstSvg)
    expect(secondSvg).toContain('>90<')
    expect(firstSvg).toBe(await freshSvg(first))
    expect(secondSvg).toBe(await freshSvg(second))
    // Drawn again after the second: still the first's picture, not the second's data.
    expect(sameIds(await renderVegaSvg(first))).toBe(firstSvg)
  })

  test('ROC curves with different points and classes', async () => {
    const curve = (label: string, fpr: number[], tpr: number[]) => ({ label, fpr, tpr, thresholds: fpr.map((_, i) => 1 - i / fpr.length), auc: 0.5 })
    const first = rocCurveSpec([curve('cat', [0, 0.1, 0.4, 1], [0, 0.6, 0.9, 1]), curve('dog', [0, 0.5, 1], [0, 0.5, 1])])
    const second = rocCurveSpec([curve('cat', [0, 0.2, 1], [0, 0.3, 1]), curve('dog', [0, 0.05, 0.3, 0.7, 1], [0, 0.4, 0.8, 0.95, 1])])
    const firstSvg = sameIds(await renderVegaSvg(first))
    const secondSvg = sameIds(await renderVegaSvg(second))
    expect(secondSvg).not.toBe(firstSvg)
    expect(firstSvg).toBe(await freshSvg(first))
    expect(secondSvg).toBe(await freshSvg(second))
  })

  test('slice bars of the same slices in another order: each drawn in its own order, as a fresh view draws it', async () => {
    const slice = (key: string, value: number): SliceResult => ({ key, columns: ['region'], values: [key], exampleCount: 100, metrics: { f1_score: value }, intervals: {}, notes: [] })
    const first = sliceBarsSpec([slice('region=north', 0.5), slice('region=south', 0.6), slice('region=east', 0.7)], 'f1_score', 0.65, true)
    const second = sliceBarsSpec([slice('region=east', 0.4), slice('region=north', 0.8), slice('region=south', 0.9)], 'f1_score', 0.7, true, new Set(['region=east']))
    const firstSvg = sameIds(await renderVegaSvg(first))
    const secondSvg = sameIds(await renderVegaSvg(second))
    expect(firstSvg).toBe(await freshSvg(first))
    expect(secondSvg).toBe(await freshSvg(second))
    // Worst first: east is the first label of the second plot.
    expect(secondSvg.indexOf('>region=east<')).toBeLessThan(secondSvg.indexOf('>region=north<'))
  })

  test('a legend of longer names: laid out again for its own text, as a fresh view lays it out', async () => {
    const curve = (label: string) => ({ label, fpr: [0, 0.3, 1], tpr: [0, 0.7, 1], thresholds: [2, 0.5, 0], auc: 0.7 })
    const short = rocCurveSpec([curve('a'), curve('b')])
    const long = rocCurveSpec([curve('a class name long enough to widen the legend'), curve('b')])
    const shortSvg = sameIds(await renderVegaSvg(short))
    const longSvg = sameIds(await renderVegaSvg(long))
    expect(shortSvg).toBe(await freshSvg(short))
    expect(longSvg).toBe(await freshSvg(long))
    expect(sameIds(await renderVegaSvg(short))).toBe(shortSvg)
  })
})
