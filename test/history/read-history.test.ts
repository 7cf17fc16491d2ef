import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { readBaselineHistory } from '../../src/history/read-history.js'
import { HistoryError } from '../../src/history/history-error.js'
import { renderHistoryPage } from '../../src/history/history-page.js'
import type { BaselineHistory } from '../../src/history/types.js'
import { baselineEntry, baselineFile, createRepository, inDirectory, type TestRepository } from './git-repository.js'

const FILE = 'src/__baselines__/model.eval.test.ts.json'
const MAIN = 'sentiment > <b>tfidf</b> & "logreg"'
const OTHER = 'sentiment > lexicon'

let repo: TestRepository
const commits: string[] = []

beforeAll(() => {
  repo = createRepository()
  commits.push(repo.commit({ [FILE]: baselineFile({ [MAIN]: baselineEntry(0.8, 0.7) }) }, 'first baseline', 'Ada', '2026-01-01T10:00:00+00:00'))
  commits.push(repo.commit({ 'README.md': 'unrelated\n' }, 'docs only', 'Bob', '2026-01-02T10:00:00+00:00'))
  commits.push(repo.commit({ [FILE]: baselineFile({ [MAIN]: baselineEntry(0.82, 0.7) }) }, 'better model <v2>', 'Bob', '2026-01-03T10:00:00+00:00'))
  commits.push(repo.commit({ [FILE]: baselineFile({ [MAIN]: baselineEntry(0.82, 0.7), [OTHER]: baselineEntry(0.6, 0.5) }) }, 'add lexicon', 'Cy', '2026-01-04T10:00:00+00:00'))
  commits.push(repo.commit({ [FILE]: baselineFile({ [MAIN]: baselineEntry(0.82, 0.72), [OTHER]: baselineEntry(0.6, 0.5) }) }, 'slice moved', 'Ada', '2026-01-05T10:00:00+00:00'))
  commits.push(repo.commit({ 'other/__baselines__/x.test.ts.json': '{ not json' }, 'broken file', 'Dee', '2026-01-06T10:00:00+00:00'))
})

describe('readBaselineHistory', () => {
  test('one point per commit that changed an entry, oldest first, with commit, date, author and message', async () => {
    const history = await readBaselineHistory({ cwd: join(repo.root, 'src'), now: () => new Date('2026-02-01T00:00:00Z') })
    expect(history.head).toBe(commits[5])
    expect(history.commitCount).toBe(5) // the README commit touched no baseline file
    expect(history.entries.map((e) => [e.baselineFile, e.testFile, e.entry])).toEqual([
      [FILE, 'src/model.eval.test.ts', MAIN],
      [FILE, 'src/model.eval.test.ts', OTHER],
    ])
    const main = history.entries[0]!
    expect(main.points.map((p) => p.commit)).toEqual([commits[0], commits[2], commits[4]])
    expect(main.points.map((p) => p.metrics.accuracy_score!.value)).toEqual([0.8, 0.82, 0.82])
    expect(main.points.map((p) => p.metrics.accuracy_score!.lower)).toEqual([0.8 - 0.05, 0.82 - 0.05, 0.82 - 0.05])
    expect(main.points.map((p) => p.slices['category=billing']!.metrics.f1_score!.value)).toEqual([0.7, 0.7, 0.72])
    expect(main.points.map((p) => [p.author, p.message, p.date])).toEqual([
      ['Ada', 'first baseline', '2026-01-01T10:00:00+00:00'],
      ['Bob', 'better model <v2>', '2026-01-03T10:00:00+00:00'],
      ['Ada', 'slice moved', '2026-01-05T10:00:00+00:00'],
    ])
    const other = history.entries[1]!
    expect(other.points.map((p) => [p.commit, p.metrics.accuracy_score!.value])).toEqual([[commits[3], 0.6]])
    expect(history.warnings).toHaveLength(1)
    expect(history.warnings[0]!.message).toContain('other/__baselines__/x.test.ts.json')
  })

  test('the page draws a line, a band and a dot per point for every metric, overall and per slice, with every string escaped', async () => {
    const history = await readBaselineHistory({ cwd: repo.root })
    const html = renderHistoryPage(history)
    expect(html).not.toContain('<b>tfidf')
    expect(html).not.toContain('<v2>')
    expect(html).toContain('sentiment &gt; &lt;b&gt;tfidf&lt;/b&gt; &amp; &quot;logreg&quot;')
    expect(html).toContain('better model &lt;v2&gt;')
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/)
    const sections = html.split('<section class="entry"').slice(1)
    expect(sections).toHaveLength(2)
    const main = sections[0]!
    const values = [...main.matchAll(/data-value="([^"]+)"/g)].map((m) => Number(m[1]))
    // accuracy over three points, then the billing slice's F1 over the same three.
    expect(values).toEqual([0.8, 0.82, 0.82, 0.7, 0.7, 0.72])
    expect(main.match(/<polygon class="band"/g)).toHaveLength(2)
    expect(main.match(/<polyline class="line"/g)).toHaveLength(2)
    expect(main).toContain('data-slice="category=billing"')
  })

  test('evalgate history writes index.html and history.json with the points', async () => {
    const out = mkdtempSync(join(tmpdir(), 'evalgate-history-out-'))
    const lines: string[] = []
    const code = await inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history', '--out', out], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) }))
    expect(code).toBe(0)
    expect(lines.join('')).toContain('2 baseline entries, 4 points from 5 commits')
    const raw = readFileSync(join(out, 'history.json'), 'utf8')
    const json = JSON.parse(raw) as BaselineHistory
    expect(json.evalgateHistory).toBe(3)
    expect(json.entries[0]!.points.map((p) => p.metrics.accuracy_score!.value)).toEqual([0.8, 0.82, 0.82])
    // What the charts draw, once: a team's 722 commits made 130 MB of indents, directions, levels and methods.
    expect(json.entries[0]!.points[0]!.metrics.accuracy_score).toEqual({ value: 0.8, lower: 0.8 - 0.05, upper: 0.8 + 0.05 })
    expect(json.entries[0]!.points[0]!.slices['category=billing']!.metrics.f1_score).toEqual({ value: 0.7, lower: 0.7 - 0.1, upper: 0.7 + 0.1 })
    expect(raw.trimEnd()).not.toContain('\n')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<svg')
  })

  test('a pathspec limits the history to the files it names', async () => {
    const history = await readBaselineHistory({ cwd: repo.root, pathspecs: [':(top)other'] })
    expect(history.entries).toEqual([])
    expect(history.commitCount).toBe(1)
  })
})

