/**
 * One `npm pack` + `npm install` of evalgate per test run, shared by every test that needs the
 * package as a user gets it (test/consumer/*.test.ts). The tarball is packed with
 * --ignore-scripts (its `prepare` would rebuild dist/ under the other tests; `npm test` builds
 * first, in `pretest`) and installed, with vitest, typescript, @types/node and sentiment, into
 * `node_modules/.cache/evalgate-packed/<hash>/`, where `<hash>` is the SHA-256 of the tarball and
 * of that dependency list: a rebuilt dist/ with the same bytes reuses the install, a changed one
 * installs afresh. The install is made in a private folder and renamed into place, so a
 * half-finished install is never used and two processes racing both end with a whole one.
 *
 * `sharedPackedInstall(run)` packs and installs at most once per test run: under a lock
 * (`.lock` in the cache folder, held by one process at a time, waited on by the others), the
 * first caller packs and installs and records the folder in `.run-<run>`; the callers after it
 * find the record and skip even the pack. The Vitest `globalSetup`
 * (test/consumer/global-setup.ts) starts that first call in the background, without blocking the
 * test files, and provides `run`; a consumer test file awaits the same call in its `beforeAll`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { childEnv } from '../vitest/fixture-project.js'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The folder packed: this repository, or a built copy named by EVALGATE_E2E_PACKAGE (see test/vitest/fixture-project.ts). */
const PACKAGE = process.env.EVALGATE_E2E_PACKAGE ? resolve(process.env.EVALGATE_E2E_PACKAGE) : REPO_ROOT
const CACHE = join(REPO_ROOT, 'node_modules/.cache/evalgate-packed')
/** Cached installs older than this are removed when a new one is made. */
const STALE_MS = 24 * 3600 * 1000

const repoPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
/** The version this repository pins for a dependency (the consumer installs the same). */
export const versionOf = (name: string): string => repoPackage.devDependencies[name] ?? repoPackage.dependencies[name]

/** What is installed beside the tarball. */
const DEPENDENCIES = ['vitest@4.1.12', `typescript@${versionOf('typescript')}`, `@types/node@${versionOf('@types/node')}`, `sentiment@${versionOf('sentiment')}`]

/** Runs a command to completion; the status and stdout + stderr. */
export function run(command: string, args: string[], cwd: string, ci = false, env: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, env: { ...childEnv(ci), ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

/** `run` without blocking the worker: independent child processes of a file can run concurrently. */
export function runAsync(command: string, args: string[], cwd: string, ci = false, env: Record<string, string> = {}): Promise<{ status: number | null; output: string }> {
  const child = spawn(command, args, { cwd, env: { ...childEnv(ci), ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (status) => done({ status, output: `${stdout}\n${stderr}` }))
  })
}

/**
 * Packs evalgate and returns the folder (with `node_modules/` and `evalgate.tgz`) where the
 * tarball and `DEPENDENCIES` are installed, installing only when no install of these bytes
 * exists. Asynchronous (child processes), so the Vitest process that starts it keeps running
 * tests meanwhile.
 */
export async function packedInstall(): Promise<string> {
  mkdirSync(CACHE, { recursive: true })
  const scratch = mkdtempSync(join(CACHE, '.pack-'))
  try {
    const pack = await runAsync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', scratch], PACKAGE)
    if (pack.status !== 0) throw new Error(`npm pack of ${PACKAGE} failed:\n${pack.output}`)
    const packed = readdirSync(scratch).find((name) => name.endsWith('.tgz'))
    if (!packed) throw new Error(`npm pack of ${PACKAGE} wrote no tarball:\n${pack.output}`)
    const tarball = join(scratch, packed)
    const hash = createHash('sha256').update(readFileSync(tarball)).update(DEPENDENCIES.join('\n')).digest('hex').slice(0, 16)
    const target = join(CACHE, hash)
    if (existsSync(join(target, 'node_modules/evalgate/package.json'))) return target
    removeStale()
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'evalgate-packed-install', private: true, type: 'module' }, null, 2))
    renameSync(tarball, join(scratch, 'evalgate.tgz'))
    const install = await runAsync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-exact', './evalgate.tgz', ...DEPENDENCIES], scratch)
    if (install.status !== 0) throw new Error(`npm install of the packed evalgate failed in ${scratch}:\n${install.output}`)
    try {
      renameSync(scratch, target)
    } catch (error) {
      // another process finished the same install first: use theirs
      if (!existsSync(join(target, 'node_modules/evalgate/package.json'))) throw error
    }
    return target
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** The record of test run `run`'s install: the folder `sharedPackedInstall` returned. */
export const runRecord = (run: string): string => join(CACHE, `.run-${run}`)

/**
 * `packedInstall()` at most once per test run `run` (any string unique to the run; '' when there
 * is none, e.g. a config without the globalSetup: then every call packs). Callers in other
 * processes wait on the lock while one packs and installs, then read its record.
 */
export async function sharedPackedInstall(run: string): Promise<string> {
  mkdirSync(CACHE, { recursive: true })
  const release = await acquireLock(join(CACHE, '.lock'))
  try {
    const record = run ? runRecord(run) : ''
    if (record && existsSync(record)) {
      const target = readFileSync(record, 'utf8')
      if (existsSync(join(target, 'node_modules/evalgate/package.json'))) return target
    }
    const target = await packedInstall()
    if (record) writeFileSync(record, target)
    return target
  } finally {
    release()
  }
}

/**
 * A lock between processes: the folder `path`, made atomically by `mkdirSync`, with the holder's
 * pid inside. A waiter polls every 200 ms; a lock whose holder has exited (its pid is gone) is
 * taken over. Hand-written (20 lines) rather than a lock package, so the test helpers add no
 * dependency.
 */
async function acquireLock(path: string, timeoutMs = 15 * 60_000): Promise<() => void> {
  const owner = join(path, 'pid')
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      mkdirSync(path)
      writeFileSync(owner, String(process.pid))
      return () => rmSync(path, { recursive: true, force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (!holderAlive(path)) rmSync(path, { recursive: true, force: true })
    else if (Date.now() > deadline) throw new Error(`${path} still held after ${timeoutMs / 1000} s by pid ${readFileSync(owner, 'utf8')}`)
    else await sleep(200)
  }
}

/** Whether the process named in the lock's pid file runs (a lock made in the last 30 s whose pid is not yet written counts as held). */
function holderAlive(lock: string): boolean {
  let pid: number
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'))
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs < 30_000
    } catch {
      return false // released meanwhile
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes cached installs (and abandoned scratch folders) older than a day. */
function removeStale(): void {
  const now = Date.now()
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name)
    if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true })
  }
}

/**
 * A fresh project folder under `parent` using the shared install: its own `package.json` (of
 * `type`) and a `node_modules` symlink to the installed one, so tests write their files and
 * baselines in their own folder while the packages are installed once.
 */
export function projectUsing(install: string, parent: string, name: string, type: 'module' | 'commonjs' = 'module'): string {
  const project = join(parent, name)
  mkdirSync(project, { recursive: true })
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: `evalgate-${name}`, private: true, type }, null, 2))
  linkInstall(install, project)
  return project
}

/** Links `project/node_modules` to the shared install's `node_modules`. */
export function linkInstall(install: string, project: string): void {
  symlinkSync(join(install, 'node_modules'), join(project, 'node_modules'), 'dir')
}
