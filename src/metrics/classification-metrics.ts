/**
 * Classification metrics derived from confusion counts, following scikit-learn 1.2.1's
 * `precision_recall_fscore_support`, `balanced_accuracy_score` and `matthews_corrcoef`.
 * `zero_division` is handled here only: an undefined ratio is 0 (sklearn's default "warn"),
 * and a note names the metric and the class.
 */
import { ratioUndefined } from '../run/zero-division-note.js'

/** One row of the per-class table. */
export interface ClassMetricsRow { precision: number; recall: number; f1: number; support: number; predicted: number }

/** Metrics (MLflow names), per-class table (class index order) and zero-division notes. */
export interface ClassificationResult { metrics: Record<string, number>; perClass: ClassMetricsRow[]; notes: string[] }

/** Options of {@link classificationMetricsFromCounts}. */
export interface ClassificationOptions {
  /** Averaging of precision, recall and F1 over classes (ignored when `posIndex` is set). */
  average: 'weighted' | 'macro' | 'micro'
  /** Binary only (k == 2): the positive class; precision/recall/F1 are for it (average='binary'). */
  posIndex?: number
  /** Class names for notes (index order); notes say `class 2` without them. */
  labelNames?: readonly string[]
  /** false: skip the per-class table and notes (cheaper, for resampling loops). Default true. */
  details?: boolean
  /**
   * The only cells that may hold a count (indices into `counts`, ascending; {@link nonzeroCells}):
   * the others are 0 and are not read. A resample of a confusion matrix is non-zero only where
   * the matrix is, so with many classes (200: 40,000 cells, a few thousand non-zero) each of a
   * bootstrap's thousands of calls costs the non-zero cells plus k, not k². The same values.
   */
  cells?: ArrayLike<number>
}

const OPTION_NAMES = ['average', 'posIndex', 'labelNames', 'details', 'cells']
const AVERAGES = ['weighted', 'macro', 'micro']

/**
 * Refuses options this function would misread (adversarial pass 35: `{}`, `average: 'wieghted'`
 * or `'binary'` gave macro averages, and `posLabel: 2` was ignored, without a word; evaluate()
 * refuses each). Checked on calls with details only: resampling loops pass `details: false` and
 * options already checked.
 */
function checkClassificationOptions(options: ClassificationOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('classificationMetricsFromCounts: pass options { average } (weighted, macro or micro) or { posIndex } (binary)')
  }
  for (const key of Object.keys(options)) {
    if (OPTION_NAMES.includes(key)) continue
    const hint = key === 'posLabel' ? ': the positive class is given by its index, posIndex (0 or 1)' : `; the options are ${OPTION_NAMES.join(', ')}`
    throw new TypeError(`classificationMetricsFromCounts: unknown option "${key}"${hint}`)
  }
  if (options.posIndex === undefined && !AVERAGES.includes(options.average)) {
    const hint = options.average === ('binary' as string) ? ": for the binary average give posIndex, the positive class's index" : ''
    throw new TypeError(`classificationMetricsFromCounts: average ${JSON.stringify(options.average)} is not one of weighted, macro, micro${hint}`)
  }
}

/**
 * The indices of the cells of `counts` that are not 0, ascending.
 * @example nonzeroCells(Float64Array.of(3, 0, 0, 2)) // Int32Array [0, 3]
 */
export function nonzeroCells(counts: ArrayLike<number>): Int32Array {
  let m = 0
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) m++
  const cells = new Int32Array(m)
  m = 0
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) cells[m++] = i
  return cells
}

/**
 * Every label-based classification metric from k*k confusion counts (index `t*k + p`).
 *
 * Metric names are MLflow's: `example_count`, `accuracy_score`, `precision_score`,
 * `recall_score`, `f1_score`, `balanced_accuracy_score`, `matthews_corrcoef`; with `posIndex`
 * also `true_negatives`, `false_positives`, `false_negatives`, `true_positives`.
 * All k classes take part in the averages (sklearn's `labels=` the full label list), so a class
 * absent from both targets and predictions counts as 0 in a macro average, as in sklearn.
 * `balanced_accuracy_score` averages recall over classes present in the targets only (sklearn
 * drops the others with a warning). With no examples every ratio is NaN.
 *
 * @example
 * classificationMetricsFromCounts(Float64Array.of(3, 1, 0, 2), 2, { average: 'macro', posIndex: 1 })
 *   .metrics.precision_score // 2/3
 */
