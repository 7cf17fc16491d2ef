/**
 * Whether the prediction cache is on, and where it lives. On by default locally; off in CI unless
 * `cache: true`; `EVALGATE_CACHE=off` (or `0`, `false`) turns it off whatever the options say.
 * CI is what Vitest, and so the baseline gate, take it to be (std-env's `isCI`: `CI` set to any
 * value, `CI=false` included, or a CI provider's variable such as `JENKINS_URL`), so a run that
 * never writes baselines never answers from the cache either: a model redeployed behind the
 * same URL on a CI machine that keeps its workspace would otherwise pass as the old one.
 */
import path from 'node:path'
import { isCI } from 'std-env'

export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'evalgate', 'predictions')

export interface CacheSettings {
  enabled: boolean
  /** Absolute folder of the cache. */
  dir: string
  /** Why the cache is on or off, for `describe()` and docs. */
  reason: string
}

/** Decide from the adapter options and the environment. */
export function resolveCacheSettings(
  options: { cache?: boolean; cacheDir?: string },
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  ci: boolean = isCI,
): CacheSettings {
  const dir = path.resolve(cwd, options.cacheDir ?? DEFAULT_CACHE_DIR)
  const switchValue = env.EVALGATE_CACHE?.trim().toLowerCase()
  if (switchValue === 'off' || switchValue === '0' || switchValue === 'false') {
    return { enabled: false, dir, reason: 'EVALGATE_CACHE=off' }
  }
  if (options.cache === true) return { enabled: true, dir, reason: 'cache: true' }
  if (options.cache === false) return { enabled: false, dir, reason: 'cache: false' }
  if (ci) return { enabled: false, dir, reason: 'CI (as Vitest decides: CI set to any value, or a CI provider\'s variable; pass cache: true to use it in CI)' }
  return { enabled: true, dir, reason: 'default (local run)' }
}
