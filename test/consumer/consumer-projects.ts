/**
 * What the test/consumer/*.test.ts files share: each file's own temporary folder and the packed
 * install of evalgate (test/consumer/packed-install.ts, once per test run whichever file asks
 * first), the installed Vitest and tsc run as child processes, and the consumer project of
 * local-then-ci.test.ts and of commonjs-project.test.ts's matcher-type checks (a config with the plugin and a test using
 * evaluate, the matchers and toMatchBaseline). The scenarios are split over several files so that
 * Vitest runs them in parallel workers; each scenario is its own project folder linking the
 * shared install.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, inject } from 'vitest'
import { projectUsing, runAsync, sharedPackedInstall } from './packed-install.js'

/**
 * Registers the file's hooks: a fresh temporary folder (removed after the file) and the packed
 * install, ready before the file's first test. Read `work` and `install` inside hooks and tests.
 */
export function consumerWorkspace(name: string): { readonly work: string; readonly install: string } {
  const work = mkdtempSync(join(tmpdir(), `evalgate-${name}-`))
  afterAll(() => rmSync(work, { recursive: true, force: true }))
  let install = ''
  // the lock waits up to 15 minutes for a pack and install started by another file
  beforeAll(async () => {
    install = await sharedPackedInstall(inject('evalgateTestRun') ?? '')
  }, 960_000)
  return {
    work,
    get install() {
      if (!install) throw new Error('the packed install is read before the beforeAll that makes it')
      return install
    },
  }
}

/** `node_modules/vitest` of the shared install, run with node in `cwd`. */
export const vitestIn = (cwd: string, args: string[], ci = false, env: Record<string, string> = {}) =>
  runAsync(process.execPath, [join(cwd, 'node_modules/vitest/vitest.mjs'), 'run', ...args], cwd, ci, env)

/**
 * The shared install's tsc (`node_modules/` of `cwd`, or of `linked`, a project linking the install)
 * in build mode on several tsconfigs of `cwd` at once (`tsc -b --verbose`):
 * one process, the declarations the programs share parsed once. `of(config)` gives that
 * program's diagnostics ('' when it type-checks), read from the output between the
 * "Building project" line naming it and the next status line; `of` throws when the output
 * names no build of `config`.
 */
export async function tscBuild(cwd: string, configs: string[], linked = cwd): Promise<{ status: number | null; output: string; of(config: string): { errors: string; output: string } }> {
  const result = await runAsync(process.execPath, [join(linked, 'node_modules/typescript/bin/tsc'), '-b', '--verbose', ...configs], cwd)
  const errors = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of result.output.split('\n')) {
    const status = /^.{0,40}? - (Building project '([^']+)'\.\.\.|Project|Projects in this build)/.exec(line)
    if (status) {
      current = status[2] === undefined ? undefined : []
      if (status[2] !== undefined && current) errors.set(relative(cwd, status[2]), current)
    } else if (current && line.trim() !== '') current.push(line)
  }
  return {
    ...result,
    of(config) {
      const lines = errors.get(config)
      if (!lines) throw new Error(`tsc -b built no project ${config}; its output:\n${result.output}`)
      return { errors: lines.join('\n'), output: result.output }
    },
  }
}

const CONFIG = `import { defineConfig } from 'vitest/config'
import { evalgate } from 'evalgate/vitest'

export default defineConfig({
  plugins: [evalgate({ outputDir: 'eval-results', baseline: { tolerance: 0.01 } })],
  test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 120_000 },
})
`

/** The consumer test: a classifier of 400 rows gated by thresholds and `toMatchBaseline`. */
export const CONSUMER_TEST = `import { expect, test } from 'vitest'
import { evaluate, type EvalRun } from 'evalgate'

const labels = ['negative', 'neutral', 'positive']
const categories = ['product_A', 'product_B', 'technical_support', 'billing']
const rows = Array.from({ length: 400 }, (_, id) => ({
  id,
  text: 'feedback ' + id,
  category: categories[id % 4],
  true_sentiment: labels[(id * 7 + Math.floor(id / 4)) % 3],
}))

test('consumer model', async () => {
  const run: EvalRun = await evaluate({
    data: rows,
    targets: 'true_sentiment',
    modelType: 'classifier',
    // CONSUMER_REGRESSED=1 also gets every 11th row wrong: about 33 more mistakes, none fixed
    model: (batch) => batch.map((row) => (row.id % 9 === 0 || (process.env.CONSUMER_REGRESSED && row.id % 11 === 0) ? labels[(labels.indexOf(row.true_sentiment) + 1) % 3] : row.true_sentiment)),
    slices: ['category'],
  })
  expect(run).toMatchBaseline()
  expect(run).toHaveMetric('accuracy_score', 0.85)
  expect(run).toHaveSliceF1('technical_support', 0.8)
  expect(run).toHaveClassMetric('negative', 'f1', 0.8)
  expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'neutral', max: 0.2 })
  expect(run).not.toHaveMetric('accuracy_score', 0.99)
})
`

