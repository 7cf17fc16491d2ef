/**
 * A large report refers to its plot files instead of inlining them: index.html carries `<img>`
 * of each run's SVG files (sized, lazy), still opens from disk in Chromium with every plot drawn,
 * and a small report stays one self-contained page.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import type { ReportContent } from '../../src/reporter/report-files.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { writeResultsFolder } from '../../src/reporter/results-folder.js'
import { fixtureReportedTests } from './report-fixture-tests.js'
import { hasChromium, sharedChromium } from '../browser/shared-chromium.js'

const options = { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 }
let inline: ReportContent
let referred: ReportContent

beforeAll(async () => {
  inline = await buildReportContent(fixtureReportedTests(), options)
  referred = await buildReportContent(fixtureReportedTests(), { ...options, inlinePlotsLimit: 0 })
})

const svgFiles = (content: ReportContent): string[] => [...content.files.keys()].filter((path) => path.endsWith('.svg'))
const page = (content: ReportContent): string => content.files.get('index.html')!.toString()

describe('plots in index.html', () => {
  test('under the limit every plot is inline: one self-contained page', () => {
    const html = page(inline)
    expect(html.match(/<figure [^>]*data-plot="[^"]+"><svg /g)).toHaveLength(svgFiles(inline).length)
    expect(html).not.toContain('<img ')
  })

  test('over the limit each plot is an <img> of its file, sized as the SVG, and no SVG is inline', () => {
    const html = page(referred)
    expect(html).not.toContain('<svg')
    const images = [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)" width="(\d+)" height="(\d+)" loading="lazy" decoding="async">/g)]
    const files = svgFiles(referred)
    expect(images.map((m) => m[1]).sort()).toEqual([...files].sort())
    for (const [, src, alt, width, height] of images) {
      const svg = referred.files.get(src)!.toString()
      expect(svg.slice(0, 300)).toMatch(new RegExp(`width="${width}(\\.\\d+)?" height="${height}(\\.\\d+)?"`))
      expect(alt.length).toBeGreaterThan(0)
      expect(alt).not.toMatch(/[<>]/)
    }
    // The plot files and everything else are the same either way; the page is much smaller.
    expect(files).toEqual(svgFiles(inline))
    expect(page(referred).length).toBeLessThan(page(inline).length / 2)
  })
})

describe.skipIf(!hasChromium)('a page of plot images in headless Chromium', () => {
  test('opens from disk with every plot loaded, no request leaves file:, nothing blocked', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-img-')), 'eval-results')
    await writeResultsFolder(out, referred.files)
    const browser = await sharedChromium()
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    try {
      const requests: string[] = []
      const errors: string[] = []
      context.on('request', (request) => {
        if (!request.url().startsWith('file://')) requests.push(request.url())
      })
      await context.route(/^(?!file:)/, (route) => route.abort())
      const tab = await context.newPage()
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      await tab.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' })
      const images = await tab.$$('figure[data-plot] > img')
      expect(images).toHaveLength(svgFiles(referred).length)
      for (const image of images) {
        await image.scrollIntoViewIfNeeded()
        await tab.waitForFunction((img) => (img as unknown as { complete: boolean }).complete, image, { timeout: 10_000 })
        const drawn = await image.evaluate((img) => ({ natural: (img as unknown as { naturalWidth: number }).naturalWidth, shown: img.getBoundingClientRect().width }))
        expect(drawn.natural).toBeGreaterThan(100)
        expect(drawn.shown).toBeGreaterThan(100)
      }
      expect(errors).toEqual([])
      expect(requests).toEqual([])
    } finally {
      await context.close()
      await browser.close()
    }
  }, 120_000)
})
