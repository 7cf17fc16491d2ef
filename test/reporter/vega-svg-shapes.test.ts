import { parse, View } from 'vega'
import type { Spec } from 'vega'
import { describe, expect, test } from 'vitest'
import { confusionMatrixSpec } from '../../src/reporter/plots/confusion-matrix.js'
import { rocCurveSpec } from '../../src/reporter/plots/roc-curve.js'
import { PLOT_CONFIG, renderVegaSvg } from '../../src/reporter/plots/vega-svg.js'

// renderVegaSvg parses each spec shape once and sets the inline data on the view (issue 13): a
// plot drawn after another of the same shape must be exactly what a fresh parse draws. Vega
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
})
