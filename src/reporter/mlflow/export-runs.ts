/**
 * Logs each evaluated run of the report as an MLflow run: experiment get-or-create, runs/create
 * with tags, params and metrics through runs/log-batch (at most 100 params or 1000 metrics per
 * call), the run's files from the results folder through the artifact API, then runs/update
 * with the final status (FINISHED, or FAILED when the test failed or an upload did).
 */
import { readFileSync } from 'node:fs'
import type { ReportEntry } from '../evaluated-test.js'
import type { ResultFiles } from '../results-folder.js'
import type { MlflowSettings } from './mlflow-options.js'
import { chunks, runMetrics, runName, runParams, runTags, type RunSource } from './run-payload.js'
import { MlflowRequestError, TrackingClient, type TrackingClientDeps } from './tracking-client.js'

/** MLflow's LogBatch limits (REST API reference). */
const MAX_METRICS_PER_BATCH = 1000
const MAX_PARAMS_PER_BATCH = 100
const MAX_TAGS_PER_BATCH = 100

/** The outcome of the export, for the reporter's log. */
export interface MlflowExportResult {
  experimentId: string | undefined
  /** Run ids by entry title. */
  runs: Array<{ title: string; runId: string; status: 'FINISHED' | 'FAILED'; /** Every request of the run succeeded (else an error names what failed). */ complete: boolean }>
  /** Redacted messages of every failure; empty when everything arrived. */
  errors: string[]
}

interface CreateRunResponse {
  run?: { info?: { run_id?: string; experiment_id?: string; artifact_uri?: string } }
}

/**
 * Exports `entries` to the tracking server in `settings`. Never throws: failures are returned
 * (redacted) in `errors`, so the caller decides between a warning and a failed run.
 */
export async function exportRunsToMlflow(
  entries: readonly ReportEntry[],
  files: ResultFiles,
  settings: MlflowSettings,
  source: RunSource,
  deps: TrackingClientDeps & { now?: () => number } = {},
): Promise<MlflowExportResult> {
  const client = new TrackingClient(settings, deps)
  const now = deps.now ?? Date.now
  const result: MlflowExportResult = { experimentId: undefined, runs: [], errors: [] }
  if (entries.length === 0) return result
  try {
    result.experimentId = await experimentId(client, settings.experimentName)
  } catch (error) {
    result.errors.push(messageOf(error, client))
    return result
  }
  for (const entry of entries) {
    let runId: string | undefined
    let failed = entry.test.state === 'failed'
    const errorsBefore = result.errors.length
    try {
      const started = now()
      const created = await client.call<CreateRunResponse>('POST', 'runs/create', {
        experiment_id: result.experimentId,
        run_name: runName(entry),
        start_time: started,
        tags: runTags(entry, source).slice(0, MAX_TAGS_PER_BATCH),
      })
      runId = created.run?.info?.run_id
      if (!runId) throw new MlflowRequestError(`runs/create answered without run.info.run_id for ${entry.title}`, 200, undefined)
      for (const params of chunks(runParams(entry), MAX_PARAMS_PER_BATCH)) await client.call('POST', 'runs/log-batch', { run_id: runId, params })
      for (const metrics of chunks(runMetrics(entry, started), MAX_METRICS_PER_BATCH)) await client.call('POST', 'runs/log-batch', { run_id: runId, metrics })
      if (settings.artifacts) {
        const root = artifactRoot(created.run?.info?.artifact_uri, result.experimentId, runId)
        if (root === undefined) {
          result.errors.push(client.redact(`${entry.title}: the run's artifact store (${created.run?.info?.artifact_uri}) is not served by the tracking server; start it with --serve-artifacts (the default) to receive the plots, CSVs and run.json`))
        } else {
          const prefix = `${entry.folderName}/`
          for (const [path, content] of files) {
            if (!path.startsWith(prefix)) continue
            const name = path.slice(prefix.length)
            try {
              await client.putArtifact(`${root}/${name}`, typeof content === 'string' ? content : new Uint8Array(content), contentTypeOf(name))
            } catch (error) {
              failed = true
              result.errors.push(`${entry.title}: ${messageOf(error, client)}`)
            }
          }
        }
      }
    } catch (error) {
      failed = true
      result.errors.push(`${entry.title}: ${messageOf(error, client)}`)
    }
    if (runId === undefined) continue
    const status = failed ? 'FAILED' : 'FINISHED'
    try {
      await client.call('POST', 'runs/update', { run_id: runId, status, end_time: now() })
    } catch (error) {
      result.errors.push(`${entry.title}: ${messageOf(error, client)}`)
    }
    result.runs.push({ title: entry.title, runId, status, complete: result.errors.length === errorsBefore })
  }
  return result
}

/** The id of the experiment named `name`, created when it does not exist. */
async function experimentId(client: TrackingClient, name: string): Promise<string> {
  const byName = async (): Promise<string | undefined> => {
    try {
      const answer = await client.call<{ experiment?: { experiment_id?: string; lifecycle_stage?: string } }>('GET', 'experiments/get-by-name', { experiment_name: name })
      if (answer.experiment?.lifecycle_stage === 'deleted') {
        throw new MlflowRequestError(`experiment "${name}" is deleted; restore it in the MLflow UI or set MLFLOW_EXPERIMENT_NAME to another name`, 200, undefined)
      }
      return answer.experiment?.experiment_id
    } catch (error) {
      if (error instanceof MlflowRequestError && (error.errorCode === 'RESOURCE_DOES_NOT_EXIST' || error.status === 404)) return undefined
      throw error
    }
  }
  const found = await byName()
  if (found) return found
  try {
    const created = await client.call<{ experiment_id?: string }>('POST', 'experiments/create', { name })
    if (created.experiment_id) return created.experiment_id
  } catch (error) {
    // Another shard created it between our two calls.
    if (!(error instanceof MlflowRequestError && error.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw error
  }
  const again = await byName()
  if (!again) throw new MlflowRequestError(`experiment "${name}" could be neither found nor created`, undefined, undefined)
  return again
}

/**
 * The run's path in the proxied artifact store: `mlflow-artifacts:/<exp>/<run>/artifacts` (or
 * `mlflow-artifacts://host/...`) without its scheme; undefined for a store the server does
 * not proxy (s3://, file://).
 */
export function artifactRoot(artifactUri: string | undefined, experimentId: string, runId: string): string | undefined {
  if (!artifactUri) return `${experimentId}/${runId}/artifacts`
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(artifactUri)
  return match ? match[1]!.replace(/\/+$/, '') : undefined
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.json')) return 'application/json'
  if (name.endsWith('.csv')) return 'text/csv'
  if (name.endsWith('.svg')) return 'image/svg+xml'
  if (name.endsWith('.html')) return 'text/html'
  if (name.endsWith('.png')) return 'image/png'
  return 'application/octet-stream'
}

function messageOf(error: unknown, client: TrackingClient): string {
  return client.redact(error instanceof Error ? error.message : String(error))
}

/** evalgate's version, read from its package.json (same relative path from src/ and dist/). */
export function evalgateVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
