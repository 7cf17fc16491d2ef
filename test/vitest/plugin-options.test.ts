/**
 * The plugin's options are checked when the config loads: Vitest does not type-check
 * vitest.config.ts, so a misspelled option would otherwise leave the gate at its defaults.
 */
import { describe, expect, test } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import { evalgate } from '../../src/vitest/plugin.js'
import type { EvalgatePluginOptions } from '../../src/vitest/options.js'

function message(options: unknown): string {
  try {
    evalgate(options as EvalgatePluginOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('evalgate() did not throw')
}

describe('evalgate(options)', () => {
  test.each([
    [{ baselinDir: 'b' }, 'evalgate(): unknown option "baselinDir" in the plugin options; did you mean "baselineDir"'],
    [{ baseline: { tolerence: 0.02 } }, 'evalgate(): unknown option "tolerence" in baseline; did you mean "tolerance"?'],
    [{ baseline: { name: 'x' } }, 'evalgate(): unknown option "name" in baseline;'],
    [{ baseline: { perMetric: { f1_score: { threshhold: 0.8 } } } }, 'unknown option "threshhold" in baseline.perMetric.f1_score; did you mean "threshold"?'],
    [{ reporter: { junitPath: 'x.xml' } }, 'unknown option "junitPath" in reporter;'],
    [{ reporter: { mlflow: { trackingUrl: 'http://m' } } }, 'unknown option "trackingUrl" in reporter.mlflow; did you mean "trackingUri"?'],
  ])('%j is a ConfigError naming the option and the fix', (options, expected) => {
    expect(message(options)).toContain(expected)
  })

  test('every documented option is accepted', () => {
    const plugin = evalgate({
      baselineDir: '__baselines__',
      baseline: { tolerance: 0.01, significance: 0.05, metrics: ['f1'], slices: true, perMetric: { f1_score: { threshold: 0.8 } }, allowDataChange: false, correction: 'holm' },
      confidence: 'lower',
      outputDir: 'eval-results',
      reporter: { junit: true, html: true, summary: true, maxMisclassifiedRows: 20, maxCurveClasses: 10, terminal: true, mlflow: { trackingUri: 'http://m', experimentName: 'e', failOnError: false, maxRetries: 3, artifacts: true } },
      runOutputs: true,
    })
    expect(plugin.name).toBe('evalgate')
    expect(evalgate().name).toBe('evalgate')
    expect(evalgate({ reporter: false }).name).toBe('evalgate')
  })

  test('a relative baselineDir that leaves the test folder is refused, naming the fix; one inside it, or an absolute one, is accepted', () => {
    for (const dir of ['../baselines', '../../baselines', 'a/../../b', '..']) {
      expect(message({ baselineDir: dir })).toContain(`evalgate(): baselineDir ${JSON.stringify(dir)} leaves each test file's folder, so test files of one name in different folders would share one baseline file`)
    }
    expect(message({ baselineDir: '../b' })).toContain("import { fileURLToPath } from 'node:url', then baselineDir: fileURLToPath(new URL('./baselines', import.meta.url)). Move the baseline files you have to their new place first")
    expect(message({ baselineDir: '' })).toContain("evalgate(): baselineDir must be a folder such as '__baselines__', got \"\"")
    expect(message({ baselineDir: 3 })).toContain('got 3')
    for (const dir of ['__baselines__', '__baselines__/large', 'a/../b', '/abs/baselines', '..baselines']) expect(evalgate({ baselineDir: dir }).name).toBe('evalgate')
  })

  test('options that are not an object', () => {
    expect(message('eval-results')).toContain('evalgate(options): options must be an object')
  })
})
