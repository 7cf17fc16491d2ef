/**
 * `evalgate compare <run.json | results folder>...`: puts N runs side by side in one static
 * page (`<out>/index.html`) and a Markdown file (`<out>/compare.md`); `--markdown` also prints
 * the Markdown on stdout (for a pull-request comment). Run files: the first run is the one every
 * other is compared with. Two or more results folders: each run is compared with the run of the
 * same test in the first folder (one page per test), unmatched runs listed. Where a run's `outputs.json` (per-example outputs, written by the reporter) sits
 * beside its `run.json` and the runs share their data, the changes get the gate's paired tests.
 */
import { mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Command } from 'commander'
import { writeFileAtomic } from '../files/write-file-atomic.js'
import { makeOutputFolder, refuseOutputFolder } from './output-folder.js'
import type { CommandOutput } from './evaluate-command.js'
import type { NamedRun } from '../compare/report/read-run-files.js'

/** The default output folder, relative to the working directory. */
export const COMPARE_DIR = 'compare-report'

/** What `evalgate compare` writes in its output folder, for the usage errors about it. */
const COMPARE_FILES = 'index.html and compare.md'

/**
 * Characters of Markdown `--markdown` prints at most: a pull-request comment (GitHub's limit is
 * 65,536), as `summary.md` is capped; `compare.md` holds it all (adversarial pass 60: 1.9 MB for
 * 2,000 slices).
 */
const MAX_PRINTED_MARKDOWN = 60_000

/**
 * The output folder as the user named it (`compare-report` by default), for text that may be
 * posted in a pull request: not the runner's absolute path (adversarial pass 62).
 */
function shownOut(out: string | undefined): string {
  return (out ?? COMPARE_DIR).replace(/[\\/]+$/, '')
}

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
  const [{ readCompareInputs }, { compareRuns }, { renderComparisonMarkdown, capMarkdownLines }, { renderComparePage }, { readRunOutputs, RUN_OUTPUTS_FILE }, { comparesFolders }] = await Promise.all([
    import('../compare/report/read-run-files.js'),
    import('../compare/report/run-comparison.js'),
    import('../compare/report/comparison-markdown.js'),
    import('../reporter/compare-page.js'),
    import('../reporter/run-outputs.js'),
    import('../compare/report/match-runs.js'),
  ])
  const out = resolve(cwd, options.out ?? COMPARE_DIR)
  await refuseOutputFolder(out, COMPARE_FILES, { name: 'compare.md', signature: '# evalgate compare' })
  const runs = await readCompareInputs(inputs, cwd)
  // Per-example outputs beside each run.json (the reporter writes them): paired tests where the data are shared.
  for (const run of runs) {
    if (!run.path) continue
    const { outputs, reason } = await readRunOutputs(join(dirname(run.path), RUN_OUTPUTS_FILE), run.source)
    if (outputs) run.outputs = outputs
    else if (reason) run.outputsReason = reason
  }
  if (comparesFolders(runs)) {
    await writeMatchedComparisons(inputs, runs, out, options, output)
    return
  }
  const comparison = compareRuns(runs)
  const markdown = renderComparisonMarkdown(comparison)
  await makeOutputFolder(out, COMPARE_FILES)
  await writeFileAtomic(join(out, 'index.html'), await renderComparePage(comparison))
  await writeFileAtomic(join(out, 'compare.md'), markdown)
  if (options.markdown) output.stdout(capMarkdownLines(markdown, MAX_PRINTED_MARKDOWN, `${shownOut(options.out)}/compare.md and index.html`))
  else output.stdout(`wrote ${join(out, 'index.html')} and compare.md: ${runs.length} runs compared with run 1 (${runs[0].name}); ${comparison.sharedData ? 'same data' : 'different data'}\n`)
}

/** A folder name for a matched test's page: `2-sentiment.eval.test.ts-model`. */
function pageFolder(index: number, label: string): string {
  return `${index + 1}-${label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)}`
}

