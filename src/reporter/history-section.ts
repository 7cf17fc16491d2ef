/**
 * The baseline history embedded in the reporter's `index.html`: for every test of the run that
 * has a baseline entry in git, one chart per tracked metric (overall) over the commits that
 * changed the entry, with its interval band (the charts of `evalgate history`, `src/history`).
 * Slices stay on the full page (`npx evalgate history`), which the section links.
 *
 * Cheap on every run: the history is kept in the results folder (`history.json`); a later run at
 * the same `HEAD` reads that file instead of git, and a run after new commits reads only the
 * commits since the kept `HEAD` (when it is an ancestor; else the whole history again). Each chart
 * draws the last {@link MAX_EMBEDDED_POINTS} points. Outside a work tree, in a shallow clone,
 * without git or without commits, the section is one line that says so; it never throws.
 */
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { chartPointOf, DATA_CHANGE_LEGEND, renderHistoryChart } from '../history/history-chart.js'
import { HistoryError } from '../history/history-error.js'
import { openWorkTree } from '../history/git-work-tree.js'
import { readBaselineHistories, sameFolders } from '../history/read-history.js'
import { DEFAULT_BASELINE_DIR, baselineLayout } from '../history/baseline-log.js'
import { HISTORY_FILE_VERSION, type BaselineHistory, type EntryHistory } from '../history/types.js'
import { keyBelongsToTest } from '../baselines/entry-keys.js'
import { escapeHtml as e } from './html-escape.js'

/** The file in the results folder that keeps the history read at a `HEAD`. */
export const HISTORY_CACHE_FILE = 'history.json'

/** Points drawn per embedded chart (the most recent); the full page has them all. */
export const MAX_EMBEDDED_POINTS = 60

/**
 * What the reporter embeds: the history read (kept for the next run; `reused`: the kept one was
 * at this `HEAD`) or why there is none.
 */
export type ReportHistory = { history: BaselineHistory; gitPrefix: string; reused: boolean } | { unavailable: string }

