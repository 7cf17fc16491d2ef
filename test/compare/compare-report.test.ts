import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { formatCell } from '../../src/compare/report/comparison-cells.js'
import { renderComparisonMarkdown } from '../../src/compare/report/comparison-markdown.js'
import { changeBetween, compareRuns, type RunComparison } from '../../src/compare/report/run-comparison.js'
import { createRandom } from '../../src/stats/random-source.js'
import { renderComparePage } from '../../src/reporter/compare-page.js'
import { formatMetricFixed } from '../../src/run/format-metric.js'
import { evaluate } from '../../src/evaluate/index.js'
import { regressorRun, XSS_LABEL } from '../fixtures/reporter/eval-runs.js'
import { namedRuns, TECH } from './compare-runs-fixture.js'
import { CHROMIUM, hasChromium, sharedChromium } from '../browser/shared-chromium.js'

const row = (comparison: RunComparison, scope: string, metric: string) => {
  const found = comparison.rows.find((r) => r.scope === scope && r.metric === metric)
  if (!found) throw new Error(`no row ${scope} ${metric}`)
  return found
}

describe('max_error in a slice', () => {
  test('reads "(no interval)" as the overall row does (the run carries the note once, for every scope)', async () => {
    const data = Array.from({ length: 40 }, (_, i) => ({ y: i / 4, region: i % 2 === 0 ? 'east' : 'west' }))
    const model = (shift: number) => (rows: Array<Record<string, unknown>>) => rows.map((r, i) => (r.y as number) + shift * ((i % 5) - 2))
    const evaluateWith = (shift: number) => evaluate({ data, targets: 'y', modelType: 'regressor', slices: ['region'], minSliceSize: 5, model: model(shift) })
    const runs = [
      { name: 'a', source: 'a.json', run: await evaluateWith(0.1) },
      { name: 'b', source: 'b.json', run: await evaluateWith(0.3) },
    ]
    const comparison = compareRuns(runs)
    const overall = row(comparison, 'overall', 'max_error').cells[0]
    const east = row(comparison, 'region=east', 'max_error').cells[0]
    expect(formatCell(overall)).toMatch(/ \(no interval\)$/)
    // Was: the slice's bare value (its own notes do not repeat the run's max_error note).
    expect(east.intervalWithheld).toBe(true)
    expect(formatCell(east)).toBe(`${formatCell({ value: east.value })} (no interval)`)
    // A slice metric that has an interval keeps it.
    expect(row(comparison, 'region=east', 'mean_absolute_error').cells[0].intervalWithheld).toBeUndefined()
  })
})

describe('compareRuns', () => {
  const runs = namedRuns()
  const comparison = compareRuns(runs)

  test('F1 on technical support: 0.70 [0.66, 0.74] -> 0.80 [0.76, 0.84] is better, z = 0.1 / (√2 · 0.04 / z₀.₉₇₅)', () => {
    const change = row(comparison, TECH, 'f1_score').changes[1]!
    expect(change.change).toBeCloseTo(0.1, 12)
    // z₀.₉₇₅ = 1.959963984540054 here; src/stats' normal quantile agrees to about 1e-8.
    expect(change.z).toBeCloseTo(3.4647595608741946, 6)
    // erfc(z / √2), computed with Python's math.erfc.
    expect(change.pValue).toBeCloseTo(0.0005307057295099081, 8)
    expect(change.verdict).toBe('better')
  })

  test('a rise of log loss (lower is better) is worse, with z < 0', () => {
    const change = row(comparison, 'overall', 'log_loss').changes[1]!
    expect(change.z).toBeCloseTo(-5.543615297398711, 6)
    expect(change.pValue! / 2.9628941953447613e-8).toBeCloseTo(1, 5)
    expect(change.verdict).toBe('worse')
  })

  test('unchanged metrics are no clear change; metrics without an interval are untested', () => {
    expect(row(comparison, 'overall', 'accuracy_score').changes[1]).toMatchObject({ change: 0, z: 0, pValue: 1, verdict: 'no clear change' })
    const noInterval = namedRuns()
    delete noInterval[1].run.intervals.roc_auc
    noInterval[1].run.metrics.roc_auc = 0.99
    expect(row(compareRuns(noInterval), 'overall', 'roc_auc').changes[1]).toEqual({ change: 0.99 - noInterval[0].run.metrics.roc_auc, verdict: 'untested', untestedReason: 'no interval' })
  })

  test('the cells are the runs\' own values and intervals, overall and per slice', () => {
    for (const r of comparison.rows) {
      r.cells.forEach((cell, i) => {
        const source = r.scope === 'overall' ? runs[i].run : runs[i].run.slices[r.scope]
        expect(cell.value).toBe(source.metrics[r.metric])
        expect(cell.interval).toEqual(source.intervals[r.metric])
      })
    }
    expect(comparison.rows.filter((r) => r.scope === 'overall').map((r) => r.metric)).toEqual(Object.keys(runs[0].run.metrics))
  })

  test('largest changes come by |z|, only changed and tested ones: log loss first, then technical-support F1', () => {
    expect(comparison.largestChanges.map((c) => [c.row.scope, c.row.metric])).toEqual([
      ['overall', 'log_loss'],
      [TECH, 'f1_score'],
    ])
  })

  test('the confusion difference is current − first, cell by cell', () => {
    expect(comparison.confusion[0].difference).toBeUndefined()
    expect(comparison.confusion[1].difference).toEqual([
      [5, -5, 0],
      [0, 0, 0],
      [0, 0, 0],
    ])
  })

  test('the note says unpaired, why, and whether the data are shared', () => {
    expect(comparison.sharedData).toBe(true)
    expect(comparison.testing[1]).toEqual({ paired: false, reason: 'baseline/run.json has no per-example outputs', fallbacks: [] })
    expect(comparison.testNote).toBe(
      'Changes of run 2 are tested with an unpaired normal test (unpaired-normal) from the two stored intervals, each at two-sided p < 0.05: baseline/run.json has no per-example outputs. These runs share their data, so the unpaired test is conservative: a paired test could find smaller changes.',
    )
    const different = compareRuns(namedRuns(false))
    expect(different.sharedData).toBe(false)
    expect(different.testNote).toContain('do not share their data (their dataset fingerprints differ)')
  })

  test('labels that differ give no difference but a note', () => {
    const other = namedRuns()
    other[1].run.confusionMatrix!.labels = ['a', 'b', 'c']
    const entry = compareRuns(other).confusion[1]
    expect(entry.difference).toBeUndefined()
    expect(entry.note).toContain('labels differ')
  })

  test('the Markdown carries the note, the largest changes and every metric row, table cells escaped', () => {
    const markdown = renderComparisonMarkdown(comparison)
    expect(markdown).toContain('> **Unpaired test.**')
    expect(markdown).toContain(`| slice category=technical\\_support | f1\\_score | 0.7000 [0.6600, 0.7400] | 0.8000 [0.7600, 0.8400] | +0.1000 | 3.46 | 0.0005 | unpaired-normal | better |`)
    expect(markdown).not.toContain(XSS_LABEL)
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\>')
    const metricLines = markdown.split('\n').filter((line) => /^\| (overall|slice )/.test(line))
    expect(metricLines.length).toBe(comparison.rows.length)
    expect(markdown.split('\n').filter((line) => line.startsWith('| fine-tuned |')).length).toBe(comparison.largestChanges.length)
  })
})

