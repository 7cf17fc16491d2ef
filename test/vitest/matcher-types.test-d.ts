// Type test, checked by `npm run typecheck` (never run): the matcher types reject a promise, so
// `expect(evaluate({...})).toHaveMetric(...)` without `await` fails at compile time (issue 11).
import { expect } from 'vitest'
import type { EvalRun } from '../../src/run/types.js'
import '../../src/vitest/matcher-types.js'

declare const run: EvalRun
declare const pending: Promise<EvalRun>
declare const thenable: PromiseLike<EvalRun>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an `any` value must still reach the matchers
declare const anything: any
declare const unknownValue: unknown

export function typeChecks(): void {
  // An awaited run, and values of unknown type, take every matcher.
  expect(run).toHaveMetric('accuracy_score', 0.85)
  expect(run).not.toHaveMetric('accuracy_score', 0.99, { confidence: 'lower' })
  expect(run).toHaveSliceF1('category=billing', 0.8)
  expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'neutral', max: 0.1 })
  expect(run).toMatchBaseline()
  expect(run).toHavePassRate('exact_match', { min: 0.9 })
  expect(run).not.toHavePassRate('toxicity/v1', { min: 0.99, threshold: 0.2, slice: 'category=billing', confidence: 'lower' })
  expect(anything).toHaveMetric('accuracy_score', 0.85)
  expect(unknownValue).toHaveSliceGap({ column: 'category', metric: 'f1_score', max: 0.1 })

  // A promise is rejected, for every matcher and under .not.
  // @ts-expect-error expect() received a Promise: write expect(await evaluate({...}))
  expect(pending).toHaveMetric('accuracy_score', 0.85)
  // @ts-expect-error the same under .not
  expect(pending).not.toHaveMetric('accuracy_score', 0.85)
  // @ts-expect-error any PromiseLike
  expect(thenable).toHaveSliceF1('category=billing', 0.8)
  // @ts-expect-error slice metrics
  expect(pending).toHaveSliceMetric('category=billing', 'f1_score', 0.8)
  // @ts-expect-error confusion rates
  expect(pending).toHaveConfusionRate({ actual: 'negative', predicted: 'neutral', max: 0.1 })
  // @ts-expect-error baselines
  expect(pending).toMatchBaseline()
  // @ts-expect-error paired comparisons
  expect(pending).toOutperform(run)
  // @ts-expect-error pass rates
  expect(pending).toHavePassRate('exact_match', { min: 0.9 })

  // The other run of toOutperform is an awaited EvalRun (review 61: toOutperform(42) compiled)
  expect(run).toOutperform(run, { metric: 'f1_score' })
  // @ts-expect-error not a run
  expect(run).toOutperform(42)
  // @ts-expect-error the other run not awaited
  expect(run).toOutperform(pending)

  // Arguments are still checked on a run.
  // @ts-expect-error the threshold must be a number or bounds
  expect(run).toHaveMetric('accuracy_score', '0.85')
}
