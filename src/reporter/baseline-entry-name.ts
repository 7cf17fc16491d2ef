import type { BaselineComparison } from '../run/verdicts.js'

/**
 * The name of a baseline entry as the reports give it where one run has several
 * (`toMatchBaseline({ name: 'sliced' })` and `toMatchBaseline({ name: 'overall', slices: false })`):
 * the name it was checked under (the call's `name`, else the run's), else its key in the baseline
 * file (`sentiment 1`) for an entry of an unnamed run.
 * @example baselineEntryName({ key: 'sentiment > overall', runName: 'overall' }) // 'overall'
 */
export function baselineEntryName(comparison: Pick<BaselineComparison, 'key' | 'runName'>): string {
  return comparison.runName ?? comparison.key
}

/**
 * How many distinct baseline entries the comparisons are of (a run checked twice against one
 * entry with the same options records the same entry twice).
 * @example entryCount([{ key: 'm > sliced' }, { key: 'm > overall' }]) // 2
 */
export function entryCount(comparisons: ReadonlyArray<Pick<BaselineComparison, 'key'>>): number {
  return new Set(comparisons.map((comparison) => comparison.key)).size
}

/**
 * What a headline change says of the entry it is from, where several of the run's entries hold
 * the metric (the worst verdict's entry; see `overallBaselineRow`).
 * @example entryOfChange('overall') // '(entry overall)'
 */
export function entryOfChange(entry: string): string {
  return `(entry ${entry})`
}
