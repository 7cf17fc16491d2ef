/**
 * One-vs-rest ROC AUC with DeLong's variance for many scopes at once (the whole run, or every
 * slice of a slice column), from ONE sort per class over all rows.
 *
 * Why not call `ovrAucWithVariance` (src/stats) per scope: it sorts every class's scores again
 * for each scope, and those sorts were most of the time of a 1,000,000-row, 5-class evaluation
 * with a slice column. A slice's rows, taken in the order of the all-rows sort, are already
 * sorted, so one walk per class over the global order yields every scope's structural
 * components. The statistics are exactly those of `ovrAucWithVariance` (see its doc comment):
 * DeLong structural components with midranks for ties; per-example influences
 * (V_c(e) - A_c) * w_c / sqrt(g (g - 1)) summed over classes (g = positives or negatives of class
 * c in the scope), plus (A_{y(e)} - A) / sqrt(n (n - 1)) for `weighted`; variance = sum of
 * squared influences. The AUC is Mann-Whitney with ties counted half, equal to scikit-learn's
 * trapezoid (checked by the parity tests).
 */
import type { BinaryRanking } from '../metrics/index.js'
import { ascendingOrder } from '../stats/ascending-order.js'

export interface ScopeAuc {
  /** NaN when a class has no positive or no negative example in the scope. */
  auc: number
  /** NaN when a class has fewer than two positives or negatives in the scope. */
  variance: number
}

/**
 * Ascending order of each class's probability column (row-major `n x k` input), as Int32Array
 * views (row indices fit in 31 bits; V8 indexes faster with int32 than with uint32 values).
 */
export function classOrders(proba: Float64Array, k: number): Int32Array[] {
  const n = proba.length / k
  const column = new Float64Array(n)
  const orders: Int32Array[] = []
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) column[i] = proba[i * k + c]
    const order = ascendingOrder(column)
    orders.push(new Int32Array(order.buffer, order.byteOffset, order.length))
  }
  return orders
}

/**
 * AUC and variance of every scope. `scopeOf[i]` is the scope of row i (-1: in none); null puts
 * every row in scope 0 and, with `rankings`, also returns each class's one-vs-rest
 * `BinaryRanking` (for the curves) at no extra cost.
 */
