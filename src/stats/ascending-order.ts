/** Below this length a comparison sort of the indices is faster than the radix passes. */
const RADIX_THRESHOLD = 2048
/** Runs sharing their high 32 bits longer than this are finished by a comparison sort. */
const INSERTION_LIMIT = 48
/** Most distinct values the dictionary path sorts ({@link fewDistinctOrder}); beyond, radix passes. */
const DISTINCT_LIMIT = 1 << 14

/**
 * The permutation that sorts `values` ascending (a stable argsort): `values[order[0]]` is the
 * smallest, ties keep their original order, -0 and +0 compare equal.
 *
 * Large inputs: the IEEE-754 bits are made order-preserving (flip every bit of a negative, the
 * sign bit of a positive); two LSD radix passes of 16 bits on the high word (sign, exponent,
 * 20 mantissa bits) move (high, low, index) triples sequentially, skipping a pass whose digit is
 * the same for every key; then the short runs that share the high word are finished by
 * insertion sort on the low word (stable, so tied values keep index order). O(n) for real
 * scores; a comparison sort of the indices is used below 2,048 values and for any unusually
 * long run. Values with few distinct keys (rounded probabilities) skip the radix passes: each is
 * placed once through a small table of the distinct keys ({@link fewDistinctOrder}). Hand-written because no maintained package argsorts a Float64Array (the metrics
 * module's `sortFloat64Ascending` sorts values only, without the permutation).
 *
 * Assumptions: no NaN (callers reject non-finite scores first).
 *
 * @example
 * ascendingOrder(new Float64Array([0.3, 0.1, 0.3, 0.2])) // => Uint32Array [1, 3, 0, 2]
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  if (values.length < RADIX_THRESHOLD) return comparisonOrder(values)
  return radixOrder(values)
}

/** An ascending order and where its tie groups start (see {@link ascendingOrderWithTies}). */
export interface OrderWithTies {
  /** The same permutation as {@link ascendingOrder}. */
  order: Uint32Array
  /** 1 at sorted position j when `values[order[j]]` equals `values[order[j - 1]]`, else 0. */
  tiedWithPrevious: Uint8Array
}

/**
 * {@link ascendingOrder} plus, per sorted position, whether the value equals the previous one
 * (-0 equals +0), read off the sort keys instead of the values: a caller walking tie groups in
 * sorted order then never reads `values` in that (random) order.
 *
 * `scratch` ({@link radixScratch}): working arrays to reuse across calls (sorting several
 * columns of one length): only the returned order and flags are then new memory. `into`: an
 * earlier result whose arrays (when long enough) receive this one's, overwriting it: then no
 * new memory at all for 2,048 values or more.
 *
 * @example
 * ascendingOrderWithTies(new Float64Array([0.3, 0.1, 0.3]))
 * // => { order: Uint32Array [1, 0, 2], tiedWithPrevious: Uint8Array [0, 0, 1] }
 */
export function ascendingOrderWithTies(values: Float64Array, scratch?: RadixScratch, into?: OrderWithTies): OrderWithTies {
  const n = values.length
  const reuse = into !== undefined && into.order.length >= n && into.tiedWithPrevious.length >= n
  const tiedWithPrevious = reuse ? into.tiedWithPrevious.subarray(0, n) : new Uint8Array(n)
  tiedWithPrevious.fill(0, 0, 1) // the first position never ties (a reused array may hold anything)
  if (n < RADIX_THRESHOLD) {
    const order = comparisonOrder(values)
    for (let j = 1; j < n; j++) tiedWithPrevious[j] = values[order[j]] === values[order[j - 1]] ? 1 : 0
    return { order, tiedWithPrevious }
  }
  const index = radixOrder(values, scratch, reuse ? into.order.subarray(0, n) : new Uint32Array(n), tiedWithPrevious)
  return { order: index, tiedWithPrevious }
}

/** Stable argsort by comparison (small inputs). */
function comparisonOrder(values: Float64Array): Uint32Array {
  const n = values.length
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  return order.sort((a, b) => values[a] - values[b] || a - b)
}

/**
 * Working arrays of the radix argsort, to reuse across calls: the keys of both passes, the
 * first pass's order and the digit counts. Grown on demand to the longest input.
 * @example
 * const scratch = radixScratch(n)
 * const orders = columns.map((column) => ascendingOrderWithTies(column, scratch).order)
 */
export interface RadixScratch {
  hi: Uint32Array
  lo: Uint32Array
  index: Uint32Array
  hiNext: Uint32Array
  loNext: Uint32Array
  counts: Uint32Array
}

