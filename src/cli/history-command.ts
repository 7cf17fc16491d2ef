/**
 * `evalgate history`: reads the history of the `__baselines__` files from git and writes a
 * static page (`index.html`, one chart per metric per entry, overall and per slice, with the
 * interval bands; a large history keeps each entry's slice charts on a page of their own under
 * `slices/`) and the points as JSON (`history.json`).
 */
import { mkdir, readdir, rm } from 'node:fs/promises'
import type { Command } from 'commander'
import { join, resolve } from 'node:path'
import { writeFileAtomic } from '../files/write-file-atomic.js'
import type { BaselineHistory } from '../history/types.js'
import type { CommandOutput } from './evaluate-command.js'
import { makeOutputFolder, refuseOutputFolder } from './output-folder.js'

/** What `evalgate history` writes in its output folder, for the usage errors about it. */
const HISTORY_FILES = 'index.html and history.json'

/** The default output folder, relative to the working directory (the reporter links it). */
export const HISTORY_DIR = 'eval-history'

/** The options of `evalgate history`. */
export interface HistoryCommandOptions {
  /** Output folder (default `eval-history`). */
  out?: string
  /** Read a shallow clone anyway. */
  allowShallow?: boolean
  /** The plugins' `baselineDir`s, one per project (default `__baselines__`). */
  baselineDir?: readonly string[]
}

/**
 * Runs `evalgate history [pathspec...]`: writes `<out>/index.html` and `<out>/history.json`
 * and prints one line saying where, then a line per entry whose baseline was removed. A missing
 * git, a folder outside a work tree, a shallow clone or a pathspec that names no file in the
 * history reject with a `HistoryError` (exit code 1, one line naming the fix); `--out` naming a
 * file is a `UsageError` (exit code 2).
 *
 * @example await runHistoryCommand(['examples/'], { out: 'eval-history' }, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) })
 */
export async function runHistoryCommand(pathspecs: readonly string[], options: HistoryCommandOptions, output: CommandOutput, cwd = process.cwd()): Promise<void> {
  const out = resolve(cwd, options.out ?? HISTORY_DIR)
  await refuseOutputFolder(out, HISTORY_FILES, { name: 'history.json', signature: '{"evalgateHistory":' })
  // Loaded on use, so registering the command costs the CLI's start-up nothing.
  const [{ readBaselineHistories }, { renderHistoryPages, SLICE_PAGES_DIR, SHALLOW_HISTORY_NOTE }, { checkPathspecsMatch, DEFAULT_BASELINE_DIR }] = await Promise.all([
    import('../history/read-history.js'),
    import('../history/history-page.js'),
    import('../history/baseline-log.js'),
  ])
  const specs = pathspecs.map((spec) => (spec.startsWith(':') ? spec : `:(top)${spec}`))
  const history = await readBaselineHistories(options.baselineDir ?? [], { cwd, allowShallow: options.allowShallow, pathspecs: specs.length > 0 ? specs : undefined })
  if (history.head && specs.length > 0) await checkPathspecsMatch(cwd, specs, pathspecs)
  await makeOutputFolder(out, HISTORY_FILES)
  // Compact, as the report's copy: indents were half of a team's 130 MB file.
  await writeFileAtomic(join(out, 'history.json'), `${JSON.stringify(history)}\n`)
  const pages = renderHistoryPages(history)
  const sliceDir = join(out, SLICE_PAGES_DIR)
  if (pages.slicePages.length > 0) await mkdir(sliceDir, { recursive: true })
  for (const slicePage of pages.slicePages) await writeFileAtomic(join(sliceDir, slicePage.file), slicePage.html)
  await removeStaleSlicePages(sliceDir, new Set(pages.slicePages.map((p) => p.file)))
  await writeFileAtomic(join(out, 'index.html'), pages.index)
  for (const warning of history.warnings) output.stderr(`evalgate: warning: ${warning.message}\n`)
  if (history.shallow) output.stderr(`evalgate: warning: ${SHALLOW_HISTORY_NOTE}\n`)
  const folder = (history.baselineDirs ?? [DEFAULT_BASELINE_DIR]).map((dir) => `${dir}/*.json`).join(', ')
  // The plugin's baselineDir, when it is another folder, is not known here: say how to name it.
  const otherFolder = (options.baselineDir ?? []).length === 0 ? '; if the plugin\'s baselineDir is another folder, pass it: --baseline-dir <folder>' : ''
  if (specs.length > 0 && history.commitCount === 0) {
    output.stderr(`evalgate: warning: no baseline file (${folder}) under ${pathspecs.join(', ')} in the history of HEAD; the page is empty${otherFolder}\n`)
  } else if (history.head && history.commitCount === 0) {
    output.stderr(`evalgate: warning: no commit changed a baseline file (${folder}) in the history of HEAD; the page is empty${otherFolder}\n`)
  }
  output.stdout(summaryLines(history, join(out, 'index.html'), pages.slicePages.length))
}

/**
 * Removes the slice pages an earlier run wrote that this one did not (fewer entries, or a
 * history that fits one page again), so no page shows an outdated entry. Only files named as
 * this command names them (`entry-<n>.html`) are removed; anything else in the folder is kept.
 */
async function removeStaleSlicePages(sliceDir: string, written: ReadonlySet<string>): Promise<void> {
  const names = await readdir(sliceDir).catch(() => [] as string[])
  for (const name of names) {
    if (/^entry-\d{3,}\.html$/.test(name) && !written.has(name)) await rm(join(sliceDir, name), { force: true })
  }
}

/** The summary printed after writing: counts, then one line per entry no longer in `HEAD`'s baselines. */
function summaryLines(history: BaselineHistory, page: string, slicePages: number): string {
  const points = history.entries.reduce((sum, entry) => sum + entry.points.length, 0)
  const removed = history.entries.filter((entry) => entry.removed)
  const count = history.entries.length
  const lines = [
    `wrote ${page}${slicePages > 0 ? ` (and ${slicePages} page${slicePages === 1 ? '' : 's'} of slice charts under slices/)` : ''} and history.json: ${count} baseline entr${count === 1 ? 'y' : 'ies'}${removed.length > 0 ? ` (${removed.length} removed)` : ''}, ${points} point${points === 1 ? '' : 's'} from ${history.commitCount} commit${history.commitCount === 1 ? '' : 's'}`,
  ]
  for (const entry of removed) {
    lines.push(`  ${entry.entry} (${entry.baselineFile}): removed in ${entry.removed!.commit.slice(0, 12)} "${entry.removed!.message}"; its last point is the value before`)
  }
  return `${lines.join('\n')}\n`
}

/** Adds `evalgate history` to the program (one line in `program.ts`). */
export function registerHistoryCommand(program: Command, output: CommandOutput): void {
  program
    .command('history')
    .description('draw every baseline metric over the commits that changed it (reads the baseline files with git)')
    .argument('[pathspec...]', 'baseline files or folders, from the top of the work tree (default: every baseline file, __baselines__/*.json or --baseline-dir)')
    .option('--out <dir>', `output folder for index.html and history.json (default: ${HISTORY_DIR})`)
    .option('--allow-shallow', 'read a shallow clone anyway (the history starts where the clone is cut)')
    .option('--baseline-dir <folder>', "the plugin's baselineDir, a folder beside each test file (default: __baselines__; e.g. __baselines__/<project>); once per project's folder", (folder: string, folders: string[] = []) => [...folders, folder])
    .action(async (pathspecs: string[], options: HistoryCommandOptions) => {
      await runHistoryCommand(pathspecs, options, output)
    })
}
