// One eval file run by two Vitest projects (a matrix of model sizes): with one baseline folder
// both projects' runs checked one entry, so a large model 6.5 points worse passed under CI as
// "better" against the small model's numbers (adversarial pass 25). Now toMatchBaseline there is
// an error naming both projects and the fix, a baseline folder per project, which works.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { prepareFixture, removeFixture, runVitest } from './fixture-project.js'

test('two projects sharing a test file and its baseline file: toMatchBaseline fails, naming the projects and the fix; nothing is written', async () => {
  const root = prepareFixture('project-matrix')
  const run = await runVitest(root, { ci: false, args: ['--config', 'vitest.shared.config.ts'] })
  expect(run.exitCode, run.output).toBe(1)
  expect(run.output).toContain('toMatchBaseline: this test file runs in the Vitest projects "large" and "small", which would keep their baselines in one file, __baselines__/matrix.test.ts.json')
  expect(run.output).toContain("plugins: [evalgate({ baselineDir: '__baselines__/<project>' })]")
  expect(existsSync(join(root, '__baselines__/matrix.test.ts.json'))).toBe(false)
  removeFixture(root)
}, 180_000)

test('a baseline folder per project: each keeps its own entry, and a regression of one fails under CI', async () => {
  const root = prepareFixture('project-matrix')
  const written = await runVitest(root, { ci: false, args: ['--config', 'vitest.own-dirs.config.ts'] })
  expect(written.exitCode, written.output).toBe(0)
  const accuracy = (project: string): number => JSON.parse(readFileSync(join(root, `__baselines__/${project}/matrix.test.ts.json`), 'utf8')).entries['sentiment model 1'].metrics.accuracy_score.value
  expect(accuracy('large')).toBeGreaterThan(accuracy('small'))
  // The end-of-run table tells the two rows of one name apart by their project.
  expect(written.output).toMatch(/PASS\s+\[large\] sentiment model/)
  expect(written.output).toMatch(/PASS\s+\[small\] sentiment model/)
  const regressed = await runVitest(root, { ci: true, args: ['--config', 'vitest.own-dirs.config.ts'], env: { LARGE_MODEL: 'regressed' } })
  expect(regressed.exitCode, regressed.output).toBe(1)
  expect(regressed.output).toMatch(/accuracy_score\s+0\.\d+\s+0\.\d+\s+-0\.\d+ worse.*FAIL/)
  removeFixture(root)
}, 180_000)

test('one project at a time (--project, as a CI matrix job runs it): the entry names the project that wrote it, and the other project is refused (adversarial pass 26)', async () => {
  const root = prepareFixture('project-matrix')
  const small = await runVitest(root, { ci: false, args: ['--config', 'vitest.shared.config.ts', '--project', 'small'] })
  expect(small.exitCode, small.output).toBe(0)
  const entry = JSON.parse(readFileSync(join(root, '__baselines__/matrix.test.ts.json'), 'utf8')).entries['sentiment model 1']
  expect(entry.project).toBe('small')
  const large = await runVitest(root, { ci: true, args: ['--config', 'vitest.shared.config.ts', '--project', 'large'], env: { LARGE_MODEL: 'regressed' } })
  expect(large.exitCode, large.output).toBe(1)
  expect(large.output).toContain('the baseline entry "sentiment model 1" in __baselines__/matrix.test.ts.json was written by the Vitest project "small", and this test runs in "large"')
  // -u from "large" takes the entry over, and says so where a passing run's warnings go
  const takeover = await runVitest(root, { ci: false, args: ['--config', 'vitest.shared.config.ts', '--project', 'large', '-u'] })
  expect(takeover.exitCode, takeover.output).toBe(0)
  expect(takeover.output).toContain('the entry was written by the Vitest project "small" and now records "large"')
  removeFixture(root)
}, 180_000)
