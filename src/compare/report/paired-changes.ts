/**
 * The paired tests of `evalgate compare`: when a run scored the same rows as the first run
 * (one dataset fingerprint, one row count, the same targets) and both runs' per-example outputs
 * were read back (`outputs.json`), each change against the first run is tested with the one
 * paired comparison the gate uses (`PairedComparison` of `src/compare`: McNemar, permutation,
 * paired mean, DeLong), with the gate's settings: model A = the first run (the gate's baseline),
 * B = the compared run, margin 0, the compared run's seed, Monte Carlo draws from the family size,
 * one test per distinct hypothesis (rows, values). The metrics it recomputes on resampled rows
 * (PR AUC, r², RMSE, max error) are recomputed from the stored outputs with the engine's scope
 * functions, as a run in memory does; custom metrics (functions in the test file, not stored
 * with a run) keep the unpaired test, and the note says so.
 *
 * The gate asks one-sided "is the run worse than the baseline by more than the tolerance"; the
 * page asks "did it change": the two-sided p is twice the smaller of the two one-sided p-values
 * (A better than B, B better than A). Holm's step-down runs over each compared run's family.
 */
import { columnChangeText, datasetChange, outputColumnsOf } from '../../run/dataset-change.js'
import { PairedComparison, type PairedTestName } from '../paired-metric-test.js'
import { comparisonScopes, runShape, swappedOutputs, type ModelOutputs, type PairedData } from '../paired-data.js'
import { floorReachingDraws, hypothesisKey, monteCarloDraws, rowsSignature } from '../hypothesis-family.js'
import { classifierScope } from '../../model-types/classifier/classifier-scope.js'
import { matrixColumns } from '../../model-types/classifier/probability-columns.js'
import { regressorScope } from '../../model-types/regressor/regressor-scope.js'
import { scopeContext } from '../../evaluate/scope-context.js'
import { isBuiltinMetric } from '../../metrics/index.js'
import type { EvalRun } from '../../run/types.js'
import type { EncodedColumn } from '../../run/run-table.js'
import type { NamedRun } from './read-run-files.js'
import { sliceRowsOf, type RunOutputs } from './run-outputs.js'
import { runRowScores } from './run-row-scores.js'

/** How a run is tested against the first run: paired (with its comparison) or why not. */
export type RunPairing = { paired: true; comparison: PairedComparison; reversed: PairedComparison; rowsOf: (scope: string) => Int32Array | null | undefined; seed: number } | { paired: false; reason: string }

/** One paired test of a change: the two one-sided p-values and the two-sided one. */
export interface PairedChangeTest {
  test: PairedTestName
  /** The metric it was tested as (micro F1 is accuracy). */
  sameAs?: string
  /** One-sided p of "run 1 is better" (what the gate reports for run 1 as the baseline). */
  pFirstBetter: number
  /** One-sided p of "this run is better". */
  pThisBetter: number
  /** Two-sided: 2 x the smaller one-sided p, at most 1. */
  pValue: number
}

