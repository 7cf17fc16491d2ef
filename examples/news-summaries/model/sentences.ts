/**
 * The sentences of a post: split after `.`, `!` or `?` (and a closing quote, if any) followed
 * by a space and a capital letter, a digit or an opening quote, so `09:40 UTC.` ends a sentence
 * and `$9.50` or `3.4` do not.
 */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?]["”]?)\s+(?=[\p{Lu}\p{N}"“$])/u).filter((sentence) => sentence.length > 0)
}
