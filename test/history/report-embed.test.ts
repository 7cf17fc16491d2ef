// The reporter's index.html embeds the baseline history of the reported tests inside a git work
// tree, reads git once per HEAD (history.json in the results folder), and says in one line why
// there is none outside a work tree, in a shallow clone, without git or without commits.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { MAX_EMBEDDED_POINTS, readReportHistory, renderHistorySection } from '../../src/reporter/history-section.js'
import { readBaselineHistory } from '../../src/history/read-history.js'
import { HISTORY_FILE_VERSION, type BaselineHistory } from '../../src/history/types.js'
import { fixtureReportedTests } from '../reporter/report-fixture-tests.js'
import { fakeTestModules, fakeVitest } from './fake-vitest.js'
import { baselineEntry, baselineFile, createRepository } from './git-repository.js'

const FILE = 'test/__baselines__/sentiment.eval.ts.json'
const ENTRY = 'sentiment > classifies feedback'

/**
 * The reporter's index.html for the fixture's test of ENTRY alone: the baseline files hold no
 * entry of the fixture's other tests, so they would add nothing to the history section, only
 * their plots to draw (four fifths of each report's time).
 */
async function report(root: string): Promise<string> {
  const reporter = new EvalgateReporter({ outputDir: 'eval-results', terminal: false })
  reporter.onInit(fakeVitest([], root))
  const reported = fixtureReportedTests().filter((test) => test.fullName === ENTRY)
  expect(reported).toHaveLength(1)
  await reporter.onTestRunEnd(fakeTestModules(reported))
  return readFileSync(join(root, 'eval-results', 'index.html'), 'utf8')
}

/** The value of each dot of the chart of `metric` in the embedded entry. */
function dots(html: string, metric: string): number[] {
  const section = html.slice(html.indexOf('id="history"'), html.indexOf('</section>', html.indexOf('id="history"')))
  const figure = section.slice(section.indexOf(`<figure data-metric="${metric}">`), section.indexOf('</figure>', section.indexOf(`<figure data-metric="${metric}">`)))
  return [...figure.matchAll(/<circle class="point" data-commit="[0-9a-f]+" data-value="([^"]+)"/g)].map((m) => Number(m[1]))
}

function withoutGitAbove<T>(run: () => Promise<T>): Promise<T> {
  const saved = process.env.GIT_CEILING_DIRECTORIES
  process.env.GIT_CEILING_DIRECTORIES = tmpdir()
  return run().finally(() => {
    if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES
    else process.env.GIT_CEILING_DIRECTORIES = saved
  })
}

