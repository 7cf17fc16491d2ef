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
import { probabilityRowCount, type ClassProbabilities } from '../metrics/class-probabilities.js'
import { averageClassAucs } from '../metrics/multiclass-roc-auc.js'
import { ascendingOrderWithTies, radixScratch, type RadixScratch } from './ascending-order.js'

export interface ScopeAuc {
  /** NaN when a class has no positive or no negative example in the scope. */
  auc: number
  /** NaN when a class has fewer than two positives or negatives in the scope. */
  variance: number
}

/**
 * Tie flags of each order made by {@link classOrders} (1 at sorted position j when row order[j]
 * has the same score as row order[j - 1]), read off the sort keys, so that the walk in
 * {@link ovrAucByScopes} never reads the scores in sorted (random) order.
 */
const tiesOfOrder = new WeakMap<Int32Array, Uint8Array>()

/**
 * Class c's scores: the column itself when `proba` is columns, else copied out of the matrix into
 * `into` (which it returns). Read only.
 * @example classScores([Float64Array.of(0.2, 0.6), Float64Array.of(0.8, 0.4)], 2, 1, new Float64Array(0)) // Float64Array [0.8, 0.4] (the column itself)
 */
export function classScores(proba: ClassProbabilities, k: number, c: number, into: Float64Array): Float64Array {
  if (!(proba instanceof Float64Array)) return proba[c]
  copyColumn(proba, k, c, into)
  return into
}

/** Rows per bucket of the influence update (16,384 rows: 128 KB of influences per scoping). */
const BUCKET_SHIFT = 14

/**
 * Ascending order of each class's probability column ({@link ClassProbabilities}), as Int32Array
 * views (row indices fit in 31 bits; V8 indexes faster with int32 than with uint32 values).
 */
export function classOrders(proba: ClassProbabilities, k: number): Int32Array[] {
  const n = probabilityRowCount(proba, k)
  const column = new Float64Array(proba instanceof Float64Array ? n : 0)
  // One set of working arrays for the k sorts: only each order and its tie flags are new memory.
  const scratch = radixScratch(n)
  const orders: Int32Array[] = []
  for (let c = 0; c < k; c++) {
    const { order, tiedWithPrevious } = ascendingOrderWithTies(classScores(proba, k, c, column), scratch)
    const view = new Int32Array(order.buffer, order.byteOffset, order.length)
    tiesOfOrder.set(view, tiedWithPrevious)
    orders.push(view)
  }
  return orders
}

/**
 * The orders of {@link classOrders}, made one class at a time when asked for, all in ONE order
 * array and one tie-flag array: each is valid until the next class's is asked for. For
 * {@link ovrAucByScopes}, which reads each class's order once, in class order, and keeps nothing
 * of it: the k orders then cost one order's memory (16 MB fewer fresh bytes at 1,000,000 rows and
 * 5 classes than {@link classOrders}).
 *
 * `workspace` ({@link ovrWorkspace}): the sort's working arrays (the score column and the radix
 * passes' keys and orders) are views into it instead of memory of their own; pass the same
 * workspace to {@link ovrAucByScopes}, whose walk arrays use it between two sorts. Given
 * columns, the sort reads each class's column in place (the workspace's score column unused).
 */
export function classOrdersOneAtATime(proba: ClassProbabilities, k: number, workspace?: ArrayBuffer): (c: number) => Int32Array {
  const n = probabilityRowCount(proba, k)
  const { column, scratch } = workspace !== undefined && workspace.byteLength >= SORT_BYTES_PER_ROW * n
    ? sortArraysIn(workspace, n)
    : { column: new Float64Array(n), scratch: radixScratch(n) }
  let shared: { order: Uint32Array; tiedWithPrevious: Uint8Array } | undefined
  return (c) => {
    const sorted = ascendingOrderWithTies(classScores(proba, k, c, column), scratch, shared)
    shared = sorted
    const view = new Int32Array(sorted.order.buffer, sorted.order.byteOffset, sorted.order.length)
    tiesOfOrder.set(view, sorted.tiedWithPrevious)
    return view
  }
}

/** Bytes per row of the working arrays of one class's sort: the score column and five radix arrays. */
const SORT_BYTES_PER_ROW = 8 + 5 * 4

