/** Below this length a comparison sort of the indices is faster than the radix passes. */
const RADIX_THRESHOLD = 2048
/** Runs sharing their high 32 bits longer than this are finished by a comparison sort. */
const INSERTION_LIMIT = 48

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
 * long run. Hand-written because no maintained package argsorts a Float64Array (the metrics
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