describe('inside a work tree', () => {
  const repo = createRepository()
  repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.8, 0.7) }) }, 'first baseline', 'Ada', '2026-01-01T10:00:00+00:00')
  repo.commit({ 'README.md': 'docs\n' }, 'docs only', 'Bob', '2026-01-02T10:00:00+00:00')
  repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.83, 0.7), 'other > test': baselineEntry(0.5, 0.5) }) }, 'better model', 'Bob', '2026-01-03T10:00:00+00:00')

  test("index.html embeds the reported test's entry: a chart per tracked metric, one dot per commit that changed it, with its band", async () => {
    const html = await report(repo.root)
    mkdirSync('.tmp', { recursive: true })
    writeFileSync('.tmp/history-embed.html', html) // kept for a look in a browser
    expect(html).toContain('data-history="embedded"')
    expect(html).toContain(`<div class="history-entry" data-entry="${ENTRY.replace('>', '&gt;')}">`)
    expect(html).not.toContain('data-entry="other &gt; test"') // not a test of this run
    expect(dots(html, 'accuracy_score')).toEqual([0.8, 0.83])
    expect(html).toMatch(/id="history"[\s\S]*<polygon class="band"/)
    expect(html).toContain('<a href="../eval-history/index.html"')
    const cached = JSON.parse(readFileSync(join(repo.root, 'eval-results', 'history.json'), 'utf8'))
    expect(cached.head).toBe(repo.git('rev-parse', 'HEAD'))
  })

  test('a second run at the same HEAD reuses history.json; a new commit is read from git', async () => {
    await report(repo.root)
    const out = join(repo.root, 'eval-results')
    const again = await readReportHistory(repo.root, out)
    expect('history' in again && again.reused).toBe(true)
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.85, 0.7) }) }, 'even better', 'Cy', '2026-01-04T10:00:00+00:00')
    const fresh = await readReportHistory(repo.root, out)
    expect('history' in fresh && fresh.reused).toBe(false)
    expect(dots(await report(repo.root), 'accuracy_score')).toEqual([0.8, 0.83, 0.85])
  })

  test(`each chart draws the last ${MAX_EMBEDDED_POINTS} points and says so`, async () => {
    const many = createRepository()
    const read = await readReportHistory(many.root, join(many.root, 'eval-results'))
    expect(read).toEqual({ unavailable: 'No baseline history: the git repository has no commit yet.' })
    many.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.5, 0.5) }) }, 'c0', 'Ada', '2026-01-01T10:00:00+00:00')
    const history = await readReportHistory(many.root, join(many.root, 'eval-results'))
    if (!('history' in history)) throw new Error('no history')
    const entry = history.history.entries[0]
    entry.points = Array.from({ length: 75 }, (_, i) => ({ ...entry.points[0], commit: i.toString(16).padStart(40, '0'), metrics: { accuracy_score: { ...entry.points[0].metrics.accuracy_score, value: i / 100 } } }))
    const html = renderHistorySection(history, [{ file: 'test/sentiment.eval.ts', fullName: ENTRY }], '../eval-history/index.html')
    expect(html).toContain(`75 points (the last ${MAX_EMBEDDED_POINTS} of 75)`)
    expect(dots(`id="history"${html}`, 'accuracy_score')).toEqual(Array.from({ length: MAX_EMBEDDED_POINTS }, (_, i) => (75 - MAX_EMBEDDED_POINTS + i) / 100))
  })
})

describe('which entries are a test\'s', () => {
  test('an unnamed toMatchBaseline() (key `<full name> 1`, as the README example stores it) gets its history embedded', async () => {
    const repo = createRepository()
    repo.commit({ [FILE]: baselineFile({ [`${ENTRY} 1`]: baselineEntry(0.8, 0.7) }) }, 'first baseline', 'Ada', '2026-01-01T10:00:00+00:00')
    repo.commit({ [FILE]: baselineFile({ [`${ENTRY} 1`]: baselineEntry(0.82, 0.7) }) }, 'better', 'Bob', '2026-01-02T10:00:00+00:00')
    const html = await report(repo.root)
    expect(html).toContain('data-history="embedded"')
    expect(html).toContain(`data-entry="${ENTRY.replace('>', '&gt;')} 1"`)
    expect(dots(html, 'accuracy_score')).toEqual([0.8, 0.82])
  })

  test('a test owns its counted, named and plain-name entries, never those of a test whose name only starts like its own', async () => {
    const repo = createRepository()
    const keys = ['plain', 'plain 1', 'plain 2', 'plain > cand', 'plain > cand 2', 'plain 2 1', 'plain 12 1', 'plainer 1', 'plain2 1', 'plain >cand', 'plain 1 > cand', 'other 1']
    repo.commit({ [FILE]: baselineFile(Object.fromEntries(keys.map((key) => [key, baselineEntry(0.8, 0.7)]))) }, 'baselines', 'Ada', '2026-01-01T10:00:00+00:00')
    const history = await readReportHistory(repo.root, join(repo.root, 'eval-results'))
    if (!('history' in history)) throw new Error('no history')
    const shown = (fullName: string) =>
      [...renderHistorySection(history, [{ file: 'test/sentiment.eval.ts', fullName }], 'h.html').matchAll(/data-entry="([^"]*)"/g)].map((m) => m[1].replace(/&gt;/g, '>')).sort()
    expect(shown('plain')).toEqual(['plain', 'plain 1', 'plain 2', 'plain > cand', 'plain > cand 2'])
    expect(shown('plain 2')).toEqual(['plain 2', 'plain 2 1'])
    expect(shown('plainer')).toEqual(['plainer 1'])
    expect(shown('pla')).toEqual([])
    // A test in another file owns nothing of this one.
    expect(renderHistorySection(history, [{ file: 'test/other.eval.ts', fullName: 'plain' }], 'h.html')).toContain('data-history="empty"')
  })
})