if (!hasChromium) console.warn(`Skipping the compare page browser test: ${CHROMIUM} is absent.`)

describe.skipIf(!hasChromium)('the compare page in headless Chromium', () => {
  let browser: Browser | undefined
  let context: BrowserContext
  let page: Page
  let html = ''
  const runs = namedRuns(false)
  const comparison = compareRuns(runs)
  const dialogs: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'evalgate-compare-'))
    html = await renderComparePage(comparison)
    writeFileSync(join(folder, 'index.html'), html)
    // the run's shared browser (test/browser/), a context of this file's own
    browser = await sharedChromium()
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    context.on('request', (request) => {
      if (!request.url().startsWith('file://')) requests.push(request.url())
    })
    await context.route(/^(?!file:)/, (route) => route.abort())
    page = await context.newPage()
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(pathToFileURL(join(folder, 'index.html')).href, { waitUntil: 'load' })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  test('every section renders, in order, with a visible box', async () => {
    const sections = await page.$$eval('[data-section]', (nodes) =>
      nodes.map((node) => ({ id: node.getAttribute('data-section'), height: node.getBoundingClientRect().height })),
    )
    expect(sections.map((s) => s.id)).toEqual(['test-note', 'glance', 'largest-changes', 'runs', 'metrics', 'per-class', 'curves', 'calibration', 'confusion'])
    for (const section of sections) expect(section.height).toBeGreaterThan(40)
  })

  test('the note is visible and says the data differ', async () => {
    const note = page.locator('#test-note')
    expect(await note.isVisible()).toBe(true)
    expect(await note.getAttribute('data-shared-data')).toBe('false')
    expect(await note.textContent()).toContain('do not share their data')
  })

  test('the numbers on the page are those of the runs compared', async () => {
    const cells = await page.$$eval('table.metrics tbody tr', (trs) =>
      trs.map((tr) => ({
        scope: tr.getAttribute('data-scope'),
        metric: tr.getAttribute('data-metric'),
        values: [...tr.querySelectorAll('td')].slice(1, 3).map((td) => ({ value: td.getAttribute('data-value'), text: td.textContent })),
      })),
    )
    expect(cells.length).toBe(comparison.rows.length)
    for (const cell of cells) {
      runs.forEach(({ run }, i) => {
        const source = cell.scope === 'overall' ? run : run.slices[cell.scope!]
        const value = source.metrics[cell.metric!]
        expect(cell.values[i].value === null ? undefined : Number(cell.values[i].value)).toBe(value)
        expect(cell.values[i].text).toBe(formatCell({ value, interval: source.intervals[cell.metric!] }))
      })
    }
    const tech = await page.locator(`table.metrics tr[data-scope="${TECH}"][data-metric="f1_score"] td`).allTextContents()
    expect(tech).toEqual(['f1_score', '0.7000 [0.6600, 0.7400]', '0.8000 [0.7600, 0.8400]', '+0.1000 (p 0.0005, better)'])
  })

  test('the first screen answers "did F1 on technical support improve?"', async () => {
    const cell = page.locator(`table.glance td[data-scope="${TECH}"][data-metric="f1_score"]`)
    expect(await cell.textContent()).toBe('+0.1000 better')
    const box = await cell.boundingBox()
    expect(box!.y + box!.height).toBeLessThan(1000)
    const largest = await page.$$eval('table.largest tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-scope'), tr.getAttribute('data-metric')]))
    expect(largest).toEqual([
      ['overall', 'log_loss'],
      [TECH, 'f1_score'],
    ])
  })

  test('per-class values, curves overlaid per class and confusion differences', async () => {
    const f1 = await page.$$eval('table.per-class tr[data-field="f1"]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => Number(td.getAttribute('data-value')))))
    expect(f1).toEqual(runs[0].run.perClass!.map((p, i) => [p.f1, runs[1].run.perClass![i].f1]))
    expect(f1[0][1]).toBe(0.91)
    const plots = await page.$$eval('figure[data-plot] > svg', (svgs) => svgs.map((svg) => ({ plot: svg.parentElement?.getAttribute('data-plot'), width: svg.getBoundingClientRect().width, lines: svg.querySelectorAll('path').length })))
    expect(plots.map((p) => p.plot)).toEqual(['roc', 'pr', 'roc', 'pr', 'roc', 'pr', 'calibration', 'calibration', 'calibration'])
    for (const plot of plots) expect(plot.width).toBeGreaterThan(200)
    const legends = await page.locator('figure[data-plot="roc"]').first().textContent()
    expect(legends).toContain(`1. baseline (AUC ${formatMetricFixed(runs[0].run.curves.roc![0].auc)})`)
    expect(legends).toContain('2. fine-tuned (AUC')
    const difference = await page.$$eval('table.matrix[data-kind="difference"] td', (tds) => tds.map((td) => td.textContent))
    expect(difference).toEqual(['+5', '-5', '0', '0', '0', '0', '0', '0', '0'])
  })

  test('offline and inert: no script, no request, the hostile label is text', async () => {
    expect(html).not.toMatch(/<script/i)
    expect(requests).toEqual([])
    expect(dialogs).toEqual([])
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.locator('table.per-class tr[data-field="f1"] td').allTextContents()).toContain(XSS_LABEL)
  })
})

