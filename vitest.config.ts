import { availableParallelism } from 'node:os'
import { relative, sep } from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const EXCLUDE = ['**/node_modules/**', 'test/fixtures/**', '**/.tmp/**']

// Files that mock modules, stub globals or the environment, fake timers or change the working
// directory, or that check what a fresh import has not loaded yet (lazy-data): they run isolated (a fresh module graph per file), so nothing they set can reach
// another file. Every other file shares its worker's module graph (`isolate: false`), which
// spares re-importing the engine, Vega and the test helpers for each of ~150 files: on a quiet
// 2-core machine the whole suite took 230 s isolated, 162-212 s shared (README, "Tests").
// A new file that mocks or stubs belongs in this list (test/suite/isolated-files.test.ts checks it).
export const ISOLATED = [
  'test/reporter/error-value-text.test.ts',
  'test/baselines/failure-count-message.test.ts',
  'test/baselines/run-checked-twice.test.ts',
  'test/vitest/check-name-attribution.test.ts',
  'test/vitest/obsolete-baseline-files.test.ts',
  'test/baselines/baseline-scenarios.test.ts',
  'test/baselines/failure-message-order.test.ts',
  'test/baselines/retriever-k-change.test.ts',
  'test/baselines/keyed-data-change-message.test.ts',
  'test/baselines/silent-text-model.test.ts',
  'test/baselines/undirected-metric.test.ts',
  'test/cli/compare-command.test.ts',
  'test/cli/compare-text-types.test.ts',
  'test/history/read-history.test.ts',
  'test/history/report-embed.test.ts',
  'test/history/report-link.test.ts',
  'test/metrics/text/lazy-data.test.ts',
  'test/models/answers-not-redacted.test.ts',
  'test/models/docs-example.test.ts',
  'test/models/evaluate-integration.test.ts',
  'test/models/failed-answers-not-cached.test.ts',
  'test/models/prediction-cache.test.ts',
  'test/models/progress.test.ts',
  'test/models/progress-label.test.ts',
  'test/models/redirects.test.ts',
  'test/models/secrets.test.ts',
  'test/models/served-retriever.test.ts',
  'test/reporter/reporter-options.test.ts',
  'test/reporter/run-end.test.ts',
]

// The files that take longest, about longest first (measured: `npx vitest run --reporter=json`,
// README, "Tests"). They start before every other file: without Vitest's cache of file times (a
// fresh clone, as in CI) Vitest starts the largest files first, and a 40-second file that is short
// in bytes (test/compare/gate-simulation.test.ts) started last and stretched the run by its own
// length. The consumer files (test/consumer/) wait for the packed install the globalSetup starts,
// using no CPU meanwhile, so they alternate with files that compute: a worker waiting on the pack
// leaves the cores to the others. test/suite/slow-files.test.ts keeps this list to files that exist.
export const SLOW_FIRST = [
  'test/baselines/baselines.e2e.test.ts',
  'test/stats/coverage-intervals.test.ts',
  'test/consumer/gate.test.ts',
  'test/compare/example-compare.test.ts',
  'test/vitest/thresholds.e2e.test.ts',
  'test/consumer/local-then-ci.test.ts',
  'test/compare/gate-simulation.test.ts',
  'test/consumer/commonjs-project.test.ts',
  'test/reporter/mlflow-export.test.ts',
  'test/consumer/sentiment-example.test.ts',
  'test/stats/paired-resample-test.test.ts',
  'test/compare/compare-report.test.ts',
  'test/docs/api-docs.test.ts',
  'test/evaluate/parity.test.ts',
  'test/history/report-embed.test.ts',
  'test/cli/lazy-imports.test.ts',
  'test/evaluate/derived-predictions.test.ts',
  'test/examples/sentiment-models.test.ts',
  'test/compare/compare-overlays.test.ts',
  'test/reporter/html-plot-images.test.ts',
  'test/model-types/text/evaluate-text-types.test.ts',
  'test/stats/paired-sign-flip-test.test.ts',
  'test/vitest/setup-only.e2e.test.ts',
]

/** Vitest's order (its cached file times, else the largest files first), with `SLOW_FIRST` moved to the front in that order. */
class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (spec: TestSpecification): number => {
      const index = SLOW_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId).split(sep).join('/'))
      return index < 0 ? SLOW_FIRST.length : index
    }
    return sorted.map((spec, order) => ({ spec, order, rank: rank(spec) })).sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ spec }) => spec)
  }
}

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
    sequence: { sequencer: SlowFirstSequencer },
    // one `npm pack` + install of evalgate per run, shared by the test/consumer/ files; one
    // headless Chromium per run, shared by the files that open a page (test/browser/)
    globalSetup: ['test/consumer/global-setup.ts', 'test/browser/global-setup.ts'],
    setupFiles: ['test/suite/quiet-setup-warning.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...EXCLUDE, ...ISOLATED], isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, exclude: EXCLUDE, isolate: true } },
    ],
  },
})
