// A CommonJS project made by `npm init -y` (Vite bundles its vitest.config.ts as CommonJS) with
// the README's own config and quick-start test, linking the packed install of evalgate
// (test/consumer/packed-install.ts); the matcher types in the consumer project of
// test/consumer/consumer-projects.ts; and, on demand, an install from a git URL.
//
// The three tsc programs (the CommonJS project's; the consumer project's with its
// vitest.config.ts, whose types come with evalgate/vitest; the consumer test file alone, whose
// types must come with evalgate's main entry) are type-checked by one `tsc -b` (`tscBuild`),
// which parses the declarations they share (evalgate's, Vitest's, Node's) once: two programs took
// 4.7 s of CPU in one `tsc -b` against 8.2 s for two `tsc -p` processes; each test reads its own
// program's errors.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { consumerProject, consumerWorkspace, tscBuild, vitestIn } from './consumer-projects.js'
import { linkInstall, REPO_ROOT, run } from './packed-install.js'

const workspace = consumerWorkspace('consumer-commonjs')

/** The README's code block that follows `marker` (a line inside or just before the block). */
function readmeBlock(marker: string): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
  const at = readme.indexOf(marker)
  expect(at, `README.md has "${marker}"`).toBeGreaterThanOrEqual(0)
  const start = readme.lastIndexOf('```ts\n', at + marker.length)
  const end = readme.indexOf('\n```', at)
  return readme.slice(start + '```ts\n'.length, end + 1)
}

/** The CommonJS project (made by the describe's beforeAll), in the workspace. */
const COMMONJS = 'commonjs-project'
/** The shared `tsc -b` of the five programs, started by the first test that needs it. */
let build: ReturnType<typeof tscBuild> | undefined
/**
 * tsc reads only the configs and the files they include, which the Vitest runs do not write: it
 * runs beside them. Call after the CommonJS project's beforeAll.
 */
const typecheck = (config: string) =>
  (build ??= (() => {
    const types = consumerProject(workspace.install, workspace.work, 'types')
    return tscBuild(workspace.work, [`${COMMONJS}/tsconfig.json`, `${COMMONJS}/tsconfig.node16.json`, 'types/tsconfig.json', 'types/tsconfig.test-only.json', 'types/tsconfig.strictest.json'], types)
  })()).then((result) => result.of(config))

describe('a CommonJS project made by npm init -y, with the README config and quick-start test', () => {
  let project: string

  beforeAll(() => {
    project = join(workspace.work, COMMONJS)
    mkdirSync(project)
    const init = run('npm', ['init', '-y'], project)
    expect(init.status, init.output).toBe(0)
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).type).toBe('commonjs')
    linkInstall(workspace.install, project)

    const config = readmeBlock('// vitest.config.ts')
    expect(config).toContain("from 'evalgate/vitest'")
    writeFileSync(join(project, 'vitest.config.ts'), config)
    // The README's first example, with a stand-in for the \`classifier\` it imports from
    // './my-model.js': the true label, except 'neutral' for texts whose length is a multiple of 17.
    const quickStart = readmeBlock("test('sentiment model'")
    expect(quickStart).toContain('classifier.predictBatch')
    expect(quickStart).toContain("import { classifier } from './my-model.js'")
    const standIn = `import { loadDataset } from 'evalgate'

const truth = new Map<string, string>()
export const classifier = {
  async predictBatch(texts: string[]): Promise<string[]> {
    if (truth.size === 0) for (const row of (await loadDataset('examples/sentiment/feedback.csv')).rows()) truth.set(String(row.text), String(row.true_sentiment))
    return texts.map((text) => (text.length % 17 === 0 ? 'neutral' : truth.get(text) ?? 'neutral'))
  },
}
`
    mkdirSync(join(project, 'evals'))
    writeFileSync(join(project, 'evals/sentiment.eval.test.ts'), quickStart)
    writeFileSync(join(project, 'evals/my-model.ts'), standIn)
    mkdirSync(join(project, 'examples/sentiment'), { recursive: true })
    cpSync(join(REPO_ROOT, 'examples/sentiment/feedback.csv'), join(project, 'examples/sentiment/feedback.csv'))
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['vitest.config.ts', 'evals'] }),
    )
    // a type from evalgate/reporter, as a config typing its reporter options would import it (TS1541 there before: adversarial pass 63)
    writeFileSync(join(project, 'evals/reporter-options.ts'), "import type { ReporterOptions } from 'evalgate/reporter'\n\nexport const reporterOptions: ReporterOptions = { outputDir: 'eval-results', html: true }\n")
    // module node16 reads `import ... from 'evalgate'` in a CommonJS package as a require (vitest/config
    // itself is ESM-only there, so the config file is left out; the test files import vitest's CommonJS types)
    writeFileSync(
      join(project, 'tsconfig.node16.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['evals'] }),
    )
  }, 600_000)

  test('vitest loads the config (evalgate/vitest by require) and runs green: locally writing the baseline, then under CI', async () => {
    void typecheck(`${COMMONJS}/tsconfig.json`).catch(() => {}) // read by the tests below
    const local = await vitestIn(project, [])
    expect(local.status, local.output).toBe(0)
    expect(local.output).not.toContain('ESM only')
    expect(local.output).toMatch(/Tests\s+1 passed/)
    expect(local.output).toContain('baseline written')
    const baseline = JSON.parse(readFileSync(join(project, 'evals/__baselines__/sentiment.eval.test.ts.json'), 'utf8'))
    expect(Object.keys(baseline.entries)).toEqual(['sentiment model 1'])
    expect(baseline.entries['sentiment model 1'].exampleCount).toBe(1000)
    expect(existsSync(join(project, 'eval-results/index.html'))).toBe(true)

    const ci = await vitestIn(project, [], true)
    expect(ci.status, ci.output).toBe(0)
    expect(ci.output).toMatch(/Tests\s+1 passed/)
    expect(ci.output).not.toContain('baseline written')
  }, 300_000)

  test('a CommonJS script can require evalgate (Node >= 20.19 loads its ES modules by require)', () => {
    const script = [
      "const { evaluate, datasetFromRecords } = require('evalgate')",
      "const data = datasetFromRecords([{ x: 'a', y: 'p' }, { x: 'b', y: 'n' }, { x: 'c', y: 'p' }, { x: 'd', y: 'n' }])",
      "evaluate({ data, targets: 'y', modelType: 'classifier', model: (rows) => rows.map((r) => (r.x === 'd' ? 'p' : r.y)), intervals: false })",
      "  .then((run) => console.log('accuracy', run.metrics.accuracy_score))",
    ].join('\n')
    writeFileSync(join(project, 'check.cjs'), script)
    const result = run(process.execPath, ['check.cjs'], project)
    expect(result.status, result.output).toBe(0)
    expect(result.output).toContain('accuracy 0.75')
    expect(result.output).not.toContain('ERR_PACKAGE_PATH_NOT_EXPORTED')
  })

  test('tsc accepts the config and the test in the CommonJS project', async () => {
    const result = await typecheck(`${COMMONJS}/tsconfig.json`)
    expect(result.errors, result.output).toBe('')
  }, 300_000)

  test("tsc with module node16 accepts the test's import of evalgate (TS1479 before: the ESM declarations through require)", async () => {
    const result = await typecheck(`${COMMONJS}/tsconfig.node16.json`)
    expect(result.errors, result.output).toBe('')
  }, 300_000)
})