/** Bytes per row of the working arrays of one class's walk, with `T` scopings (see {@link ClassWalk}). */
function walkBytesPerRow(T: number): number {
  return 8 * T + 8
}

/**
 * One block of memory for the working arrays of {@link classOrdersOneAtATime}'s sorts and of
 * {@link ovrAucByScopes}'s walks over `n` rows and `scopingCount` scopings: the two are never in
 * use at the same time (a class's walk ends before the next class is sorted), so they can share
 * it. On the benchmark machine the first write to a page of fresh memory costs far more than
 * the write itself (a 40 MB array: 130 ms the first time, under 2 ms the second, at load
 * average 12), and sharing saves 28 MB of fresh memory at 1,000,000 rows (68 MB of working
 * arrays become 40 MB).
 * @example
 * const workspace = ovrWorkspace(n, scopings.length)
 * ovrAucByScopes(proba, y, k, 'weighted', classOrdersOneAtATime(proba, k, workspace), scopings, undefined, workspace)
 */
export function ovrWorkspace(n: number, scopingCount: number): ArrayBuffer {
  return new ArrayBuffer(n * Math.max(SORT_BYTES_PER_ROW, walkBytesPerRow(scopingCount)))
}

/** A sort's score column and radix working arrays, as views into `workspace` (valid until the next walk). */
function sortArraysIn(workspace: ArrayBuffer, n: number): { column: Float64Array; scratch: RadixScratch } {
  const words = (at: number): Uint32Array => new Uint32Array(workspace, at * 4 * n, n)
  return {
    column: new Float64Array(workspace, 0, n),
    scratch: { hi: words(2), lo: words(3), index: words(4), hiNext: words(5), loNext: words(6), counts: new Uint32Array(2 * 65536) },
  }
}

/**
 * `column[i] = proba[i * k + c]`: column `c` of a row-major `n x k` matrix into `column` (n
 * values; a loop of its own: see the note above `walkClass`). Also the classifier curves' column.
 */
export function copyColumn(proba: Float64Array, k: number, c: number, column: Float64Array): void {
  const n = column.length
  for (let i = 0; i < n; i++) column[i] = proba[i * k + c]
}

/** A partition of (some of) the rows into scopes: `scopeOf[i]` in 0..count-1, or -1 (none). */
export interface Scoping {
  /** null: every row in scope 0. */
  scopeOf: Int32Array | null
  count: number
}

/**
 * AUC and variance of every scope of every scoping (e.g. the whole run and each slice column),
 * in one pass per class over the rows in score order.
 *
 * Rows are first grouped into cells (rows in the same scope of every scoping; e.g. one cell per
 * slice value when the scopings are the whole run and one slice column), so a row in sorted order
 * is one int32 (cell and positive flag) read sequentially, and a row costs two random memory
 * accesses per class (that read's gather and the bucketed influence update) whatever the number
 * of scopings. With `rankings`, also returns each class's one-vs-rest `BinaryRanking` over all
 * rows (for the curves), filled by the walk. `orders`: each class's ascending order ({@link classOrders}), or a function
 * giving class c's when asked ({@link classOrdersOneAtATime}; asked once per class, in order).
 * `workspace` ({@link ovrWorkspace}): the walk's working arrays are views into it, overwritten
 * by each class's sort when `orders` is a {@link classOrdersOneAtATime} of the same workspace.
 */
