import { afterEach, describe, expect, test, vi } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'

const SETUP_WARNED = Symbol.for('evalgate.setupWarned')
const flag = globalThis as { [SETUP_WARNED]?: true }

afterEach(() => {
  vi.restoreAllMocks()
})

// Adversarial pass 35: without the plugin, the first matcher failed with Vitest's bare
// "Invalid Chai property: toHaveMetric". This file runs without evalgate's setup, as such a project does.
describe('evaluate() in a Vitest worker without evalgate set up', () => {
  test("warns once, naming the plugin and the setup file", async () => {
    delete flag[SETUP_WARNED]
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const options = { data: [{ y: 'a', p: 'a' }, { y: 'b', p: 'a' }], targets: 'y', predictions: 'p', modelType: 'classifier' as const, intervals: false as const }
    await evaluate(options)
    await evaluate(options)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0][0])).toContain("[evalgate] evaluate() ran in a Vitest run without evalgate's setup, so its matchers (toHaveMetric, toMatchBaseline, ...) are not registered (\"Invalid Chai property\") and no report is written: add the plugin to vitest.config (import { evalgate } from 'evalgate/vitest'; plugins: [evalgate()]), or setupFiles: ['evalgate/setup'] for the matchers alone")
  })
})
