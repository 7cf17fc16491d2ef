import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**', '**/.tmp/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One worker more than the cores (Vitest's default in run mode is one fewer: a single worker,
    // so files run one at a time, on a 2-core machine): the slowest files mostly wait on the
    // processes they start (child Vitest runs, npm, tsc, chromium). Measured on 2 cores with 25
    // files of test/compare, test/history and test/evaluate: 1 worker 344 s, 2 workers 294 s,
    // 3 workers 275 s (a loaded machine; README, "Tests", has the whole suite).
    maxWorkers: availableParallelism() + 1,
    // one `npm pack` + install of evalgate per run, shared by the test/consumer/ files
    globalSetup: ['test/consumer/global-setup.ts'],
  },
})