/**
 * Two or more results folders: each test's runs matched across the folders (`matchRunsByTest`),
 * one page and Markdown per matched test under `<out>/<n>-<test>/`, and at the top an index page
 * and a `compare.md` holding every matched test's comparison and the unmatched runs.
 */
async function writeMatchedComparisons(inputs: readonly string[], runs: NamedRun[], out: string, options: CompareCommandOptions, output: CommandOutput): Promise<void> {
  const [{ matchRunsByTest }, { compareRuns }, { renderComparisonMarkdown, capMarkdownLines }, { renderMatchedMarkdown }, { renderComparePage }, { renderMatchedIndex }, { CompareInputError }] = await Promise.all([
    import('../compare/report/match-runs.js'),
    import('../compare/report/run-comparison.js'),
    import('../compare/report/comparison-markdown.js'),
    import('../compare/report/matched-markdown.js'),
    import('../reporter/compare-page.js'),
    import('./matched-index-page.js'),
    import('../compare/report/read-run-files.js'),
  ])
  const matching = matchRunsByTest(runs)
  if (matching.matched.length === 0) {
    throw new CompareInputError(
      `no test has runs in two of the folders (${inputs.join(', ')}): runs of results folders are matched by test file, full test name and run name; ${matching.unmatched.map(({ run, reason }) => `${run.source} (${reason})`).join('; ')} match none. Pass run.json files to compare runs of different tests with the first one`,
    )
  }
  const compared = []
  for (const [index, group] of matching.matched.entries()) {
    // Within a test, a run is named by the folder it came from (before/eval-results, after/eval-results).
    const comparison = compareRuns(group.runs.map((run) => ({ ...run, name: inputs[run.input ?? 0] })))
    const folder = pageFolder(index, group.label)
    await mkdir(join(out, folder), { recursive: true })
    await writeFileAtomic(join(out, folder, 'index.html'), await renderComparePage(comparison))
    await writeFileAtomic(join(out, folder, 'compare.md'), renderComparisonMarkdown(comparison))
    compared.push({ label: group.label, folder, comparison })
  }
  const markdown = renderMatchedMarkdown(inputs, compared, matching)
  await writeFileAtomic(join(out, 'index.html'), renderMatchedIndex(inputs, compared, matching))
  await writeFileAtomic(join(out, 'compare.md'), markdown)
  if (options.markdown) output.stdout(capMarkdownLines(markdown, MAX_PRINTED_MARKDOWN, `${shownOut(options.out)}/compare.md and the pages it links`))
  else {
    const unmatched = matching.unmatched.length > 0 ? `; ${matching.unmatched.length} run${matching.unmatched.length === 1 ? '' : 's'} unmatched (listed in compare.md)` : ''
    output.stdout(`wrote ${join(out, 'index.html')} and compare.md: ${compared.length} test${compared.length === 1 ? '' : 's'} matched across ${inputs.length} folders, each compared with its run in ${inputs[0]}${unmatched}\n`)
  }
}

/** Adds `evalgate compare` to the program (one line in `program.ts`). */
export function registerCompareCommand(program: Command, output: CommandOutput): void {
  program
    .command('compare')
    .description('put runs side by side (HTML page and Markdown): every metric with its interval, overall and per slice, each change against the first run with a paired test where the runs share their data (outputs.json beside run.json), else an unpaired one')
    .argument('<runs...>', 'run.json files (reporter results or evalgate evaluate --json output; the first run is the reference) or results folders (every run.json under them; with two folders or more, each run is compared with the same test\'s run in the first folder)')
    .option('--out <dir>', `output folder for index.html and compare.md (default: ${COMPARE_DIR})`)
    .option('--markdown', 'also print the Markdown on stdout')
    .action(async (inputs: string[], options: CompareCommandOptions) => {
      await runCompareCommand(inputs, options, output)
    })
}
