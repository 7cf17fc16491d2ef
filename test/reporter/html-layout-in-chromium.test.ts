// The HTML report's layout as a reader sees it at 1,400 px (issue 11): failed runs first, the
// worst-slice call-out red only on failure, the failure box keeps its lines, nothing clipped,
// readable axis labels and rounded values around 10,000.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { writeResultsFolder } from '../../src/reporter/results-folder.js'
import { LONG_SLICE_VALUE, layoutReportedTests } from '../fixtures/reporter/layout-tests.js'
import { hasChromium, sharedChromium } from '../browser/shared-chromium.js'


interface Box {
  text: string
  left: number
  right: number
}

describe.skipIf(!hasChromium)('index.html layout in headless Chromium at 1,400 px', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let summaryMarkdown = ''

  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-layout-')), 'eval-results')
    const content = await buildReportContent(layoutReportedTests(), { html: true, summary: true, junitInFolder: false, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    summaryMarkdown = content.summaryMarkdown
    await writeResultsFolder(out, content.files)
    browser = await sharedChromium()
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    await context.route(/^(?!file:)/, (route) => route.abort())
    page = await context.newPage()
    await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
  })

  test('failed runs come first, in the summary, the sections and summary.md', async () => {
    const summary = await page.$$eval('table.summary tbody tr', (trs) => trs.map((tr) => tr.querySelector('.badge')?.textContent))
    expect(summary).toEqual(['fail', 'warn', 'pass'])
    const sections = await page.$$eval('section.run', (els) => els.map((el) => ({ title: el.querySelector('h2')?.textContent ?? '', top: (el as unknown as { offsetTop: number }).offsetTop })))
    expect(sections.map((s) => s.title)).toEqual(['fail sentiment > classifies feedback', 'warn house prices in dollars', expect.stringMatching(/^pass churn > binary churn model/)])
    // The failure starts right below the summary, not thousands of pixels down.
    expect(sections[0].top).toBeLessThan(1000)
    const icons = summaryMarkdown.split('\n').map((l) => ['❌', '⚠️', '✅'].find((icon) => l.startsWith(`| ${icon} |`))).filter((icon) => icon !== undefined)
    expect(icons).toEqual(['❌', '⚠️', '✅'])
  })

  test('the worst-slice call-out is neutral on a passing run, red where the test failed on it; its gap reads "worse by"', async () => {
    const callouts = await page.$$eval('section.run', (els) =>
      els.map((el) => {
        const callout = [...el.querySelectorAll('.callout')].find((c) => c.textContent?.startsWith('Worst slice:'))
        return { cls: callout?.className, text: callout?.textContent ?? '' }
      }),
    )
    expect(callouts[0].cls).toBe('callout worst')
    expect(callouts[0].text).toMatch(/overall 0\.84; this slice is worse by 0\.1833 · the test failed on this slice$/)
    // The regressor's worst slice has the largest RMSE: lower is better, still "worse by", positive.
    expect(callouts[1].cls).toBe('callout note')
    expect(callouts[1].text).toMatch(/root_mean_squared_error \d+ .*; this slice is worse by \d+(\.\d)?$/)
    expect(callouts[2].cls).toBe('callout note')
    expect(callouts[2].text).toContain(`customer_segment=${LONG_SLICE_VALUE}`)
    expect(callouts[2].text).toMatch(/this slice is worse by 0\.\d{4}$/)
    const background = await page.evaluate<string>("getComputedStyle(document.querySelectorAll('section.run')[2].querySelector('.callout.note')).backgroundColor")
    expect(background).not.toBe('rgb(255, 241, 242)')
    const worstRows = await page.$$eval('table.slices tr.worst', (trs) => trs.map((tr) => tr.className))
    expect(worstRows).toEqual(['worst failed', 'worst', 'worst'])
  })

  test('the failure box keeps its line breaks', async () => {
    const box = await page.$eval('.callout.error', (el) => ({ text: (el as unknown as { innerText: string }).innerText, height: el.getBoundingClientRect().height }))
    expect(box.text.split('\n')).toHaveLength(6)
    expect(box.height).toBeGreaterThan(6 * 14)
  })

  test('nothing is clipped at 1,400 px: the summary table (worst-slice column included) fits its card', async () => {
    const overflow = await page.evaluate<Array<{ scroll: number; client: number }>>(
      "[...document.querySelectorAll('#summary .table-wrap')].map((w) => ({ scroll: w.scrollWidth, client: w.clientWidth }))",
    )
    expect(overflow).toHaveLength(1)
    expect(overflow[0].scroll).toBeLessThanOrEqual(overflow[0].client)
    const worstCell = await page.$eval('table.summary tbody tr:last-child td:last-child', (td) => {
      const cell = td.getBoundingClientRect()
      const card = td.closest('section')!.getBoundingClientRect()
      return { right: cell.right, cardRight: card.right, text: td.textContent ?? '' }
    })
    expect(worstCell.text).toContain(LONG_SLICE_VALUE)
    expect(worstCell.right).toBeLessThanOrEqual(worstCell.cardRight)
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1400)
  })

  test("the residual plot's axis labels do not overlap, and values around 10,000 show no four decimals", async () => {
    for (const plot of ['residuals.svg', 'predicted_vs_actual.svg']) {
      const labels = await page.$$eval(`figure[data-plot="${plot}"] .role-axis-label text`, (texts) =>
        texts.map((t) => {
          const box = t.getBoundingClientRect()
          return { text: t.textContent ?? '', left: box.left, right: box.right, top: box.top, bottom: box.bottom }
        }),
      )
      const bottom = labels.filter((l) => l.top > Math.max(...labels.map((x) => x.top)) - 5) as Box[]
      expect(bottom.length, plot).toBeGreaterThanOrEqual(3)
      const sorted = [...bottom].sort((a, b) => a.left - b.left)
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].left, `${plot}: ${sorted[i - 1].text} | ${sorted[i].text}`).toBeGreaterThan(sorted[i - 1].right + 2)
    }
    // innerText, as a reader sees it (cells apart, not run together as in textContent).
    const text = await page.$$eval('section.run', (els) => (els[1] as unknown as { innerText: string }).innerText)
    expect(text).not.toMatch(/\d{5}\.\d{4}/)
    expect(text).toMatch(/\nmean_absolute_error\t\d{4}\.\d\t/)
    expect(text).toMatch(/\nmax_error\t\d{5}\t/)
  })
})