export function ovrAucByScope(
  proba: Float64Array,
  yTrue: Int32Array,
  k: number,
  average: 'macro' | 'weighted',
  orders: readonly Int32Array[],
  scopeOf: Int32Array | null,
  scopeCount: number,
  rankings?: BinaryRanking[],
): ScopeAuc[] {
  const n = yTrue.length
  const S = scopeOf === null ? 1 : scopeCount
  const size = new Float64Array(S)
  const support = new Float64Array(S * k)
  for (let i = 0; i < n; i++) {
    const s = scopeOf === null ? 0 : scopeOf[i]
    if (s < 0) continue
    size[s]++
    support[s * k + yTrue[i]]++
  }
  const aucs = new Float64Array(S * k)
  const aucDefined = new Uint8Array(S).fill(1)
  const varianceDefined = new Uint8Array(S).fill(1)
  const influence = new Float64Array(n)
  // Per class, the rows in sorted order: score, scope and whether the row is of the class, so the
  // walk over tie groups reads memory sequentially.
  const column = new Float64Array(n)
  const sortedScore = new Float64Array(n)
  const sortedScope = new Int32Array(n)
  const sortedPositive = new Uint8Array(n)
  const sortedComponent = new Float64Array(n)
  const negativesBelow = new Float64Array(S)
  const positivesBelow = new Float64Array(S)
  const positivesTied = new Float64Array(S)
  const negativesTied = new Float64Array(S)
  const sumPositive = new Float64Array(S)
  const inversePositives = new Float64Array(S)
  const inverseNegatives = new Float64Array(S)
  const scalePositive = new Float64Array(S)
  const scaleNegative = new Float64Array(S)
  const touched = new Int32Array(S)

  // Scope and class of each row in one array: one random read per row in the gather below.
  const code = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const s = scopeOf === null ? 0 : scopeOf[i]
    code[i] = s < 0 ? -1 : s * k + yTrue[i]
  }
  for (let c = 0; c < k; c++) {
    const order = orders[c]
    for (let i = 0; i < n; i++) column[i] = proba[i * k + c]
    for (let j = 0; j < n; j++) {
      const i = order[j]
      sortedScore[j] = column[i]
      const rowCode = code[i]
      if (rowCode < 0) {
        sortedScope[j] = -1
        sortedPositive[j] = 0
      } else {
        const s = (rowCode / k) | 0
        sortedScope[j] = s
        sortedPositive[j] = rowCode - s * k === c ? 1 : 0
      }
    }
    if (rankings !== undefined && scopeOf === null) rankings[c] = rankingFromSorted(sortedScore, sortedPositive)
    for (let s = 0; s < S; s++) {
      const P = support[s * k + c]
      inversePositives[s] = 1 / P
      inverseNegatives[s] = 1 / (size[s] - P)
    }
    negativesBelow.fill(0)
    positivesBelow.fill(0)
    sumPositive.fill(0)
    for (let start = 0; start < n; ) {
      const score = sortedScore[start]
      // Fast path: a score held by one row only (the usual case for real probabilities).
      if (start + 1 === n || sortedScore[start + 1] !== score) {
        const s = sortedScope[start]
        if (s >= 0) {
          if (sortedPositive[start] === 1) {
            sortedComponent[start] = negativesBelow[s] * inverseNegatives[s]
            sumPositive[s] += negativesBelow[s]
            positivesBelow[s]++
          } else {
            sortedComponent[start] = (support[s * k + c] - positivesBelow[s]) * inversePositives[s]
            negativesBelow[s]++
          }
        }
        start++
        continue
      }
      let end = start
      let touchedCount = 0
      while (end < n && sortedScore[end] === score) {
        const s = sortedScope[end]
        if (s >= 0) {
          if (positivesTied[s] === 0 && negativesTied[s] === 0) touched[touchedCount++] = s
          if (sortedPositive[end] === 1) positivesTied[s]++
          else negativesTied[s]++
        }
        end++
      }
      for (let j = start; j < end; j++) {
        const s = sortedScope[j]
        if (s < 0) continue
        if (sortedPositive[j] === 1) sortedComponent[j] = (negativesBelow[s] + 0.5 * negativesTied[s]) * inverseNegatives[s]
        else sortedComponent[j] = (support[s * k + c] - positivesBelow[s] - 0.5 * positivesTied[s]) * inversePositives[s]
      }
      for (let t = 0; t < touchedCount; t++) {
        const s = touched[t]
        sumPositive[s] += positivesTied[s] * (negativesBelow[s] + 0.5 * negativesTied[s])
        negativesBelow[s] += negativesTied[s]
        positivesBelow[s] += positivesTied[s]
        positivesTied[s] = 0
        negativesTied[s] = 0
      }
      start = end
    }
    for (let s = 0; s < S; s++) {
      const P = support[s * k + c]
      const N = size[s] - P
      if (P === 0 || N === 0) aucDefined[s] = 0
      else aucs[s * k + c] = sumPositive[s] / (P * N)
      if (P < 2 || N < 2) varianceDefined[s] = 0
      const w = average === 'macro' ? 1 / k : P / size[s]
      scalePositive[s] = w / Math.sqrt(P * (P - 1))
      scaleNegative[s] = w / Math.sqrt(N * (N - 1))
    }
    for (let j = 0; j < n; j++) {
      const s = sortedScope[j]
      if (s < 0 || aucDefined[s] === 0 || varianceDefined[s] === 0) continue
      const scale = sortedPositive[j] === 1 ? scalePositive[s] : scaleNegative[s]
      influence[order[j]] += (sortedComponent[j] - aucs[s * k + c]) * scale
    }
  }

  const result: ScopeAuc[] = []
  const scopeAuc = new Float64Array(S)
  for (let s = 0; s < S; s++) {
    let auc = 0
    for (let c = 0; c < k; c++) auc += (average === 'macro' ? 1 / k : support[s * k + c] / size[s]) * aucs[s * k + c]
    scopeAuc[s] = auc
  }
  const variance = new Float64Array(S)
  for (let i = 0; i < n; i++) {
    const s = scopeOf === null ? 0 : scopeOf[i]
    if (s < 0 || aucDefined[s] === 0 || varianceDefined[s] === 0) continue
    let v = influence[i]
    if (average === 'weighted') v += (aucs[s * k + yTrue[i]] - scopeAuc[s]) / Math.sqrt(size[s] * (size[s] - 1))
    variance[s] += v * v
  }
  for (let s = 0; s < S; s++) {
    result.push({
      auc: aucDefined[s] === 1 ? scopeAuc[s] : Number.NaN,
      variance: aucDefined[s] === 1 && varianceDefined[s] === 1 ? variance[s] : Number.NaN,
    })
  }
  return result
}

/**
 * The metric engine's `BinaryRanking` (distinct thresholds descending, cumulative true / false
 * positives) from scores sorted ascending and their positive flags.
 */
export function rankingFromSorted(sortedScore: Float64Array, sortedPositive: Uint8Array): BinaryRanking {
  const n = sortedScore.length
  const thresholds = new Float64Array(n)
  const tps = new Float64Array(n)
  const fps = new Float64Array(n)
  let tp = 0
  let fp = 0
  let m = 0
  for (let j = n - 1; j >= 0; j--) {
    if (sortedPositive[j] === 1) tp++
    else fp++
    if (j === 0 || sortedScore[j - 1] !== sortedScore[j]) {
      thresholds[m] = sortedScore[j]
      tps[m] = tp
      fps[m] = fp
      m++
    }
  }
  return { thresholds: thresholds.slice(0, m), tps: tps.slice(0, m), fps: fps.slice(0, m), positives: tp, negatives: fp }
}
