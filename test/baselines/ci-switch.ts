/**
 * A switch for `std-env`'s `isCI` in tests that call `toMatchBaseline` directly (`matcher-call.ts`):
 * `vi.mock` is hoisted and must be written in each test file, but its body is this module's:
 *
 * @example
 * import { ci } from './ci-switch.js'
 * vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))
 * ci.value = true // baselines are now read as under CI
 */
type StdEnv = typeof import('std-env')

/** Whether `isCI` reads true; each test file (isolated) has its own. */
export const ci = { value: false }

/** `std-env` with `isCI` read from {@link ci}. */
export async function stdEnvWithCiSwitch(importOriginal: <T = StdEnv>() => Promise<T>): Promise<StdEnv> {
  return {
    ...(await importOriginal<StdEnv>()),
    get isCI() {
      return ci.value
    },
  }
}
