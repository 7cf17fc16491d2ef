/**
 * Splits a feedback text into lower-case word tokens. Apostrophes stay inside a word
 * (`isn't`, `i'm`), everything else that is not a letter or a digit separates words.
 *
 * @example tokenize("The app isn't great!") // ['the', 'app', "isn't", 'great']
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []
}

/**
 * The terms of a token list: every unigram and, up to `maxN`, every n-gram joined by a space,
 * so that `not good` is a feature of its own and negations are not lost.
 *
 * @example termsOf(['not', 'good'], 2) // ['not', 'good', 'not good']
 */
export function termsOf(tokens: readonly string[], maxN: number): string[] {
  const terms: string[] = []
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) terms.push(tokens.slice(i, i + n).join(' '))
  }
  return terms
}