describe('when the history cannot be read', () => {
  test('a shallow clone is refused with the fix, and read when allowed', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'evalgate-shallow-'))
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${repo.root}`, clone])
    await expect(readBaselineHistory({ cwd: clone })).rejects.toMatchObject({ code: 'shallow-clone', message: expect.stringContaining('git fetch --unshallow') })
    const lines: string[] = []
    const code = await inDirectory(clone, () => runCli(['node', 'evalgate', 'history', '--out', join(clone, 'h')], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) }))
    expect(code).toBe(1)
    expect(lines.join('')).toMatch(/^evalgate: .*shallow clone.*fetch-depth: 0/)
    const partial = await readBaselineHistory({ cwd: clone, allowShallow: true })
    // depth 2 keeps the last two commits: the slice change (a point of both entries, whose parent is cut) and the broken file.
    expect(partial.entries.map((e) => e.points.map((p) => p.commit))).toEqual([[commits[4]], [commits[4]]])
  })

  test('a folder outside any work tree gets not-a-work-tree and exit code 1', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'evalgate-nogit-'))
    const saved = process.env.GIT_CEILING_DIRECTORIES
    process.env.GIT_CEILING_DIRECTORIES = tmpdir()
    try {
      await expect(readBaselineHistory({ cwd: plain })).rejects.toMatchObject({ code: 'not-a-work-tree' })
      const lines: string[] = []
      const code = await inDirectory(plain, () => runCli(['node', 'evalgate', 'history'], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) }))
      expect(code).toBe(1)
      expect(lines.join('')).toContain('is not inside a git work tree')
    } finally {
      if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES
      else process.env.GIT_CEILING_DIRECTORIES = saved
    }
  })

  test('no git on PATH gets git-not-found, not a crash', async () => {
    const error = await readBaselineHistory({ cwd: repo.root, git: join(tmpdir(), 'no-such-git') }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HistoryError)
    expect(error).toMatchObject({ code: 'git-not-found', message: expect.stringContaining('install git') })
    const savedPath = process.env.PATH
    process.env.PATH = mkdtempSync(join(tmpdir(), 'evalgate-empty-path-'))
    const lines: string[] = []
    try {
      const code = await inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history'], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) }))
      expect(code).toBe(1)
    } finally {
      process.env.PATH = savedPath
    }
    expect(lines.join('')).toMatch(/^evalgate: git was not found/)
  })
})

describe('a baseline file committed with a byte order mark', () => {
  test('is read as a baseline file (Windows editors save one), not skipped as "not JSON"', async () => {
    const bom = createRepository()
    const file = 'evals/__baselines__/a.eval.test.ts.json'
    bom.commit({ [file]: `\uFEFF${baselineFile({ 'a > model': baselineEntry(0.8, 0.7) })}` }, 'baseline saved in Notepad', 'Ada', '2026-01-01T10:00:00+00:00')
    const history = await readBaselineHistory({ cwd: bom.root })
    expect(history.entries.map((e) => e.entry)).toEqual(['a > model'])
    expect(history.warnings).toEqual([])
  })
})