function sameArray(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function modelOutputs(outputs: RunOutputs): ModelOutputs {
  const result: ModelOutputs = {}
  if (outputs.predictedIndex) result.predictedIndex = outputs.predictedIndex
  if (outputs.probabilities) result.probabilities = outputs.probabilities
  if (outputs.predictedValues) result.predictedValues = outputs.predictedValues
  if (outputs.predictedIndex && outputs.targetIndex) {
    const correct = new Uint8Array(outputs.exampleCount)
    for (let i = 0; i < correct.length; i++) correct[i] = outputs.targetIndex[i] === outputs.predictedIndex[i] ? 1 : 0
    result.correct = correct
  }
  return result
}

/** Why the two runs' rows cannot be lined up (other data, type, labels, failed rows), or undefined when they can. */
function sharedRowsObstacle(first: NamedRun, current: NamedRun): string | undefined {
  const [a, b] = [first.run, current.run]
  const data = datasetChange(a.dataset, b.dataset, outputColumnsOf(b))
  if (data.changed) return data.wholeOnly || data.rowCounts ? 'the runs do not share their data (their dataset fingerprints differ)' : `the runs do not share their data (${columnChangeText(data, { added: `only ${current.source}'s`, removed: `only ${first.source}'s` })})`
  if (a.modelType !== b.modelType) return `the model types differ (${a.modelType}, ${b.modelType})`
  if (JSON.stringify(a.labels ?? []) !== JSON.stringify(b.labels ?? [])) return `the label lists differ (${(a.labels ?? []).join(', ')} vs ${(b.labels ?? []).join(', ')})`
  if (a.exampleCount !== a.dataset.rowCount || b.exampleCount !== b.dataset.rowCount || a.exampleCount !== b.exampleCount) return 'rows failed in a model (error_count), so the examples of the two runs may not line up'
  return undefined
}

/** Why `run` cannot be paired row by row with `first` from their outputs files, or undefined when it can. */
function pairingObstacle(first: NamedRun, current: NamedRun): string | undefined {
  const [a, b] = [first.run, current.run]
  const shared = sharedRowsObstacle(first, current)
  if (shared) return shared
  if (!first.outputs) return first.outputsReason ?? `${first.source} has no per-example outputs`
  if (!current.outputs) return current.outputsReason ?? `${current.source} has no per-example outputs`
  if (first.outputs.fingerprint !== a.dataset.fingerprint || current.outputs.fingerprint !== b.dataset.fingerprint) return 'an outputs file belongs to another run (its dataset fingerprint differs from run.json)'
  if (!sameArray(first.outputs.targetIndex ?? first.outputs.targetValues, current.outputs.targetIndex ?? current.outputs.targetValues)) {
    return first.outputs.missing.targets ?? current.outputs.missing.targets ?? 'the stored targets of the two runs differ'
  }
  return undefined
}

/**
 * The paired data of `first` (model A, the gate's baseline) and `current` (model B) from their
 * stored outputs, or why they cannot be paired.
 */
export function pairRuns(first: NamedRun, current: NamedRun): RunPairing {
  if (current.run.modelType !== 'classifier' && current.run.modelType !== 'regressor') return pairRowScores(first, current)
  const obstacle = pairingObstacle(first, current)
  if (obstacle) return { paired: false, reason: obstacle }
  const outputsA = first.outputs!
  const outputsB = current.outputs!
  const data: PairedData = {
    ...runShape(current.run),
    ...(outputsB.targetIndex ? { targetIndex: outputsB.targetIndex } : {}),
    ...(outputsB.targetValues ? { targetValues: outputsB.targetValues } : {}),
    a: modelOutputs(outputsA),
    b: modelOutputs(outputsB),
  }
  const labelsMissing = outputsA.missing.predictions ?? outputsB.missing.predictions
  if (labelsMissing) data.labelsReason = `no stored per-example predictions (${labelsMissing})`
  if (!data.a.probabilities || !data.b.probabilities) {
    const why = outputsA.missing.probabilities ?? outputsB.missing.probabilities
    data.probabilitiesReason = why ? `no stored probabilities (${why})` : 'a run has no probabilities'
  }
  const reversed: PairedData = { ...data, a: data.b, b: data.a }
  if (labelsMissing) data.recomputeReason = data.labelsReason
  else {
    data.metricsOf = recomputer(current.run, data)
    reversed.metricsOf = recomputer(current.run, reversed)
  }
  const slices = outputsB.missing.sliceColumns
  const scopes = comparisonScopes(current.run)
  return {
    paired: true,
    comparison: new PairedComparison(data, { scopes }),
    // The same pairs with the roles exchanged (A = this run), for the other one-sided p.
    reversed: new PairedComparison(reversed, { scopes }),
    seed: current.run.intervalSettings.seed,
    rowsOf: (scope) => (scope === 'overall' ? null : slices ? undefined : sliceRowsOf(current.run, outputsB, scope)),
  }
}

/**
 * The paired data of two text, question-answering, summarization or retriever runs: their per-row
 * scores from the run files (`runRowScores`), so each mean of scores gets the paired mean test;
 * the other aggregates (variance, p90) need the outputs, which the files do not keep, and keep
 * the unpaired test. A slice's rows come from the outputs files' slice columns when both are there.
 */
function pairRowScores(first: NamedRun, current: NamedRun): RunPairing {
  const obstacle = sharedRowsObstacle(first, current)
  if (obstacle) return { paired: false, reason: obstacle }
  const a = runRowScores(first.run, first.source)
  if ('reason' in a) return { paired: false, reason: a.reason }
  const b = runRowScores(current.run, current.source)
  if ('reason' in b) return { paired: false, reason: b.reason }
  if (!sameArray(a.rowNumbers, b.rowNumbers)) return { paired: false, reason: 'the rows of the two eval_results_tables differ' }
  const data: PairedData = { ...runShape(current.run), a: { rowScores: a.scores }, b: { rowScores: b.scores } }
  data.recomputeReason = `a ${current.run.modelType} run file keeps the per-row scores, not the outputs, so an aggregate other than a mean of scores cannot be recomputed on resampled rows`
  const reversed: PairedData = { ...data, a: data.b, b: data.a }
  const outputs = current.outputs
  return {
    paired: true,
    comparison: new PairedComparison(data),
    reversed: new PairedComparison(reversed),
    seed: current.run.intervalSettings.seed,
    rowsOf: (scope) => (scope === 'overall' ? null : outputs === undefined || outputs.missing.sliceColumns ? undefined : sliceRowsOf(current.run, outputs, scope)),
  }
}

/**
 * The built-in metrics of model A or B on rows (which may repeat: a resample), recomputed from
 * the stored outputs with the engine's scope functions, as `metricsWith` does for a run in memory.
 * Custom metrics are functions in the test file and are not stored: none.
 */
function recomputer(run: EvalRun, data: PairedData): NonNullable<PairedData['metricsOf']> {
  const labels = run.labels ?? []
  const columnsOf = (outputs: ModelOutputs): Record<string, EncodedColumn> => ({
    ...(outputs.predictedIndex ? { predictedIndex: outputs.predictedIndex } : {}),
    ...(outputs.probabilities ? { probabilities: outputs.probabilities } : {}),
    ...(outputs.predictedValues ? { predictedValues: outputs.predictedValues } : {}),
  })
  // one record per side: an exchange keeps its rewritten outputs per side, keyed by that record
  const columns = { a: columnsOf(data.a), b: columnsOf(data.b) }
  return (which, rows, part, _resample, swapped) => {
    if (part === 'custom') return {}
    const own = which === 'a' ? data.a : data.b
    const outputs: ModelOutputs = swapped ? (swappedOutputs(columns[which], columns[which === 'a' ? 'b' : 'a'], swapped) as ModelOutputs) : own
    if (data.modelType === 'regressor') return regressorScope({ targetValues: data.targetValues!, predictedValues: outputs.predictedValues! }, rows, scopeContext(null, false)).metrics
    const core = {
      labels,
      posIndex: data.posIndex,
      average: data.average ?? 'weighted',
      targetIndex: data.targetIndex!,
      predictedIndex: outputs.predictedIndex!,
      probabilities: outputs.probabilities !== undefined ? matrixColumns(outputs.probabilities, labels.length) : undefined,
      probabilityMatrix: () => outputs.probabilities!,
      rowSumsOk: undefined,
    }
    return classifierScope(core, rows, scopeContext(null, false)).metrics
  }
}

/** One change to test: its scope, metric, direction and the two values. */
export interface ChangeToTest {
  scope: string
  metric: string
  greaterIsBetter: boolean
  valueFirst: number
  valueThis: number
}

/** The hypothesis of a change (rows, values), so equal ones share one test and count once. */
export function changeHypothesis(pairing: RunPairing, change: ChangeToTest, n: number): string {
  const rows = pairing.paired ? pairing.rowsOf(change.scope) : undefined
  return rows === undefined ? `scope ${change.scope} ${change.metric}` : hypothesisKey(rowsSignature(rows, n), change.valueFirst, change.valueThis)
}

/**
 * Whether no paired test of `change` can give a two-sided p below `alpha`, known from which rows
 * differ alone (`PairedComparison.smallestPossibleP`: the two one-sided p-values share its bound,
 * so the two-sided one is at least twice it): such a hypothesis is left out of Holm's family, as
 * the gate leaves it (Tarone 1990), and cannot be a clear change.
 * @example cannotReject(pairing, { scope: 'region=north', metric: 'accuracy_score', ... }, 0.05) // true where 4 labels differ there
 */
export function cannotReject(pairing: RunPairing, change: ChangeToTest, alpha: number): boolean {
  if (!pairing.paired || !isBuiltinMetric(change.metric)) return false
  const rows = pairing.rowsOf(change.scope)
  if (rows === undefined) return false
  const bound = pairing.comparison.smallestPossibleP(change.metric, rows, true)
  // (a bound of 1 with values that differ: the values are not read from these outputs alone)
  return 2 * bound > alpha && (bound < 1 || change.valueFirst === change.valueThis)
}

/**
 * Tests one change paired (`familySize` hypotheses, as the gate sizes its Monte Carlo draws), or
 * says why it cannot be: the reason then goes into the note and the row gets the unpaired test.
 */
export function testChangePaired(pairing: RunPairing, change: ChangeToTest, familySize: number, alpha: number): PairedChangeTest | { unavailable: string } {
  if (!pairing.paired) return { unavailable: pairing.reason }
  const rows = pairing.rowsOf(change.scope)
  if (rows === undefined) return { unavailable: "the slice's rows are not in the stored outputs" }
  if (!isBuiltinMetric(change.metric)) return { unavailable: 'custom metrics are functions in the test file, not stored with a run, so they cannot be recomputed on resampled rows' }
  const settings = {
    rows,
    scopeKey: change.scope,
    greaterIsBetter: change.greaterIsBetter,
    margin: 0,
    alpha: alpha / familySize,
    permutationDraws: monteCarloDraws(alpha, familySize, 2000, 200_000),
    resampleDraws: monteCarloDraws(alpha, familySize, 2000, 10_000),
    // two-sided (2 x the smaller one-sided p): the one-sided floor below half of Holm's first level
    resampleMaxDraws: floorReachingDraws(alpha / 2, familySize, 200_000),
    // each side's p counts only below alpha / 2 (Holm's last step, two-sided)
    largestLevel: alpha / 2,
    seed: pairing.seed,
  }
  const firstBetter = pairing.comparison.test({ ...settings, metric: change.metric, valueA: change.valueFirst, valueB: change.valueThis })
  if ('unavailable' in firstBetter) return firstBetter
  const thisBetter = pairing.reversed.test({ ...settings, metric: change.metric, valueA: change.valueThis, valueB: change.valueFirst })
  if ('unavailable' in thisBetter) return thisBetter
  return {
    test: firstBetter.test,
    ...(firstBetter.sameAs ? { sameAs: firstBetter.sameAs } : {}),
    pFirstBetter: firstBetter.p,
    pThisBetter: thisBetter.p,
    pValue: Math.min(1, 2 * Math.min(firstBetter.p, thisBetter.p)),
  }
}
