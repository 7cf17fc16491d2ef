/**
 * `expect(run).toHaveConfusionRate({ actual, predicted, max, slice?, confidence? })`: the share
 * of rows of class `actual` predicted as `predicted` is at most `max` (e.g. negative feedback
 * on technical support read as neutral). The interval is Wilson's at the run's level.
 */
import { findLabel } from '../../run/labels.js'
import { ConfigError, listNames } from '../../errors.js'
import type { ConfusionMatrix } from '../../run/types.js'
import type { Confidence } from '../options.js'
import { receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { MAX_SLICE_DETAIL_CELLS } from '../../evaluate/run-table-engine.js'
import { findSlice } from './slice-lookup.js'
import { checkThreshold, undecidable } from './threshold-check.js'
import { wilsonInterval } from '../../stats/wilson-interval.js'
import { checkKeys } from '../../run/option-keys.js'

export interface ConfusionRateExpectation {
  actual: string | number
  predicted: string | number
  max: number
  slice?: string | undefined
  confidence?: Confidence | undefined
}

const CONFUSION_RATE_KEYS = ['actual', 'predicted', 'max', 'slice', 'confidence'] as const satisfies ReadonlyArray<keyof ConfusionRateExpectation>

function labelIndex(matrix: ConfusionMatrix, label: string, role: string): number {
  const index = matrix.labels.indexOf(findLabel(matrix.labels, label) ?? label)
  if (index < 0) throw new ConfigError('confusion-label', `toHaveConfusionRate: ${role} label "${label}" not found; labels are: ${listNames(matrix.labels)}`)
  return index
}

/** Asserts a confusion rate against a maximum. */
export function toHaveConfusionRate(this: EvalgateMatcherState, received: unknown, expectation: ConfusionRateExpectation): SyncExpectationResult {
  const run = receivedRun(this, received, 'toHaveConfusionRate')
  checkKeys(expectation, CONFUSION_RATE_KEYS, { who: 'toHaveConfusionRate', where: 'the expectation', code: 'matcher-unknown-option' })
  if (typeof expectation?.max !== 'number') throw new ConfigError('confusion-max', 'toHaveConfusionRate: pass { actual, predicted, max } with a numeric max (a share between 0 and 1)')
  const slice = expectation.slice === undefined ? undefined : findSlice(run, expectation.slice)
  const matrix = slice ? slice.confusionMatrix : run.confusionMatrix
  const actual = String(expectation.actual)
  const predicted = String(expectation.predicted)
  const label = `confusion_rate[${actual}->${predicted}]${slice ? `[${slice.key}]` : ''}`
  const hint = this.utils.matcherHint('toHaveConfusionRate', 'run', '{ actual, predicted, max }', { isNot: this.isNot })
  if (!matrix) {
    // (a run without a matrix of its own, a regressor's, says so first, whatever the slice: adversarial pass 66)
    if (slice && run.confusionMatrix && Object.keys(slice.metrics).length > 0) {
      throw new ConfigError(
        'confusion-no-slice-matrix',
        `toHaveConfusionRate: slice ${slice.key} keeps no confusion matrix: slices keep none when together they would hold more than ${MAX_SLICE_DETAIL_CELLS.toLocaleString('en-US')} cells (${run.confusionMatrix.labels.length} classes squared, per slice of the column); slice by a column of fewer values, or check the rate with a custom metric`,
      )
    }
    if (slice && run.confusionMatrix) {
      return undecidable(this, { kind: 'confusion', matcher: 'toHaveConfusionRate', title: `${label} too small to decide`, slice: slice.key }, hint,
        `slice ${slice.key} is too small to decide: ${slice.exampleCount} examples, below minSliceSize ${run.minSliceSize}`)
    }
    throw new ConfigError('confusion-no-matrix', `toHaveConfusionRate: the run has no confusion matrix (modelType ${run.modelType}); it exists for classifiers`)
  }
  const row = labelIndex(matrix, actual, 'actual')
  const column = labelIndex(matrix, predicted, 'predicted')
  const trials = matrix.counts[row].reduce((sum, count) => sum + count, 0)
  if (trials === 0) {
    return undecidable(this, { kind: 'confusion', matcher: 'toHaveConfusionRate', title: `${label} undefined` }, hint,
      `no rows of class "${actual}"${slice ? ` in slice ${slice.key}` : ''}, so the rate is undefined`)
  }
  const count = matrix.counts[row][column]
  const level = run.intervalSettings?.level ?? 0.95
  const interval = { ...wilsonInterval(count, trials, level), level, method: 'wilson' as const }
  return checkThreshold(
    this,
    'toHaveConfusionRate',
    'confusion',
    {
      label,
      metric: 'confusion_rate',
      value: count / trials,
      greaterIsBetter: false,
      interval,
      exampleCount: trials,
      ...(slice ? { slice: slice.key, runExampleCount: run.exampleCount } : {}),
      ...(run.name !== undefined ? { runName: run.name } : {}),
    },
    { max: expectation.max },
    expectation.confidence ? { confidence: expectation.confidence } : undefined,
    '{ actual, predicted, max }',
  )
}
