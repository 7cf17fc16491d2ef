import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const PROJECT = fileURLToPath(new URL('../fixtures/reporter/project', import.meta.url))
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs')

/** Runs Vitest on the fixture project in a child process, the reporter writing to `out` (async: independent runs overlap). */
function vitest(args: string[], out: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; output: string; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, EVALGATE_OUT: out, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1', ...extraEnv }
  delete env.GITHUB_STEP_SUMMARY
  delete env.VITEST
  delete env.VITEST_POOL_ID
  delete env.VITEST_WORKER_ID
  delete env.NODE_ENV
  const child = spawn(process.execPath, [VITEST, 'run', '--root', PROJECT, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (status) => done({ status, output: `${stdout}\n${stderr}`, stdout, stderr }))
  })
}

/** Every file under a folder, by relative path, with run-dependent values normalised. */
function snapshotFolder(root: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(root, path).split('\\').join('/'), normalise(readFileSync(path).toString('base64'), name))
    }
  }
  walk(root)
  return files
}

function normalise(base64: string, name: string): string {
  if (!/\.(html|xml|md|json|csv|svg|txt)$/.test(name)) return base64
  return Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/<time>[^<]*<\/time>/g, '<time>T</time>')
    .replace(/\btime="[\d.]+"/g, 'time="0"')
    .replace(/"generatedAt":"[^"]*"/g, '"generatedAt":"T"')
}

describe('real Vitest runs of the fixture project', () => {
  const work = mkdtempSync(join(tmpdir(), 'evalgate-vitest-runs-'))
  let normal: { status: number | null; output: string }
  let merged: { status: number | null; output: string }
  let withOthers: { status: number | null; output: string; stdout: string; stderr: string }
  let failedNormal: { status: number | null; output: string }
  let failedMerged: { status: number | null; output: string }

  beforeAll(async () => {
    // the unsharded run and the two shards are independent: all three at once, then the merge
    const shardRuns = ['1/2', '2/2'].map((shard) => vitest([`--shard=${shard}`, '--reporter=blob', `--outputFile=${join(work, 'blobs', `blob-${shard.replace('/', '-')}.json`)}`], join(work, `shard-${shard.replace('/', '-')}`)))
    const othersRun = vitest([], join(work, 'others'), { EVALGATE_FIXTURE_OTHERS: '1' })
    const failed = { EVALGATE_FIXTURE_FAILED: '1' }
    const failedShards = ['1/2', '2/2'].map((shard) => vitest([`--shard=${shard}`, '--reporter=blob', `--outputFile=${join(work, 'failed-blobs', `blob-${shard.replace('/', '-')}.json`)}`], join(work, 'failed-shard'), failed))
    const failedRun = vitest([], join(work, 'failed'), failed)
    normal = await vitest([], join(work, 'normal'))
    for (const result of await Promise.all(shardRuns)) expect(result.status, result.output).toBe(0)
    withOthers = await othersRun
    merged = await vitest([`--merge-reports=${join(work, 'blobs')}`], join(work, 'merged'))
    failedNormal = await failedRun
    await Promise.all(failedShards)
    failedMerged = await vitest([`--merge-reports=${join(work, 'failed-blobs')}`], join(work, 'failed-merged'), failed)
  }, 600_000)

  test('a normal run writes the results folder, HTML, JUnit and summary, and prints the table', () => {
    expect(normal.status, normal.output).toBe(0)
    const files = snapshotFolder(join(work, 'normal'))
    expect([...files.keys()].filter((f) => !f.includes('/'))).toEqual(['.evalgate-results', 'history.json', 'index.html', 'junit.xml', 'summary.md'])
    expect([...new Set([...files.keys()].filter((f) => f.includes('/')).map((f) => f.split('/')[0]))]).toEqual([
      'churn.eval__binary_churn_model',
      'intents.eval__25_intents',
      'prices.eval__house_price_regressor',
      'sentiment.eval__sentiment_classifies_feedback',
    ])
    expect(files.get('sentiment.eval__sentiment_classifies_feedback/misclassified.csv')).toContain(`"'=HYPERLINK(`)
    expect(normal.output).toMatch(/FAIL +sentiment > classifies feedback +accuracy_score=0\.\d+ f1_score=/)
    expect(normal.output).toContain(`report: ${join(work, 'normal', 'index.html')}`)
    // The JUnit file has a suite per test file, a case per test plus one per gate.
    const junit = files.get('junit.xml') ?? ''
    expect(junit.match(/<testsuite /g)).toHaveLength(4)
    expect(junit.match(/<testcase /g)).toHaveLength(5 + 3 + 2 + 1 + 1)
  })

  test('shards merged with --merge-reports give the same folder as the unsharded run', () => {
    expect(merged.status, merged.output).toBe(0)
    // The shards only wrote blobs (`--reporter=blob` replaces the configured reporters).
    expect(readdirSync(join(work, 'blobs')).sort()).toEqual(['blob-1-2.json', 'blob-2-2.json'])
    expect(readdirSync(work).filter((f) => f.startsWith('shard-'))).toEqual([])
    const a = snapshotFolder(join(work, 'normal'))
    const b = snapshotFolder(join(work, 'merged'))
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [path, content] of a) expect(b.get(path), path).toBe(content)
  })

  test('a test that failed without evaluating is in summary.md, index.html and the table, also after --merge-reports of shards', () => {
    expect(failedNormal.status, failedNormal.output).toBe(1)
    expect(failedNormal.output).toContain('failed/failed.eval.ts > fail mode: model endpoint answered HTTP 400 Bad Request for rows 0-31')
    const summary = readFileSync(join(work, 'failed', 'summary.md'), 'utf8')
    expect(summary).toMatch(/^❌ 1 test failed without evaluating a model · ❌ 2 runs failed/m)
    expect(summary).toContain('- **fail mode** (failed/failed.eval.ts): model endpoint answered HTTP 400 Bad Request for rows 0-31')
    expect(summary).toContain('| ❌ | evaluates, then throws<br>Error: boom |')
    expect(readFileSync(join(work, 'failed', 'index.html'), 'utf8')).toContain('Tests that failed without evaluating a model (1)')
    expect(failedMerged.status, failedMerged.output).toBe(1)
    const a = snapshotFolder(join(work, 'failed'))
    const b = snapshotFolder(join(work, 'failed-merged'))
    for (const file of ['summary.md', 'index.html', 'junit.xml']) expect(b.get(file), file).toBe(a.get(file))
  })

  test("beside other reporters: stdout stays Vitest's JSON, its junit.xml is kept, an error outside any test is reported", () => {
    // The timer's error fails the run (Vitest: "Errors 1 error"); evalgate's reports say so.
    expect(withOthers.status, withOthers.output).toBe(1)
    // Vitest's junit reporter adds its own line ("JUNIT report written to ..."); evalgate adds none.
    const [document, ...rest] = withOthers.stdout.trimEnd().split('\n')
    expect((JSON.parse(document) as { numTotalTests: number }).numTotalTests).toBe(6)
    expect(rest).toEqual([`JUNIT report written to ${join(work, 'others', 'junit.xml')}`])
    expect(withOthers.stderr).toContain('binary churn model')
    expect(withOthers.stderr).toMatch(/evalgate reporter: .*junit\.xml is written by Vitest's junit reporter, outputFile .*so evalgate's junit\.xml is not written there/)
    const out = join(work, 'others')
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8')
    expect(junit).toContain('<testsuites name="vitest tests"')
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/### ❌ Failed outside any test \(1\)\n\n- \*\*late\/late\.eval\.ts\*\*: Uncaught Exception: Error: late boom/)
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('late boom')
  })
})