/** Scratch for inputs of up to `n` values ({@link RadixScratch}). */
export function radixScratch(n: number): RadixScratch {
  return {
    hi: new Uint32Array(n),
    lo: new Uint32Array(n),
    index: new Uint32Array(n),
    hiNext: new Uint32Array(n),
    loNext: new Uint32Array(n),
    counts: new Uint32Array(2 * 65536),
  }
}

/** `scratch`, grown to hold `n` values, with its digit counts cleared. */
function scratchFor(scratch: RadixScratch, n: number): RadixScratch {
  if (scratch.hi.length < n) Object.assign(scratch, radixScratch(n))
  else scratch.counts.fill(0)
  return scratch
}

/**
 * The radix argsort (into `order`); with `tiedWithPrevious`, also fills the tie flags of
 * {@link ascendingOrderWithTies}, read off the sorted keys while the runs are finished.
 *
 * Each loop is its own small function (and so is each loop of the callers here): V8 compiles a
 * hot loop on the fly (on-stack replacement), and in one large function the code after a loop
 * has no type feedback yet when that compiled code reaches it, so it is thrown away and
 * recompiled loop after loop. Measured on five 200,000-value columns (one evaluation), the first
 * call took several times as long as later ones; split, each loop is compiled once.
 */
function radixOrder(
  values: Float64Array,
  scratch: RadixScratch = radixScratch(0),
  order: Uint32Array = new Uint32Array(values.length),
  tiedWithPrevious: Uint8Array | null = null,
): Uint32Array {
  const n = values.length
  // The values' own words (little-endian: 2i is the low word of value i, 2i + 1 the high word).
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n)
  const work = scratchFor(scratch, n)
  if (fewDistinctOrder(words, n, work.hi.subarray(0, n), order, tiedWithPrevious)) return order
  const counts = work.counts
  highDigitCounts(words, n, counts)
  // First pass (low 16 bits of the high word) fused with making the keys: each key is written
  // once, straight to its place (or in input order when that digit is the same everywhere).
  const firstKey = highKey(words[1], words[0])
  const firstPassNeeded = counts[firstKey & 0xffff] !== n
  const secondPassNeeded = counts[65536 + (firstKey >>> 16)] !== n
  // Only the order returned is the caller's; the keys and the other pass's order are scratch.
  let hi = work.hi.subarray(0, n)
  let lo = work.lo.subarray(0, n)
  let index = secondPassNeeded ? work.index.subarray(0, n) : order
  if (firstPassNeeded) {
    prefixSums(counts, 0)
    keysToLowDigitPlaces(words, n, counts, hi, lo, index)
  } else {
    keysInInputOrder(words, n, hi, lo, index)
  }
  // Second pass: the high 16 bits.
  if (secondPassNeeded) {
    prefixSums(counts, 65536)
    const hiNext = work.hiNext.subarray(0, n)
    const loNext = work.loNext.subarray(0, n)
    const indexNext = order
    highDigitPass(hi, lo, index, counts, hiNext, loNext, indexNext)
    hi = hiNext
    lo = loNext
    index = indexNext
  }
  finishRuns(hi, lo, index, values, tiedWithPrevious)
  return index
}

/**
 * The order of values that take few distinct values (at most {@link DISTINCT_LIMIT}, and at most
 * one in 16 of them; e.g. probabilities written with 4 decimals): each value's key is looked up
 * in a small hash table of the distinct keys (`entryOf[i]`, its entry), the distinct keys are
 * sorted, and one pass places every index straight at its place (in input order, so stable),
 * with the tie flags set a whole group at a time. Moves 4 bytes per value where the radix passes
 * move 24. Returns false, having written nothing the radix passes read, when the values have
 * more distinct keys than that (found out within the first values of the scan as a rule).
 */
function fewDistinctOrder(words: Uint32Array, n: number, entryOf: Uint32Array, order: Uint32Array, tiedWithPrevious: Uint8Array | null): boolean {
  const limit = Math.min(DISTINCT_LIMIT, n >> 4)
  const bits = 32 - Math.clz32(2 * limit - 1) // a table at most half full
  const distinct: DistinctKeys = {
    slots: new Int32Array(1 << bits),
    shift: 32 - bits,
    hi: new Uint32Array(limit),
    lo: new Uint32Array(limit),
    count: new Uint32Array(limit),
  }
  const size = lookUpKeys(words, n, limit, distinct, entryOf)
  if (size < 0) return false
  const start = entryStarts(distinct, size, tiedWithPrevious)
  placeByEntry(entryOf, start, order)
  return true
}

