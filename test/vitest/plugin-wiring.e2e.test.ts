// How the plugin meets the rest of a Vitest config, in real Vitest processes: the reporter also
// named in test.reporters (one reporter, one folder: two used to race for it and fail the run
// with ENOTEMPTY / ENOENT), the plugin at the root of a test.projects config (it used to do
// nothing, and the projects failed on `Invalid Chai property: toHaveMetric`), and two projects
// asking for two outputDirs (the second used to be ignored without a word).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { prepareFixture, removeFixture, runVitest } from './fixture-project.js'

/** How many end-of-run evalgate tables the output holds. */
const tables = (output: string): number => output.split('\n').filter((line) => /^\s*evalgate\s*$/.test(line)).length

/** The results folders (those holding the evalgate marker file) directly under `root`. */
const resultFolders = (root: string): string[] => readdirSync(root).filter((name) => existsSync(join(root, name, '.evalgate-results'))).sort()

test('the plugin and the reporter named twice in test.reporters: one reporter writes eval-results, and the run passes', async () => {
  const root = prepareFixture('plugin-wiring')
  const run = await runVitest(root, { ci: true, args: ['--config', 'vitest.named-reporter.config.ts'] })
  expect(run.exitCode, run.output).toBe(0)
  expect(run.output).not.toMatch(/ENOTEMPTY|ENOENT|Unhandled/)
  expect(tables(run.output), run.output).toBe(1)
  expect(run.output).toContain('evalgate: the evalgate reporter was registered twice for eval-results; one writes it')
  expect(resultFolders(root)).toEqual(['eval-results'])
  expect(readdirSync(root).filter((name) => name.includes('.old-'))).toEqual([])
  removeFixture(root)
}, 180_000)

test('the plugin added twice (a shared base config and the project\'s own): one reporter and the workers use both option sets merged, the later\'s winning', async () => {
  const root = prepareFixture('plugin-wiring')
  const run = await runVitest(root, { ci: true, args: ['--config', 'vitest.plugin-twice.config.ts'] })
  expect(run.exitCode, run.output).toBe(0)
  expect(tables(run.output), run.output).toBe(1)
  // the later's outputDir, the earlier's html: false
  expect(resultFolders(root)).toEqual(['mine-results'])
  expect(existsSync(join(root, 'mine-results', 'index.html'))).toBe(false)
  removeFixture(root)
}, 180_000)

test('the plugin at the root and in each project with extends: true: each project keeps its own options', async () => {
  const root = prepareFixture('plugin-wiring')
  const run = await runVitest(root, { ci: false, args: ['--config', 'vitest.extends-own.config.ts'] })
  expect(run.exitCode, run.output).toBe(0)
  expect(run.output).not.toContain('added twice')
  expect(existsSync(join(root, '__baselines__/first/baseline.check.ts.json')), run.output).toBe(true)
  expect(existsSync(join(root, '__baselines__/second/baseline.check.ts.json')), run.output).toBe(true)
  removeFixture(root)
}, 180_000)

test('the plugin at the root of test.projects (no extends: true) reaches every project, with the root options', async () => {
  const root = prepareFixture('plugin-wiring')
  const run = await runVitest(root, { ci: true, args: ['--config', 'vitest.root-projects.config.ts'] })
  expect(run.exitCode, run.output).toBe(0)
  expect(run.output).not.toContain('Invalid Chai property')
  expect(run.modules.flatMap((module) => module.tests.map((t) => t.meta?.runs?.length))).toEqual([1, 1])
  expect(resultFolders(root)).toEqual(['root-results'])
  removeFixture(root)
}, 180_000)

test('the plugin in two projects with two outputDirs: one report, and a warning naming both folders', async () => {
  const root = prepareFixture('plugin-wiring')
  const run = await runVitest(root, { ci: true, args: ['--config', 'vitest.two-projects.config.ts'] })
  expect(run.exitCode, run.output).toBe(0)
  expect(run.output).toContain('evalgate: project "b" sets outputDir out-b, but the evalgate reporter (from project "a") writes out-a: one report covers every project, in out-a; set outputDir once')
  expect(resultFolders(root)).toEqual(['out-a'])
  removeFixture(root)
}, 180_000)

// adversarial pass 38: a leftover baseline file (its test file removed) failed the CI run (exit
// 1), but the table said PASS and summary.md "✅ 1 run passed": the evalgate reporter never heard
// of it. Here the reporter is also named in test.reporters, so Vitest calls it before the check.
test('in CI a baseline file whose test file is gone fails the run and every report says so, with the reporter named in test.reporters', async () => {
  const root = prepareFixture('plugin-wiring')
  mkdirSync(join(root, '__baselines__'), { recursive: true })
  writeFileSync(join(root, '__baselines__/gone.test.ts.json'), '{\n  "entries": {},\n  "evalgateBaseline": 2\n}\n')
  const run = await runVitest(root, { ci: true, args: ['--config', 'vitest.named-reporter.config.ts'] })
  expect(run.exitCode, run.output).toBe(1)
  expect(tables(run.output), run.output).toBe(1)
  expect(run.output).toContain(' FAIL outside any test: 1\n  __baselines__/gone.test.ts.json > (outside any test): obsolete baseline file: its test file gone.test.ts no longer exists.')
  const summary = readFileSync(join(root, 'eval-results/summary.md'), 'utf8')
  expect(summary.split('\n')[2]).toMatch(/^❌ 1 failure outside any test · ✅ 1 run passed/)
  expect(summary).toContain('- **\\_\\_baselines\\_\\_/gone.test.ts.json**: obsolete baseline file: its test file gone.test.ts no longer exists. Baselines are never written when CI is set: run \\`npx vitest run -u\\` locally')
  removeFixture(root)
}, 180_000)


// adversarial pass 38: Ctrl-C after a -u run's tests left the previous report in place while the
// baselines were rewritten, and nothing said so (Vitest exits within a millisecond of the signal).
test('a run interrupted before its report is written says what eval-results holds and what -u may have written', async () => {
  const { spawn } = await import('node:child_process')
  const { childEnv, REPO_ROOT } = await import('./fixture-project.js')
  const root = prepareFixture('plugin-wiring')
  // a first run writes a report
  expect((await runVitest(root, { ci: false, args: ['--config', 'vitest.named-reporter.config.ts'] })).exitCode).toBe(0)
  writeFileSync(join(root, 'slow.test.ts'), `import { writeFileSync } from 'node:fs'\nimport { test } from 'vitest'\ntest('slow', async () => {\n  writeFileSync(${JSON.stringify(join(root, 'started'))}, '')\n  await new Promise((done) => setTimeout(done, 50_000))\n})\n`)
  const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '-u', '--root', root, '--config', 'vitest.named-reporter.config.ts'], { cwd: root, env: { ...childEnv(false), FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const closed = new Promise<number | null>((done) => child.on('close', done))
  for (let i = 0; i < 600 && !existsSync(join(root, 'started')); i++) await new Promise((done) => setTimeout(done, 100))
  child.kill('SIGINT')
  await closed
  expect(output).toContain("evalgate: the run was interrupted before its report was written: eval-results/ still holds the previous run's report; with -u, the baseline files of the test files that finished may already be rewritten, so run again for a report of them")
  removeFixture(root)
}, 180_000)
