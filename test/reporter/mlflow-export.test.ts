/**
 * The MLflow export against a loopback tracking server (node:http on 127.0.0.1) that implements
 * the endpoints used and checks every request field by field against MLflow's service.proto
 * (GetExperimentByName, CreateExperiment, CreateRun, LogBatch, UpdateRun, Metric, Param, RunTag,
 * RunStatus) and the proxied artifact API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import type { ReportEntry } from '../../src/reporter/evaluated-test.js'
import { exportRunsToMlflow } from '../../src/reporter/mlflow/export-runs.js'
import { capKey, mlflowName } from '../../src/reporter/mlflow/mlflow-names.js'
import { runParams } from '../../src/reporter/mlflow/run-payload.js'
import { resolveMlflowSettings, splitUserInfo, type MlflowSettings } from '../../src/reporter/mlflow/mlflow-options.js'
import { exportReportToMlflow, MlflowExportError } from '../../src/reporter/mlflow/reporter-hook.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import type { ResultFiles } from '../../src/reporter/results-folder.js'
import { fixtureReportedTests } from './report-fixture-tests.js'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { evalgateVersion } from '../../src/reporter/mlflow/export-runs.js'
import { fakeTestModules, fakeVitest } from '../history/fake-vitest.js'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// ---- the loopback tracking server ------------------------------------------------------------

const NAME = /^[A-Za-z0-9_\-. /]{1,250}$/
const STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']

interface StoredRun {
  runId: string
  experimentId: string
  runName: string
  startTime: number
  tags: Record<string, string>
  params: Record<string, string>
  metrics: Array<{ key: string; value: number; timestamp: number; step: number }>
  metricBatches: number[]
  status: string
  endTime?: number
}

class TrackingServer {
  readonly server: Server
  readonly experiments = new Map<string, string>()
  readonly runs = new Map<string, StoredRun>()
  readonly artifacts = new Map<string, { body: Buffer; contentType: string | undefined }>()
  readonly violations: string[] = []
  readonly authorizations = new Set<string>()
  readonly attempts = new Map<string, number>()
  /** Endpoint -> statuses to answer before serving it (e.g. [503, 503]). */
  readonly failures = new Map<string, Array<{ status: number; headers?: Record<string, string>; body?: string }>>()

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res))
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.headers.authorization) this.authorizations.add(req.headers.authorization)
    const endpoint = url.pathname.startsWith('/api/2.0/mlflow-artifacts/artifacts/') ? 'artifacts' : url.pathname.replace('/api/2.0/mlflow/', '')
    this.attempts.set(endpoint, (this.attempts.get(endpoint) ?? 0) + 1)
    const failure = this.failures.get(endpoint)?.shift()
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers })
      res.end(failure.body ?? JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'try again' }))
      return
    }
    const send = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    const invalid = (message: string): void => {
      this.violations.push(`${req.method} ${endpoint}: ${message}`)
      send(400, { error_code: 'INVALID_PARAMETER_VALUE', message })
    }
    try {
      if (endpoint === 'artifacts') {
        if (req.method !== 'PUT') return invalid(`method ${req.method}`)
        const path = decodeURIComponent(url.pathname.slice('/api/2.0/mlflow-artifacts/artifacts/'.length))
        if (!/^\d+\/[0-9a-f]{32}\/artifacts\/[^/]+/.test(path)) return invalid(`artifact path ${path}`)
        this.artifacts.set(path, { body, contentType: req.headers['content-type'] })
        return send(200, {})
      }
      if (req.method === 'GET') {
        if (endpoint !== 'experiments/get-by-name') return invalid(`unknown GET ${endpoint}`)
        const fields = [...url.searchParams.keys()]
        if (fields.join() !== 'experiment_name') return invalid(`query fields ${fields.join()}`)
        const name = url.searchParams.get('experiment_name')!
        const id = this.experiments.get(name)
        if (!id) return send(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Could not find experiment with name '${name}'` })
        return send(200, { experiment: { experiment_id: id, name, lifecycle_stage: 'active', artifact_location: `mlflow-artifacts:/${id}` } })
      }
      if (req.method !== 'POST') return invalid(`method ${req.method}`)
      if (req.headers['content-type'] !== 'application/json') return invalid(`content-type ${req.headers['content-type']}`)
      const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>
      const only = (allowed: string[]): boolean => {
        const extra = Object.keys(json).filter((key) => !allowed.includes(key))
        if (extra.length > 0) invalid(`fields not in the proto message: ${extra.join(', ')}`)
        return extra.length === 0
      }
      const keyValues = (value: unknown, what: string, max: number, maxValue: number): Array<{ key: string; value: string }> | undefined => {
        if (!Array.isArray(value) || value.length > max) return void invalid(`${what}: not an array of at most ${max}`)
        for (const item of value as Array<Record<string, unknown>>) {
          if (Object.keys(item).sort().join() !== 'key,value') return void invalid(`${what}: fields ${Object.keys(item).join()}`)
          if (typeof item.key !== 'string' || typeof item.value !== 'string' || item.value.length > maxValue) return void invalid(`${what}: key/value types or length`)
          if (what === 'params' && !NAME.test(item.key)) return void invalid(`param name ${item.key}`)
        }
        return value as Array<{ key: string; value: string }>
      }
      switch (endpoint) {
        case 'experiments/create': {
          if (!only(['name', 'artifact_location', 'tags'])) return
          if (typeof json.name !== 'string' || json.name === '') return invalid('name')
          if (this.experiments.has(json.name)) return send(400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'exists' })
          const id = String(this.experiments.size + 1)
          this.experiments.set(json.name, id)
          return send(200, { experiment_id: id })
        }
        case 'runs/create': {
          if (!only(['experiment_id', 'user_id', 'run_name', 'start_time', 'tags'])) return
          if (typeof json.experiment_id !== 'string' || ![...this.experiments.values()].includes(json.experiment_id)) return invalid('experiment_id')
          if (typeof json.run_name !== 'string') return invalid('run_name')
          if (!Number.isInteger(json.start_time)) return invalid('start_time is not an int64')
          const tags = keyValues(json.tags, 'tags', 100, 5000)
          if (!tags) return
          const runId = (this.runs.size + 1).toString(16).padStart(32, '0')
          this.runs.set(runId, { runId, experimentId: json.experiment_id, runName: json.run_name, startTime: json.start_time as number, tags: Object.fromEntries(tags.map((t) => [t.key, t.value])), params: {}, metrics: [], metricBatches: [], status: 'RUNNING' })
          const artifactUri = `mlflow-artifacts:/${json.experiment_id}/${runId}/artifacts`
          return send(200, { run: { info: { run_id: runId, run_uuid: runId, experiment_id: json.experiment_id, run_name: json.run_name, status: 'RUNNING', start_time: json.start_time, artifact_uri: artifactUri, lifecycle_stage: 'active' }, data: { tags } } })
        }
        case 'runs/log-batch': {
          if (!only(['run_id', 'metrics', 'params', 'tags'])) return
          const run = this.runs.get(json.run_id as string)
          if (!run) return invalid('run_id')
          if (json.params !== undefined) {
            const params = keyValues(json.params, 'params', 100, 6000)
            if (!params) return
            for (const p of params) {
              if (p.key in run.params) return invalid(`param ${p.key} logged twice`)
              run.params[p.key] = p.value
            }
          }
          if (json.tags !== undefined && !keyValues(json.tags, 'tags', 100, 5000)) return
          if (json.metrics !== undefined) {
            const metrics = json.metrics as Array<Record<string, unknown>>
            if (!Array.isArray(metrics) || metrics.length > 1000) return invalid('metrics: more than 1000')
            for (const m of metrics) {
              if (Object.keys(m).sort().join() !== 'key,step,timestamp,value') return invalid(`metric fields ${Object.keys(m).join()}`)
              if (typeof m.key !== 'string' || !NAME.test(m.key)) return invalid(`metric name ${String(m.key)}`)
              if (typeof m.value !== 'number' || !Number.isInteger(m.timestamp) || !Number.isInteger(m.step)) return invalid(`metric ${m.key} types`)
              run.metrics.push(m as StoredRun['metrics'][number])
            }
            run.metricBatches.push(metrics.length)
          }
          return send(200, {})
        }
        case 'runs/update': {
          if (!only(['run_id', 'run_uuid', 'status', 'end_time', 'run_name'])) return
          const run = this.runs.get(json.run_id as string)
          if (!run) return invalid('run_id')
          if (!STATUSES.includes(json.status as string)) return invalid(`status ${String(json.status)}`)
          if (!Number.isInteger(json.end_time)) return invalid('end_time is not an int64')
          run.status = json.status as string
          run.endTime = json.end_time as number
          return send(200, { run_info: { run_id: run.runId, status: run.status } })
        }
        default:
          return invalid(`unknown endpoint ${endpoint}`)
      }
    } catch (error) {
      return invalid(`unreadable request: ${String(error)}`)
    }
  }
}

// ---- fixtures ------------------------------------------------------------------------------

const servers: TrackingServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function startServer(): Promise<{ server: TrackingServer; uri: string }> {
  const server = new TrackingServer()
  servers.push(server)
  return { server, uri: await server.listen() }
}

/** The fixture's report content, built once for the file (plots and tables are the costly part). */
let built: Promise<{ entries: ReportEntry[]; files: ResultFiles }> | undefined

/** A fresh copy of the fixture's report content for each call, so no test sees what another changed. */
async function report(): Promise<{ entries: ReportEntry[]; files: ResultFiles }> {
  built ??= buildReportContent(fixtureReportedTests(), { html: false, summary: false, junitInFolder: false, maxMisclassifiedRows: 20, maxCurveClasses: 10 }).then((content) => ({ entries: content.entries, files: content.files }))
  const { entries, files } = await built
  return { entries: structuredClone(entries), files: new Map([...files].map(([path, content]) => [path, typeof content === 'string' ? content : Buffer.from(content)])) }
}

function settings(uri: string, extra: Partial<MlflowSettings> = {}): MlflowSettings {
  return { ...resolveMlflowSettings({ trackingUri: uri, experimentName: 'evalgate-tests' }, {})!, ...extra }
}

const noSleep = { sleep: async () => {}, random: () => 0.5 }

// ---- tests ---------------------------------------------------------------------------------

describe('MLflow export to a tracking server', () => {
  test('each evaluated test arrives as a run with its tags, params, metrics, slices, artifacts and final status', async () => {
    const { server, uri } = await startServer()
    const { entries, files } = await report()
    const result = await exportRunsToMlflow(entries, files, settings(uri), { commit: 'a'.repeat(40), branch: 'main', evalgateVersion: '0.1.0' }, { ...noSleep, now: () => 1_700_000_000_000 })
    expect(server.violations).toEqual([])
    expect(result.errors).toEqual([])
    expect(server.experiments.get('evalgate-tests')).toBe('1')
    expect(result.experimentId).toBe('1')
    expect(server.runs.size).toBe(entries.length)
    expect(entries.length).toBeGreaterThanOrEqual(4)

    const runs = [...server.runs.values()]
    entries.forEach((entry, i) => {
      const run = runs[i]!
      expect(run.runName).toBe(entry.title)
      expect(run.tags).toMatchObject({
        'mlflow.runName': entry.title,
        'mlflow.source.git.commit': 'a'.repeat(40),
        'mlflow.source.git.branch': 'main',
        'evalgate.version': '0.1.0',
        'evalgate.test.file': entry.test.file,
        'evalgate.test.name': entry.test.fullName,
        'evalgate.dataset.fingerprint': entry.run.dataset.fingerprint,
      })
      expect(run.params.model_type).toBe(entry.run.modelType)
      if (entry.run.labels) expect(JSON.parse(run.params.labels!)).toEqual(entry.run.labels)
      const logged = Object.fromEntries(run.metrics.map((m) => [m.key, m.value]))
      for (const [name, value] of Object.entries(entry.run.metrics)) if (Number.isFinite(value)) expect(logged[mlflowName(name)]).toBe(value)
      for (const [name, interval] of Object.entries(entry.run.intervals)) {
        expect(logged[`${mlflowName(name)}_ci_lower`]).toBe(interval.lower)
        expect(logged[`${mlflowName(name)}_ci_upper`]).toBe(interval.upper)
      }
      for (const slice of Object.values(entry.run.slices)) {
        for (const [name, value] of Object.entries(slice.metrics)) if (Number.isFinite(value)) expect(logged[`slice/${mlflowName(slice.key)}/${name}`]).toBe(value)
      }
      expect(run.metrics.every((m) => m.timestamp === 1_700_000_000_000 && m.step === 0)).toBe(true)
      expect(run.status).toBe(entry.test.state === 'failed' ? 'FAILED' : 'FINISHED')
      // Every file of the entry's results folder, run.json among them, byte for byte.
      const own = [...files].filter(([path]) => path.startsWith(`${entry.folderName}/`))
      expect(own.length).toBeGreaterThan(1)
      for (const [path, content] of own) {
        const stored = server.artifacts.get(`1/${run.runId}/artifacts/${path.slice(entry.folderName.length + 1)}`)
        expect(stored, path).toBeDefined()
        expect(stored!.body.equals(Buffer.from(content))).toBe(true)
      }
      const runJson = JSON.parse(server.artifacts.get(`1/${run.runId}/artifacts/run.json`)!.body.toString('utf8')) as { run: { metrics: unknown } }
      expect(runJson.run.metrics).toEqual(entry.run.metrics)
    })
    // The fixture's failed test is FAILED in MLflow, the passing ones FINISHED.
    expect(runs.map((r) => r.status)).toContain('FAILED')
    expect(runs.map((r) => r.status)).toContain('FINISHED')
    // A slice key's `=` is escaped into a name MLflow accepts.
    expect(runs.flatMap((r) => r.metrics.map((m) => m.key))).toContain('slice/category_3Dtechnical_support/f1_score')
  })

  test('metrics go in batches of at most 1000 and the experiment is reused, not created twice', async () => {
    const { server, uri } = await startServer()
    const { entries, files } = await report()
    const entry = structuredClone(entries[0]!)
    for (let i = 0; i < 700; i++) entry.run.slices[`shard=${i}`] = { key: `shard=${i}`, columns: ['shard'], values: [String(i)], exampleCount: 10 + i, metrics: { accuracy_score: i / 1000 }, intervals: {}, notes: [] }
    await exportRunsToMlflow([entries[1]!], files, settings(uri), { evalgateVersion: 'x' }, noSleep)
    const result = await exportRunsToMlflow([entry], files, settings(uri), { evalgateVersion: 'x' }, noSleep)
    expect(server.violations).toEqual([])
    expect(result.errors).toEqual([])
    expect(server.experiments.size).toBe(1)
    expect(server.attempts.get('experiments/create')).toBe(1)
    const run = [...server.runs.values()][1]!
    expect(run.metricBatches.length).toBeGreaterThanOrEqual(2)
    expect(Math.max(...run.metricBatches)).toBe(1000)
    expect(run.metrics.find((m) => m.key === 'slice/shard_3D699/accuracy_score')?.value).toBe(0.699)
    expect(run.metrics.find((m) => m.key === 'slice/shard_3D699/example_count')?.value).toBe(709)
  })

  test('retries 503 and 429 (Retry-After honoured) and then succeeds', async () => {
    const { server, uri } = await startServer()
    server.failures.set('runs/create', [{ status: 503 }, { status: 502 }])
    server.failures.set('runs/log-batch', [{ status: 429, headers: { 'retry-after': '2' } }])
    const waits: number[] = []
    const { entries, files } = await report()
    const result = await exportRunsToMlflow([entries[1]!], files, settings(uri), { evalgateVersion: 'x' }, { sleep: async (ms) => void waits.push(ms), random: () => 0.5 })
    expect(result.errors).toEqual([])
    expect(server.violations).toEqual([])
    expect(server.runs.size).toBe(1)
    expect(server.attempts.get('runs/create')).toBe(3)
    // Full jitter with random 0.5: 0.5 * 500, 0.5 * 1000; then Retry-After: 2 s.
    expect(waits).toEqual([250, 500, 2000])
    expect([...server.runs.values()][0]!.status).toBe('FINISHED')
  })

  test('a 5xx that outlasts the retries is reported, redacted, and the run is marked FAILED', async () => {
    const { server, uri } = await startServer()
    server.failures.set('artifacts', Array.from({ length: 20 }, () => ({ status: 500, body: 'boom' })))
    const { entries, files } = await report()
    const result = await exportRunsToMlflow([entries[1]!], files, settings(uri, { maxRetries: 1 }), { evalgateVersion: 'x' }, noSleep)
    expect(result.errors.length).toBeGreaterThan(0)
    expect(result.errors[0]).toMatch(/PUT artifact .*HTTP 500 after 2 attempt\(s\)/)
    expect([...server.runs.values()][0]!.status).toBe('FAILED')
    expect(result.runs.map((run) => run.complete)).toEqual([false])
  })

  test('a run whose metrics were refused is not counted as logged (was "1 run(s) logged" before the failure)', async () => {
    const { server, uri } = await startServer()
    server.failures.set('runs/log-batch', Array.from({ length: 5 }, () => ({ status: 400, body: '{"error_code":"INVALID_PARAMETER_VALUE","message":"bad"}' })))
    const { entries, files } = await report()
    const lines: string[] = []
    await exportReportToMlflow({ trackingUri: uri, maxRetries: 0 }, [entries[1]!], files, { root: process.cwd(), log: (t) => lines.push(t), env: {}, deps: noSleep })
    expect(lines[0]).toContain('evalgate: MLflow: 0 run(s) logged to experiment "evalgate"')
    expect(lines[0]).toContain(', 1 only in part (see below)')
    expect(lines[1]).toContain('MLflow export warning (test outcome unchanged)')
  })
})

describe('when the tracking server is down or asks for credentials', () => {
  const TOKEN = 'mlflow-secret-token-8f3a9c'
  const PASSWORD = 'hunter2-very-secret'

  test('warns and leaves the test outcome alone (no throw, exit code untouched)', async () => {
    const { uri } = await startServer()
    await servers.pop()!.close() // nothing listens on the port any more
    const { entries, files } = await report()
    const lines: string[] = []
    const exitCode = process.exitCode
    const result = await exportReportToMlflow({ trackingUri: uri, maxRetries: 2 }, entries, files, { root: process.cwd(), log: (t) => lines.push(t), env: { MLFLOW_TRACKING_TOKEN: TOKEN }, deps: noSleep })
    expect(process.exitCode).toBe(exitCode)
    expect(result!.runs).toEqual([])
    expect(lines.join('\n')).toMatch(/MLflow export warning \(test outcome unchanged\)[\s\S]*did not answer after 3 attempt\(s\)/)
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  test('failOnError turns the same failure into an error and exit code 1', async () => {
    const { uri } = await startServer()
    await servers.pop()!.close()
    const { entries, files } = await report()
    const saved = process.exitCode
    try {
      const error = await exportReportToMlflow({ trackingUri: uri, maxRetries: 0, failOnError: true }, entries, files, { root: process.cwd(), log: () => {}, env: {}, deps: noSleep }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MlflowExportError)
      expect(process.exitCode).toBe(1)
    } finally {
      process.exitCode = saved
    }
  })

  test('a file store, databricks, another scheme or a URI with a query is named at once, nothing sent or retried; credentials in it are not shown (adversarial pass 56)', async () => {
    const { entries, files } = await report()
    const said = async (trackingUri: string): Promise<string> => {
      const lines: string[] = []
      const result = await exportReportToMlflow({ trackingUri, maxRetries: 3 }, entries, files, { root: process.cwd(), log: (t) => lines.push(t), env: {}, deps: { ...noSleep, fetch: () => Promise.reject(new Error('nothing may be sent')) } })
      expect(result).toBeUndefined()
      return lines.join('\n')
    }
    expect(await said('file:./mlruns')).toMatch(/MLflow export warning \(test outcome unchanged\):\n {2}the tracking URI "file:\.\/mlruns" is a file store, which evalgate cannot log to .*e\.g\. http:\/\/127\.0\.0\.1:5000$/)
    expect(await said('./mlruns')).toContain('the tracking URI (not shown) does not parse as a URL (a local path is a file store')
    expect(await said('databricks')).toContain("the tracking URI is Databricks' tracking")
    expect(await said(`databricks://user:${PASSWORD}@host`)).toContain("the tracking URI is Databricks' tracking")
    expect(await said('sqlite:///mlflow.db')).toContain('has the scheme sqlite, which evalgate cannot log to')
    // a scheme-less address, an empty query, a password with @ or an unencoded / (adversarial pass 58)
    expect(await said('localhost:5000')).toContain('the tracking URI (not shown) has no http:// or https:// before the server\'s address')
    // user info without a scheme, a slash too few, a backslash: nothing of the password is shown (adversarial pass 59)
    for (const uri of [`user:${PASSWORD}@127.0.0.1:5078`, `databricks://user:${PASSWORD}@host`, `ftp://user:${PASSWORD}@host/x`]) expect(await said(uri), uri).not.toContain(PASSWORD)
    expect(await said('http://127.0.0.1:5000/?')).toContain('has a query or fragment')
    const at = await said(`http://user:p@${PASSWORD}@127.0.0.1:5000/?x=1`)
    expect(at).toContain('the tracking URI "http://127.0.0.1:5000/" has a query or fragment')
    expect(at).not.toContain(PASSWORD)
    const slash = await said(`http://user:pa/${PASSWORD}@host:5000`)
    expect(slash).toContain('the tracking URI (not shown) does not parse as a URL')
    expect(slash).not.toContain(PASSWORD)
    expect(await said(`postgresql://user:p@${PASSWORD}@db/mlflow`)).not.toContain(PASSWORD)
    // the user info as the URL parser reads it (what fetch would call): all of it goes into the Basic header (adversarial passes 58-59)
    expect(splitUserInfo(`http://user:p@${PASSWORD}@127.0.0.1:5000/x`)).toEqual({ userInfo: `user:p@${PASSWORD}`, withoutUserInfo: 'http://127.0.0.1:5000/x' })
    expect(splitUserInfo('http://127.0.0.1:5000/a@b')).toEqual({ withoutUserInfo: 'http://127.0.0.1:5000/a@b' })
    expect(splitUserInfo(`http:/user:${PASSWORD}@127.0.0.1:5000`)).toEqual({ userInfo: `user:${PASSWORD}`, withoutUserInfo: 'http://127.0.0.1:5000' })
    expect(splitUserInfo(`http://user:${PASSWORD}@127.0.0.1:9\\p@x`)).toEqual({ userInfo: `user:${PASSWORD}`, withoutUserInfo: 'http://127.0.0.1:9/p@x' })
    expect(splitUserInfo(`http://user:50%${PASSWORD}@127.0.0.1:5078`)).toEqual({ userInfo: `user:50%${PASSWORD}`, withoutUserInfo: 'http://127.0.0.1:5078' })
    expect(splitUserInfo('http://user:p%40ss@127.0.0.1:5078')).toEqual({ userInfo: 'user:p@ss', withoutUserInfo: 'http://127.0.0.1:5078' })
    const query = await said(`http://user:${PASSWORD}@127.0.0.1:5000/?token=${TOKEN}`)
    expect(query).toContain('the tracking URI "http://127.0.0.1:5000/" has a query or fragment')
    expect(query).not.toContain(PASSWORD)
    expect(query).not.toContain(TOKEN)
    const saved = process.exitCode
    try {
      const error = await exportReportToMlflow({ trackingUri: 'file:./mlruns', failOnError: true }, entries, files, { root: process.cwd(), log: () => {}, env: {}, deps: noSleep }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MlflowExportError)
      expect(process.exitCode).toBe(1)
    } finally {
      process.exitCode = saved
    }
  })

  test('the token is sent as Bearer and basic auth as Basic, and neither appears in any message', async () => {
    const { server, uri } = await startServer()
    const { entries, files } = await report()
    const lines: string[] = []
    await exportReportToMlflow(undefined, [entries[1]!], files, { root: process.cwd(), log: (t) => lines.push(t), env: { EVALGATE_MLFLOW: '1', MLFLOW_TRACKING_URI: uri, MLFLOW_TRACKING_TOKEN: TOKEN, MLFLOW_EXPERIMENT_NAME: 'from-env' }, deps: noSleep })
    expect(server.authorizations).toEqual(new Set([`Bearer ${TOKEN}`]))
    expect(server.experiments.has('from-env')).toBe(true)
    expect(lines.join('\n')).toContain('1 run(s) logged to experiment "from-env"')

    // A server that echoes the credentials in its error bodies: still nothing leaks.
    server.authorizations.clear()
    server.failures.set('experiments/get-by-name', [{ status: 401, body: JSON.stringify({ error_code: 'UNAUTHENTICATED', message: `bad credentials Basic ${Buffer.from(`ada:${PASSWORD}`).toString('base64')} for ada:${PASSWORD}` }) }])
    const warned: string[] = []
    await exportReportToMlflow(true, [entries[1]!], files, { root: process.cwd(), log: (t) => warned.push(t), env: { MLFLOW_TRACKING_URI: uri, MLFLOW_TRACKING_USERNAME: 'ada', MLFLOW_TRACKING_PASSWORD: PASSWORD }, deps: noSleep })
    expect(server.authorizations).toEqual(new Set([`Basic ${Buffer.from(`ada:${PASSWORD}`).toString('base64')}`]))
    const text = warned.join('\n')
    expect(text).toMatch(/HTTP 401 UNAUTHENTICATED.*MLFLOW_TRACKING_USERNAME/)
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(Buffer.from(`ada:${PASSWORD}`).toString('base64'))
  })

  test('credentials in the tracking URI go into a Basic header, never into the URL or a message', async () => {
    const live = await startServer()
    live.server.failures.set('experiments/get-by-name', [{ status: 403, body: JSON.stringify({ error_code: 'PERMISSION_DENIED', message: `user ada with password ${PASSWORD} may not read` }) }])
    const echoed: string[] = []
    const report1 = await report()
    await exportReportToMlflow({ trackingUri: live.uri.replace('http://', `http://ada:${PASSWORD}@`) }, report1.entries, report1.files, { root: process.cwd(), log: (t) => echoed.push(t), env: {}, deps: noSleep })
    expect(live.server.authorizations).toEqual(new Set([`Basic ${Buffer.from(`ada:${PASSWORD}`).toString('base64')}`]))
    expect(echoed.join('\n')).toMatch(/HTTP 403 PERMISSION_DENIED: user ada with password \[redacted\]/)

    const { server, uri } = await startServer()
    await servers.pop()!.close()
    const withUser = uri.replace('http://', `http://ada:${PASSWORD}@`)
    const lines: string[] = []
    const { entries, files } = await report()
    await exportReportToMlflow({ trackingUri: withUser, maxRetries: 0 }, entries, files, { root: process.cwd(), log: (t) => lines.push(t), env: {}, deps: noSleep })
    expect(lines.join('\n')).toContain('did not answer')
    expect(lines.join('\n')).not.toContain(PASSWORD)
    expect(server.violations).toEqual([])
  })

  test("params carry the options that define a type's metrics: a summarizer's stemmer, a retriever's k (review 61: runs with and without the stemmer logged the same params)", () => {
    const run = fixtureReportedTests()[0].meta!.runs[0]
    const withOptions = (metricOptions: Record<string, boolean | number>) => ({ run: { ...run, metricOptions } }) as unknown as ReportEntry
    expect(runParams(withOptions({ stemmer: true }))).toContainEqual({ key: 'stemmer', value: 'true' })
    expect(runParams(withOptions({ k: 5 }))).toContainEqual({ key: 'k', value: '5' })
    expect(runParams(withOptions({})).map((param) => param.key)).not.toContain('stemmer')
  })

  test('names: escaped to what MLflow accepts, long keys cut to 250 characters and kept distinct', () => {
    expect(mlflowName('category=billing&region=EU')).toBe('category_3Dbilling_26region_3DEU')
    expect(mlflowName('été')).toBe('_C3_A9t_C3_A9')
    expect(mlflowName('../x')).toBe('._2E/x')
    const a = capKey(`slice/${'x'.repeat(300)}/a`)
    const b = capKey(`slice/${'x'.repeat(300)}/b`)
    expect(a).toHaveLength(250)
    expect(a).not.toBe(b)
    expect(capKey('accuracy_score')).toBe('accuracy_score')
  })

  test('the export is off unless asked for', () => {
    expect(resolveMlflowSettings(undefined, {})).toBeUndefined()
    expect(resolveMlflowSettings(false, { EVALGATE_MLFLOW: '1' })).toBeUndefined()
    expect(resolveMlflowSettings(undefined, { EVALGATE_MLFLOW: '1' })?.trackingUri).toBe('http://127.0.0.1:5000')
    expect(resolveMlflowSettings(true, { MLFLOW_TRACKING_URI: 'https://mlflow.example/', MLFLOW_EXPERIMENT_NAME: 'x' })).toMatchObject({ trackingUri: 'https://mlflow.example', experimentName: 'x', failOnError: false })
  })
})

