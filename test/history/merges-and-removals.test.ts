import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { renderHistoryPage } from '../../src/history/history-page.js'
import { readBaselineHistory } from '../../src/history/read-history.js'
import type { BaselineHistory } from '../../src/history/types.js'
import { baselineEntry, baselineFile, createRepository, inDirectory, type TestRepository } from './git-repository.js'

const FILE = 'evals/__baselines__/reg.eval.test.ts.json'
const ENTRY = 'regressor > reg.csv'

/** Merges `branch` into the checked-out branch; a conflict is left for the next `commit` to resolve. */
function mergeLeavingConflicts(repo: TestRepository, branch: string): void {
  try {
    repo.git('merge', '--no-ff', '--no-commit', branch)
  } catch {
    // A conflict: the next commit writes the resolved files and records the merge.
  }
}

const file = (accuracy: number): Record<string, string> => ({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(accuracy, 0.5) }) })

describe('baselines changed on both sides of merges', () => {
  let repo: TestRepository
  const c: Record<string, string> = {}

  beforeAll(() => {
    repo = createRepository()
    c.b1 = repo.commit(file(0.8), 'b1', 'Ada', '2026-01-01T10:00:00+00:00')
    repo.git('checkout', '-q', '-b', 'x')
    c.xBetter = repo.commit(file(0.9), 'x-better', 'Bob', '2026-01-02T10:00:00+00:00')
    repo.git('checkout', '-q', 'main')
    c.mainWorse = repo.commit(file(0.7), 'main-worse', 'Ada', '2026-01-03T10:00:00+00:00')
    mergeLeavingConflicts(repo, 'x')
    // The conflict fixed with x's baselines (`git checkout --theirs`, `vitest run -u`).
    c.mergeX = repo.commit(file(0.9), 'merge x', 'Ada', '2026-01-04T10:00:00+00:00')
    repo.git('checkout', '-q', '-b', 'y', c.mainWorse)
    c.yChange = repo.commit(file(0.75), 'y-change', 'Cy', '2026-01-05T10:00:00+00:00')
    repo.git('checkout', '-q', 'main')
    c.mainChange = repo.commit(file(0.88), 'main-change', 'Ada', '2026-01-06T10:00:00+00:00')
    mergeLeavingConflicts(repo, 'y')
    // The conflict fixed by re-baselining: a value neither side had.
    c.mergeY = repo.commit(file(0.89), 'merge y with re-baseline', 'Ada', '2026-01-07T10:00:00+00:00')
  })

  test('every commit that changed the entry is a point, merges included, and the line ends at HEAD', async () => {
    const history = await readBaselineHistory({ cwd: repo.root })
    expect(history.head).toBe(c.mergeY)
    expect(history.entries).toHaveLength(1)
    const points = history.entries[0]!.points
    // First-parent order; a side branch's commits just before the merge that brought them in.
    expect(points.map((p) => p.message)).toEqual(['b1', 'main-worse', 'x-better', 'merge x', 'main-change', 'y-change', 'merge y with re-baseline'])
    expect(points.map((p) => p.commit)).toEqual([c.b1, c.mainWorse, c.xBetter, c.mergeX, c.mainChange, c.yChange, c.mergeY])
    expect(points.map((p) => p.metrics.accuracy_score!.value)).toEqual([0.8, 0.7, 0.9, 0.9, 0.88, 0.75, 0.89])
    expect(points.map((p) => p.sideBranch === true)).toEqual([false, false, true, false, false, true, false])
    expect(history.commitCount).toBe(7)
  })

  test('the chart draws the line and band through the first-parent points only; side-branch points are hollow dots', async () => {
    const html = renderHistoryPage(await readBaselineHistory({ cwd: repo.root }))
    const overall = html.split('<figure data-metric="accuracy_score">')[1]!.split('</figure>')[0]!
    const line = overall.match(/<polyline class="line" points="([^"]+)"/)![1]!.split(' ')
    expect(line).toHaveLength(5)
    // The line's last vertex is HEAD's value: the rightmost dot.
    const dots = [...overall.matchAll(/<circle class="(point(?: side-branch)?)" data-commit="([0-9a-f]+)" data-value="([^"]+)" cx="([^"]+)" cy="([^"]+)"/g)]
    expect(dots.map((d) => [d[1], Number(d[3])])).toEqual([
      ['point', 0.8], ['point', 0.7], ['point side-branch', 0.9], ['point', 0.9], ['point', 0.88], ['point side-branch', 0.75], ['point', 0.89],
    ])
    const last = dots[dots.length - 1]!
    expect(line[line.length - 1]).toBe(`${last[4]},${last[5]}`)
    expect(overall).toContain('on a merged branch')
  })

  test('an incremental read from before the merges gives the same points', async () => {
    const full = await readBaselineHistory({ cwd: repo.root })
    const early: BaselineHistory = { ...full, head: c.mainWorse, commitCount: 2, entries: [{ ...full.entries[0]!, points: full.entries[0]!.points.slice(0, 2) }] }
    const incremental = await readBaselineHistory({ cwd: repo.root, previous: early })
    expect(incremental.entries[0]!.points.map((p) => [p.commit, p.sideBranch === true])).toEqual(full.entries[0]!.points.map((p) => [p.commit, p.sideBranch === true]))
    expect(incremental.commitCount).toBe(7)
  })

  test('an earlier history read at a commit of a merged branch (not on the first-parent chain) is read again whole', async () => {
    const full = await readBaselineHistory({ cwd: repo.root })
    const onX = full.entries[0]!.points.filter((p) => p.commit === c.b1 || p.commit === c.xBetter).map((p) => ({ ...p, sideBranch: undefined }))
    const earlier: BaselineHistory = { ...full, head: c.xBetter, commitCount: 2, entries: [{ ...full.entries[0]!, points: onX }] }
    const read = await readBaselineHistory({ cwd: repo.root, previous: earlier })
    expect(read.entries[0]!.points.map((p) => [p.message, p.sideBranch === true])).toEqual(full.entries[0]!.points.map((p) => [p.message, p.sideBranch === true]))
    expect(read.commitCount).toBe(7)
  })
})

