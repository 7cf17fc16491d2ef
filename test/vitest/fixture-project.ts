/**
 * Runs a fixture project (`test/fixtures/projects/<name>/`) in a real Vitest process: the
 * project is copied to `.tmp/vitest-e2e/<name>-<n>/` (baselines are written there, never in the
 * repository) together with the shared fixture files, `evalgate` resolves to this repository's
 * built `dist/` through `.tmp/vitest-e2e/node_modules/evalgate` (see `PACKAGE`), and `CI` is set or removed
 * explicitly in the child's environment.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EvalgateTaskMeta } from '../../src/run/test-meta.js'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const FIXTURES = join(REPO_ROOT, 'test/fixtures/projects')
/**
 * The evalgate package the fixtures import: this repository (its `dist/`), or another built copy
 * named by `EVALGATE_E2E_PACKAGE` (a folder with `package.json` and `dist/`), useful while other
 * work rebuilds `dist/` in the same tree.
 */
const PACKAGE = process.env.EVALGATE_E2E_PACKAGE ? resolve(process.env.EVALGATE_E2E_PACKAGE) : REPO_ROOT
const WORK = join(REPO_ROOT, PACKAGE === REPO_ROOT ? '.tmp/vitest-e2e' : '.tmp/vitest-e2e-private')

export interface DumpedTest {
  name: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  errors: string[]
  annotations: Array<{ type: string; message: string }>
  meta: EvalgateTaskMeta | null
}

export interface DumpedModule {
  file: string
  errors: string[]
  meta: EvalgateTaskMeta | null
  tests: DumpedTest[]
}

export interface FixtureRun {
  exitCode: number | null
  output: string
  modules: DumpedModule[]
  /** The test called `name` in any module (throws when absent, listing the names). */
  test(name: string): DumpedTest
  module(file: string): DumpedModule
}

/** Environment variables that make `std-env` (and so Vitest) believe it runs in CI. */
export const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID', 'GITHUB_ACTIONS', 'GITLAB_CI', 'CIRCLECI', 'TRAVIS', 'BUILDKITE', 'JENKINS_URL', 'TF_BUILD', 'DRONE', 'CODEBUILD_BUILD_ARN', 'TEAMCITY_VERSION', 'APPVEYOR', 'BITBUCKET_COMMIT', 'NETLIFY', 'VERCEL']

/** The environment for a child process: this one without Vitest's and CI's variables, `CI=true` when `ci`, no colour. */
export function childEnv(ci: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TEST' || CI_VARIABLES.includes(key)) continue
    env[key] = value
  }
  return { ...env, NO_COLOR: '1', ...(ci ? { CI: 'true' } : {}) }
}

let counter = 0

/** Copies a fixture project to a fresh folder under `.tmp/vitest-e2e/` and returns its path. */
export function prepareFixture(name: string): string {
  mkdirSync(join(WORK, 'node_modules'), { recursive: true })
  const link = join(WORK, 'node_modules/evalgate')
  try {
    if (!existsSync(link)) symlinkSync(PACKAGE, link, 'dir')
  } catch (error) {
    // another test file, running in parallel, made it first
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const target = join(WORK, `${name}-${process.pid}-${++counter}`)
  rmSync(target, { recursive: true, force: true })
  cpSync(join(FIXTURES, name), target, { recursive: true })
  cpSync(join(FIXTURES, 'shared/dump-reporter.ts'), join(target, 'dump-reporter.ts'))
  cpSync(join(FIXTURES, 'shared/feedback-fixture.ts'), join(target, 'feedback-fixture.ts'))
  return target
}

/** Removes a copy made by `prepareFixture` (kept when EVALGATE_E2E_KEEP is set, for debugging). */
export function removeFixture(root: string): void {
  if (!process.env.EVALGATE_E2E_KEEP && root.startsWith(WORK)) rmSync(root, { recursive: true, force: true })
}

/** Runs `body` in a fresh copy of fixture project `name` (`prepareFixture`), removed after it. */
export async function inFixtureCopy<T>(name: string, body: (root: string) => Promise<T>): Promise<T> {
  const root = prepareFixture(name)
  try {
    return await body(root)
  } finally {
    removeFixture(root)
  }
}

/**
 * Runs `vitest run` in `root` with `args`, `CI` set (`ci: true`) or removed, and `env` added.
 * Returns the exit code, the output and what the dump reporter saw.
 */
export async function runVitest(root: string, options: { ci: boolean; args?: string[]; env?: Record<string, string> }): Promise<FixtureRun> {
  const env = { ...childEnv(options.ci), FORCE_COLOR: '0', ...options.env }
  const dumpFile = join(root, '.evalgate-dump.json')
  rmSync(dumpFile, { force: true })
  const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', root, ...(options.args ?? [])], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exitCode = await new Promise<number | null>((done) => child.on('close', done))
  const modules: DumpedModule[] = existsSync(dumpFile) ? JSON.parse(readFileSync(dumpFile, 'utf8')).modules : []
  const allTests = modules.flatMap((module) => module.tests)
  return {
    exitCode,
    output,
    modules,
    test(name) {
      const found = allTests.find((test) => test.name === name || test.name.endsWith(` > ${name}`))
      if (!found) throw new Error(`no test "${name}" in the dump; tests: ${allTests.map((t) => t.name).join(', ')}\n${output}`)
      return found
    },
    module(file) {
      const found = modules.find((module) => module.file === file || module.file.endsWith(file))
      if (!found) throw new Error(`no module "${file}" in the dump; modules: ${modules.map((m) => m.file).join(', ')}\n${output}`)
      return found
    },
  }
}
