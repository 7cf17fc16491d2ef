/**
 * Lower-case word tokens (letters, digits, `°`; a hyphen or dot inside a word kept, so
 * `wi-fi` and `2.4` stay one token).
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}°]+(?:[-.][\p{L}\p{N}]+)*/gu) ?? []
}

/** English function words that say nothing about which article answers a question. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'at', 'be', 'before', 'by', 'can', 'do', 'does', 'for', 'from', 'get',
  'have', 'how', 'i', 'if', 'in', 'is', 'it', 'its', 'many', 'much', 'my', 'not', 'of', 'on',
  'one', 'or', 'should', 'so', 'that', 'the', 'this', 'to', 'until', 'up', 'use', 'what', 'when',
  'where', 'which', 'while', 'will', 'with', 'within', 'you', 'your',
])

/** The words of `text` that carry content: `words()` without the stop words. */
export function contentWords(text: string): string[] {
  return words(text).filter((word) => !STOP_WORDS.has(word))
}