export function ovrAucByScopes(
  proba: ClassProbabilities,
  yTrue: Int32Array,
  k: number,
  average: 'macro' | 'weighted',
  orders: readonly Int32Array[] | ((c: number) => Int32Array),
  scopings: readonly Scoping[],
  rankings?: BinaryRanking[],
  workspace?: ArrayBuffer,
): ScopeAuc[][] {
  const n = yTrue.length
  const T = scopings.length
  const base: number[] = []
  let G = 0
  for (const scoping of scopings) {
    base.push(G)
    G += scoping.scopeOf === null ? 1 : scoping.count
  }
  const { cellOf, cellScopes } = scopeCells(scopings, base, n)
  const cellCount = cellScopes.length / T
  const cellSupport = new Float64Array(cellCount * k)
  countCellSupport(cellOf, yTrue, k, cellSupport)
  const { size, support } = scopeSupport(cellScopes, cellSupport, cellCount, T, k, G)
  const { aucDefined, live } = definedScopes(support, size, G, k)
  const aucs = new Float64Array(G * k)
  const ownMemory = workspace === undefined || workspace.byteLength < walkBytesPerRow(T) * n
  const memory = ownMemory ? new ArrayBuffer(walkBytesPerRow(T) * n) : workspace
  const walk = newClassWalk(n, T, G, cellCount, cellScopes, support, k, memory)
  const cursor = walk.cursor
  const influence = new Float64Array(n * T)
  const recordAuc = new Float64Array(cellCount * 2 * T)
  const recordScale = new Float64Array(cellCount * 2 * T)
  // With few cells, each row's (cell, class) as one byte, made once: a class's records are then
  // gathered through a small table, without refilling a per-row array for each class.
  const rowCode = cellCount * k <= 256 ? new Uint8Array(n) : null
  if (rowCode !== null) fillRowCodes(rowCode, cellOf, yTrue, k)
  const codeRecord = new Int32Array(rowCode !== null ? cellCount * k : 0)
  // Otherwise, per row: its cell and whether it is of the current class, as cell * 2 + flag.
  const record = new Int32Array(rowCode !== null ? 0 : n)
  // A row's record, for the walk and the bucket step: `recordOfKey[rowKey[row]]` (through the
  // codes, or the per-class records themselves through the identity).
  const rowKey = rowCode ?? record
  const recordOfKey = rowCode !== null ? codeRecord : Int32Array.from({ length: cellCount * 2 }, (_, r) => r)
  const scalePositive = new Float64Array(G)
  const scaleNegative = new Float64Array(G)

  for (let c = 0; c < k; c++) {
    const order = typeof orders === 'function' ? orders(c) : orders[c]
    const tied = tiesOfOrder.get(order) ?? tiesFromScores(proba, k, c, order)
    // Each row's cell and positive flag, then the same in sorted order (the one gather).
    if (rowCode !== null) {
      for (let code = 0; code < cellCount * k; code++) codeRecord[code] = (Math.floor(code / k) << 1) | (code % k === c ? 1 : 0)
    } else {
      fillRecords(record, cellOf, yTrue, c)
    }
    gatherRecords(rowKey, recordOfKey, order, walk.sortedRecord)
    for (let s = 0; s < G; s++) {
      const P = support[s * k + c]
      walk.inversePositives[s] = 1 / P
      walk.inverseNegatives[s] = 1 / (size[s] - P)
    }
    walk.negativesBelow.fill(0)
    walk.positivesBelow.fill(0)
    walk.sumPositive.fill(0)
    for (let b = 0; b < cursor.length; b++) cursor[b] = b << BUCKET_SHIFT
    const fill = rankings !== undefined ? rankingFill(proba, k, c, tied, classRows(cellSupport, cellCount, k, c), n) : null
    walkClass(walk, c, tied, order, fill)
    if (fill !== null) rankings![c] = fill.ranking
    for (let s = 0; s < G; s++) {
      const P = support[s * k + c]
      const N = size[s] - P
      if (aucDefined[s] === 1) aucs[s * k + c] = walk.sumPositive[s] / (P * N)
      const w = average === 'macro' ? 1 / k : P / size[s]
      scalePositive[s] = w / Math.sqrt(P * (P - 1))
      scaleNegative[s] = w / Math.sqrt(N * (N - 1))
    }
    // Each row's influence for this class, added to its row in two cache-friendly steps: the
    // walk wrote each component (sequentially) into the bucket of rows it belongs to; the
    // influences are now added bucket by bucket, where a bucket's rows span a few hundred KB (a
    // direct scatter in sorted order misses the cache on nearly every row).
    // The AUC and scale of each record's scope under each scoping: 0 and 0 outside a live scope,
    // whose influences are never read.
    for (let r = 0; r < cellCount * 2; r++) {
      const positive = (r & 1) === 1
      for (let t = 0; t < T; t++) {
        const s = cellScopes[(r >> 1) * T + t]
        const isLive = s >= 0 && live[s] === 1
        recordAuc[r * T + t] = isLive ? aucs[s * k + c] : 0
        recordScale[r * T + t] = isLive ? (positive ? scalePositive[s] : scaleNegative[s]) : 0
      }
    }
    addBucketInfluences(walk.bucketRow, walk.bucketComponent, T, rowKey, recordOfKey, recordAuc, recordScale, influence)
  }

  const scopeAuc = averagedScopeAucs(aucs, support, G, k, average)
  const variance = new Float64Array(G)
  sumSquaredInfluences(cellOf, cellScopes, T, live, influence, average === 'weighted' ? weightInfluences(aucs, scopeAuc, size, G, k) : null, yTrue, k, variance)
  return scopings.map((scoping, t) => {
    const out: ScopeAuc[] = []
    const count = scoping.scopeOf === null ? 1 : scoping.count
    for (let local = 0; local < count; local++) {
      const s = base[t] + local
      out.push({
        auc: aucDefined[s] === 1 ? scopeAuc[s] : Number.NaN,
        variance: live[s] === 1 ? variance[s] : Number.NaN,
      })
    }
    return out
  })
}

