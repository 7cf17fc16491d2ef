import type { SparseVector } from './sparse-vector.js'
import { termsOf, tokenize } from './tokenize.js'

export interface TfidfOptions {
  /** Longest n-gram used as a feature (default 2: words and word pairs). */
  maxN?: number
  /** Terms found in fewer documents are dropped (default 2). */
  minDocumentFrequency?: number
  /** Use `1 + ln(tf)` instead of the raw count (default true). */
  sublinearTf?: boolean
}

/**
 * TF-IDF features as scikit-learn's `TfidfVectorizer` computes them with `smooth_idf=True`,
 * `norm='l2'`: `idf(t) = ln((1 + n) / (1 + df(t))) + 1`, each vector scaled to unit length.
 */
export class TfidfVectorizer {
  private constructor(
    /** Term -> feature index, features in code-point order of their terms. */
    readonly vocabulary: ReadonlyMap<string, number>,
    readonly idf: Float64Array,
    private readonly maxN: number,
    private readonly sublinearTf: boolean,
  ) {}

  /** Learns the vocabulary and the inverse document frequencies of `documents`. */
  static fit(documents: readonly string[], options: TfidfOptions = {}): TfidfVectorizer {
    const maxN = options.maxN ?? 2
    const minDf = options.minDocumentFrequency ?? 2
    const documentFrequency = new Map<string, number>()
    for (const document of documents) {
      for (const term of new Set(termsOf(tokenize(document), maxN))) {
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
      }
    }
    const kept = [...documentFrequency.entries()].filter(([, df]) => df >= minDf).map(([term]) => term)
    kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const vocabulary = new Map(kept.map((term, i) => [term, i]))
    const n = documents.length
    const idf = Float64Array.from(kept, (term) => Math.log((1 + n) / (1 + documentFrequency.get(term)!)) + 1)
    return new TfidfVectorizer(vocabulary, idf, maxN, options.sublinearTf ?? true)
  }

  /** Number of features. */
  get size(): number {
    return this.idf.length
  }

  /** The unit-length TF-IDF vector of one text; unknown terms are ignored. */
  transform(text: string): SparseVector {
    const counts = new Map<number, number>()
    for (const term of termsOf(tokenize(text), this.maxN)) {
      const index = this.vocabulary.get(term)
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1)
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b))
    const values = Float64Array.from(indices, (index) => {
      const tf = counts.get(index)!
      return (this.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf[index]
    })
    const norm = Math.hypot(...values)
    if (norm > 0) for (let i = 0; i < values.length; i++) values[i] /= norm
    return { indices, values }
  }
}
