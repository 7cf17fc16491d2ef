/** Below this length a comparison sort of the indices is faster than the radix passes. */
const RADIX_THRESHOLD = 2048
const DIGIT_BITS = 16
const BUCKETS = 1 << DIGIT_BITS

/**
 * The permutation that sorts `values` ascending (a stable argsort): `values[order[0]]` is the
 * smallest, ties keep their original order, -0 and +0 compare equal.
 *
 * Large inputs use an LSD radix sort on the IEEE-754 bits made order-preserving (flip all bits
 * of negatives, the sign bit of positives), 16 bits per pass, skipping passes where every key
 * has the same digit (probabilities in [0, 1] share their top bits) — O(n), several times faster
 * than a comparison sort of indices, which is used below 2,048 values. Used by the AUC code, and
 * by anything that needs one sorted pass over scores.
 *
 * Assumptions: no NaN (callers reject non-finite scores first; a NaN would sort after +Infinity).
 *
 * @example
 * ascendingOrder(new Float64Array([0.3, 0.1, 0.3, 0.2])) // => Uint32Array [1, 3, 0, 2]
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  const n = values.length
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  if (n < RADIX_THRESHOLD) {
    order.sort((a, b) => values[a] - values[b] || a - b)
    return order
  }
  // Order-preserving unsigned keys: [hi, lo] 32-bit words per value.
  const bits = new Float64Array(1)
  const words = new Uint32Array(bits.buffer)
  const lo = new Uint32Array(n)
  const hi = new Uint32Array(n)
  const histograms = new Uint32Array(4 * BUCKETS)
  for (let i = 0; i < n; i++) {
    bits[0] = values[i] + 0 // -0 becomes +0
    let h = words[1]
    let l = words[0]
    if (h & 0x80000000) {
      h = ~h >>> 0
      l = ~l >>> 0
    } else {
      h = (h | 0x80000000) >>> 0
    }
    hi[i] = h
    lo[i] = l
    histograms[l & 0xffff]++
    histograms[BUCKETS + (l >>> 16)]++
    histograms[2 * BUCKETS + (h & 0xffff)]++
    histograms[3 * BUCKETS + (h >>> 16)]++
  }
  let source = order
  let target = new Uint32Array(n)
  for (let pass = 0; pass < 4; pass++) {
    const offset = pass * BUCKETS
    const keys = pass < 2 ? lo : hi
    const shift = pass % 2 === 0 ? 0 : 16
    // A pass whose digit is the same for every key changes nothing.
    if (histograms[offset + ((keys[0] >>> shift) & 0xffff)] === n) continue
    let running = 0
    for (let d = 0; d < BUCKETS; d++) {
      const count = histograms[offset + d]
      histograms[offset + d] = running
      running += count
    }
    for (let i = 0; i < n; i++) {
      const index = source[i]
      const digit = (keys[index] >>> shift) & 0xffff
      target[histograms[offset + digit]++] = index
    }
    const swap = source
    source = target
    target = swap
  }
  return source
}
