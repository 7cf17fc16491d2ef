import type { FileFailure, ReportEntry, ReportedTest, UnevaluatedFailure } from './evaluated-test.js'
import { collectUnevaluatedFailures } from './collect-tests.js'
import { toCsv } from './csv.js'
import { renderHtmlReport } from './html.js'
import type { HtmlEntry } from './html.js'
import { buildJunitXml } from './junit.js'
import { renderRunPlots } from './plots/run-plots.js'
import { buildReportEntries } from './report-entries.js'
import type { ResultFiles } from './results-folder.js'
import { artifactFiles, misclassifiedArtifact } from './run-artifacts.js'
import type { ArtifactFile } from './run-artifacts.js'
import type { Artifact, EvalRun } from '../run/types.js'
import { RUN_OUTPUTS_FILE } from './run-outputs.js'
import { metricsTable, perClassTable, slicesTable } from './run-tables.js'
import { renderSummaryMarkdown } from './summary-markdown.js'
import { EVAL_RESULTS_TABLE } from './text-run-table.js'
import { jsonWithoutControls } from '../run/visible-controls.js'

/** What to produce; see `ReporterOptions` for the user-facing meaning. */
export interface ReportContentOptions {
  html: boolean
  /** Put `junit.xml` into the results folder. */
  junitInFolder: boolean
  summary: boolean
  maxMisclassifiedRows: number
  maxCurveClasses: number
  generatedAt?: string
  /** Link to the baseline history page, relative to the results folder (inside a git work tree). */
  historyHref?: string
  /** The embedded baseline history section of `index.html`. */
  historySection?: string
  /** SVG bytes `index.html` inlines before it refers to the plot files instead (`html.ts`). */
  inlinePlotsLimit?: number
  /** Failures outside any test (`collectFileFailures`): shown in every report, since they fail the run. */
  fileFailures?: readonly FileFailure[]
}

/** The whole report in memory, before anything is written. */
export interface ReportContent {
  entries: ReportEntry[]
  files: ResultFiles
  junitXml: string
  summaryMarkdown: string
  /** The failed tests that recorded no evaluated run (`collectUnevaluatedFailures`), listed by every report. */
  unevaluatedFailures: UnevaluatedFailure[]
}

/**
 * Builds every file of the results folder from the reported tests: per evaluated run a folder
 * with `run.json`, `outputs.json` (per-example outputs, when the worker sent them), the CSV tables, the artifacts and the SVG plots; then `index.html`,
 * `junit.xml` and `summary.md` at the top. The failed tests that evaluated nothing are listed in
 * `index.html` and `summary.md` (and are cases of `junit.xml`).
 */
export async function buildReportContent(tests: readonly ReportedTest[], options: ReportContentOptions): Promise<ReportContent> {
  const entries = buildReportEntries(tests)
  const files: ResultFiles = new Map()
  const htmlItems: HtmlEntry[] = []
  for (const entry of entries) {
    const { run } = entry
    const folder = entry.folderName
    const written: string[] = []
    const put = (name: string, content: string | Buffer) => {
      files.set(`${folder}/${name}`, content)
      written.push(`${folder}/${name}`)
    }
    const failedSlices = new Set<string>([
      ...entry.gates.filter((gate) => !gate.pass && gate.slice !== undefined).map((gate) => gate.slice as string),
      ...entry.baselines.flatMap((baseline) => baseline.rows.filter((row) => row.verdict === 'fail' && row.slice !== undefined).map((row) => row.slice as string)),
    ])
    const plots = await renderRunPlots(run, { maxCurveClasses: options.maxCurveClasses, failedSlices })
    const taken = new Set(['run.json', RUN_OUTPUTS_FILE, 'metrics.csv', 'per_class_metrics.csv', 'slices.csv', ...plots.map((p) => p.fileName)])
    const artifacts = artifactFiles(run.artifacts, taken)
    put(
      'run.json',
      `${jsonWithoutControls(
        {
          // occurrence and runIndex tell same-named tests and a test's unnamed runs apart (evalgate compare).
          // project: where the results hold runs of several Vitest projects, part of what pairs a run (evalgate compare)
          test: { file: entry.test.file, name: entry.test.name, fullName: entry.test.fullName, ...(entry.shownProject !== undefined ? { project: entry.shownProject } : {}), occurrence: entry.occurrence, state: entry.test.state, errors: entry.test.errors },
          runIndex: entry.runIndex,
          verdict: entry.verdict,
          run: runForJson(run, artifacts),
          gates: entry.gates,
          baselines: entry.baselines,
          warnings: entry.warnings,
        },
        // Compact: two-space indents nearly doubled it (curves are one number a line).
      )}\n`,
    )
    // The run's per-example outputs (encoded in the worker), for `evalgate compare`'s paired tests.
    const outputs = entry.test.meta?.outputs?.[entry.runIndex]
    if (outputs) put(RUN_OUTPUTS_FILE, `${jsonWithoutControls(outputs)}\n`)
    const metrics = metricsTable(run, entry.baselines)
    put('metrics.csv', toCsv(metrics.columns, metrics.rows))
    if (run.perClass && run.perClass.length > 0) {
      const perClass = perClassTable(run)
      put('per_class_metrics.csv', toCsv(perClass.columns, perClass.rows))
    }
    if (Object.keys(run.slices).length > 0) {
      const slices = slicesTable(run)
      put('slices.csv', toCsv(slices.columns, slices.rows))
    }
    for (const file of artifacts) put(file.fileName, file.content)
    for (const plot of plots) put(plot.fileName, plot.svg)
    htmlItems.push({ entry, plots, files: written })
  }
  const fileFailures = options.fileFailures ?? []
  // junit.xml has a case per test already; the page and the summary list these apart.
  const unevaluatedFailures = collectUnevaluatedFailures(tests)
  const junitXml = buildJunitXml(tests, entries, fileFailures)
  const summaryMarkdown = renderSummaryMarkdown(entries, options.html ? 'index.html' : undefined, fileFailures, unevaluatedFailures)
  if (options.html) {
    files.set(
      'index.html',
      renderHtmlReport(htmlItems, { maxMisclassifiedRows: options.maxMisclassifiedRows, generatedAt: options.generatedAt, historyHref: options.historyHref, historySection: options.historySection, inlinePlotsLimit: options.inlinePlotsLimit, fileFailures, unevaluatedFailures }),
    )
  }
  if (options.junitInFolder) files.set('junit.xml', junitXml)
  if (options.summary) files.set('summary.md', summaryMarkdown)
  return { entries, files, junitXml, summaryMarkdown, unevaluatedFailures }
}

