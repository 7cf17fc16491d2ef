import { existsSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node'
import { collectFileFailures, collectReportedTests, collectUnhandledFailures } from './collect-tests.js'
import { exportReportToMlflow } from './mlflow/reporter-hook.js'
import type { MlflowExportOptions } from './mlflow/mlflow-options.js'
import { HISTORY_CACHE_FILE, readReportHistory, renderHistorySection } from './history-section.js'
import { buildReportContent } from './report-files.js'
import { writeFileAtomic } from '../files/write-file-atomic.js'
import { RESULTS_MARKER, writeResultsFolder } from './results-folder.js'
import { renderTerminalTable } from './terminal-table.js'

export interface ReporterOptions {
  /** Results folder, default `eval-results` (relative to the Vitest root). Replaced on every run. */
  outputDir?: string
  /** `true` (default): `junit.xml` in the results folder; a path: written there instead; `false`: none. */
  junit?: boolean | string
  /** Write `index.html` (default true). */
  html?: boolean
  /** Write `summary.md` and append it to `$GITHUB_STEP_SUMMARY` when set (default true). */
  summary?: boolean
  /** Misclassified rows shown per run in the HTML (default 20; the CSV has them all). */
  maxMisclassifiedRows?: number
  /** Classes drawn in multiclass ROC / PR / calibration plots (default 10, largest support first). */
  maxCurveClasses?: number
  /** Print the end-of-run table (default true). */
  terminal?: boolean
  /** Log each evaluated run to an MLflow tracking server (also on with `EVALGATE_MLFLOW=1`); see docs/mlflow-export.md. */
  mlflow?: boolean | MlflowExportOptions
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

  constructor(readonly options: ReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): Promise<void> {
    const root = this.vitest?.config.root ?? process.cwd()
    const outputDir = resolve(root, this.options.outputDir ?? 'eval-results')
    // In watch mode a rerun reports only the changed files; the report keeps every known one.
    const modules = this.vitest?.config.watch ? this.vitest.state.getTestModules() : testModules
    const tests = collectReportedTests(modules)
    // Errors Vitest caught outside any test (a timer throwing after its test passed) fail the run too.
    const fileFailures = [...collectFileFailures(modules), ...collectUnhandledFailures(unhandledErrors, root)]
    const junit = this.options.junit ?? true
    const html = this.options.html ?? true
    // The baseline history, embedded in index.html (read once per HEAD, kept in the results folder).
    const evaluated = tests.some((test) => (test.meta?.runs?.length ?? 0) > 0)
    const history = html && evaluated ? await readReportHistory(root, outputDir) : undefined
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
    if (content.entries.length === 0 && !existsSync(join(outputDir, RESULTS_MARKER))) return
    await writeResultsFolder(outputDir, content.files)
    await exportReportToMlflow(this.options.mlflow, content.entries, content.files, { root, log: (text) => this.log(text) })
    if (typeof junit === 'string') await writeFileAtomic(resolve(root, junit), content.junitXml)
    const stepSummary = process.env.GITHUB_STEP_SUMMARY
    if ((this.options.summary ?? true) && stepSummary) {
      // As the MLflow export: a step summary that cannot be written leaves the tests' outcome alone.
      await appendFile(stepSummary, content.summaryMarkdown).catch((error: unknown) => {
        this.log(`evalgate: warning (test outcome unchanged): could not append the summary to $GITHUB_STEP_SUMMARY (${stepSummary}): ${error instanceof Error ? error.message : String(error)}`)
      })
    }
    if (this.options.terminal ?? true) {
      const htmlPath = (this.options.html ?? true) ? displayPath(join(outputDir, 'index.html')) : undefined
      const table = renderTerminalTable(content.entries, htmlPath)
      if (table) this.log(table)
    }
  }

  private log(text: string): void {
    if (this.vitest) this.vitest.logger.log(text)
    else process.stdout.write(`${text}\n`)
  }
}

/** A path relative to the working directory when inside it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

export default EvalgateReporter
