/**
 * The reporter's one call into the MLflow export: resolves the settings, reads the git commit
 * and branch, exports, and reports the outcome: a warning by default (the tests' outcome is
 * left alone), a thrown error and exit code 1 with `failOnError`.
 */
import { tryGitSync } from '../../history/git-process.js'
import type { ReportEntry } from '../evaluated-test.js'
import type { ResultFiles } from '../results-folder.js'
import { evalgateVersion, exportRunsToMlflow, type MlflowExportResult } from './export-runs.js'
import { resolveMlflowSettings, trackingUriProblem, type MlflowExportOptions } from './mlflow-options.js'
import type { TrackingClientDeps } from './tracking-client.js'

/** Thrown at the end of the run when the export failed and `failOnError` is set. */
export class MlflowExportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MlflowExportError'
  }
}

/**
 * Exports the report's entries when the export is on (`mlflow` option or `EVALGATE_MLFLOW=1`);
 * resolves to undefined when it is off. Logs one line per run exported and one warning per
 * failure (credentials redacted).
 */
export async function exportReportToMlflow(
  option: boolean | MlflowExportOptions | undefined,
  entries: readonly ReportEntry[],
  files: ResultFiles,
  context: { root: string; log: (text: string) => void; env?: NodeJS.ProcessEnv; deps?: TrackingClientDeps },
): Promise<MlflowExportResult | undefined> {
  const settings = resolveMlflowSettings(option, context.env ?? process.env)
  if (!settings) return undefined
  const uriProblem = trackingUriProblem(settings.trackingUri)
  if (uriProblem !== undefined) {
    sayExportProblems([uriProblem], settings.failOnError, context.log)
    return undefined
  }
  const commit = tryGitSync(['rev-parse', 'HEAD'], context.root)
  const branch = tryGitSync(['rev-parse', '--abbrev-ref', 'HEAD'], context.root)
  const result = await exportRunsToMlflow(entries, files, settings, { commit, branch: branch === 'HEAD' ? undefined : branch, evalgateVersion: evalgateVersion() }, context.deps)
  const complete = result.runs.filter((run) => run.complete).length
  const partial = result.runs.length - complete
  if (result.runs.length > 0) {
    // A run created whose metrics or artifacts then failed is not "logged": say how many only in part.
    context.log(`evalgate: MLflow: ${complete} run(s) logged to experiment "${settings.experimentName}" (id ${result.experimentId})${partial > 0 ? `, ${partial} only in part (see below)` : ''}`)
  }
  if (result.errors.length > 0) sayExportProblems(result.errors, settings.failOnError, context.log)
  return result
}

/** Logs what went wrong as a warning, or, with `failOnError`, fails the run and throws it. */
function sayExportProblems(lines: readonly string[], failOnError: boolean, log: (text: string) => void): void {
  const text = `evalgate: MLflow export ${failOnError ? 'failed' : 'warning (test outcome unchanged)'}:\n${lines.map((line) => `  ${line}`).join('\n')}`
  if (failOnError) {
    process.exitCode = 1
    throw new MlflowExportError(text)
  }
  log(text)
}
