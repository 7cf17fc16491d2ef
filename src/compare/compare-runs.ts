/**
 * `toOutperform`'s comparison: two in-memory runs on the same data, one metric, the one paired
 * test (`PairedComparison`) of "the candidate is better than the other model by more than
 * `margin`".
 */
import { ConfigError } from '../errors.js'
import type { EvalRun } from '../run/types.js'
import { pairedRuns } from './paired-data.js'
import { PairedComparison, type PairedTestName } from './paired-metric-test.js'
import { monteCarloDraws } from './hypothesis-family.js'
import { definitionDifference, isDefinedDifferently } from './report/metric-definitions.js'

export interface RunsComparison {
  /** Candidate minus other, in the better direction (positive: the candidate is better). */
  gain: number
  /** One-sided p-value of "the gain is at most the margin". */
  p: number
  test: PairedTestName
  /** The metric it was tested as, when it is the same hypothesis as another (micro F1 is accuracy). */
  sameAs?: string
  /** What the test counted, for people. */
  detail: string
}

/**
 * Tests whether `candidate` beats `other` on `metric` by more than `margin` (paired, one-sided).
 * @example compareRuns(candidate, other, 'accuracy_score', { margin: 0, greaterIsBetter: true, seed: 0, alpha: 0.05 }).test // 'mcnemar-exact'
 */
export function compareRuns(candidate: EvalRun, other: EvalRun, metric: string, options: { margin: number; greaterIsBetter: boolean; seed: number; alpha: number }): RunsComparison {
  if (!(options.margin >= 0)) {
    throw new ConfigError('outperform-margin', `toOutperform: margin ${String(options.margin)} must be a number >= 0 (the gain the candidate must significantly exceed, in ${metric}'s units)`)
  }
  const data = pairedRuns(candidate, other)
  if (!data) {
    throw new ConfigError('outperform-not-in-memory', 'toOutperform needs both runs in memory (as returned by evaluate()), not read back from JSON: the paired test uses per-example outputs')
  }
  const difference = definitionDifference(other, candidate)
  if (isDefinedDifferently(difference, metric)) {
    throw new ConfigError(
      'outperform-definition',
      `toOutperform: the runs define ${metric} differently (${difference!.changes.join(', ')}: the other run's -> the candidate's), so their values are not comparable; evaluate both with the same options`,
    )
  }
  const valueA = candidate.metrics[metric]
  const valueB = other.metrics[metric]
  const result = new PairedComparison(data).test({
    metric,
    rows: null,
    scopeKey: '',
    valueA,
    valueB,
    greaterIsBetter: options.greaterIsBetter,
    margin: options.margin,
    alpha: options.alpha,
    resampleDraws: monteCarloDraws(options.alpha, 1, 2000, 10_000),
    largestLevel: options.alpha,
    seed: options.seed,
  })
  if ('unavailable' in result) {
    throw new ConfigError('outperform-metric', `toOutperform: no paired test of "${metric}" is possible: ${result.unavailable}`)
  }
  const detail = result.discordant
    ? `${result.discordant.aOnly} examples right only for the candidate, ${result.discordant.bOnly} right only for the other model`
    : result.differingRows !== undefined
      ? `${result.differingRows} examples with different predicted labels, ${result.draws} permutations`
      : result.draws !== undefined
        ? `${result.draws} paired resamples`
        : `${data.n} examples`
  return { gain: options.greaterIsBetter ? valueA - valueB : valueB - valueA, p: result.p, test: result.test, detail, ...(result.sameAs ? { sameAs: result.sameAs } : {}) }
}
