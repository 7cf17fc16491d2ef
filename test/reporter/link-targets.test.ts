// Folder names and links for hostile test names (issue 11): `#`, `%` and `?` in a test name
// must not break the report's links; names stay unique and inside the results folder.
import { describe, expect, test } from 'vitest'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'

const NAMES = ['hash#frag 50%25 ?q', 'hash?frag 50#25 %q', 'Ünï cödé #1', 'plain name']

function reported(name: string): ReportedTest {
  return { file: 'test/links%23.eval.ts', suitePath: [], name, fullName: name, state: 'passed', durationMs: 1, errors: [], meta: binaryMeta() }
}

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

describe('links in index.html', () => {
  test('every file link resolves to a written file, every anchor to an id; names are URL- and file-safe and unique', async () => {
    const content = await buildReportContent(NAMES.map(reported), { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    const folders = content.entries.map((e) => e.folderName)
    expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(NAMES.length)
    for (const folder of folders) expect(folder).toMatch(/^[^#%?/\\:*"<>|\s.][^#%?/\\:*"<>|\s]*$/)
    // The first two differ only in characters that become `_`: same readable name, hash suffixes.
    expect(folders[0]).toMatch(/^links_23\.eval__hash_frag_50_25_q-[0-9a-f]{8}$/)
    expect(folders[1]).toMatch(/^links_23\.eval__hash_frag_50_25_q-[0-9a-f]{8}$/)

    const html = content.files.get('index.html')!.toString()
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1]))
    const fileLinks = hrefs.filter((h) => !h.startsWith('#'))
    const anchorLinks = hrefs.filter((h) => h.startsWith('#'))
    expect(fileLinks.length).toBeGreaterThan(NAMES.length * 5)
    expect(anchorLinks).toHaveLength(NAMES.length)
    for (const href of fileLinks) {
      // As a browser resolves it: a relative URL against the report's location, then decoded.
      const url = new URL(href, 'file:///report/index.html')
      expect(url.hash, href).toBe('')
      expect(url.search, href).toBe('')
      const path = decodeURIComponent(url.pathname.slice('/report/'.length))
      expect(content.files.has(path), `${href} -> ${path}`).toBe(true)
    }
    const ids = new Set([...html.matchAll(/ id="([^"]*)"/g)].map((m) => unescapeHtml(m[1])))
    for (const href of anchorLinks) expect(ids.has(decodeURIComponent(href.slice(1))), href).toBe(true)
  })
})