/** Each scope's size and per-class support (`support[s * k + c]`), summed from its cells'. */
function scopeSupport(cellScopes: Int32Array, cellSupport: Float64Array, cellCount: number, T: number, k: number, G: number): { size: Float64Array; support: Float64Array } {
  const size = new Float64Array(G)
  const support = new Float64Array(G * k)
  for (let cell = 0; cell < cellCount; cell++) {
    for (let t = 0; t < T; t++) {
      const s = cellScopes[cell * T + t]
      if (s < 0) continue
      for (let c = 0; c < k; c++) {
        support[s * k + c] += cellSupport[cell * k + c]
        size[s] += cellSupport[cell * k + c]
      }
    }
  }
  return { size, support }
}

/**
 * A scope's AUC is defined (`aucDefined[s] = 1`) when every class has positives and negatives in
 * it; its variance (and the influences that make it) is `live` when every class has at least two
 * of each.
 */
function definedScopes(support: Float64Array, size: Float64Array, G: number, k: number): { aucDefined: Uint8Array; live: Uint8Array } {
  const aucDefined = new Uint8Array(G).fill(1)
  const live = new Uint8Array(G).fill(1)
  for (let s = 0; s < G; s++) {
    for (let c = 0; c < k; c++) {
      const P = support[s * k + c]
      const N = size[s] - P
      if (P === 0 || N === 0) aucDefined[s] = 0
      if (P < 2 || N < 2) live[s] = 0
    }
    if (aucDefined[s] === 0) live[s] = 0
  }
  return { aucDefined, live }
}

/** Each scope's AUC: its classes' one-vs-rest AUCs averaged (`macro`) or weighted by support. */
function averagedScopeAucs(aucs: Float64Array, support: Float64Array, G: number, k: number, average: 'macro' | 'weighted'): Float64Array {
  const scopeAuc = new Float64Array(G)
  for (let s = 0; s < G; s++) {
    scopeAuc[s] = averageClassAucs(aucs, support, average, s * k, k)
  }
  return scopeAuc
}

/** For `weighted`, an example's influence on the weights: (A_{y} - A) / sqrt(n (n - 1)), per scope and class. */
function weightInfluences(aucs: Float64Array, scopeAuc: Float64Array, size: Float64Array, G: number, k: number): Float64Array {
  const weightInfluence = new Float64Array(G * k)
  for (let s = 0; s < G; s++) {
    for (let y = 0; y < k; y++) weightInfluence[s * k + y] = (aucs[s * k + y] - scopeAuc[s]) / Math.sqrt(size[s] * (size[s] - 1))
  }
  return weightInfluence
}

// The loops over rows below are each a function of their own: V8 compiles a hot loop on the fly
// (on-stack replacement), and inside one large function the code after a loop has no type
// feedback when that compiled code reaches it, so it was thrown away and recompiled loop after
// loop (the first evaluation at 200,000 rows spent most of this function's time that way).

