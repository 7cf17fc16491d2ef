import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { MAX_DOTS_PER_PAGE, renderHistoryPage, renderHistoryPages } from '../../src/history/history-page.js'
import { builtHistory } from './built-history.js'
import { baselineFile, createRepository, inDirectory } from './git-repository.js'

const history = builtHistory

const dots = (html: string): number => html.match(/<circle /g)?.length ?? 0

describe('renderHistoryPages', () => {
  test('a history whose charts draw at most MAX_DOTS_PER_PAGE dots stays one page, as renderHistoryPage draws it', () => {
    const small = history(2, 10, 3) // 2 entries x 10 points x (1 + 3 x 2) charts = 140 dots
    const pages = renderHistoryPages(small)
    expect(pages.slicePages).toEqual([])
    expect(pages.index).toBe(renderHistoryPage(small))
    expect(dots(pages.index)).toBe(140)
  })

  test("a larger one keeps every entry's overall charts on index.html and its slice charts on a page of its own, linked both ways", () => {
    // 3 entries x 100 points x (1 + 40 x 2) charts = 24,300 dots: above the limit.
    const large = history(3, 100, 40)
    expect(3 * 100 * 81).toBeGreaterThan(MAX_DOTS_PER_PAGE)
    const pages = renderHistoryPages(large)
    expect(pages.slicePages.map((p) => p.file)).toEqual(['entry-001.html', 'entry-002.html', 'entry-003.html'])
    expect(dots(pages.index)).toBe(300) // the accuracy chart of each entry
    expect(pages.index).not.toContain('data-slice=')
    expect(pages.index.match(/<a href="slices\/entry-00\d\.html">their own page<\/a>/g)).toHaveLength(3)
    expect(pages.index).toContain('40 slices (80 charts) on')
    for (const page of pages.slicePages) {
      expect(dots(page.html)).toBe(8000)
      expect(page.html).toContain('<a href="../index.html">')
      expect(page.html.match(/<h3 data-slice=/g)).toHaveLength(40)
    }
    // Every string from the data is escaped on the new pages too.
    const first = pages.slicePages[0]!.html
    expect(first).not.toMatch(/<b>|<s0>/)
    expect(first).toContain('model 0 &lt;b&gt;&quot;x&quot;&lt;/b&gt;')
    expect(first).toContain('Slice segment=&lt;s0&gt;')
    // Together the pages draw every dot the single page does.
    const all = dots(pages.index) + pages.slicePages.reduce((sum, p) => sum + dots(p.html), 0)
    expect(all).toBe(dots(renderHistoryPage(large)))
  })
})

describe('evalgate history with a large history', () => {
  test('writes the slice pages under slices/, says so, and removes only its own stale pages', async () => {
    const repo = createRepository()
    const file = 'src/__baselines__/m.test.ts.json'
    // One entry with 350 slices of one metric over 60 commits: 60 x 351 = 21,060 dots.
    const entry = (i: number): unknown => ({
      modelType: 'classifier',
      exampleCount: 100,
      dataset: { fingerprint: 'f'.repeat(64), rowCount: 100 },
      metrics: { accuracy_score: { value: 0.5 + i / 1000, greaterIsBetter: true } },
      slices: Object.fromEntries(Array.from({ length: 350 }, (_, s) => [`s=${s}`, { exampleCount: 10, metrics: { f1_score: { value: 0.5 + i / 1000, greaterIsBetter: true } } }])),
    })
    for (let i = 0; i < 60; i++) repo.commit({ [file]: baselineFile({ 'm > one': entry(i) }) }, `model ${i}`, 'Ada', `2026-01-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}+00:00`)
    const out = join(repo.root, 'h')
    const lines: string[] = []
    const run = () => inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history', '--out', out], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) }))
    expect(await run()).toBe(0)
    expect(readdirSync(join(out, 'slices'))).toEqual(['entry-001.html'])
    expect(lines.join('')).toContain('(and 1 page of slice charts under slices/)')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="slices/entry-001.html"')

    // A stale page of an earlier, larger history goes; a file of the user's stays.
    writeFileSync(join(out, 'slices', 'entry-002.html'), 'stale')
    writeFileSync(join(out, 'slices', 'notes.html'), 'mine')
    expect(await run()).toBe(0)
    expect(existsSync(join(out, 'slices', 'entry-002.html'))).toBe(false)
    expect(readFileSync(join(out, 'slices', 'notes.html'), 'utf8')).toBe('mine')
  }, 120_000)
})