describe('through the reporter', () => {
  test('the mlflow option logs every evaluated test, tagged with the package version', async () => {
    const { server, uri } = await startServer()
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-mlflow-reporter-'))
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'results', terminal: false, mlflow: { trackingUri: uri, experimentName: 'via-reporter' } })
    reporter.onInit(fakeVitest(lines, dir))
    await reporter.onTestRunEnd(fakeTestModules(fixtureReportedTests()))
    expect(server.violations).toEqual([])
    expect(server.runs.size).toBe(4)
    expect(lines.join('\n')).toContain('4 run(s) logged to experiment "via-reporter"')
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
    expect(evalgateVersion()).toBe(version)
    expect([...server.runs.values()].every((run) => run.tags['evalgate.version'] === version)).toBe(true)
  })

  test('with the server down the results folder is written, a warning logged, and the exit code left alone', async () => {
    const { uri } = await startServer()
    await servers.pop()!.close()
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-mlflow-reporter-'))
    const lines: string[] = []
    const exitCode = process.exitCode
    const reporter = new EvalgateReporter({ outputDir: 'results', terminal: false, mlflow: { trackingUri: uri, maxRetries: 0 } })
    reporter.onInit(fakeVitest(lines, dir))
    await reporter.onTestRunEnd(fakeTestModules(fixtureReportedTests()))
    expect(process.exitCode).toBe(exitCode)
    expect(existsSync(join(dir, 'results', 'index.html'))).toBe(true)
    expect(lines.join('\n')).toContain('MLflow export warning (test outcome unchanged)')
  })
})