/**
 * Rows typed by the user (type-checked only, never run): an \`interface\` (no implicit index
 * signature), a model function typed on it, and a dataset's rows read by column name.
 */
export const TYPED_ROWS = `import { datasetFromRecords, evaluate, type ModelFunction } from 'evalgate'

interface Review {
  text: string
  label: 'pos' | 'neg'
  stars: number
}
declare const reviews: Review[]

export const fromRecords = evaluate({ data: reviews, targets: 'label', modelType: 'classifier', model: (rows) => rows.map((r) => (r.stars > 3 ? 'pos' : 'neg')) })
const byStars = (rows: Review[]): string[] => rows.map((r) => (r.stars > 3 ? 'pos' : 'neg'))
export const typedModel = evaluate({ data: reviews, targets: 'label', modelType: 'classifier', model: byStars })
export const declared: ModelFunction<Review> = byStars
export const dataset = datasetFromRecords(reviews)
export const fromDataset = evaluate({ data: dataset, targets: 'label', modelType: 'classifier', model: (rows) => rows.map((r) => String(r.text).length > 3 ? 'pos' : 'neg') })
`

const tsconfig = (include: string[], stricter: Record<string, boolean> = {}): string =>
  JSON.stringify(
    {
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], ...stricter },
      include,
    },
    null,
    2,
  )

/**
 * Options as a team with the strictest settings writes them (adversarial pass 60): lists kept
 * `as const` (readonly), and a value that may be undefined passed under
 * `exactOptionalPropertyTypes`, both of which the runtime accepts.
 */
const STRICT_OPTIONS = `import { expect, test } from 'vitest'
import { evaluate, kserveModel, mlflowModel } from 'evalgate'

const SLICES = ['region', ['region', 'plan']] as const
const LABELS = ['neg', 'pos'] as const
const METRICS = ['accuracy_score', 'f1_score'] as const
declare const tolerance: number | undefined
declare const rows: Array<{ region: string; plan: string; label: string; p_neg: number; p_pos: number }>

test('options as const, and possibly undefined', async () => {
  const run = await evaluate({ data: rows, targets: 'label', modelType: 'text_classification', probabilities: ['p_neg', 'p_pos'] as const, labels: LABELS, slices: SLICES, name: process.env.RUN_NAME, inputColumns: ['region'] as const })
  expect(run).toMatchBaseline({ metrics: METRICS, rowKeyColumns: ['region', 'plan'] as const, tolerance })
})

export const served = [
  mlflowModel('http://127.0.0.1:5000', { inputColumns: ['region', 'plan'] as const, labels: LABELS, modelVersion: process.env.MODEL_VERSION }),
  kserveModel('http://127.0.0.1:8080', 'churn', { inputColumns: ['region'] as const, labels: LABELS, timeoutMs: undefined }),
]
`

/** A project with the consumer test, its config and two tsconfigs, linking the shared install. */
export function consumerProject(install: string, work: string, name: string): string {
  const project = projectUsing(install, work, name)
  writeFileSync(join(project, 'vitest.config.ts'), CONFIG)
  writeFileSync(join(project, 'consumer.test.ts'), CONSUMER_TEST)
  writeFileSync(join(project, 'typed-rows.ts'), TYPED_ROWS)
  writeFileSync(join(project, 'tsconfig.json'), tsconfig(['consumer.test.ts', 'vitest.config.ts', 'typed-rows.ts']))
  writeFileSync(join(project, 'tsconfig.test-only.json'), tsconfig(['consumer.test.ts']))
  writeFileSync(join(project, 'strict-options.ts'), STRICT_OPTIONS)
  writeFileSync(join(project, 'tsconfig.strictest.json'), tsconfig(['strict-options.ts'], { exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true }))
  return project
}
