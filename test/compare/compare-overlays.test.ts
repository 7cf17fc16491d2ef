// The overlays of the compare page beyond ROC/PR: regressor plots of two runs on shared axes
// (points coloured per run, residual shares as step lines) and calibration lines per run.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { evaluate } from '../../src/evaluate/index.js'
import { renderComparePage } from '../../src/reporter/compare-page.js'
import { overlaidPredictedVsActualSpec, overlaidResidualsSpec } from '../../src/reporter/compare-overlays.js'

describe('regressor runs overlaid', async () => {
  const rows = Array.from({ length: 300 }, (_, i) => {
    const y = (i % 23) - 11
    const noise = (((i * 7919) % 101) / 101 - 0.5) * 2
    return { id: i, y, v1: y + 3 * noise, v2: y + noise + 1 }
  })
  const regress = (name: string, predictions: string) => evaluate({ name, data: rows, targets: 'y', predictions, modelType: 'regressor', inputColumns: ['id'] })
  const runs = [{ name: 'v1', source: 'v1/run.json', run: await regress('v1', 'v1') }, { name: 'v2', source: 'v2/run.json', run: await regress('v2', 'v2') }]
  const comparison = compareRuns(runs)

  test("the scatter holds every run's points, tagged by run, on one square domain covering both", () => {
    const spec = overlaidPredictedVsActualSpec(comparison.runs.map((run, i) => ({ name: `${i + 1}. ${run.name}`, curves: run.curves })))
    const values = spec.data![0] as { values: Array<{ run: string; actual: number; predicted: number }> }
    expect(values.values.filter((p) => p.run === '1. v1').map((p) => p.predicted)).toEqual(runs[0].run.curves.predictedVsActual!.predicted)
    expect(values.values.filter((p) => p.run === '2. v2').map((p) => p.predicted)).toEqual(runs[1].run.curves.predictedVsActual!.predicted)
    const all = values.values.flatMap((p) => [p.actual, p.predicted])
    const domain = (spec.scales![0] as { domain: number[] }).domain
    expect(domain).toEqual([Math.min(...all), Math.max(...all)])
    expect((spec.scales![1] as { domain: number[] }).domain).toEqual(domain)
  })

  test("the residual steps give each run's bin densities, integrating to 1", () => {
    const spec = overlaidResidualsSpec(comparison.runs.map((run, i) => ({ name: `${i + 1}. ${run.name}`, curves: run.curves })))
    const steps = (spec.data![0] as { values: Array<{ run: string; x: number; share: number; order: number }> }).values
    runs.forEach(({ run }, i) => {
      const histogram = run.curves.residualHistogram!
      const mine = steps.filter((s) => s.run === `${i + 1}. ${run.name}`)
      const shares = mine.filter((s) => s.order % 2 === 1 && s.order < 2 * histogram.counts.length).map((s) => s.share)
      const total = histogram.counts.reduce((a, b) => a + b, 0)
      expect(total).toBe(300)
      expect(shares).toEqual(histogram.counts.map((c, b) => c / total / (histogram.edges[b + 1] - histogram.edges[b])))
      expect(shares.reduce((sum, d, b) => sum + d * (histogram.edges[b + 1] - histogram.edges[b]), 0)).toBeCloseTo(1, 12)
      expect(mine[0]).toMatchObject({ x: histogram.edges[0], share: 0 })
    })
  })

  test.skipIf(!existsSync('/usr/bin/chromium'))('the page draws both plots with one mark set per run, and no calibration section', async () => {
    const folder = resolve('.tmp/compare-overlays')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'index.html'), await renderComparePage(comparison))
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
      await page.goto(pathToFileURL(join(folder, 'index.html')).href)
      const sections = await page.$$eval('[data-section]', (nodes) => nodes.map((n) => n.getAttribute('data-section')))
      expect(sections).toContain('regressor-plots')
      expect(sections).not.toContain('calibration')
      const figures = await page.$$eval('#regressor-plots figure', (fs) => fs.map((f) => ({ plot: f.getAttribute('data-plot'), series: f.getAttribute('data-series'), width: f.querySelector('svg')!.getBoundingClientRect().width, text: f.textContent })))
      expect(figures.map((f) => [f.plot, f.series])).toEqual([['predicted-vs-actual', '2'], ['residuals', '2']])
      for (const f of figures) {
        expect(f.width).toBeGreaterThan(300)
        expect(f.text).toContain('1. v1')
        expect(f.text).toContain('2. v2')
      }
      await page.locator('#regressor-plots').screenshot({ path: join(folder, 'regressor-plots.png') })
    } finally {
      await browser.close()
    }
  }, 60_000)
})
