/**
 * `evalgate compare <run.json | results folder>...`: puts N runs side by side in one static
 * page (`<out>/index.html`) and a Markdown file (`<out>/compare.md`); `--markdown` also prints
 * the Markdown on stdout (for a pull-request comment). The first run is the one every other is
 * compared with. Where a run's `outputs.json` (per-example outputs, written by the reporter) sits
 * beside its `run.json` and the runs share their data, the changes get the gate's paired tests.
 */
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Command } from 'commander'
import { writeFileAtomic } from '../files/write-file-atomic.js'
import type { CommandOutput } from './evaluate-command.js'

/** The default output folder, relative to the working directory. */
export const COMPARE_DIR = 'compare-report'

/** The options of `evalgate compare`. */
export interface CompareCommandOptions {
  /** Output folder (default `compare-report`). */
  out?: string
  /** Print the Markdown on stdout too. */
  markdown?: boolean
}

/**
 * Runs `evalgate compare`: reads and checks every input (a bad one rejects with a
 * `CompareInputError` naming the file: exit code 1), writes the page and the Markdown, and
 * prints where (or the Markdown itself with `--markdown`).
 */
export async function runCompareCommand(inputs: readonly string[], options: CompareCommandOptions, output: CommandOutput, cwd = process.cwd()): Promise<void> {
  // Loaded on use, so registering the command costs the CLI's start-up nothing (the paired tests
  // pull in the metric engine).
  const [{ readCompareInputs }, { compareRuns }, { renderComparisonMarkdown }, { renderComparePage }, { readRunOutputs, RUN_OUTPUTS_FILE }] = await Promise.all([
    import('../compare/report/read-run-files.js'),
    import('../compare/report/run-comparison.js'),
    import('../compare/report/comparison-markdown.js'),
    import('../reporter/compare-page.js'),
    import('../reporter/run-outputs.js'),
  ])
  const runs = await readCompareInputs(inputs, cwd)
  // Per-example outputs beside each run.json (the reporter writes them): paired tests where the data are shared.
  for (const run of runs) {
    if (!run.path) continue
    const { outputs, reason } = await readRunOutputs(join(dirname(run.path), RUN_OUTPUTS_FILE), run.source)
    if (outputs) run.outputs = outputs
    else if (reason) run.outputsReason = reason
  }
  const comparison = compareRuns(runs)
  const markdown = renderComparisonMarkdown(comparison)
  const out = resolve(cwd, options.out ?? COMPARE_DIR)
  await mkdir(out, { recursive: true })
  await writeFileAtomic(join(out, 'index.html'), await renderComparePage(comparison))
  await writeFileAtomic(join(out, 'compare.md'), markdown)
  if (options.markdown) output.stdout(markdown)
  else output.stdout(`wrote ${join(out, 'index.html')} and compare.md: ${runs.length} runs compared with run 1 (${runs[0].name}); ${comparison.sharedData ? 'same data' : 'different data'}\n`)
}

/** Adds `evalgate compare` to the program (one line in `program.ts`). */
export function registerCompareCommand(program: Command, output: CommandOutput): void {
  program
    .command('compare')
    .description('put runs side by side (HTML page and Markdown): every metric with its interval, overall and per slice, each change against the first run with a paired test where the runs share their data (outputs.json beside run.json), else an unpaired one')
    .argument('<runs...>', 'run.json files (reporter results or evalgate evaluate --json output) or results folders (every run.json under them); the first run is the reference')
    .option('--out <dir>', `output folder for index.html and compare.md (default: ${COMPARE_DIR})`)
    .option('--markdown', 'also print the Markdown on stdout')
    .action(async (inputs: string[], options: CompareCommandOptions) => {
      await runCompareCommand(inputs, options, output)
    })
}
