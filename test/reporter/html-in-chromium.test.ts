import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { writeResultsFolder } from '../../src/reporter/results-folder.js'
import { XSS_LABEL } from '../fixtures/reporter/eval-runs.js'
import { fixtureReportedTests } from './report-fixture-tests.js'
import { CHROMIUM, hasChromium, sharedChromium } from '../browser/shared-chromium.js'

if (!hasChromium) console.warn(`Skipping the HTML report browser test: ${CHROMIUM} is absent (CI installs Debian's chromium).`)

describe.skipIf(!hasChromium)('index.html in headless Chromium', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const dialogs: string[] = []
  const requests: string[] = []
  const consoleErrors: string[] = []

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'evalgate-html-'))
    const out = join(parent, 'eval-results')
    const content = await buildReportContent(fixtureReportedTests(), { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    await writeResultsFolder(out, content.files)
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
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  test('the summary table lists every evaluated run with its verdict, failed runs first', async () => {
    const rows = await page.$$eval('table.summary tbody tr', (trs) => trs.map((tr) => [tr.querySelector('.badge')?.textContent, tr.querySelectorAll('td')[1]?.querySelector('a')?.textContent]))
    expect(rows).toEqual([
      ['fail', 'sentiment > classifies feedback'],
      ['warn', 'house price regressor'],
      ['pass', 'binary churn model'],
      ['pass', '25 intents'],
    ])
  })

  test('the plots render as visible SVG with drawn marks', async () => {
    const plots = await page.$$eval('figure[data-plot] > svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect()
        return { plot: svg.parentElement?.getAttribute('data-plot'), width: box.width, height: box.height, marks: svg.querySelectorAll('path, line, text').length }
      }),
    )
    expect(plots.map((p) => p.plot)).toEqual([
      ...['confusion_matrix.svg', 'confusion_matrix_normalized.svg', 'roc_curve.svg', 'precision_recall_curve.svg', 'calibration_curve.svg', 'slices.svg'],
      ...['predicted_vs_actual.svg', 'residuals.svg', 'slices.svg'],
      ...['confusion_matrix.svg', 'confusion_matrix_normalized.svg', 'roc_curve.svg', 'precision_recall_curve.svg', 'calibration_curve.svg', 'slices.svg'],
      ...['confusion_matrix.svg', 'confusion_matrix_normalized.svg', 'roc_curve.svg', 'precision_recall_curve.svg', 'calibration_curve.svg', 'slices.svg'],
    ])
    for (const plot of plots) {
      expect(plot.width).toBeGreaterThan(100)
      expect(plot.height).toBeGreaterThan(60)
      expect(plot.marks).toBeGreaterThan(10)
    }
    // The first confusion matrix draws 3 x 3 cells.
    const cells = await page.$eval('figure[data-plot="confusion_matrix.svg"] g.mark-rect', (g) => g.querySelectorAll('path').length)
    expect(cells).toBe(9)
  })

  test('the hostile label shows as text and creates no element', async () => {
    const perClassLabels = await page.$$eval('#run-sentiment\\.eval__sentiment_classifies_feedback table.per-class tbody td:first-child', (tds) => tds.map((td) => td.textContent))
    expect(perClassLabels).toEqual(['negative', 'neutral', XSS_LABEL])
    const svgText = await page.$$eval('figure[data-plot="confusion_matrix.svg"] text', (texts) => texts.map((t) => t.textContent ?? ''))
    expect(svgText.some((t) => t.startsWith('<img src=x'))).toBe(true)
    expect(await page.$$eval('img, script, iframe, object, embed', (nodes) => nodes.length)).toBe(0)
    expect(await page.$$eval('[onerror], [onload], [onclick]', (nodes) => nodes.length)).toBe(0)
    const bodyText = await page.innerText('body')
    expect(bodyText).toContain('<script>alert(2)</script>')
    expect(bodyText).toContain('category=<b>bold</b> & "quoted"')
  })

  test('no dialog fires, no script runs, no network request is made', async () => {
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    expect(requests).toEqual([])
    expect(consoleErrors).toEqual([])
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content'))
    expect(csp).toContain("default-src 'none'")
  })

  test('the worst slice is first in the slice table, in red where the test failed on it', async () => {
    const first = await page.$eval('#run-sentiment\\.eval__sentiment_classifies_feedback table.slices tbody tr', (tr) => ({ cls: tr.className, text: tr.textContent }))
    expect(first.cls).toBe('worst failed')
    expect(first.text).toContain('category=technical_support')
    // A string expression: the test is type-checked without the DOM library.
    const background = await page.evaluate<string>("getComputedStyle(document.querySelector('tr.worst.failed td')).backgroundColor")
    expect(background).toBe('rgb(255, 241, 242)')
  })
})
