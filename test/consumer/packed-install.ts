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
 * The Vitest `globalSetup` (test/consumer/global-setup.ts) packs and installs once before the
 * test files start and `provide`s the folder; a file run without it calls `packedInstall()`
 * itself and gets the same cached folder.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

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

const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS', 'GITLAB_CI', 'CIRCLECI', 'TRAVIS', 'BUILDKITE', 'JENKINS_URL', 'TF_BUILD']

/** The environment for a child process: this one without Vitest's and CI's variables, CI=true when `ci`. */
export function childEnv(ci: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TEST' || CI_VARIABLES.includes(key)) continue
    env[key] = value
  }
  return { ...env, NO_COLOR: '1', ...(ci ? { CI: 'true' } : {}) }
}

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
 * tarball and `DEPENDENCIES` are installed, installing only when no install of these bytes exists.
 */
export function packedInstall(): string {
  mkdirSync(CACHE, { recursive: true })
  const scratch = mkdtempSync(join(CACHE, '.pack-'))
  try {
    const packed = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', scratch], { cwd: PACKAGE, encoding: 'utf8', env: childEnv(false) }).trim().split('\n').at(-1)!
    const tarball = join(scratch, packed)
    const hash = createHash('sha256').update(readFileSync(tarball)).update(DEPENDENCIES.join('\n')).digest('hex').slice(0, 16)
    const target = join(CACHE, hash)
    if (existsSync(join(target, 'node_modules/evalgate/package.json'))) return target
    removeStale()
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'evalgate-packed-install', private: true, type: 'module' }, null, 2))
    renameSync(tarball, join(scratch, 'evalgate.tgz'))
    const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-exact', './evalgate.tgz', ...DEPENDENCIES], scratch)
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