export function classificationMetricsFromCounts(counts: Float64Array, k: number,
  options: ClassificationOptions): ClassificationResult {
  if (counts.length !== k * k) {
    throw new RangeError(`classificationMetricsFromCounts: expected ${k * k} counts for k=${k}, got ${counts.length}`)
  }
  if (options.details !== false) checkClassificationOptions(options)
  const posIndex = options.posIndex
  if (posIndex !== undefined && (k !== 2 || (posIndex !== 0 && posIndex !== 1))) {
    throw new RangeError(`classificationMetricsFromCounts: posIndex applies to binary counts (k=2, posIndex 0 or 1); got k=${k}, posIndex=${posIndex}. Leave posIndex out for multiclass`)
  }
  const details = options.details !== false

  const { trueSum, predSum, correct, n } = countSums(counts, k, options.cells)

  const metrics: Record<string, number> = {}
  metrics.example_count = n
  metrics.accuracy_score = n === 0 ? NaN : correct / n

  if (n === 0) {
    metrics.precision_score = NaN
    metrics.recall_score = NaN
    metrics.f1_score = NaN
  } else if (posIndex !== undefined) {
    const tp = counts[posIndex * k + posIndex]
    const precision = ratioOrZero(tp, predSum[posIndex])
    const recall = ratioOrZero(tp, trueSum[posIndex])
    metrics.precision_score = precision
    metrics.recall_score = recall
    metrics.f1_score = fScore(precision, recall)
  } else if (options.average === 'micro') {
    // Summed over all classes, tp = correct and pred = true = n.
    const precision = ratioOrZero(correct, n)
    const recall = ratioOrZero(correct, n)
    metrics.precision_score = precision
    metrics.recall_score = recall
    metrics.f1_score = fScore(precision, recall)
  } else {
    let sumP = 0
    let sumR = 0
    let sumF = 0
    let sumW = 0
    const weighted = options.average === 'weighted'
    for (let c = 0; c < k; c++) {
      const tp = counts[c * k + c]
      const precision = ratioOrZero(tp, predSum[c])
      const recall = ratioOrZero(tp, trueSum[c])
      const f = fScore(precision, recall)
      const w = weighted ? trueSum[c] : 1
      sumP += precision * w
      sumR += recall * w
      sumF += f * w
      sumW += w
    }
    metrics.precision_score = sumP / sumW
    metrics.recall_score = sumR / sumW
    metrics.f1_score = sumF / sumW
  }

  // balanced_accuracy_score: mean recall over classes present in the targets.
  let recallSum = 0
  let present = 0
  for (let c = 0; c < k; c++) {
    if (trueSum[c] > 0) {
      recallSum += counts[c * k + c] / trueSum[c]
      present++
    }
  }
  metrics.balanced_accuracy_score = present === 0 ? NaN : recallSum / present
  metrics.matthews_corrcoef = n === 0 ? NaN : matthewsFromSums(trueSum, predSum, correct, n)

  if (posIndex !== undefined) {
    const neg = 1 - posIndex
    metrics.true_negatives = counts[neg * k + neg]
    metrics.false_positives = counts[neg * k + posIndex]
    metrics.false_negatives = counts[posIndex * k + neg]
    metrics.true_positives = counts[posIndex * k + posIndex]
  }

  const perClass: ClassMetricsRow[] = []
  const notes: string[] = []
  if (details) {
    // One note per kind of ill-defined ratio, naming its classes: a note per class made a slice of
    // a 100-class run carry 98 sentences (24 KB), in every slice row of the report (adversarial
    // pass 65: a 153 MB index.html, and the reporter ran out of memory on two such runs).
    const illDefined = new Map<string, number[]>()
    const mark = (kind: IllDefinedKind, matters: boolean, c: number): void => {
      const key = `${kind}|${matters}`
      const classes = illDefined.get(key) ?? []
      classes.push(c)
      illDefined.set(key, classes)
    }
    for (let c = 0; c < k; c++) {
      const tp = counts[c * k + c]
      const precision = ratioOrZero(tp, predSum[c])
      const recall = ratioOrZero(tp, trueSum[c])
      perClass.push({ precision, recall, f1: fScore(precision, recall), support: trueSum[c], predicted: predSum[c] })
      if (n === 0) continue
      const matters = posIndex === undefined ? options.average !== 'micro' : c === posIndex
      // F1 named only where it is ill-defined too (adversarial pass 59: the note named F1 where the
      // class's rows were all missed, a measured 0)
      if (ratioUndefined('f1', trueSum[c], predSum[c])) mark('all', matters, c)
      else if (ratioUndefined('precision', trueSum[c], predSum[c])) mark('precision', matters, c)
      else if (ratioUndefined('recall', trueSum[c], predSum[c])) mark('recall', matters, c)
    }
    for (const [key, classes] of illDefined) {
      const [kind, matters] = key.split('|') as [IllDefinedKind, string]
      notes.push(illDefinedNote(kind, matters === 'true', classes, options.labelNames))
    }
  }
  return { metrics, perClass, notes }
}

