/** A word stemmer for ROUGE's opt-in stemming (e.g. `porterStem`, NLTK's Porter stemmer). */
export type Stemmer = (word: string) => string

const VALID_TOKEN = /^[a-z0-9]+$/

/**
 * google-research `rouge_score`'s tokenizer: lowercase, every run of characters outside `[a-z0-9]`
 * becomes a space (so accented letters, apostrophes and other scripts split words and vanish),
 * split on whitespace, stem words longer than 3 characters when a stemmer is given, keep tokens
 * matching `^[a-z0-9]+$`. One pass over the lowercased text's character codes.
 *
 * @param text text to tokenize
 * @param stem optional stemmer (rouge_score's `use_stemmer=True` uses NLTK's Porter stemmer)
 * @example
 * rougeTokens("Don't stop: café № 42!") // => ["don", "t", "stop", "caf", "42"]
 */
export function rougeTokens(text: string, stem?: Stemmer): string[] {
  const lower = text.toLowerCase()
  const tokens: string[] = []
  let start = -1
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32
    const alphanumeric = (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
    if (alphanumeric) {
      if (start < 0) start = i
    } else if (start >= 0) {
      const piece = lower.slice(start, i)
      start = -1
      if (stem === undefined || piece.length <= 3) tokens.push(piece)
      else {
        const stemmed = stem(piece)
        if (VALID_TOKEN.test(stemmed)) tokens.push(stemmed)
      }
    }
  }
  return tokens
}

/** Token strings to dense integer ids, shared by the texts of one comparison (or one column). */
export class TokenIds {
  private readonly ids = new Map<string, number>()

  /** Number of distinct tokens seen. */
  get size(): number {
    return this.ids.size
  }

  /** The ids of `tokens`, new tokens numbered in order of appearance. */
  encode(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length)
    for (let i = 0; i < tokens.length; i++) {
      let id = this.ids.get(tokens[i])
      if (id === undefined) this.ids.set(tokens[i], (id = this.ids.size))
      out[i] = id
    }
    return out
  }
}