/** The distinct keys met so far: open addressing, `slots[h]` = entry + 1 (0: empty). */
interface DistinctKeys {
  slots: Int32Array
  shift: number
  hi: Uint32Array
  lo: Uint32Array
  count: Uint32Array
}

/**
 * `entryOf[i]`: the entry of value i's order-preserving key (-0 is +0) among the distinct keys,
 * each counted; returns how many there are, or -1 as soon as there are more than `limit`.
 */
function lookUpKeys(words: Uint32Array, n: number, limit: number, keys: DistinctKeys, entryOf: Uint32Array): number {
  const { slots, shift, hi, lo, count } = keys
  const mask = slots.length - 1
  let size = 0
  for (let i = 0; i < n; i++) {
    const h = highKey(words[2 * i + 1], words[2 * i])
    const l = lowKey(words[2 * i + 1], words[2 * i])
    let slot = Math.imul(Math.imul(h, 0x9e3779b1) ^ l, 0x85ebca6b) >>> shift
    for (;;) {
      const e = slots[slot] - 1
      if (e < 0) {
        if (size === limit) return -1
        slots[slot] = size + 1
        hi[size] = h
        lo[size] = l
        count[size] = 1
        entryOf[i] = size++
        break
      }
      if (hi[e] === h && lo[e] === l) {
        count[e]++
        entryOf[i] = e
        break
      }
      slot = (slot + 1) & mask
    }
  }
  return size
}

/**
 * Per entry, the first sorted position of its values (the entries in key order, each after the
 * counts of the smaller ones); with `tiedWithPrevious`, each group's flags (0 at its start, 1 after).
 * The keys are turned back into their (distinct) values and sorted natively, without a comparator.
 */
function entryStarts(keys: DistinctKeys, size: number, tiedWithPrevious: Uint8Array | null): Uint32Array {
  const { hi, lo, count } = keys
  const values = new Float64Array(size)
  valuesOfKeys(hi, lo, new Uint32Array(values.buffer))
  const sorted = values.slice().sort()
  const start = new Uint32Array(size)
  for (let e = 0; e < size; e++) start[e] = sortedPlace(sorted, values[e])
  // start holds each entry's rank for now: turn ranks into first positions, in rank order.
  const entryOfRank = new Uint32Array(size)
  for (let e = 0; e < size; e++) entryOfRank[start[e]] = e
  let running = 0
  for (let u = 0; u < size; u++) {
    const e = entryOfRank[u]
    start[e] = running
    if (tiedWithPrevious !== null) {
      tiedWithPrevious[running] = 0
      tiedWithPrevious.fill(1, running + 1, running + count[e])
    }
    running += count[e]
  }
  return start
}

/** The doubles whose order-preserving keys are (hi[e], lo[e]), as words (low, high) into `words`. */
function valuesOfKeys(hi: Uint32Array, lo: Uint32Array, words: Uint32Array): void {
  for (let e = 0; e < hi.length; e++) {
    const negative = (hi[e] & 0x80000000) === 0
    words[2 * e + 1] = negative ? ~hi[e] >>> 0 : (hi[e] & 0x7fffffff) >>> 0
    words[2 * e] = negative ? ~lo[e] >>> 0 : lo[e]
  }
}

/** The index of `value` in `sorted` (ascending, distinct, holding it). */
function sortedPlace(sorted: Float64Array, value: number): number {
  let low = 0
  let high = sorted.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] < value) low = middle + 1
    else high = middle
  }
  return low
}

/** `order[start[entryOf[i]]++] = i`: every index at its place, in input order within an entry. */
function placeByEntry(entryOf: Uint32Array, start: Uint32Array, order: Uint32Array): void {
  const n = entryOf.length
  for (let i = 0; i < n; i++) order[start[entryOf[i]]++] = i
}

/** Digit histograms of the high key words: low 16 bits at counts[0..], high 16 at counts[65536..]. */
function highDigitCounts(words: Uint32Array, n: number, counts: Uint32Array): void {
  for (let i = 0; i < n; i++) {
    const h = highKey(words[2 * i + 1], words[2 * i])
    counts[h & 0xffff]++
    counts[65536 + (h >>> 16)]++
  }
}

/** Makes the keys of every value and writes each at its place by the low digit of its high word. */
function keysToLowDigitPlaces(words: Uint32Array, n: number, counts: Uint32Array, hi: Uint32Array, lo: Uint32Array, index: Uint32Array): void {
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + 1]
    let l = words[2 * i]
    if ((h & 0x80000000) === 0) h = (h | 0x80000000) >>> 0
    else if (h === 0x80000000 && l === 0) h = 0x80000000 // -0 is +0
    else {
      h = ~h >>> 0
      l = ~l >>> 0
    }
    const j = counts[h & 0xffff]++
    hi[j] = h
    lo[j] = l
    index[j] = i
  }
}

