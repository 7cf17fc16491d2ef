// The per-example outputs' way in a real Vitest process (the fixture project with the plugin,
// evalgate from the built dist/): the worker encodes them into task.meta at the end of the test,
// the reporter writes outputs.json beside run.json, and evalgate compare reads them back and
// pairs the runs. Needs `npm run build` first, as the other e2e tests.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { decodeRunOutputs } from '../../src/reporter/run-outputs.js'
import { prepareFixture, removeFixture, runVitest, type FixtureRun } from '../vitest/fixture-project.js'

describe('outputs.json from a real run', () => {
  let run: FixtureRun
  let root: string
  beforeAll(async () => {
    root = prepareFixture('thresholds')
    run = await runVitest(root, { ci: true, args: ['second.test.ts'] })
  }, 180_000)
  afterAll(() => removeFixture(root))

  test('the worker put the outputs into task.meta; the reporter wrote them beside run.json', () => {
    const meta = run.test('second file threshold').meta!
    expect(meta.outputs?.length).toBe(1)
    expect(meta.outputs![0]).toMatchObject({ evalgateRunOutputs: 1, exampleCount: 600, fingerprint: meta.runs[0].dataset.fingerprint })
    const folder = readdirSync(join(root, 'eval-results')).find((name) => name.startsWith('second'))!
    const written = JSON.parse(readFileSync(join(root, 'eval-results', folder, 'outputs.json'), 'utf8'))
    expect(written).toEqual(meta.outputs![0])
    const decoded = decodeRunOutputs(written, 'outputs.json')
    const right = decoded.predictedIndex!.filter((p, i) => p === decoded.targetIndex![i]).length
    expect(right / 600).toBe(meta.runs[0].metrics.accuracy_score)
  })

  test('evalgate compare pairs the run with itself: every change 0, paired, no clear change', async () => {
    const folder = readdirSync(join(root, 'eval-results')).find((name) => name.startsWith('second'))!
    const file = join(root, 'eval-results', folder, 'run.json')
    let stdout = ''
    const code = await runCli(['node', 'evalgate', 'compare', file, file, '--out', join(root, 'cmp'), '--markdown'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stdout += t) })
    expect(code).toBe(0)
    expect(stdout).toContain('> **Paired tests.** Run 2 shares the first run')
    expect(stdout).toMatch(/\| overall \| accuracy\\_score \| [^|]+ \| [^|]+ \| ±0 \(p 1\.0000, no clear change, mcnemar-exact\) \|/)
  })
})