// The matcher types reach a user of the npm tarball: the installed tsc on the consumer project of
// test/consumer/consumer-projects.ts, once with its vitest.config.ts, once with the test file alone.
describe('the matcher types in a project made from the npm tarball', () => {
  test('the matcher types reach a project whose tsconfig includes vitest.config.ts (via evalgate/vitest)', async () => {
    const result = await typecheck('types/tsconfig.json')
    expect(result.errors, result.output).toBe('')
  }, 300_000)

  test('the matcher types reach a test file that only imports evalgate', async () => {
    const result = await typecheck('types/tsconfig.test-only.json')
    expect(
      result.errors,
      `${result.output}\nThe package's main entry must load the matcher augmentation: src/index.ts needs\n  export type { EvalgateMatchers } from './vitest/matcher-types.js'`,
    ).toBe('')
  }, 300_000)

  test('readonly option lists and possibly-undefined values type-check under exactOptionalPropertyTypes and noUncheckedIndexedAccess', async () => {
    const result = await typecheck('types/tsconfig.strictest.json')
    expect(result.errors, result.output).toBe('')
  }, 300_000)

  test('tsc -b built all five programs, and all type-check', async () => {
    const result = await (build ?? Promise.reject(new Error('no tsc -b started')))
    expect(result.status, result.output).toBe(0)
  }, 300_000)
})

// Installing from git runs the package's `prepare` (the build) after npm installs its dev
// dependencies: minutes, so on demand only: EVALGATE_TEST_GIT_INSTALL=1 npx vitest run test/consumer
describe.runIf(process.env.EVALGATE_TEST_GIT_INSTALL === '1')('npm install from a git URL (a bare clone of this repository’s committed HEAD)', () => {
  test('prepare builds dist/, and the installed package loads', () => {
    const bare = join(workspace.work, 'evalgate.git')
    const clone = run('git', ['clone', '--quiet', '--bare', REPO_ROOT, bare], workspace.work)
    expect(clone.status, clone.output).toBe(0)
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()
    const project = join(workspace.work, 'git-project')
    mkdirSync(project)
    expect(run('npm', ['init', '-y'], project).status).toBe(0)
    const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', `git+file://${bare}#${head}`], project)
    expect(install.status, install.output).toBe(0)
    for (const file of ['dist/index.js', 'dist/vitest/plugin.js', 'dist/vitest/plugin-commonjs.cjs', 'LICENSE', 'src/index.ts']) {
      expect(existsSync(join(project, 'node_modules/evalgate', file)), file).toBe(true)
    }
    const load = run(process.execPath, ['-e', "import('evalgate').then((m) => console.log(typeof m.evaluate, typeof require('evalgate/vitest').evalgate))"], project)
    expect(load.output.trim()).toBe('function function')
  }, 900_000)
})