/** Which of a class's ratios are ill-defined: all three, or precision or recall alone. */
type IllDefinedKind = 'all' | 'precision' | 'recall'

/** How many classes a note names before it counts the rest. */
const NAMED_CLASSES = 5

/**
 * The note on the classes whose `kind` of ratio is ill-defined (set to 0, as scikit-learn's
 * `zero_division=0`): one class as before, several named up to {@link NAMED_CLASSES} and counted
 * beyond.
 * @example illDefinedNote('precision', true, [2], ['a', 'b', 'fraud']) // 'precision_score: class "fraud" is never predicted, so its precision is ill-defined and set to 0 (scikit-learn zero_division=0)'
 */
function illDefinedNote(kind: IllDefinedKind, matters: boolean, classes: readonly number[], labelNames: readonly string[] | undefined): string {
  const label = (c: number): string => (labelNames !== undefined && labelNames[c] !== undefined ? `"${labelNames[c]}"` : String(c))
  const one = classes.length === 1
  const named = classes.slice(0, NAMED_CLASSES).map(label)
  const who = one
    ? `class ${named[0]}`
    : classes.length <= NAMED_CLASSES
      ? `classes ${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`
      : `${classes.length} classes (${named.join(', ')} and ${classes.length - named.length} more)`
  const [have, are, its] = one ? ['has', 'is', 'its'] : ['have', 'are', 'their']
  const zero = 'set to 0 (scikit-learn zero_division=0)'
  if (kind === 'all') {
    return `${matters ? 'precision_score, recall_score and f1_score' : 'per-class precision, recall and F1'}: ${who} ${have} no examples in the targets and ${are} never predicted, so ${its} precision, recall and F1 are ill-defined and ${zero}`
  }
  if (kind === 'precision') return `${matters ? 'precision_score' : 'per-class precision'}: ${who} ${are} never predicted, so ${its} precision is ill-defined and ${zero}`
  return `${matters ? 'recall_score' : 'per-class recall'}: ${who} ${have} no examples in the targets, so ${its} recall is ill-defined and ${zero}`
}

/**
 * Matthews correlation coefficient from confusion counts, exactly as scikit-learn computes it
 * (covariances from row/column sums; 0 when either variance is 0).
 *
 * @example matthewsCorrcoefFromCounts(Float64Array.of(2, 0, 0, 2), 2) // 1
 */
export function matthewsCorrcoefFromCounts(counts: Float64Array, k: number): number {
  const { trueSum, predSum, correct, n } = countSums(counts, k)
  return n === 0 ? NaN : matthewsFromSums(trueSum, predSum, correct, n)
}

/**
 * Row sums (true classes), column sums (predicted), the diagonal's sum and the total of a k × k
 * table, over every cell or only `cells` (the others 0; {@link ClassificationOptions.cells}).
 * Integer counts: their sums are exact in any order, so both ways give the same values.
 */
function countSums(counts: Float64Array, k: number, cells?: ArrayLike<number>): { trueSum: Float64Array; predSum: Float64Array; correct: number; n: number } {
  const trueSum = new Float64Array(k)
  const predSum = new Float64Array(k)
  let correct = 0
  let n = 0
  if (cells !== undefined) {
    for (let j = 0; j < cells.length; j++) {
      const i = cells[j]
      const c = counts[i]
      const t = Math.floor(i / k)
      const p = i - t * k
      trueSum[t] += c
      predSum[p] += c
      n += c
      if (t === p) correct += c
    }
    return { trueSum, predSum, correct, n }
  }
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const c = counts[t * k + p]
      trueSum[t] += c
      predSum[p] += c
      n += c
    }
    correct += counts[t * k + t]
  }
  return { trueSum, predSum, correct, n }
}

function matthewsFromSums(trueSum: Float64Array, predSum: Float64Array, correct: number, n: number): number {
  let dotTP = 0
  let dotPP = 0
  let dotTT = 0
  for (let c = 0; c < trueSum.length; c++) {
    dotTP += trueSum[c] * predSum[c]
    dotPP += predSum[c] * predSum[c]
    dotTT += trueSum[c] * trueSum[c]
  }
  const covYtYp = correct * n - dotTP
  const covYpYp = n * n - dotPP
  const covYtYt = n * n - dotTT
  if (covYpYp * covYtYt === 0) return 0
  return covYtYp / Math.sqrt(covYtYt * covYpYp)
}

function ratioOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator
}

/** sklearn's F-beta with beta = 1: `2 * p * r / (p + r)`, 0 when p + r is 0. */
function fScore(precision: number, recall: number): number {
  const denom = precision + recall
  return denom === 0 ? 0 : (2 * precision * recall) / denom
}