describe('removed baselines', () => {
  let repo: TestRepository
  const c: Record<string, string> = {}
  const OTHER = 'regressor > lexicon'

  beforeAll(() => {
    repo = createRepository()
    c.first = repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.8, 0.5), [OTHER]: baselineEntry(0.6, 0.5) }), 'evals/reg.eval.test.ts': '// test\n' }, 'first baseline', 'Ada', '2026-01-01T10:00:00+00:00')
    c.dropOther = repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.82, 0.5) }) }, 'drop the lexicon test', 'Bob', '2026-01-02T10:00:00+00:00')
    repo.git('rm', '-q', FILE)
    c.deleteFile = repo.commit({}, 'remove the regressor eval', 'Cy', '2026-01-03T10:00:00+00:00')
  })

  test('an entry whose file was deleted, or that was dropped from its file, is marked removed with the commit', async () => {
    const history = await readBaselineHistory({ cwd: repo.root })
    expect(history.entries.map((e) => [e.entry, e.points.map((p) => p.metrics.accuracy_score!.value), e.removed?.commit, e.removed?.message])).toEqual([
      [OTHER, [0.6], c.dropOther, 'drop the lexicon test'],
      [ENTRY, [0.8, 0.82], c.deleteFile, 'remove the regressor eval'],
    ])
    const html = renderHistoryPage(history)
    expect(html).toContain(`data-removed="${c.deleteFile}"`)
    expect(html).toContain(`Removed in <code>${c.deleteFile!.slice(0, 12)}</code>`)
  })

  test('the CLI summary says which entries were removed, and where', async () => {
    const out = mkdtempSync(join(tmpdir(), 'evalgate-history-out-'))
    const stdout: string[] = []
    const stderr: string[] = []
    const code = await inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history', '--out', out], { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) }))
    expect(stderr.join('')).toBe('')
    expect(code).toBe(0)
    expect(stdout.join('')).toContain('2 baseline entries (2 removed), 3 points from 3 commits')
    expect(stdout.join('')).toContain(`${ENTRY} (${FILE}): removed in ${c.deleteFile!.slice(0, 12)} "remove the regressor eval"`)
    expect(stdout.join('')).toContain(`${OTHER} (${FILE}): removed in ${c.dropOther!.slice(0, 12)} "drop the lexicon test"`)
    const json = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as BaselineHistory
    expect(json.entries.map((e) => e.removed?.commit)).toEqual([c.dropOther, c.deleteFile])
  })

  test('an entry written again after its removal is current again, with a point at the commit that brought it back', async () => {
    const again = createRepository()
    const first = again.commit(file(0.8), 'first', 'Ada', '2026-01-01T10:00:00+00:00')
    again.git('rm', '-q', FILE)
    again.commit({}, 'remove', 'Ada', '2026-01-02T10:00:00+00:00')
    const back = again.commit(file(0.8), 'back', 'Ada', '2026-01-03T10:00:00+00:00')
    const history = await readBaselineHistory({ cwd: again.root })
    expect(history.entries[0]!.removed).toBeUndefined()
    expect(history.entries[0]!.points.map((p) => p.commit)).toEqual([first, back])
  })
})

