import { existsSync, statSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node'
import { collectFileFailures, collectReportedTests, collectUnhandledFailures } from './collect-tests.js'
import { exportReportToMlflow } from './mlflow/reporter-hook.js'
import type { MlflowExportOptions } from './mlflow/mlflow-options.js'
import { HISTORY_CACHE_FILE, readReportHistory, renderHistorySection } from './history-section.js'
import { DEFAULT_BASELINE_DIR } from '../history/baseline-log.js'
import { buildReportContent } from './report-files.js'
import { writeFileAtomic } from '../files/write-file-atomic.js'
import { assertOwnResultsFolder, otherToolOutputs, stdoutDocumentReporter } from './other-outputs.js'
import type { OutputsConfig } from './other-outputs.js'
import { foreignFolderError, notAFolderError, RESULTS_MARKER, resultsFolderState, writeResultsFolder } from './results-folder.js'
import type { ResultsFolderState } from './results-folder.js'
import type { FileFailure, RunEndFailureSource } from './evaluated-test.js'
import { renderTerminalTable } from './terminal-table.js'

export interface ReporterOptions {
  /** Results folder, default `eval-results` (relative to the Vitest root). Replaced on every run; other tools' files in it are kept. */
  outputDir?: string | undefined
  /** `true` (default): `junit.xml` in the results folder; a path: written there instead; `false`: none. */
  junit?: boolean | string | undefined
  /** Write `index.html` (default true). */
  html?: boolean | undefined
  /** Write `summary.md` and append it to `$GITHUB_STEP_SUMMARY` when set (default true). */
  summary?: boolean | undefined
  /** Misclassified rows shown per run in the HTML (default 20; the CSV has them all). */
  maxMisclassifiedRows?: number | undefined
  /** Classes drawn in multiclass ROC / PR / calibration plots (default 10, largest support first). */
  maxCurveClasses?: number | undefined
  /** Print the end-of-run table (default true); on stderr while another reporter prints a document on stdout (`--reporter=json`). */
  terminal?: boolean | undefined
  /** Log each evaluated run to an MLflow tracking server (also on with `EVALGATE_MLFLOW=1`); see docs/mlflow-export.md. */
  mlflow?: boolean | MlflowExportOptions | undefined
  /** The baseline folder whose git history `index.html` embeds (default `__baselines__`; the plugin passes its `baselineDir`). */
  baselineDir?: string | undefined
}

/**
 * The evalgate reporter. Reads only `task.meta.evalgate` of the finished tests at the end of the
 * run (so a normal run and `vitest --merge-reports` of shard blobs give the same output) and
 * writes the results folder, `index.html`, `junit.xml` and `summary.md`, then prints a compact
 * table. Register it through the `evalgate()` plugin or alone:
 * `reporters: ['default', 'evalgate/reporter']`.
 */
export class EvalgateReporter implements Reporter {
  private vitest: Vitest | undefined
  /** The results folder as the run found it: one that was never evalgate's is not replaced. */
  private folderBefore: ResultsFolderState | undefined

  /** What else finds failures outside any test at the run's end (the plugin's obsolete baseline files). */
  private readonly runEndFailureSources = new Set<RunEndFailureSource>()

  /** The baseline folders of every project this reporter writes for (`addBaselineDir`), besides `options.baselineDir`. */
  private readonly baselineDirs = new Set<string>()

  constructor(readonly options: ReporterOptions = {}) {}

  /**
   * Adds the baseline folder of another project whose runs this reporter writes (two projects,
   * each with its `baselineDir`): the embedded history reads them all.
   */
  addBaselineDir(baselineDir: string): void {
    this.baselineDirs.add(baselineDir)
  }

  /**
   * Adds `source`, whose failures outside any test the reports show (the plugin adds its check
   * for obsolete baseline files): awaited at the run's end before anything is written.
   */
  addRunEndFailureSource(source: RunEndFailureSource): void {
    this.runEndFailureSources.add(source)
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
    assertOwnResultsFolder(vitest.config as OutputsConfig, this.outputDir())
    this.folderBefore = resultsFolderState(this.outputDir(), this.otherOutputs())
    // Said before any test runs: at the end the whole evaluation would be spent for no report.
    if (!folderOrNothing(this.outputDir())) throw notAFolderError(this.outputDir())
    if (this.folderBefore.foreign) throw foreignFolderError(this.outputDir())
  }

  /** Each run of watch mode starts again: what changed in the folder since then is another tool's. */
  onTestRunStart(): void {
    if (this.vitest) this.folderBefore = resultsFolderState(this.outputDir(), this.otherOutputs())
    this.watchInterrupt()
  }

  /** Says so when the run is interrupted before its report is written (see {@link interruptedLine}). */
  private readonly onInterrupt = (signal: NodeJS.Signals): void => {
    const update: unknown = this.vitest?.config.update
    process.stderr.write(`${interruptedLine(this.outputDir(), update === true || update === 'all')}\n`)
    // Vitest exits on the signal itself; were this the only listener, the signal would do nothing.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  }

  /**
   * Ctrl-C (or SIGTERM) ends a run within a millisecond (Vitest exits on the signal), before the
   * report is written: the results folder keeps the previous run's report, while a `-u` run may
   * already have rewritten baseline files (adversarial pass 38: nothing said so). A synchronous
   * line on the signal says both; the folder is left as it is (never half-written).
   */
  private watchInterrupt(): void {
    process.off('SIGINT', this.onInterrupt)
    process.off('SIGTERM', this.onInterrupt)
    process.once('SIGINT', this.onInterrupt)
    process.once('SIGTERM', this.onInterrupt)
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): Promise<void> {
    // The interrupt's line stays on until the report is in place: a Ctrl-C while it is built or
    // written (a large report takes seconds) ends the run as one during the tests does, and said
    // nothing (adversarial pass 56); the folder is swapped in whole or not at all either way.
    let written: WrittenReport | undefined
    try {
      written = await this.writeReport(testModules, unhandledErrors)
    } finally {
      process.off('SIGINT', this.onInterrupt)
      process.off('SIGTERM', this.onInterrupt)
    }
    if (written !== undefined) await this.afterReport(written)
  }

  /** Builds the report and writes the results folder (and a JUnit file outside it); undefined when there is nothing to write. */
  private async writeReport(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): Promise<WrittenReport | undefined> {
    const root = this.vitest?.config.root ?? process.cwd()
    const outputDir = this.outputDir()
    // In watch mode a rerun reports only the changed files; the report keeps every known one.
    const modules = this.vitest?.config.watch ? this.vitest.state.getTestModules() : testModules
    const tests = collectReportedTests(modules)
    // Errors Vitest caught outside any test (a timer throwing after its test passed) fail the run too.
    // And what the plugin's other checks find at the run's end (a baseline file whose test file is
    // gone fails a CI run): Vitest calls its reporters' onTestRunEnd at once, so they are awaited here.
    const runEndFailures = (await Promise.all([...this.runEndFailureSources].map((source) => source.failuresAtRunEnd()))).flat()
    const fileFailures = [...collectFileFailures(modules), ...collectUnhandledFailures(unhandledErrors, root), ...runEndFailures]
    const junit = this.options.junit ?? true
    const html = this.options.html ?? true
    // The baseline history, embedded in index.html (read once per HEAD, kept in the results folder).
    const evaluated = tests.some((test) => (test.meta?.runs?.length ?? 0) > 0)
    const folders = [this.options.baselineDir ?? DEFAULT_BASELINE_DIR, ...this.baselineDirs]
    const history = html && evaluated ? await readReportHistory(root, outputDir, { baselineDirs: folders }) : undefined
    const historyHref = relative(outputDir, join(root, 'eval-history', 'index.html')).split('\\').join('/')
    const content = await buildReportContent(tests, {
      html,
      summary: this.options.summary ?? true,
      junitInFolder: junit === true,
      maxMisclassifiedRows: this.options.maxMisclassifiedRows ?? 20,
      maxCurveClasses: this.options.maxCurveClasses ?? 10,
      generatedAt: new Date().toISOString(),
      historyHref: history && 'history' in history ? historyHref : undefined,
      historySection: history ? renderHistorySection(history, tests, historyHref) : undefined,
      fileFailures,
    })
    if (history && 'history' in history) content.files.set(HISTORY_CACHE_FILE, `${JSON.stringify(history.history)}\n`)
    // Nothing evaluated and no folder of ours yet: nothing to write, unless a test failed before it
    // evaluated (a served model down on a fresh CI checkout: the step summary must say so).
    if (content.entries.length === 0 && content.unevaluatedFailures.length === 0 && fileFailures.length === 0 && !existsSync(join(outputDir, RESULTS_MARKER))) return undefined
    await writeResultsFolder(outputDir, content.files, { before: this.folderBefore, others: this.otherOutputs(), warn: (text) => this.log(text) })
    // A next run without onTestRunStart (a harness calling onTestRunEnd again): what is there now is evalgate's or kept.
    this.folderBefore = { foreign: false, startedAt: Date.now() + 1 }
    if (typeof junit === 'string') await writeFileAtomic(resolve(root, junit), content.junitXml)
    return { content, root, outputDir, fileFailures }
  }

  /** After the report is in place: the MLflow export, the step summary and the end-of-run table. */
  private async afterReport({ content, root, outputDir, fileFailures }: WrittenReport): Promise<void> {
    await exportReportToMlflow(this.options.mlflow, content.entries, content.files, { root, log: (text) => this.log(text) })
    const stepSummary = process.env.GITHUB_STEP_SUMMARY
    if ((this.options.summary ?? true) && stepSummary) {
      // As the MLflow export: a step summary that cannot be written leaves the tests' outcome alone.
      await appendFile(stepSummary, content.summaryMarkdown).catch((error: unknown) => {
        this.log(`evalgate: warning (test outcome unchanged): could not append the summary to $GITHUB_STEP_SUMMARY (${stepSummary}): ${error instanceof Error ? error.message : String(error)}`)
      })
    }
    if (this.options.terminal ?? true) {
      const htmlPath = (this.options.html ?? true) ? displayPath(join(outputDir, 'index.html')) : undefined
      const table = renderTerminalTable(content.entries, htmlPath, content.unevaluatedFailures, fileFailures)
      if (table) this.log(table)
    }
  }

  private outputDir(): string {
    return resolve(this.vitest?.config.root ?? process.cwd(), this.options.outputDir ?? 'eval-results')
  }

  /** What other reporters and the coverage report write into the results folder (kept there). */
  private otherOutputs(): Map<string, string> {
    return this.vitest ? otherToolOutputs(this.vitest.config as OutputsConfig, this.outputDir()) : new Map()
  }

  /**
   * Prints a line of evalgate's: through Vitest's logger, or on stderr while another reporter
   * prints a machine-readable document on stdout (`--reporter=json` without an output file), so
   * that stdout stays that one document.
   */
  private log(text: string): void {
    if (this.vitest && stdoutDocumentReporter(this.vitest.config as OutputsConfig) !== undefined) process.stderr.write(`${text}\n`)
    else if (this.vitest) this.vitest.logger.log(text)
    else process.stdout.write(`${text}\n`)
  }
}

/** A path relative to the working directory when inside it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

/** Whether `path` is a folder or nothing at all (not a file, nor under one: adversarial pass 59, a raw ENOTDIR). */
function folderOrNothing(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() !== false
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return false
    throw error
  }
}

/** A report written by the reporter: what the steps after it read. */
interface WrittenReport {
  content: Awaited<ReturnType<typeof buildReportContent>>
  root: string
  outputDir: string
  fileFailures: FileFailure[]
}

export default EvalgateReporter

/**
 * The line printed when a run is interrupted before its report is written: what the results
 * folder holds, and what a `-u` run may already have written.
 * @example interruptedLine('/p/eval-results', true) // 'evalgate: the run was interrupted before its report was written: eval-results/ still holds ...'
 */
export function interruptedLine(outputDir: string, update: boolean): string {
  const folder = `${displayPath(outputDir)}/`
  const held = existsSync(join(outputDir, RESULTS_MARKER)) ? `${folder} still holds the previous run's report` : `no report was written to ${folder}`
  const baselines = update ? '; with -u, the baseline files of the test files that finished may already be rewritten, so run again for a report of them' : ''
  return `evalgate: the run was interrupted before its report was written: ${held}${baselines}`
}