/** The state of the walk over one class's sorted rows, allocated once for all classes. */
interface ClassWalk {
  n: number
  T: number
  k: number
  cellScopes: Int32Array
  support: Float64Array
  /**
   * The rows' DeLong structural components (per scoping), by buckets of rows: bucket b (rows
   * b << BUCKET_SHIFT and up) from position b << BUCKET_SHIFT, each bucket's rows in sorted order;
   * `bucketRow[p]` is the row whose components are at `bucketComponent[p * T ..]`.
   */
  bucketComponent: Float64Array
  bucketRow: Int32Array
  /** Per sorted position: cell * 2 + (row of the current class ? 1 : 0). */
  sortedRecord: Int32Array
  /** Per bucket, its next free position (set to the bucket's start before each walk). */
  cursor: Int32Array
  recordTally: Int32Array
  touchedRecord: Int32Array
  recordComponent: Float64Array
  negativesBelow: Float64Array
  positivesBelow: Float64Array
  positivesTied: Float64Array
  negativesTied: Float64Array
  sumPositive: Float64Array
  inversePositives: Float64Array
  inverseNegatives: Float64Array
  touched: Int32Array
}

/**
 * The walk's state; its per-position arrays are views into `memory` ({@link walkBytesPerRow}
 * bytes per row): `bucketComponent` at 0, `bucketRow` at 8nT, `sortedRecord` after it. Every
 * position of `bucketRow` and `sortedRecord` is written before it is read; a `bucketComponent`
 * slot is left as it was only for a scoping that leaves the row out (`s < 0`), whose influence
 * is never read.
 */
function newClassWalk(n: number, T: number, G: number, cellCount: number, cellScopes: Int32Array, support: Float64Array, k: number, memory: ArrayBuffer): ClassWalk {
  return {
    n,
    T,
    k,
    cellScopes,
    support,
    bucketComponent: new Float64Array(memory, 0, n * T),
    bucketRow: new Int32Array(memory, 8 * n * T, n),
    sortedRecord: new Int32Array(memory, 8 * n * T + 4 * n, n),
    cursor: new Int32Array((n + (1 << BUCKET_SHIFT) - 1) >> BUCKET_SHIFT),
    recordTally: new Int32Array(cellCount * 2),
    touchedRecord: new Int32Array(cellCount * 2),
    recordComponent: new Float64Array(cellCount * 2 * T),
    negativesBelow: new Float64Array(G),
    positivesBelow: new Float64Array(G),
    positivesTied: new Float64Array(G),
    negativesTied: new Float64Array(G),
    sumPositive: new Float64Array(G),
    inversePositives: new Float64Array(G),
    inverseNegatives: new Float64Array(G),
    touched: new Int32Array(G),
  }
}

/**
 * One walk over class c's rows in ascending score order (`order`, their records in
 * `sortedRecord`): each row's structural component in every scope it belongs to, written
 * straight into its row's bucket (`bucketComponent`, `bucketRow`), and per scope the sum over
 * positives of the negatives below them (ties counted half) in `sumPositive`. With `fill`, also
 * class c's ranking over all rows, a tie group at a time (see {@link rankingFill}). Hot loop:
 * longer than the usual limit, kept whole so the compiled loop holds both paths.
 */
