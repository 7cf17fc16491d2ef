// The seeded word source of the text benchmarks (bench/text, bench/model-types): one generator
// and one vocabulary, so both time the kernels on the same kind of text.

/** mulberry32: a small seeded generator of floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const VOCABULARY = (
  'the a an of to in model evaluation metric answer question retrieval document score baseline ' +
  'Paris France river bridge 1889 tower engineer built iron lattice visitors year million ' +
  "it's don't can't won't café naïve résumé running runs ran generously organization connected " +
  'quickly summary report pipeline latency token budget test suite regression threshold'
).split(' ')

/** Words drawn from the vocabulary with `random`: `pick()` one word, `sentence(n)` n of them. */
export function corpus(random) {
  const pick = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]
  const sentence = (words) => {
    const out = []
    for (let i = 0; i < words; i++) out.push(pick())
    return out.join(' ')
  }
  return { pick, sentence }
}
