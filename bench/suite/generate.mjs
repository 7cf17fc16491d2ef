/**
 * Writes the suite benchmark's project (seeded, idempotent) under bench/.data/suite/:
 *
 *   data.csv                   10,000 rows: a 3-class target, a 4-valued `region` and a
 *                              3-valued `channel` column, and a per-row `difficulty`
 *   vitest.config.ts           the evalgate plugin from the repo's built dist/ (self-reference);
 *                              EVALGATE_BENCH_REPORTER=off turns the evalgate reporter off,
 *                              =timed times its onTestRunEnd (where it does all its work)
 *   suite-NN.eval.test.ts      FILES files of TESTS_PER_FILE tests each; every test evaluates a
 *                              different model over the 10,000 rows (probabilities, 2 slice
 *                              columns and their cross, intervals on), asserts a metric and
 *                              calls toMatchBaseline()
 *
 * Run by bench/suite/run.mjs; alone: node bench/suite/generate.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const FILES = 10
export const TESTS_PER_FILE = 10
export const ROWS = 10_000
export const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.data', 'suite')

/** Writes the project; returns its folder. */
export function generateSuite() {
  mkdirSync(projectDir, { recursive: true })
  // A seeded linear congruential generator: the data are the same on every machine.
  let seed = 20261202
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const labels = ['cat', 'dog', 'bird']
  const regions = ['emea', 'apac', 'amer', 'latam']
  const channels = ['web', 'app', 'email']
  const lines = ['id,target,region,channel,difficulty']
  for (let row = 0; row < ROWS; row += 1) {
    lines.push(`r${row},${labels[Math.floor(random() * 3)]},${regions[Math.floor(random() * 4)]},${channels[Math.floor(random() * 3)]},${random().toFixed(6)}`)
  }
  writeFileSync(join(projectDir, 'data.csv'), `${lines.join('\n')}\n`)

  writeFileSync(join(projectDir, 'vitest.config.ts'), `import { appendFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import EvalgateReporter from 'evalgate/reporter'
import { evalgate } from 'evalgate/vitest'
import { defineConfig } from 'vitest/config'

// EVALGATE_BENCH_REPORTER: on (the plugin's reporter), off (none), timed (the same reporter,
// its onTestRunEnd, where it does all its work, timed and appended to EVALGATE_BENCH_TIMING).
// EVALGATE_BENCH_OUTPUTS=off: the workers encode no per-example outputs (no outputs.json).
const mode = process.env.EVALGATE_BENCH_REPORTER ?? 'on'

function timedReporter(): EvalgateReporter {
  const inner = new EvalgateReporter()
  return new Proxy(inner, {
    get(target, key) {
      const value = Reflect.get(target, key)
      if (typeof value !== 'function') return value
      if (key !== 'onTestRunEnd') return value.bind(target)
      return async (...args: unknown[]) => {
        const start = performance.now()
        try {
          return await value.apply(target, args)
        } finally {
          appendFileSync(process.env.EVALGATE_BENCH_TIMING ?? 'reporter-timing.txt', \`\${performance.now() - start}\\n\`)
        }
      }
    },
  })
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [evalgate({ ...(mode === 'on' ? {} : { reporter: false }), runOutputs: mode !== 'off' && process.env.EVALGATE_BENCH_OUTPUTS !== 'off' })],
  test: { include: ['*.eval.test.ts'], reporters: mode === 'timed' ? ['dot', timedReporter()] : ['dot'], testTimeout: 300_000 },
})
`)

  // Model k: the true label's logit is raised by a skill that depends on k and on the row's
  // difficulty; the other logits come from a per-row hash (deterministic, no shared state).
  const model = `
const LABELS = ['cat', 'dog', 'bird'] as const
function hash(text: string, salt: number): number {
  let h = 2166136261 ^ salt
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return ((h >>> 0) % 100_000) / 100_000
}
function modelOf(k: number) {
  const skill = 0.6 + (k % 20) * 0.06
  return (rows: Array<Record<string, unknown>>) => rows.map((row) => {
    const id = String(row.id)
    const logits = LABELS.map((label, j) => (label === row.target ? skill * (1.5 - Number(row.difficulty)) : 0) + 2 * hash(id, k * 3 + j))
    const max = Math.max(...logits)
    const e = logits.map((l) => Math.exp(l - max))
    const sum = e[0] + e[1] + e[2]
    return { probabilities: { cat: e[0] / sum, dog: e[1] / sum, bird: e[2] / sum } }
  })
}
`
  for (let file = 0; file < FILES; file += 1) {
    const tests = []
    for (let t = 0; t < TESTS_PER_FILE; t += 1) {
      const k = file * TESTS_PER_FILE + t
      tests.push(`  test('model ${String(k).padStart(3, '0')}', async () => {
    const run = await evaluate({ name: 'model-${k}', model: modelOf(${k}), data, targets: 'target', modelType: 'classifier', labels: ['bird', 'cat', 'dog'], slices: ['region', 'channel', ['region', 'channel']] })
    expect(run).toHaveMetric('accuracy_score', 0.3)
    expect(run).toMatchBaseline()
  })`)
    }
    writeFileSync(join(projectDir, `suite-${String(file).padStart(2, '0')}.eval.test.ts`), `import { fileURLToPath } from 'node:url'
import { evaluate, loadDataset, type Dataset } from 'evalgate'
import { beforeAll, describe, expect, test } from 'vitest'
${model}
describe('suite file ${file}', () => {
  let data: Dataset
  beforeAll(async () => {
    data = await loadDataset(fileURLToPath(new URL('./data.csv', import.meta.url)))
  })

${tests.join('\n\n')}
})
`)
  }
  return projectDir
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`wrote ${generateSuite()}`)
