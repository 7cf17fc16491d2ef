/**
 * `evalgate history`: reads the history of the `__baselines__` files from git and writes a
 * static page (`index.html`, one chart per metric per entry, overall and per slice, with the
 * interval bands) and the points as JSON (`history.json`).
 */
import { mkdir } from 'node:fs/promises'
import type { Command } from 'commander'
import { join, resolve } from 'node:path'
import { writeFileAtomic } from '../files/write-file-atomic.js'
import type { CommandOutput } from './evaluate-command.js'

/** The default output folder, relative to the working directory (the reporter links it). */
export const HISTORY_DIR = 'eval-history'

/** The options of `evalgate history`. */
export interface HistoryCommandOptions {
  /** Output folder (default `eval-history`). */
  out?: string
  /** Read a shallow clone anyway. */
  allowShallow?: boolean
}

/**
 * Runs `evalgate history [pathspec...]`: writes `<out>/index.html` and `<out>/history.json`
 * and prints one line saying where. A missing git, a folder outside a work tree or a shallow
 * clone reject with a `HistoryError` (exit code 1, one line naming the fix).
 */
export async function runHistoryCommand(pathspecs: readonly string[], options: HistoryCommandOptions, output: CommandOutput, cwd = process.cwd()): Promise<void> {
  // Loaded on use, so registering the command costs the CLI's start-up nothing.
  const [{ readBaselineHistory }, { renderHistoryPage }] = await Promise.all([import('../history/read-history.js'), import('../history/history-page.js')])
  const history = await readBaselineHistory({
    cwd,
    allowShallow: options.allowShallow,
    pathspecs: pathspecs.length > 0 ? pathspecs.map((spec) => (spec.startsWith(':') ? spec : `:(top)${spec}`)) : undefined,
  })
  const out = resolve(cwd, options.out ?? HISTORY_DIR)
  await mkdir(out, { recursive: true })
  await writeFileAtomic(join(out, 'history.json'), `${JSON.stringify(history, null, 2)}\n`)
  await writeFileAtomic(join(out, 'index.html'), renderHistoryPage(history))
  const points = history.entries.reduce((sum, entry) => sum + entry.points.length, 0)
  for (const warning of history.warnings) output.stderr(`evalgate: warning: ${warning.message}\n`)
  output.stdout(`wrote ${join(out, 'index.html')} and history.json: ${history.entries.length} baseline entr${history.entries.length === 1 ? 'y' : 'ies'}, ${points} point${points === 1 ? '' : 's'} from ${history.commitCount} commit${history.commitCount === 1 ? '' : 's'}\n`)
}

/** Adds `evalgate history` to the program (one line in `program.ts`). */
export function registerHistoryCommand(program: Command, output: CommandOutput): void {
  program
    .command('history')
    .description('draw every baseline metric over the commits that changed it (reads the __baselines__ files with git)')
    .argument('[pathspec...]', 'baseline files or folders, from the top of the work tree (default: every __baselines__/*.json)')
    .option('--out <dir>', `output folder for index.html and history.json (default: ${HISTORY_DIR})`)
    .option('--allow-shallow', 'read a shallow clone anyway (the history starts where the clone is cut)')
    .action(async (pathspecs: string[], options: HistoryCommandOptions) => {
      await runHistoryCommand(pathspecs, options, output)
    })
}