function walkClass(w: ClassWalk, c: number, tied: Uint8Array, order: Int32Array, fill: RankingFill | null): void {
  const { n, T, k, cellScopes, support, bucketComponent, bucketRow, sortedRecord, cursor, recordTally, touchedRecord, recordComponent } = w
  const { negativesBelow, positivesBelow, positivesTied, negativesTied, sumPositive, inversePositives, inverseNegatives, touched } = w
  const { thresholds, tps, fps, positives: allPositives, negatives: allNegatives } = fill !== null ? fill.ranking : NO_RANKING
  const { scores, offset, stride } = fill !== null ? fill : NO_RANKING_FILL
  // Ranking entries are written from the last (the highest scores come first in a ranking).
  let m = thresholds.length - 1
  let positivesSeen = 0
  let negativesSeen = 0
  for (let start = 0; start < n; ) {
    // Read before the paths part, so that both give these reads type feedback (see below).
    const row = order[start]
    const r = sortedRecord[start]
    // Fast path: a score held by one row only (the usual case for real probabilities).
    if (start + 1 === n || tied[start + 1] === 0) {
      const positive = (r & 1) === 1
      const cellBase = (r >> 1) * T
      if (m >= 0) {
        thresholds[m] = scores[offset + row * stride]
        tps[m] = allPositives - positivesSeen
        fps[m--] = allNegatives - negativesSeen
      }
      // Without branches: both components computed, one kept, counts added as 0 or 1. A branch
      // first taken after V8 compiled the loop throws the compiled loop away (seen in CLI runs at
      // the third class's first negative row without ties), and the walk then ran twice as long.
      const isPositive = r & 1
      positivesSeen += isPositive
      negativesSeen += isPositive ^ 1
      const p = cursor[row >> BUCKET_SHIFT]++
      bucketRow[p] = row
      for (let t = 0; t < T; t++) {
        const s = cellScopes[cellBase + t]
        if (s < 0) continue
        const ofPositive = negativesBelow[s] * inverseNegatives[s]
        const ofNegative = (support[s * k + c] - positivesBelow[s]) * inversePositives[s]
        bucketComponent[p * T + t] = positive ? ofPositive : ofNegative
        sumPositive[s] += positive ? negativesBelow[s] : 0
        positivesBelow[s] += isPositive
        negativesBelow[s] += isPositive ^ 1
      }
      start++
      continue
    }
    // A tie group: rows of the same cell and class share their components, so count the
    // group's rows per record, add the counts into the scopes, compute each record's
    // components once and copy them to its rows.
    // The loops below (and the fast path above) repeat the walk over a record's scopes
    // (`cellBase`, `s`, `s < 0`) on purpose: a hot loop, written out so V8 compiles each whole.
    let end = start
    let touchedRecords = 0
    do {
      const r = sortedRecord[end]
      if (recordTally[r]++ === 0) touchedRecord[touchedRecords++] = r
      end++
    } while (end < n && tied[end] === 1)
    let touchedCount = 0
    if (m >= 0) {
      thresholds[m] = scores[offset + row * stride]
      tps[m] = allPositives - positivesSeen
      fps[m--] = allNegatives - negativesSeen
    }
    for (let u = 0; u < touchedRecords; u++) {
      const r = touchedRecord[u]
      const count = recordTally[r]
      recordTally[r] = 0
      const positive = (r & 1) === 1
      if (positive) positivesSeen += count
      else negativesSeen += count
      const cellBase = (r >> 1) * T
      for (let t = 0; t < T; t++) {
        const s = cellScopes[cellBase + t]
        if (s < 0) continue
        if (positivesTied[s] === 0 && negativesTied[s] === 0) touched[touchedCount++] = s
        if (positive) positivesTied[s] += count
        else negativesTied[s] += count
      }
    }
    for (let u = 0; u < touchedRecords; u++) {
      const r = touchedRecord[u]
      const positive = (r & 1) === 1
      const cellBase = (r >> 1) * T
      for (let t = 0; t < T; t++) {
        const s = cellScopes[cellBase + t]
        if (s < 0) continue
        recordComponent[r * T + t] = positive
          ? (negativesBelow[s] + 0.5 * negativesTied[s]) * inverseNegatives[s]
          : (support[s * k + c] - positivesBelow[s] - 0.5 * positivesTied[s]) * inversePositives[s]
      }
    }
    for (let j = start; j < end; j++) {
      const row = order[j]
      const from = sortedRecord[j] * T
      const p = cursor[row >> BUCKET_SHIFT]++
      bucketRow[p] = row
      for (let t = 0; t < T; t++) bucketComponent[p * T + t] = recordComponent[from + t]
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
}

/** `cellSupport[cell * k + y]`: rows of each cell and class. */
function countCellSupport(cellOf: Int32Array, yTrue: Int32Array, k: number, cellSupport: Float64Array): void {
  const n = cellOf.length
  for (let i = 0; i < n; i++) cellSupport[cellOf[i] * k + yTrue[i]]++
}

/** `rowCode[i] = cellOf[i] * k + yTrue[i]`. */
function fillRowCodes(rowCode: Uint8Array, cellOf: Int32Array, yTrue: Int32Array, k: number): void {
  const n = rowCode.length
  for (let i = 0; i < n; i++) rowCode[i] = cellOf[i] * k + yTrue[i]
}

/**
 * Adds each bucketed component's influence (component - AUC) * scale to its row
 * (`influence[row * T + t]`); a row's record is `recordOfKey[rowKey[row]]`, its AUC and scale per
 * scoping at `recordAuc` / `recordScale[record * T + t]`.
 */
function addBucketInfluences(
  bucketRow: Int32Array,
  bucketComponent: Float64Array,
  T: number,
  rowKey: Uint8Array | Int32Array,
  recordOfKey: Int32Array,
  recordAuc: Float64Array,
  recordScale: Float64Array,
  influence: Float64Array,
): void {
  const n = bucketRow.length
  for (let p = 0; p < n; p++) {
    const row = bucketRow[p]
    const from = recordOfKey[rowKey[row]] * T
    for (let t = 0; t < T; t++) {
      influence[row * T + t] += (bucketComponent[p * T + t] - recordAuc[from + t]) * recordScale[from + t]
    }
  }
}

/** Per live scope, the sum over its rows of the squared total influence (the DeLong variance). */
function sumSquaredInfluences(
  cellOf: Int32Array,
  cellScopes: Int32Array,
  T: number,
  live: Uint8Array,
  influence: Float64Array,
  weightInfluence: Float64Array | null,
  yTrue: Int32Array,
  k: number,
  variance: Float64Array,
): void {
  const n = cellOf.length
  for (let i = 0; i < n; i++) {
    const cellBase = cellOf[i] * T
    for (let t = 0; t < T; t++) {
      const s = cellScopes[cellBase + t]
      if (s < 0 || live[s] === 0) continue
      let v = influence[i * T + t]
      if (weightInfluence !== null) v += weightInfluence[s * k + yTrue[i]]
      variance[s] += v * v
    }
  }
}

/**
 * Groups rows by the scope they fall in under every scoping: `cellOf[i]` is row i's cell, and
 * `cellScopes[cell * T + t]` that cell's global scope id under scoping t (`base[t]` + local id),
 * or -1. Cells are numbered in order of first appearance.
 */
function scopeCells(scopings: readonly Scoping[], base: readonly number[], n: number): { cellOf: Int32Array; cellScopes: Int32Array } {
  const cellOf = new Int32Array(n)
  let scopes: number[] = [] // per cell, the scope ids of the scopings seen so far (stride `seen`)
  let cells = 1
  let seen = 0
  for (let t = 0; t < scopings.length; t++) {
    const scopeOf = scopings[t].scopeOf
    const next: number[] = []
    if (scopeOf === null) {
      for (let cell = 0; cell < cells; cell++) {
        for (let u = 0; u < seen; u++) next.push(scopes[cell * seen + u])
        next.push(base[t])
      }
    } else {
      // (cell, local scope + 1) -> new cell, through a dense table when it is small.
      const width = scopings[t].count + 1
      const firstKeys = cells * width <= 1 << 22 ? denseCells(scopeOf, cellOf, width, cells) : sparseCells(scopeOf, cellOf, width)
      for (const key of firstKeys) {
        const cell = Math.floor(key / width)
        const local = (key % width) - 1
        for (let u = 0; u < seen; u++) next.push(scopes[cell * seen + u])
        next.push(local < 0 ? -1 : base[t] + local)
      }
      cells = firstKeys.length
    }
    scopes = next
    seen++
  }
  return { cellOf, cellScopes: Int32Array.from(scopes) }
}

/**
 * One scoping's step of {@link scopeCells} through a dense table of the `cells * width` keys
 * `cellOf[i] * width + local scope + 1`: each row's new cell, numbered in order of first
 * appearance, into `cellOf`; returns each new cell's key.
 */
function denseCells(scopeOf: Int32Array, cellOf: Int32Array, width: number, cells: number): number[] {
  const n = cellOf.length
  const dense = new Int32Array(cells * width).fill(-1)
  const firstKeys: number[] = []
  for (let i = 0; i < n; i++) {
    const local = scopeOf[i]
    const key = cellOf[i] * width + (local < 0 ? 0 : local + 1)
    let id = dense[key]
    if (id < 0) {
      id = dense[key] = firstKeys.length
      firstKeys.push(key)
    }
    cellOf[i] = id
  }
  return firstKeys
}

/**
 * {@link denseCells} through a Map, for more keys than a dense table should hold. The same
 * first-seen numbering as `groupCombined` in src/evaluate/slice-groups.ts, which this lower layer
 * may not import (and which numbers a Float64Array of codes, not keys made on the way).
 */
function sparseCells(scopeOf: Int32Array, cellOf: Int32Array, width: number): number[] {
  const n = cellOf.length
  const ids = new Map<number, number>()
  const firstKeys: number[] = []
  for (let i = 0; i < n; i++) {
    const local = scopeOf[i]
    const key = cellOf[i] * width + (local < 0 ? 0 : local + 1)
    let id = ids.get(key)
    if (id === undefined) {
      id = firstKeys.length
      ids.set(key, id)
      firstKeys.push(key)
    }
    cellOf[i] = id
  }
  return firstKeys
}

/** `sorted[j] = recordOfKey[rowKey[order[j]]]`: the rows' records in sorted order. */
function gatherRecords(rowKey: Uint8Array | Int32Array, recordOfKey: Int32Array, order: Int32Array, sorted: Int32Array): void {
  const n = order.length
  for (let j = 0; j < n; j++) sorted[j] = recordOfKey[rowKey[order[j]]]
}

/** `record[i] = cellOf[i] * 2 + (yTrue[i] === c ? 1 : 0)`. */
function fillRecords(record: Int32Array, cellOf: Int32Array, yTrue: Int32Array, c: number): void {
  const n = record.length
  for (let i = 0; i < n; i++) record[i] = (cellOf[i] << 1) | (yTrue[i] === c ? 1 : 0)
}

/** Tie flags of an order that did not come from {@link classOrders}, from the scores. */
function tiesFromScores(proba: ClassProbabilities, k: number, c: number, order: Int32Array): Uint8Array {
  const n = order.length
  const tied = new Uint8Array(n)
  if (proba instanceof Float64Array) {
    for (let j = 1; j < n; j++) tied[j] = proba[order[j] * k + c] === proba[order[j - 1] * k + c] ? 1 : 0
  } else {
    const scores = proba[c]
    for (let j = 1; j < n; j++) tied[j] = scores[order[j]] === scores[order[j - 1]] ? 1 : 0
  }
  return tied
}

/** A ranking the walk fills (see {@link rankingFill}) and where it reads the scores. */
interface RankingFill {
  ranking: BinaryRanking
  /** Row r's score: `scores[offset + r * stride]`. */
  scores: Float64Array
  offset: number
  stride: number
}

const NO_RANKING: BinaryRanking = { thresholds: new Float64Array(0), tps: new Float64Array(0), fps: new Float64Array(0), positives: 0, negatives: 0 }
const NO_RANKING_FILL: RankingFill = { ranking: NO_RANKING, scores: new Float64Array(0), offset: 0, stride: 1 }

/**
 * Class c's one-vs-rest ranking over all rows (the metric engine's `binaryRanking`), sized by the tie
 * groups and left for {@link walkClass} to fill: walking up, at the first row of each group it
 * writes that row's score and the positives and negatives not below it (`positives` minus those
 * seen), the ranking's entries from the last, so only a score per group is read.
 * @example rankingFill(columns, 5, 0, tied, 12, 40) // { ranking: { positives: 12, negatives: 28, ... }, scores: columns[0], offset: 0, stride: 1 }
 */
function rankingFill(proba: ClassProbabilities, k: number, c: number, tied: Uint8Array, positives: number, n: number): RankingFill {
  const groups = countTieGroups(tied)
  const ranking: BinaryRanking = {
    thresholds: new Float64Array(groups),
    tps: new Float64Array(groups),
    fps: new Float64Array(groups),
    positives,
    negatives: n - positives,
  }
  // Class c's scores as a column with a stride: the matrix from offset c, step k; a column, step 1.
  return proba instanceof Float64Array ? { ranking, scores: proba, offset: c, stride: k } : { ranking, scores: proba[c], offset: 0, stride: 1 }
}

/** Rows of class c: its column of the cells' support. */
function classRows(cellSupport: Float64Array, cellCount: number, k: number, c: number): number {
  let rows = 0
  for (let cell = 0; cell < cellCount; cell++) rows += cellSupport[cell * k + c]
  return rows
}

/** Tie groups of a sorted order: positions that do not tie with the previous one. */
function countTieGroups(tied: Uint8Array): number {
  const n = tied.length
  let groups = 0
  for (let j = 0; j < n; j++) if (j === 0 || tied[j] === 0) groups++
  return groups
}

/**
 * AUC and variance of every scope of one scoping (`scopeOf` null: every row in scope 0). See
 * {@link ovrAucByScopes}.
 */
export function ovrAucByScope(
  proba: ClassProbabilities,
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