describe('regressor runs', () => {
  test('compare without per-class tables, curves or confusion matrices: those sections are left out, the regressor plots drawn', async () => {
    const first = regressorRun()
    const second = structuredClone(first)
    second.metrics.mean_absolute_error = first.metrics.mean_absolute_error * 2
    const comparison = compareRuns([
      { name: 'v1', source: 'v1.json', run: first },
      { name: 'v2', source: 'v2.json', run: second },
    ])
    expect(row(comparison, 'overall', 'mean_absolute_error').changes[1]!.change).toBe(first.metrics.mean_absolute_error)
    expect(comparison.perClassLabels).toEqual([])
    const html = await renderComparePage(comparison)
    expect([...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1])).toEqual(['test-note', 'glance', 'largest-changes', 'runs', 'metrics', 'regressor-plots'])
  })
})

describe('the unpaired test on shared data (seeded simulation)', () => {
  // Two models with the same accuracy 0.8 on the same 500 rows, their correctness correlated
  // (model B copies A's outcome with probability 0.7, else draws its own): no true change. The
  // unpaired test from two 95 % Wald intervals should reject "no change" at two-sided 0.05 far
  // less often than 5 %, because it ignores the positive correlation: the note's "conservative".
  test('2,000 null trials: false-positive rate under 1 %, where independent runs give 5 % (SE of a 5 % rate over 2,000 trials ≈ 0.5 %)', () => {
    const random = createRandom(20261202)
    const trials = 2000
    const n = 500
    let rejections = 0
    const wald = (k: number) => {
      const p = k / n
      const half = 1.959963984540054 * Math.sqrt((p * (1 - p)) / n)
      return { value: p, lower: p - half, upper: p + half, level: 0.95 }
    }
    for (let t = 0; t < trials; t++) {
      let a = 0
      let b = 0
      for (let i = 0; i < n; i++) {
        const correctA = random.uniform() < 0.8
        const correctB = random.uniform() < 0.7 ? correctA : random.uniform() < 0.8
        a += correctA ? 1 : 0
        b += correctB ? 1 : 0
      }
      const change = changeBetween({ value: a / n, interval: { ...wald(a), method: 'normal' } }, { value: b / n, interval: { ...wald(b), method: 'normal' } }, true)
      if (change?.verdict === 'better' || change?.verdict === 'worse') rejections++
    }
    const rate = rejections / trials
    // Independent runs would reject at about 5 %; with correlation 0.7 the variance of the
    // difference is 0.3 of the unpaired one, so the rate is about 2·Φ(-1.96·√(1/0.3)) ≈ 0.0003.
    expect(rate).toBeLessThan(0.01)
  })
})