/**
 * The run as `run.json` holds it, without what it would repeat of the files written beside it:
 * the built-in misclassified rows (or a regressor's largest errors), written whole as their CSV,
 * are left out (they were nearly half of it; the artifact keeps its name, file name and columns,
 * with an empty `rows` and a note naming the file and the number of rows); the text columns of a
 * text type's `eval_results_table` (inputs, `outputs`, `targets`: 500 summaries of 5-50 KB made
 * a 28 MB run.json beside a 27 MB CSV) are left out of its rows and columns, with a note naming
 * the columns and the file, while the row numbers and the per-row scores stay (compare's paired
 * test and `toHavePassRate` read them). The page and the CSVs are made from the run in memory.
 *
 * @example runForJson(run, artifactFiles(run.artifacts)).artifacts[0].notes // ['20 rows left out of run.json: they are in misclassified.csv']
 */
export function runForJson(run: EvalRun, files: readonly ArtifactFile[]): EvalRun {
  const misclassified = misclassifiedArtifact(run.artifacts)
  const fileOf = (artifact: Artifact): string | undefined => files.find((f) => f.artifact === artifact)?.fileName
  const artifacts = run.artifacts.map((artifact) => {
    const fileName = fileOf(artifact)
    if (fileName === undefined || artifact.content.type !== 'rows' || artifact.content.rows.length === 0) return artifact
    if (artifact === misclassified) {
      const note = `${artifact.content.rows.length} rows left out of run.json: they are in ${fileName}`
      return { ...artifact, content: { type: 'rows' as const, columns: artifact.content.columns, rows: [] }, notes: [...(artifact.notes ?? []), note] }
    }
    return artifact.builtin && artifact.name === EVAL_RESULTS_TABLE ? withoutTextColumns(artifact as RowsArtifact, fileName) : artifact
  })
  return artifacts.every((artifact, i) => artifact === run.artifacts[i]) ? run : { ...run, artifacts }
}

type RowsArtifact = Artifact & { content: { type: 'rows' } }

/** `table` with only its columns of numbers (row numbers, per-row scores); a note names the others and `fileName`. */
function withoutTextColumns(table: RowsArtifact, fileName: string): Artifact {
  const { columns, rows } = table.content
  const numeric = (column: string): boolean => rows.every((row) => row[column] === null || row[column] === undefined || typeof row[column] === 'number')
  const kept = columns.filter(numeric)
  if (kept.length === columns.length) return table
  const left = columns.filter((column) => !kept.includes(column))
  const note = `columns ${left.map((c) => JSON.stringify(c)).join(', ')} left out of run.json: they are in ${fileName}`
  return {
    ...table,
    content: { type: 'rows', columns: kept, rows: rows.map((row) => Object.fromEntries(kept.map((column) => [column, row[column]]))) },
    notes: [...(table.notes ?? []), note],
  }
}
