/**
 * Where the baseline file of a test file lives, and the per-file sessions of this worker.
 */
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path'
import { isCI } from 'std-env'
import { BaselineFileSession, UPDATE_BASELINES_IN_CI_VARIABLE, type BaselineUpdateMode } from '../baselines/session.js'
import type { BaselineUpdateState } from '../baselines/types.js'
import { workerOptions } from './options.js'

/**
 * The baseline file of `testFile`: `<dir of test>/<baselineDir>/<test file name>.json` for a
 * relative `baselineDir`; for an absolute one, the test's path under `root` mirrored inside it
 * (a test outside the root is flattened to its base name, so no path leaves the folder).
 * @example baselinePathFor('/p/test/a.test.ts', '/p', '__baselines__') // '/p/test/__baselines__/a.test.ts.json'
 */
export function baselinePathFor(testFile: string, root: string, baselineDir: string): string {
  if (!isAbsolute(baselineDir)) return join(dirname(testFile), baselineDir, `${basename(testFile)}.json`)
  const inside = relative(root, testFile)
  const safe = inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside) ? basename(testFile) : inside
  return join(baselineDir, `${safe}.json`)
}

/** The project root as the worker knows it (provided by the plugin, else the working folder). */
export function projectRoot(): string {
  return workerOptions().root ?? process.cwd()
}

const sessions = new Map<string, BaselineFileSession>()

/** The session of a test file, created on first use with the run's update mode. */
export function baselineSession(testFile: string, mode: BaselineUpdateMode): BaselineFileSession {
  let session = sessions.get(testFile)
  if (!session) {
    const root = projectRoot()
    const path = baselinePathFor(testFile, root, workerOptions().baselineDir)
    session = new BaselineFileSession(path, relative(root, path) || path, mode)
    sessions.set(testFile, session)
  }
  return session
}

/** The session of a test file when a test has touched it, without making one. */
export function existingBaselineSession(testFile: string): BaselineFileSession | undefined {
  return sessions.get(testFile)
}

/** Ends and forgets the session of a test file (undefined when no test touched it). */
export function takeBaselineSession(testFile: string): BaselineFileSession | undefined {
  const session = sessions.get(testFile)
  sessions.delete(testFile)
  return session
}

/** Whether an environment value turns an option on (`1`, `true`, `yes`; case-insensitive). */
function isOn(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes)$/i.test(value.trim())
}

/**
 * The update mode baselines follow. Vitest's `snapshotUpdateState` (`new` locally, `all` under
 * `-u`, `none` in CI) decides, except that in CI (as Vitest decides it, with `std-env`'s `isCI`:
 * `CI` set to any value, or a known CI provider's variable) baselines are never written, even
 * under `-u` (which Vitest turns into `all` in CI too), unless the job opts in with
 * `EVALGATE_UPDATE_BASELINES=1`. Without matcher state (no snapshot state) the mode is `none`
 * in CI and `new` elsewhere.
 * @example resolveUpdateMode('all', true, {}) // { state: 'none', requested: 'all', ci: true, optedIn: false }
 */
export function resolveUpdateMode(vitestState: BaselineUpdateState | undefined, ci: boolean = isCI, env: NodeJS.ProcessEnv = process.env): BaselineUpdateMode {
  const requested = vitestState ?? (ci ? 'none' : 'new')
  const optedIn = isOn(env[UPDATE_BASELINES_IN_CI_VARIABLE])
  return { state: ci && !optedIn ? 'none' : requested, requested, ci, optedIn }
}
