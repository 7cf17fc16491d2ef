/**
 * Two models' per-example outputs on the same rows, the input of every paired test: model A
 * (the baseline entry's stored outputs, or `toOutperform`'s candidate) and model B (the current
 * run, or the other model). Built from two in-memory runs, or from a baseline entry and the run
 * that is compared with it (the entry's table is the run's data columns plus the stored
 * outputs, valid because the fingerprint matches).
 */
import type { Average, EvalRun } from '../run/types.js'
import { getRunInternals, type SubstitutePredictions } from '../run/internals.js'

/** One model's per-example outputs (what is known of it). */
export interface ModelOutputs {
  /** Classifiers: 1 when the predicted label is right (from labels, or a stored bitset). */
  correct?: Uint8Array
  predictedIndex?: Int32Array
  /** Row-major `rows x k`. */
  probabilities?: Float64Array
  predictedValues?: Float64Array
  /** Text, question-answering, summarization and retriever types: per-row scores by column (`rouge1/v1/score`). */
  rowScores?: Readonly<Record<string, Float64Array>>
}

/** The paired data of one comparison. */
export interface PairedData {
  modelType: EvalRun['modelType']
  /** Rows (examples) both models scored, in the same order. */
  n: number
  /** Classifiers: label count, averaging, positive class (binary). */
  k: number
  average: Average | undefined
  posIndex: number | undefined
  targetIndex?: Int32Array
  targetValues?: Float64Array
  a: ModelOutputs
  b: ModelOutputs
  /**
   * Every metric (built-in and custom) of the rows `rows` (may repeat rows) for model A or B,
   * or undefined when they cannot be recomputed; `recomputeReason` then says why.
   */
  metricsOf?: (which: 'a' | 'b', rows: Int32Array | null, part: 'builtin' | 'custom') => Record<string, number>
  recomputeReason?: string
  /** Why the probabilities of one side are missing, when the metrics need them. */
  probabilitiesReason?: string
  /** Why the labels of one side are missing. */
  labelsReason?: string
}

function correctness(target: Int32Array, predicted: Int32Array): Uint8Array {
  const out = new Uint8Array(target.length)
  for (let i = 0; i < out.length; i++) out[i] = target[i] === predicted[i] ? 1 : 0
  return out
}

function runShape(run: EvalRun): Pick<PairedData, 'modelType' | 'n' | 'k' | 'average' | 'posIndex'> {
  const labels = run.labels ?? []
  return {
    modelType: run.modelType,
    n: run.exampleCount,
    k: labels.length,
    average: run.posLabel === undefined ? (run.average ?? 'weighted') : undefined,
    posIndex: run.posLabel === undefined ? undefined : labels.indexOf(run.posLabel),
  }
}

/**
 * The paired data of two in-memory runs on the same data (`toOutperform`): A = `a`, B = `b`.
 * Undefined when a run was read back from JSON (its per-example outputs are not in memory).
 */
export function pairedRuns(a: EvalRun, b: EvalRun): PairedData | undefined {
  const ia = getRunInternals(a)
  const ib = getRunInternals(b)
  if (!ia || !ib) return undefined
  const outputs = (internals: NonNullable<typeof ia>): ModelOutputs => ({
    ...(internals.correct ? { correct: internals.correct } : {}),
    ...(internals.predictedIndex ? { predictedIndex: internals.predictedIndex } : {}),
    ...(internals.probabilities ? { probabilities: internals.probabilities } : {}),
    ...(internals.predictedValues ? { predictedValues: internals.predictedValues } : {}),
  })
  const data: PairedData = {
    ...runShape(a),
    ...(ia.targetIndex ? { targetIndex: ia.targetIndex } : {}),
    ...(ia.targetValues ? { targetValues: ia.targetValues } : {}),
    a: outputs(ia),
    b: outputs(ib),
  }
  if (ia.metricsWith && ib.metricsWith) {
    const withA = ia.metricsWith.bind(ia)
    const withB = ib.metricsWith.bind(ib)
    data.metricsOf = (which, rows, part) => (which === 'a' ? withA(null, rows, part) : withB(null, rows, part))
  } else {
    data.recomputeReason = 'the runs keep no way to recompute their metrics'
  }
  if (!data.a.probabilities || !data.b.probabilities) data.probabilitiesReason = 'one of the runs has no probabilities'
  return data
}

/**
 * The paired data of a baseline model (its stored outputs, decoded by the caller) and the
 * current run on the same rows. `stored` holds what the entry stores; `missing` says why a part
 * is absent (cap, older entry), for the verdict's notes.
 */
export function pairedWithStored(stored: ModelOutputs, current: EvalRun, missing: { labels?: string; probabilities?: string }): PairedData | undefined {
  const internals = getRunInternals(current)
  if (!internals) return undefined
  const b: ModelOutputs = {
    ...(internals.correct ? { correct: internals.correct } : {}),
    ...(internals.predictedIndex ? { predictedIndex: internals.predictedIndex } : {}),
    ...(internals.probabilities ? { probabilities: internals.probabilities } : {}),
    ...(internals.predictedValues ? { predictedValues: internals.predictedValues } : {}),
  }
  const a: ModelOutputs = { ...stored }
  if (!a.correct && a.predictedIndex && internals.targetIndex) a.correct = correctness(internals.targetIndex, a.predictedIndex)
  const data: PairedData = {
    ...runShape(current),
    ...(internals.targetIndex ? { targetIndex: internals.targetIndex } : {}),
    ...(internals.targetValues ? { targetValues: internals.targetValues } : {}),
    a,
    b,
  }
  if (missing.labels) data.labelsReason = missing.labels
  if (b.probabilities && !a.probabilities) data.probabilitiesReason = missing.probabilities ?? 'the baseline stores no probabilities'
  // The baseline's table is the current data plus every stored output; a part the run has but
  // the entry lacks would mix the two models, so recomputing needs them all.
  const complete = current.modelType === 'regressor' ? a.predictedValues !== undefined : a.predictedIndex !== undefined && (b.probabilities === undefined || a.probabilities !== undefined)
  if (complete && internals.metricsWith) {
    const metricsWith = internals.metricsWith.bind(internals)
    const substitute: SubstitutePredictions = {
      ...(a.predictedIndex ? { predictedIndex: a.predictedIndex } : {}),
      ...(a.probabilities ? { probabilities: a.probabilities } : {}),
      ...(a.predictedValues ? { predictedValues: a.predictedValues } : {}),
    }
    data.metricsOf = (which, rows, part) => metricsWith(which === 'a' ? substitute : null, rows, part)
  } else {
    data.recomputeReason = !internals.metricsWith
      ? 'the run keeps no way to recompute its metrics'
      : current.modelType === 'regressor' || !a.predictedIndex
        ? (missing.labels ?? 'the baseline stores no per-example predictions')
        : (data.probabilitiesReason ?? 'the baseline stores no probabilities')
  }
  return data
}
