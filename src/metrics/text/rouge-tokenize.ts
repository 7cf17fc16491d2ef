/** A word stemmer for ROUGE's opt-in stemming (rouge_score uses NLTK's Porter stemmer). */
export type Stemmer = (word: string) => string

const NON_ALPHANUMERIC = /[^a-z0-9]+/g
const SPACES = /\s+/
const VALID_TOKEN = /^[a-z0-9]+$/

/**
 * google-research `rouge_score`'s tokenizer: lowercase, every run of characters outside `[a-z0-9]`
 * becomes a space (so accented letters, apostrophes and other scripts split words and vanish),
 * split on whitespace, stem words longer than 3 characters when a stemmer is given, keep tokens
 * matching `^[a-z0-9]+$`.
 *
 * @param text text to tokenize
 * @param stem optional stemmer (rouge_score's `use_stemmer=True` uses NLTK's Porter stemmer)
 * @example
 * rougeTokens("Don't stop: café № 42!") // => ["don", "t", "stop", "caf", "42"]
 */
export function rougeTokens(text: string, stem?: Stemmer): string[] {
  const pieces = text.toLowerCase().replace(NON_ALPHANUMERIC, ' ').split(SPACES)
  const tokens: string[] = []
  for (const piece of pieces) {
    const token = stem !== undefined && piece.length > 3 ? stem(piece) : piece
    if (VALID_TOKEN.test(token)) tokens.push(token)
  }
  return tokens
}
