/**
 * A baseline option value the gate cannot use stops the test with a ConfigError: before, NaN (an
 * unset environment variable through Number()), `tolerance: 5` (5% written as 5) or a
 * `minRelativeChange` of -5 switched the gate off, and a 30-point accuracy drop passed under CI.
 */
import { describe, expect, test } from 'vitest'
import type { BaselineOptions } from '../../src/baselines/types.js'
import { ConfigError } from '../../src/errors.js'
import { resolveBaselineOptions } from '../../src/vitest/matchers/baseline-options.js'
import { evalgate } from '../../src/vitest/plugin.js'
import { handBuiltRun } from './hand-built-run.js'

function message(call: BaselineOptions, plugin: BaselineOptions = {}): string {
  try {
    resolveBaselineOptions(handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0.3 } }), plugin, call)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('resolveBaselineOptions did not throw')
}

describe('toMatchBaseline: option values the gate cannot use', () => {
  test.each<[string, BaselineOptions, string]>([
    ['NaN tolerance', { tolerance: Number(undefined) }, 'tolerance must be a finite number, received NaN; a value read from the environment may be unset (Number(undefined) is NaN) (in the options)'],
    ['string tolerance', { tolerance: 'abc' as never }, 'tolerance must be a finite number, received "abc"'],
    ['a percentage as tolerance', { tolerance: 5 }, 'tolerance 5 allows accuracy_score (between 0 and 1) to fall by 5, so the gate could never fail; did you mean 0.05?'],
    ['tolerance 1', { tolerance: 1 }, 'tolerance 1 allows accuracy_score (between 0 and 1) to fall by 1, so the gate could never fail; did you mean 0.01?'],
    ['negative tolerance', { tolerance: -0.05 }, 'tolerance -0.05 is negative'],
    ['minAbsoluteChange -1', { minAbsoluteChange: -1 }, 'minAbsoluteChange -1 allows accuracy_score (between 0 and 1) to fall by 1'],
    ['minRelativeChange -5', { minRelativeChange: -5 }, 'minRelativeChange -5 is a change of -500% of the baseline\'s value; did you mean -0.05?'],
    ['significance 5', { significance: 5 }, 'significance must be between 0 and 1 (e.g. 0.05), or false to gate on the values alone, received 5'],
    ['significance 0', { significance: 0 }, 'significance must be between 0 and 1'],
    ['NaN in perMetric', { perMetric: { f1: { threshold: Number.NaN } } }, 'threshold must be a finite number, received NaN; a value read from the environment may be unset (Number(undefined) is NaN) (in perMetric.f1)'],
    ['correction', { correction: 'bonferroni' as never }, "correction must be 'holm' (default) or 'none', received \"bonferroni\""],
    ['slices', { slices: 'no' as never }, 'slices must be true or false, received "no"'],
    [
      'greaterIsBetter turning a known direction round (adversarial pass 25)',
      { perMetric: { log_loss: { greaterIsBetter: true } } },
      'greaterIsBetter: true turns log_loss round (in perMetric.log_loss): a lower log_loss is better, so the gate would pass every rise of it as an improvement; leave greaterIsBetter out for log_loss',
    ],
    [
      'greaterIsBetter on a short name: named as written (adversarial pass 26)',
      { perMetric: { accuracy: { greaterIsBetter: false } } },
      'greaterIsBetter: false turns accuracy (accuracy_score) round (in perMetric.accuracy): a higher accuracy_score is better, so the gate would pass every fall of it as an improvement; leave greaterIsBetter out for accuracy',
    ],
    ['greaterIsBetter for every metric', { greaterIsBetter: false }, 'greaterIsBetter: false turns accuracy_score round (in the options): a higher accuracy_score is better, so the gate would pass every fall of it'],
  ])('%s', (_what, options, expected) => {
    expect(message(options)).toContain(`toMatchBaseline: ${expected}`)
  })

  test("the plugin's defaults are checked too, and named as such", () => {
    expect(message({}, { tolerance: Number.NaN })).toContain("(in the plugin's baseline options)")
    expect(() => evalgate({ baseline: { tolerance: Number.NaN } })).toThrow('evalgate(): tolerance must be a finite number, received NaN')
    expect(() => evalgate({ baseline: { perMetric: { f1_score: { significance: 2 } } } })).toThrow('(in baseline.perMetric.f1_score)')
  })

  test('values a gate can use pass: a wide tolerance on an unbounded metric, a drop allowed on a bounded one', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.9, log_loss: 0.3 } })
    expect(resolveBaselineOptions(run, {}, { perMetric: { log_loss: { tolerance: 5 } }, tolerance: 0.02, minRelativeChange: -0.05, significance: false }).tolerance).toBe(0.02)
    expect(resolveBaselineOptions(run, {}, { metrics: ['log_loss'], tolerance: 5 }).tolerance).toBe(5)
    // A direction that agrees with the metric's (an MLflow MetricThreshold ported as it was) is fine.
    expect(resolveBaselineOptions(run, {}, { perMetric: { log_loss: { greaterIsBetter: false } } }).perMetric).toEqual({ log_loss: { greaterIsBetter: false } })
  })
})