/**
 * Makes the keys of every value, in input order (when the low digit is the same everywhere).
 * Intentional copy of the key making in {@link keysToLowDigitPlaces}: both are hot loops over
 * every value, and a shared helper would return two words per value (an allocation or a call
 * V8 may not inline); keep the two in step.
 */
function keysInInputOrder(words: Uint32Array, n: number, hi: Uint32Array, lo: Uint32Array, index: Uint32Array): void {
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + 1]
    let l = words[2 * i]
    if ((h & 0x80000000) === 0) h = (h | 0x80000000) >>> 0
    else if (h === 0x80000000 && l === 0) h = 0x80000000 // -0 is +0
    else {
      h = ~h >>> 0
      l = ~l >>> 0
    }
    hi[i] = h
    lo[i] = l
    index[i] = i
  }
}

/** The stable pass on the high 16 bits of the high words, into the `*Next` arrays. */
function highDigitPass(
  hi: Uint32Array,
  lo: Uint32Array,
  index: Uint32Array,
  counts: Uint32Array,
  hiNext: Uint32Array,
  loNext: Uint32Array,
  indexNext: Uint32Array,
): void {
  const n = hi.length
  for (let i = 0; i < n; i++) {
    const h = hi[i]
    const j = counts[65536 + (h >>> 16)]++
    hiNext[j] = h
    loNext[j] = lo[i]
    indexNext[j] = index[i]
  }
}

/**
 * Finishes the runs that share the high word by their low word; with `tiedWithPrevious`, sets
 * each sorted position's tie flag on the way (1 where (hi, lo) equals the previous key: within
 * a finished run, where lo equals the previous lo), so the keys are not read a second time.
 */
function finishRuns(hi: Uint32Array, lo: Uint32Array, index: Uint32Array, values: Float64Array, tiedWithPrevious: Uint8Array | null): void {
  const n = hi.length
  for (let start = 0; start < n; ) {
    const h = hi[start]
    let end = start + 1
    while (end < n && hi[end] === h) end++
    if (end - start > 1) finishRun(lo, index, start, end, values)
    if (tiedWithPrevious !== null) {
      tiedWithPrevious[start] = 0
      for (let j = start + 1; j < end; j++) tiedWithPrevious[j] = lo[j] === lo[j - 1] ? 1 : 0
    }
    start = end
  }
}

/** The order-preserving high key word of a double given as its high and low words. */
function highKey(h: number, l: number): number {
  if ((h & 0x80000000) === 0) return (h | 0x80000000) >>> 0
  if (h === 0x80000000 && l === 0) return 0x80000000 // -0 is +0
  return ~h >>> 0
}

/** The order-preserving low key word of a double given as its high and low words (see {@link highKey}). */
function lowKey(h: number, l: number): number {
  if ((h & 0x80000000) === 0) return l
  if (h === 0x80000000 && l === 0) return 0 // -0 is +0
  return ~l >>> 0
}

/** Turns the 65,536 digit counts at `base` into starting positions. */
function prefixSums(counts: Uint32Array, base: number): void {
  let running = 0
  for (let d = base; d < base + 65536; d++) {
    const count = counts[d]
    counts[d] = running
    running += count
  }
}

/** Orders lo[start..end) ascending, carrying index; stable. lo stays in step with index. */
function finishRun(lo: Uint32Array, index: Uint32Array, start: number, end: number, values: Float64Array): void {
  let sorted = true
  for (let i = start + 1; i < end; i++) {
    if (lo[i] < lo[i - 1]) {
      sorted = false
      break
    }
  }
  if (sorted) return
  if (end - start > INSERTION_LIMIT) {
    const run = index.subarray(start, end)
    run.sort((a, b) => values[a] - values[b] || a - b)
    // Keep lo in step with index (callers read tie groups off the keys).
    const bits = new Float64Array(1)
    const words = new Uint32Array(bits.buffer)
    for (let i = start; i < end; i++) {
      bits[0] = values[index[i]] + 0
      lo[i] = (words[1] & 0x80000000) !== 0 ? ~words[0] >>> 0 : words[0]
    }
    return
  }
  for (let i = start + 1; i < end; i++) {
    const key = lo[i]
    const carried = index[i]
    let j = i - 1
    while (j >= start && lo[j] > key) {
      lo[j + 1] = lo[j]
      index[j + 1] = index[j]
      j--
    }
    lo[j + 1] = key
    index[j + 1] = carried
  }
}
