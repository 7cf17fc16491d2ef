import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

const EXCLUDE = ['**/node_modules/**', 'test/fixtures/**', '**/.tmp/**']

// Files that mock modules, stub globals or the environment, fake timers or change the working
// directory, or that check what a fresh import has not loaded yet (lazy-data): they run isolated (a fresh module graph per file), so nothing they set can reach
// another file. Every other file shares its worker's module graph (`isolate: false`), which
// spares re-importing the engine, Vega and the test helpers for each of ~150 files: on a quiet
// 2-core machine the whole suite took 230 s isolated, 162-212 s shared (README, "Tests").
// A new file that mocks or stubs belongs in this list (test/suite/isolated-files.test.ts checks it).
export const ISOLATED = [
  'test/baselines/baseline-scenarios.test.ts',
  'test/cli/compare-command.test.ts',
  'test/history/read-history.test.ts',
  'test/history/report-embed.test.ts',
  'test/history/report-link.test.ts',
  'test/metrics/text/lazy-data.test.ts',
  'test/models/answers-not-redacted.test.ts',
  'test/models/docs-example.test.ts',
  'test/models/evaluate-integration.test.ts',
  'test/models/prediction-cache.test.ts',
  'test/models/progress.test.ts',
  'test/models/redirects.test.ts',
  'test/models/secrets.test.ts',
  'test/reporter/reporter-options.test.ts',
]

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One worker more than the cores (Vitest's default in run mode is one fewer: a single worker,
    // so files run one at a time, on a 2-core machine): the slowest files mostly wait on the
    // processes they start (child Vitest runs, npm, tsc, chromium). Measured on 2 cores with 25
    // files of test/compare, test/history and test/evaluate: 1 worker 344 s, 2 workers 294 s,
    // 3 workers 275 s (a loaded machine; README, "Tests", has the whole suite).
    maxWorkers: availableParallelism() + 1,
    // one `npm pack` + install of evalgate per run, shared by the test/consumer/ files; one
    // headless Chromium per run, shared by the files that open a page (test/browser/)
    globalSetup: ['test/consumer/global-setup.ts', 'test/browser/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...EXCLUDE, ...ISOLATED], isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, exclude: EXCLUDE, isolate: true } },
    ],
  },
})
