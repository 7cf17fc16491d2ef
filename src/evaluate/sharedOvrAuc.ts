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

/** Ascending order of each class's probability column (row-major `n x k` input). */
export function classOrders(proba: Float64Array, k: number): Uint32Array[] {
  const n = proba.length / k
  const column = new Float64Array(n)
  const orders: Uint32Array[] = []
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) column[i] = proba[i * k + c]
    orders.push(ascendingOrder(column))
  }
  return orders
}

/**
 * AUC and variance of every scope. `scopeOf[i]` is the scope of row i (-1: in none); null puts
 * every row in scope 0.
 */
export function ovrAucByScope(
  proba: Float64Array,
  yTrue: Int32Array,
  k: number,
  average: 'macro' | 'weighted',
  orders: readonly Uint32Array[],
  scopeOf: Int32Array | null,
  scopeCount: number,
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
  const components = new Float64Array(n)
  const negativesBelow = new Float64Array(S)
  const positivesBelow = new Float64Array(S)
  const positivesTied = new Float64Array(S)
  const negativesTied = new Float64Array(S)
  const sumPositive = new Float64Array(S)
  const touched = new Int32Array(S)

  for (let c = 0; c < k; c++) {
    const order = orders[c]
    negativesBelow.fill(0)
    positivesBelow.fill(0)
    sumPositive.fill(0)
    for (let start = 0; start < n; ) {
      const score = proba[order[start] * k + c]
      let end = start
      let touchedCount = 0
      while (end < n) {
        const i = order[end]
        if (proba[i * k + c] !== score) break
        const s = scopeOf === null ? 0 : scopeOf[i]
        if (s >= 0) {
          if (positivesTied[s] === 0 && negativesTied[s] === 0) touched[touchedCount++] = s
          if (yTrue[i] === c) positivesTied[s]++
          else negativesTied[s]++
        }
        end++
      }
      for (let j = start; j < end; j++) {
        const i = order[j]
        const s = scopeOf === null ? 0 : scopeOf[i]
        if (s < 0) continue
        const P = support[s * k + c]
        if (yTrue[i] === c) components[i] = (negativesBelow[s] + 0.5 * negativesTied[s]) / (size[s] - P)
        else components[i] = (P - positivesBelow[s] - 0.5 * positivesTied[s]) / P
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
    }
    for (let i = 0; i < n; i++) {
      const s = scopeOf === null ? 0 : scopeOf[i]
      if (s < 0 || aucDefined[s] === 0 || varianceDefined[s] === 0) continue
      const P = support[s * k + c]
      const w = average === 'macro' ? 1 / k : P / size[s]
      const g = yTrue[i] === c ? P : size[s] - P
      influence[i] += ((components[i] - aucs[s * k + c]) * w) / Math.sqrt(g * (g - 1))
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
 * The metric engine's `BinaryRanking` of class `c` against the rest, read off the class's
 * ascending order (distinct thresholds descending, cumulative true / false positives).
 */
export function rankingFromOrder(proba: Float64Array, k: number, c: number, yTrue: Int32Array, order: Uint32Array): BinaryRanking {
  const n = order.length
  const thresholds = new Float64Array(n)
  const tps = new Float64Array(n)
  const fps = new Float64Array(n)
  let tp = 0
  let fp = 0
  let m = 0
  for (let end = n - 1; end >= 0; ) {
    const score = proba[order[end] * k + c]
    while (end >= 0 && proba[order[end] * k + c] === score) {
      if (yTrue[order[end]] === c) tp++
      else fp++
      end--
    }
    thresholds[m] = score
    tps[m] = tp
    fps[m] = fp
    m++
  }
  return { thresholds: thresholds.slice(0, m), tps: tps.slice(0, m), fps: fps.slice(0, m), positives: tp, negatives: fp }
}
