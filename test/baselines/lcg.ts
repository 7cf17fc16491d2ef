/**
 * A seeded uniform stream in [0, 1) for the baseline tests' synthetic models (a 32-bit linear
 * congruential generator): the tests that draw re-trains from it pick their seeds for the stream
 * it gives, so they share this one rather than each keeping a copy.
 * @example lcg(1)() // 0.23645552527159452
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}
