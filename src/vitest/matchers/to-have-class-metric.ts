/**
 * `expect(run).toHaveClassMetric(label, name, threshold, options?)`: per-class precision,
 * recall or F1 (`'precision' | 'recall' | 'f1'`, or the `_score` names) from the run's
 * per-class table (scikit-learn's `classification_report` rows). The table has no intervals, so
 * `confidence: 'lower'` (on the call or as the plugin's default) is an error saying so: pass
 * `{ confidence: 'point' }` to the call to assert the value.
 */
import { findLabel } from '../../run/labels.js'
import { ConfigError, listNames } from '../../errors.js'
import { receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { checkThreshold, type Threshold, type ThresholdOptions } from './threshold-check.js'
import { classZeroDivisionNote } from '../../run/zero-division-note.js'
import { ownValue } from '../../run/own-keys.js'

const FIELDS: Readonly<Record<string, 'precision' | 'recall' | 'f1'>> = {
  precision: 'precision',
  precision_score: 'precision',
  recall: 'recall',
  recall_score: 'recall',
  f1: 'f1',
  f1_score: 'f1',
}

/**
 * Asserts a per-class metric against a threshold.
 *
 * @example
 * expect(run).toHaveClassMetric('cat', 'recall', 0.5, { confidence: 'point' })
 */
export function toHaveClassMetric(this: EvalgateMatcherState, received: unknown, label: string | number, name: string, threshold: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  const run = receivedRun(this, received, 'toHaveClassMetric')
  const field = ownValue(FIELDS, name)
  if (!field) throw new ConfigError('class-metric-unknown', `toHaveClassMetric: metric "${name}" is not a per-class metric; use one of precision, recall, f1`)
  if (!run.perClass) throw new ConfigError('class-metric-no-table', `toHaveClassMetric: the run has no per-class table (modelType ${run.modelType}); it exists for classifiers`)
  const found = findLabel(run.perClass.map((candidate) => candidate.label), label)
  const row = run.perClass.find((candidate) => candidate.label === found)
  if (!row) throw new ConfigError('class-not-found', `toHaveClassMetric: class "${String(label)}" not found; classes are: ${listNames(run.perClass.map((r) => r.label))}`)
  const valueNote = classZeroDivisionNote(field, row)
  const measurement = {
    label: `${field}[class=${row.label}]`,
    metric: `${field}_score`,
    value: row[field],
    greaterIsBetter: true,
    exampleCount: field === 'precision' ? row.predicted : row.support,
    noIntervalReason: `per-class metrics carry no intervals (the run's per-class table, scikit-learn's classification_report, holds point values only)`,
    ...(run.name !== undefined ? { runName: run.name } : {}),
    ...(valueNote !== undefined ? { valueNote } : {}),
  }
  return checkThreshold(this, 'toHaveClassMetric', 'class', measurement, threshold, options, 'label, name, threshold')
}