describe('no history: one line, no crash', () => {
  test('outside a work tree', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'evalgate-nogit-'))
    const html = await withoutGitAbove(() => report(plain))
    expect(html).toContain('<p class="meta" data-history="unavailable">No baseline history: the tests did not run inside a git work tree.</p>')
    expect(html).not.toContain('baseline history</a>')
  })

  test('in a shallow clone', async () => {
    const repo = createRepository()
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.8, 0.7) }) }, 'one', 'Ada', '2026-01-01T10:00:00+00:00')
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.81, 0.7) }) }, 'two', 'Ada', '2026-01-02T10:00:00+00:00')
    const clone = mkdtempSync(join(tmpdir(), 'evalgate-shallow-'))
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.root}`, clone], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } })
    const html = await report(clone)
    expect(html).toContain('No baseline history: this is a shallow clone, so the history is cut off (fetch it whole: git fetch --unshallow, or fetch-depth: 0 in actions/checkout).')
  })

  test('without git', async () => {
    const repo = createRepository()
    expect(await readReportHistory(repo.root, join(repo.root, 'eval-results'), { git: '/nonexistent/git' })).toEqual({ unavailable: 'No baseline history: git is not installed or not on the PATH.' })
  })
})

describe('incremental reads', () => {
  test("an older release's history.json (layout 1, without the data-change marks) is never reused: not at its HEAD, not as the base of a later read", async () => {
    const repo = createRepository()
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.8, 0.7) }) }, 'one', 'Ada', '2026-01-01T10:00:00+00:00')
    const out = join(repo.root, 'eval-results')
    await report(repo.root)
    const today = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as BaselineHistory
    // What an older release kept: layout 1, its points read by its own rules (here: another value).
    const older = { ...today, evalgateHistory: 1, entries: today.entries.map((entry) => ({ ...entry, points: entry.points.map((point) => ({ ...point, metrics: { accuracy_score: { value: 0.1 } } })) })) }
    writeFileSync(join(out, 'history.json'), JSON.stringify(older))
    const atHead = await readReportHistory(repo.root, out)
    expect('history' in atHead && atHead.reused).toBe(false)
    expect(dots(await report(repo.root), 'accuracy_score')).toEqual([0.8])
    writeFileSync(join(out, 'history.json'), JSON.stringify(older))
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.81, 0.7) }) }, 'two', 'Ada', '2026-01-02T10:00:00+00:00')
    expect(dots(await report(repo.root), 'accuracy_score')).toEqual([0.8, 0.81])
    // What this version wrote is reused at its HEAD.
    const reused = await readReportHistory(repo.root, out)
    expect('history' in reused && reused.reused && reused.history.evalgateHistory).toBe(HISTORY_FILE_VERSION)
  })

  test('a history read on top of an earlier one (its HEAD an ancestor) equals a whole read; a rewritten HEAD reads everything', async () => {
    const repo = createRepository()
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.8, 0.7) }) }, 'one', 'Ada', '2026-01-01T10:00:00+00:00')
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.81, 0.7) }) }, 'two', 'Ada', '2026-01-02T10:00:00+00:00')
    const earlier = await readBaselineHistory({ cwd: repo.root, now: () => new Date(0) })
    repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.82, 0.71), 'sentiment > new': baselineEntry(0.5, 0.5) }) }, 'three', 'Bob', '2026-01-03T10:00:00+00:00')
    repo.commit({ 'README.md': 'x\n' }, 'docs', 'Bob', '2026-01-04T10:00:00+00:00')
    const whole = await readBaselineHistory({ cwd: repo.root, now: () => new Date(0) })
    const incremental = await readBaselineHistory({ cwd: repo.root, now: () => new Date(0), previous: earlier })
    expect(incremental).toEqual(whole)
    expect(whole.entries.map((e) => [e.entry, e.points.length])).toEqual([[ENTRY, 3], ['sentiment > new', 1]])
    // An earlier history whose HEAD is not in this history (a rewritten branch) is ignored.
    const foreign = { ...earlier, head: 'f'.repeat(40), entries: [] }
    expect(await readBaselineHistory({ cwd: repo.root, now: () => new Date(0), previous: foreign })).toEqual(whole)
  })
})
