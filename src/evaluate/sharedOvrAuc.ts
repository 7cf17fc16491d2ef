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
import { ascendingOrder } from '../stats/index.js'

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

/** A partition of (some of) the rows into scopes: `scopeOf[i]` in 0..count-1, or -1 (none). */
export interface Scoping {
  /** null: every row in scope 0. */
  scopeOf: Int32Array | null
  count: number
}

/**
 * AUC and variance of every scope of every scoping (e.g. the whole run and each slice column),
 * in one pass per class: the scopings' codes and influences are interleaved per row, so a row
 * costs one random memory access per class whatever the number of scopings. With `rankings`,
 * also returns each class's one-vs-rest `BinaryRanking` over all rows (for the curves).
 */
export function ovrAucByScopes(
  proba: Float64Array,
  yTrue: Int32Array,
  k: number,
  average: 'macro' | 'weighted',
  orders: readonly Int32Array[],
  scopings: readonly Scoping[],
  rankings?: BinaryRanking[],
): ScopeAuc[][] {
  const n = yTrue.length
  const T = scopings.length
  const base: number[] = []
  let G = 0
  for (const scoping of scopings) {
    base.push(G)
    G += scoping.scopeOf === null ? 1 : scoping.count
  }
  // Global scope id of each (row, scoping), or -1.
  const scopeCode = new Int32Array(n * T)
  const size = new Float64Array(G)
  const support = new Float64Array(G * k)
  for (let t = 0; t < T; t++) {
    const scopeOf = scopings[t].scopeOf
    for (let i = 0; i < n; i++) {
      const local = scopeOf === null ? 0 : scopeOf[i]
      const s = local < 0 ? -1 : base[t] + local
      scopeCode[i * T + t] = s
      if (s >= 0) {
        size[s]++
        support[s * k + yTrue[i]]++
      }
    }
  }
  const aucs = new Float64Array(G * k)
  const aucDefined = new Uint8Array(G).fill(1)
  const varianceDefined = new Uint8Array(G).fill(1)
  const influence = new Float64Array(n * T)
  const column = new Float64Array(n)
  const sortedScore = new Float64Array(n)
  const sortedPositive = new Uint8Array(n)
  const sortedScope = new Int32Array(n * T)
  const sortedComponent = new Float64Array(n * T)
  const negativesBelow = new Float64Array(G)
  const positivesBelow = new Float64Array(G)
  const positivesTied = new Float64Array(G)
  const negativesTied = new Float64Array(G)
  const sumPositive = new Float64Array(G)
  const inversePositives = new Float64Array(G)
  const inverseNegatives = new Float64Array(G)
  const scalePositive = new Float64Array(G)
  const scaleNegative = new Float64Array(G)
  const touched = new Int32Array(G)

  for (let c = 0; c < k; c++) {
    const order = orders[c]
    for (let i = 0; i < n; i++) column[i] = proba[i * k + c]
    // Rows in sorted order, so the walk below reads memory sequentially.
    for (let j = 0; j < n; j++) {
      const i = order[j]
      sortedScore[j] = column[i]
      sortedPositive[j] = yTrue[i] === c ? 1 : 0
      for (let t = 0; t < T; t++) sortedScope[j * T + t] = scopeCode[i * T + t]
    }
    if (rankings !== undefined) rankings[c] = rankingFromSorted(sortedScore, sortedPositive)
    for (let s = 0; s < G; s++) {
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
        const positive = sortedPositive[start] === 1
        for (let t = 0; t < T; t++) {
          const s = sortedScope[start * T + t]
          if (s < 0) continue
          if (positive) {
            sortedComponent[start * T + t] = negativesBelow[s] * inverseNegatives[s]
            sumPositive[s] += negativesBelow[s]
            positivesBelow[s]++
          } else {
            sortedComponent[start * T + t] = (support[s * k + c] - positivesBelow[s]) * inversePositives[s]
            negativesBelow[s]++
          }
        }
        start++
        continue
      }
      let end = start
      let touchedCount = 0
      while (end < n && sortedScore[end] === score) {
        const positive = sortedPositive[end] === 1
        for (let t = 0; t < T; t++) {
          const s = sortedScope[end * T + t]
          if (s < 0) continue
          if (positivesTied[s] === 0 && negativesTied[s] === 0) touched[touchedCount++] = s
          if (positive) positivesTied[s]++
          else negativesTied[s]++
        }
        end++
      }
      for (let j = start; j < end; j++) {
        const positive = sortedPositive[j] === 1
        for (let t = 0; t < T; t++) {
          const s = sortedScope[j * T + t]
          if (s < 0) continue
          sortedComponent[j * T + t] = positive
            ? (negativesBelow[s] + 0.5 * negativesTied[s]) * inverseNegatives[s]
            : (support[s * k + c] - positivesBelow[s] - 0.5 * positivesTied[s]) * inversePositives[s]
        }
      }
      for (let u = 0; u < touchedCount; u++) {
        const s = touched[u]
        sumPositive[s] += positivesTied[s] * (negativesBelow[s] + 0.5 * negativesTied[s])
        negativesBelow[s] += negativesTied[s]
        positivesBelow[s] += positivesTied[s]
        positivesTied[s] = 0
        negativesTied[s] = 0
      }
      start = end
    }
    for (let s = 0; s < G; s++) {
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
      const i = order[j]
      const positive = sortedPositive[j] === 1
      for (let t = 0; t < T; t++) {
        const s = sortedScope[j * T + t]
        if (s < 0 || aucDefined[s] === 0 || varianceDefined[s] === 0) continue
        influence[i * T + t] += (sortedComponent[j * T + t] - aucs[s * k + c]) * (positive ? scalePositive[s] : scaleNegative[s])
      }
    }
  }

  const scopeAuc = new Float64Array(G)
  for (let s = 0; s < G; s++) {
    let auc = 0
    for (let c = 0; c < k; c++) auc += (average === 'macro' ? 1 / k : support[s * k + c] / size[s]) * aucs[s * k + c]
    scopeAuc[s] = auc
  }
  const variance = new Float64Array(G)
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) {
      const s = scopeCode[i * T + t]
      if (s < 0 || aucDefined[s] === 0 || varianceDefined[s] === 0) continue
      let v = influence[i * T + t]
      if (average === 'weighted') v += (aucs[s * k + yTrue[i]] - scopeAuc[s]) / Math.sqrt(size[s] * (size[s] - 1))
      variance[s] += v * v
    }
  }
  return scopings.map((scoping, t) => {
    const out: ScopeAuc[] = []
    const count = scoping.scopeOf === null ? 1 : scoping.count
    for (let local = 0; local < count; local++) {
      const s = base[t] + local
      out.push({
        auc: aucDefined[s] === 1 ? scopeAuc[s] : Number.NaN,
        variance: aucDefined[s] === 1 && varianceDefined[s] === 1 ? variance[s] : Number.NaN,
      })
    }
    return out
  })
}

/**
 * AUC and variance of every scope of one scoping (`scopeOf` null: every row in scope 0). See
 * {@link ovrAucByScopes}.
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
  return ovrAucByScopes(proba, yTrue, k, average, orders, [{ scopeOf, count: scopeCount }], rankings)[0]
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
