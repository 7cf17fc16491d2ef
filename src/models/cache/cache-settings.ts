/**
 * Whether the prediction cache is on, and where it lives. On by default locally; off when `CI`
 * is set unless `cache: true`; `EVALGATE_CACHE=off` (or `0`, `false`) turns it off whatever the
 * options say.
 */
import path from 'node:path'

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
): CacheSettings {
  const dir = path.resolve(cwd, options.cacheDir ?? DEFAULT_CACHE_DIR)
  const switchValue = env.EVALGATE_CACHE?.trim().toLowerCase()
  if (switchValue === 'off' || switchValue === '0' || switchValue === 'false') {
    return { enabled: false, dir, reason: 'EVALGATE_CACHE=off' }
  }
  if (options.cache === true) return { enabled: true, dir, reason: 'cache: true' }
  if (options.cache === false) return { enabled: false, dir, reason: 'cache: false' }
  if (isCi(env)) return { enabled: false, dir, reason: 'CI is set (pass cache: true to use it in CI)' }
  return { enabled: true, dir, reason: 'default (local run)' }
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'
}
