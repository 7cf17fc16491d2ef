/**
 * Vitest config of the example evaluation suite: `npm run example` (builds evalgate, then runs
 * `vitest run --config examples/vitest.config.ts` from the repository root).
 *
 * `evalgate/vitest` resolves through the package's self-reference to the built `dist/`, exactly
 * as in a user's project where evalgate is installed from npm.
 */
import { evalgate } from 'evalgate/vitest'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [evalgate()],
  test: {
    include: ['examples/**/*.eval.test.ts'],
    // Training the example classifier and bootstrapping the intervals take a few seconds.
    testTimeout: 120_000,
  },
})
