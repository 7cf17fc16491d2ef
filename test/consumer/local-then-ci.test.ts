// The package as a user gets it: `npm pack` of evalgate installed (with vitest) into a project
// outside this repository (test/consumer/packed-install.ts, one pack and install per test run),
// the plugin in its vitest.config.ts, a test using evaluate + matchers + toMatchBaseline run green
// in a real Vitest process locally, then under CI with `-u` against the baseline it wrote, beside
// a regressed copy that fails. The other consumer scenarios are in the other files of
// test/consumer/ (split so that Vitest runs them in parallel).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { CONSUMER_TEST, consumerProject, consumerWorkspace, vitestIn } from './consumer-projects.js'

const workspace = consumerWorkspace('consumer-local-ci')

// One project goes local -> CI with -u, as a pull request would: two copies of the consumer test,
// consumer.test.ts (the model unchanged) and pr.test.ts (the model regressed when CONSUMER_PR is
// set), so one CI run shows both the green run against the baseline the local run wrote and the
// regression that `-u` does not hide. These two tests in order.
describe.sequential('a project made from the npm tarball, locally, then under CI', () => {
  let project: string
  beforeAll(() => {
    project = consumerProject(workspace.install, workspace.work, 'project')
    writeFileSync(join(project, 'pr.test.ts'), CONSUMER_TEST.replace('process.env.CONSUMER_REGRESSED', 'process.env.CONSUMER_PR'))
  })

  test('the plugin, the matchers and toMatchBaseline run green locally, writing the baselines', async () => {
    const local = await vitestIn(project, [])
    expect(local.status, local.output).toBe(0)
    expect(local.output).toMatch(/Tests\s+2 passed/)
    const baseline = JSON.parse(readFileSync(join(project, '__baselines__/consumer.test.ts.json'), 'utf8'))
    expect(Object.keys(baseline.entries)).toEqual(['consumer model 1'])
    expect(baseline.entries['consumer model 1'].exampleCount).toBe(400)
    expect(existsSync(join(project, '__baselines__/pr.test.ts.json'))).toBe(true)
  }, 300_000)

  test('under CI with `vitest run -u`: the unchanged model runs green against its baseline; the regressed one fails, saying how to update; nothing is written', async () => {
    const files = ['consumer.test.ts', 'pr.test.ts'].map((name) => join(project, '__baselines__', `${name}.json`))
    const before = files.map((file) => readFileSync(file, 'utf8'))
    const ci = await vitestIn(project, ['-u'], true, { CONSUMER_PR: '1' })
    expect(ci.status, ci.output).toBe(1)
    expect(ci.output).toMatch(/Tests\s+1 failed \| 1 passed/)
    expect(ci.output).toMatch(/FAIL\s+pr\.test\.ts > consumer model/)
    expect(ci.output).not.toMatch(/FAIL\s+consumer\.test\.ts/)
    expect(ci.output).toContain('regressed beyond what is allowed against the baseline entry "consumer model 1" in __baselines__/pr.test.ts.json')
    expect(ci.output).toMatch(/accuracy_score\s+0\.\d{4}\s+0\.\d{4}\s+-0\.\d{4} worse\s+-0\.0100 \(tolerance\)\s+FAIL/)
    expect(ci.output).toContain('(`-u` was ignored)')
    expect(ci.output).toContain('EVALGATE_UPDATE_BASELINES=1')
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual(before)
  }, 300_000)
})