async function cachedHistory(outputDir: string): Promise<BaselineHistory | undefined> {
  try {
    const cached = JSON.parse(await readFile(join(outputDir, HISTORY_CACHE_FILE), 'utf8')) as BaselineHistory
    return cached.evalgateHistory === HISTORY_FILE_VERSION && typeof cached.head === 'string' && Array.isArray(cached.entries) ? cached : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads the baseline history for the report of the project at `root` (reusing `outputDir`'s
 * `history.json` when it was read at the same `HEAD`), or says in one line why there is none.
 */
export async function readReportHistory(root: string, outputDir: string, options: { git?: string; baselineDirs?: readonly string[] } = {}): Promise<ReportHistory> {
  try {
    const tree = await openWorkTree(root, { git: options.git })
    const gitPrefix = relative(tree.root, root).split('\\').join('/')
    if (!tree.head) return { unavailable: 'No baseline history: the git repository has no commit yet.' }
    const cached = await cachedHistory(outputDir)
    // kept at this HEAD for the same baseline folders (another baselineDir reads other files)
    const folders = [...new Set((options.baselineDirs ?? [DEFAULT_BASELINE_DIR]).map((dir) => baselineLayout(dir).folder))]
    if (cached?.head === tree.head && sameFolders(cached, folders)) return { history: cached, gitPrefix, reused: true }
    // Only the commits since the kept HEAD when it is an ancestor of this one (readBaselineHistory checks).
    return { history: await readBaselineHistories(options.baselineDirs ?? [], { cwd: root, git: options.git, ...(cached ? { previous: cached } : {}) }), gitPrefix, reused: false }
  } catch (error) {
    if (error instanceof HistoryError) {
      const why =
        error.code === 'shallow-clone'
          ? 'this is a shallow clone, so the history is cut off (fetch it whole: git fetch --unshallow, or fetch-depth: 0 in actions/checkout)'
          : error.code === 'git-not-found'
            ? 'git is not installed or not on the PATH'
            : error.code === 'not-a-work-tree'
              ? 'the tests did not run inside a git work tree'
              : error.code === 'baseline-dir'
                ? `${error.message.split(';')[0]}: the history reads a baseline folder beside the test files`
              : `git failed (${error.message.split('\n')[0]})`
      return { unavailable: `No baseline history: ${why}.` }
    }
    return { unavailable: `No baseline history: it could not be read (${(error as Error).message.split('\n')[0]}).` }
  }
}

function entryCharts(entry: EntryHistory): string {
  const points = entry.points.slice(-MAX_EMBEDDED_POINTS)
  const names: string[] = []
  for (const point of points) for (const name of Object.keys(point.metrics)) if (!names.includes(name)) names.push(name)
  const charts = names.map((metric) => {
    const series = points.flatMap((p) => {
      const stored = p.metrics[metric]
      return stored && typeof stored.value === 'number' ? [chartPointOf(p, stored)] : []
    })
    return `<figure data-metric="${e(metric)}"><figcaption>${e(metric)}</figcaption>${renderHistoryChart(`${entry.entry}: ${metric}`, series)}</figure>`
  })
  const cut = entry.points.length > points.length ? ` (the last ${points.length} of ${entry.points.length})` : ''
  return `<div class="history-entry" data-entry="${e(entry.entry)}"><h3>${e(entry.entry)}</h3><p class="meta"><code>${e(entry.baselineFile)}</code> · ${entry.points.length} point${entry.points.length === 1 ? '' : 's'}${cut}</p><div class="plots">${charts.join('')}</div></div>`
}

/**
 * The history section of `index.html` for the reported tests (file relative to the Vitest root,
 * full name): the charts of their entries, or the one line saying why there are none. An entry
 * is a test's by the baseline key format (`keyBelongsToTest`): `<full name> <n>` for an unnamed
 * `toMatchBaseline()`, `<full name> > <run name>[ <n>]` for a named run, or the plain full name
 * earlier versions stored; so `plain` owns `plain 1` and `plain 2`, never `plain 2 1` or `plainer 1`.
 * @example renderHistorySection({ unavailable: 'No baseline history: git is not installed or not on the PATH.' }, [], '../eval-history/index.html')
 */
export function renderHistorySection(report: ReportHistory, tests: ReadonlyArray<{ file: string; fullName: string }>, historyHref: string): string {
  const open = '<section class="card" id="history" data-section="history">'
  if ('unavailable' in report) return `${open}<h2>Baseline history</h2><p class="meta" data-history="unavailable">${e(report.unavailable)}</p></section>`
  const prefix = report.gitPrefix ? `${report.gitPrefix}/` : ''
  const names = new Map<string, string[]>()
  for (const test of tests) names.set(`${prefix}${test.file}`, [...(names.get(`${prefix}${test.file}`) ?? []), test.fullName])
  const entries = report.history.entries.filter((entry) => (names.get(entry.testFile) ?? []).some((name) => keyBelongsToTest(entry.entry, name)))
  const link = `Slices and every point: <code>npx evalgate history</code> writes <a href="${e(historyHref)}">the full history page</a>.`
  if (entries.length === 0) {
    return `${open}<h2>Baseline history</h2><p class="meta" data-history="empty">No baseline entry of these tests is committed yet (${report.history.commitCount} commit(s) changed a baseline file). ${link}</p></section>`
  }
  const marked = entries.some((entry) => entry.points.slice(-MAX_EMBEDDED_POINTS).some((point) => point.dataChange !== undefined))
  const legend = marked ? ` ${e(DATA_CHANGE_LEGEND)}` : ''
  return `${open}<h2>Baseline history</h2><p class="meta" data-history="embedded">Each tracked metric over the commits that changed its baseline entry, with the interval band.${legend} ${link}</p>${entries.map(entryCharts).join('')}</section>`
}
