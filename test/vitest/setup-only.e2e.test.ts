// `setupFiles: ['evalgate/setup']` without the plugin, in a real Vitest process: the matchers,
// the run capture and the baselines work; the evalgate reporter is not added.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { prepareFixture, removeFixture, runVitest } from './fixture-project.js'

test('the setup file alone registers the matchers, captures runs and writes the baseline', async () => {
  const root = prepareFixture('setup-only')
  const run = await runVitest(root, { ci: false })
  expect(run.exitCode, run.output).toBe(0)
  const only = run.test('setup file only')
  expect(only.meta?.runs).toHaveLength(1)
  expect(only.meta?.gates.map((gate) => gate.matcher)).toEqual(['toHaveMetric', 'toHaveSliceF1', 'toMatchBaseline'])
  expect(only.meta?.baselines[0]).toMatchObject({ status: 'written', file: '__baselines__/model.test.ts.json' })
  expect(existsSync(join(root, '__baselines__/model.test.ts.json'))).toBe(true)
  expect(run.output).not.toContain('evalgate\n')
  removeFixture(root)
}, 180_000)
