/**
 * The results of the checks on a run, shared by the layers that produce them (the matchers'
 * gates, the baselines' verdicts) and the layers that read them (the reporter, through the task
 * meta). Plain JSON data, like the EvalRun itself; they live here, in the lowest layer, so that
 * neither baselines nor the reporter import `src/vitest`.
 */
import type { MetricInterval } from './types.js'

/** One threshold or baseline check, shown as its own JUnit test case. */
export interface GateResult {
  kind: 'threshold' | 'slice' | 'class' | 'confusion' | 'slice-gap' | 'outperform' | 'baseline'
  /** Matcher name, e.g. `toHaveSliceF1`. */
  matcher: string
  /** Human label, e.g. `f1_score[category=technical_support] >= 0.8`. */
  title: string
  pass: boolean
  /** Whether the assertion was negated with `.not`. */
  negated?: boolean
  runName?: string
  /** Index of the checked run among the test's runs, when it has no name (reports put the check beside that run). */
  runIndex?: number
  /** The run the checked run was compared with (toOutperform's other run): by name, else by index among the test's runs. */
  comparedRunName?: string
  comparedRunIndex?: number
  metric?: string
  slice?: string
  value?: number
  threshold?: number
  interval?: MetricInterval
  /** True when the verdict is within noise: a threshold inside the interval (passed or failed), a baseline check that passed with drops within noise. */
  withinNoise?: boolean
  /** Set by the reporter: a check that failed in a `test.fails` test, as the test expects (`pass` is then true, as Vitest passes the test). */
  expectedFailure?: boolean
  /** The failure (or warning) message as printed. */
  message: string
}

/** One metric's verdict against the stored baseline. */
export interface BaselineMetricVerdict {
  metric: string
  /** Slice key (`src/run/slice-key.ts`), absent for the overall metric. */
  slice?: string
  baseline: number | null
  current: number | null
  /** `current - baseline`. */
  change: number | null
  /** The drop allowed, as text (e.g. `-0.02 (tolerance)`). */
  allowed: string
  /**
   * `accepted`: a drop that would fail, in an entry `vitest -u` has just rewritten with the current
   * values (the old baseline's numbers, kept for the reports; nothing failed). `untested`: the
   * metric is defined differently from the stored one (another posLabel, average, stemmer: the
   * entry's definition change), so the two values are shown and not compared.
   */
  verdict: 'pass' | 'fail' | 'noise' | 'improved' | 'new' | 'missing' | 'accepted' | 'untested'
  /** The row (`metric` or `metric[slice]`) whose hypothesis this row shares, and whose test it repeats. */
  repeats?: string
  /** The threshold the current value (of all rows) is judged against, for showing the two apart. */
  threshold?: number
  /** A `fail` because the current value misses `threshold`, a bound on the value itself (updating the baseline cannot meet it). */
  missedThreshold?: boolean
  /** The metric's direction; null when it has none (`token_count`): a change either way is tested (two-sided) and reads `changed`. */
  greaterIsBetter: boolean | null
  pValue?: number
  /** The statistical test used: `mcnemar-exact`, `paired-permutation`, `paired-mean`, `paired-delong`, `paired-resample`, `unpaired-normal`, `none`; `(as <metric>)` when the row shares another row's hypothesis. */
  test?: string
}

/** A run's comparison with its stored baseline entry. */
export interface BaselineComparison {
  /** Baseline entry key: `<full test name> <n>`, or `<full test name> > <runName>` (see `baselines/entry-keys.ts`). */
  key: string
  runName?: string
  /** Index of the compared run among the test's runs, when it has no name (reports put the comparison beside that run). */
  runIndex?: number
  /** Path of the baseline file, relative to the project root. */
  file: string
  status: 'written' | 'updated' | 'passed' | 'failed' | 'missing' | 'data-changed' | 'definition-changed'
  rows: BaselineMetricVerdict[]
  /** Notes such as "data changed: 600 -> 640 rows" or "`vitest -u` would raise the bar". */
  notes: string[]
  /**
   * The rows the baseline and current values of `rows` are of, when not all the run's:
   * `800 of 1,000 rows` (changed data, or rows that failed in a model, matched by their keys).
   * Reports say it beside the changes, which are then not the run's value minus the baseline.
   */
  comparedOn?: string
}

/**
 * `on 800 of 1,000 rows` when a comparison was of part of the run's rows, for a report's change column.
 * @example comparedOnText([{ comparedOn: '800 of 1,000 rows' }]) // 'on 800 of 1,000 rows'
 */
export function comparedOnText(comparisons: ReadonlyArray<Pick<BaselineComparison, 'comparedOn'>>): string | undefined {
  const on = comparisons.find((comparison) => comparison.comparedOn !== undefined)?.comparedOn
  return on === undefined ? undefined : `on ${on}`
}