describe('evalgate history: output folder and pathspecs', () => {
  let repo: TestRepository

  beforeAll(() => {
    repo = createRepository()
    repo.commit({ ...file(0.8), 'evals/reg.eval.test.ts': '// test\n', 'docs/notes.md': 'notes\n' }, 'first', 'Ada', '2026-01-01T10:00:00+00:00')
  })

  test('--out naming an existing file is a usage error naming the path and the fix (exit 2)', async () => {
    const existing = join(mkdtempSync(join(tmpdir(), 'evalgate-history-out-')), 'index.html')
    writeFileSync(existing, 'mine\n')
    for (const out of [existing, join(existing, 'sub')]) {
      const lines: string[] = []
      const code = await inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history', '--out', out], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) }))
      expect(code).toBe(2)
      expect(lines.join('')).toMatch(new RegExp(`^error: option '--out <dir>' must be a folder, but ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is a file .*pass a folder`))
      expect(lines.join('')).not.toContain('unexpected error')
    }
    expect(readFileSync(existing, 'utf8')).toBe('mine\n')
  })

  test('a pathspec that names no file in the history is an error naming it (exit 1)', async () => {
    const lines: string[] = []
    const out = mkdtempSync(join(tmpdir(), 'evalgate-history-out-'))
    const code = await inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history', 'evals/', 'nonexistent/', '--out', out], { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) }))
    expect(code).toBe(1)
    expect(lines.join('')).toMatch(/^evalgate: nonexistent\/ matched no file in the history of HEAD; pathspecs are read from the top of the work tree/)
  })

  test('a pathspec over files but no baseline file says so; one over a test folder reads only its baseline files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'evalgate-history-out-'))
    const docs = { stdout: [] as string[], stderr: [] as string[] }
    expect(await inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history', 'docs/', '--out', out], { stdout: (t) => docs.stdout.push(t), stderr: (t) => docs.stderr.push(t) }))).toBe(0)
    expect(docs.stderr.join('')).toBe("evalgate: warning: no baseline file (__baselines__/*.json) under docs/ in the history of HEAD; the page is empty; if the plugin's baselineDir is another folder, pass it: --baseline-dir <folder>\n")
    expect(docs.stdout.join('')).toContain('0 baseline entries, 0 points from 0 commits')
    const evals = { stdout: [] as string[], stderr: [] as string[] }
    expect(await inDirectory(repo.root, () => runCli(['node', 'evalgate', 'history', 'evals/', '--out', out], { stdout: (t) => evals.stdout.push(t), stderr: (t) => evals.stderr.push(t) }))).toBe(0)
    // The test file under evals/ is not read as a baseline file (no "not a baseline file" warning).
    expect(evals.stderr.join('')).toBe('')
    expect(evals.stdout.join('')).toContain('1 baseline entry, 1 point from 1 commit')
  })
})
