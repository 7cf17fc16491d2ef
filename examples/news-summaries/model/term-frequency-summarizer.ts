import { splitSentences } from './sentences.js'

const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'after', 'all', 'also', 'an', 'and', 'are', 'as', 'at', 'be', 'because', 'but',
  'by', 'for', 'from', 'has', 'have', 'how', 'in', 'is', 'it', 'its', 'more', 'most', 'no', 'not',
  'of', 'on', 'or', 'our', 'so', 'that', 'the', 'their', 'them', 'there', 'they', 'this', 'to',
  'up', 'was', 'we', 'were', 'what', 'when', 'who', 'will', 'with', 'you',
])

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,:][\p{N}]+)*/gu) ?? []).filter((word) => !STOP_WORDS.has(word))
}

export interface TermFrequencySummaryOptions {
  /** Sentences in the summary (default 3). */
  count?: number
  /** How much a word of the title counts, in occurrences in the body (default 2). */
  titleWeight?: number
}

/**
 * An extractive summarizer that scores each sentence by the words it shares with the rest of
 * the post: the sum of the post's counts of its distinct content words (a title word counts
 * `titleWeight` times more), divided by the square root of the sentence's number of content
 * words so that long sentences do not win by length alone. The `count` best sentences are
 * returned in the order of the post, one per line.
 *
 * Written here (40 lines) rather than taken from a package: the npm summarizers found either
 * pull in a whole NLP toolkit or are unmaintained, and this scorer is what they compute.
 */
export function termFrequencySummary(title: string, text: string, options: TermFrequencySummaryOptions = {}): string {
  const count = options.count ?? 3
  const titleWeight = options.titleWeight ?? 2
  const sentences = splitSentences(text)
  const frequency = new Map<string, number>()
  for (const word of contentWords(text)) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  for (const word of contentWords(title)) frequency.set(word, (frequency.get(word) ?? 0) + titleWeight)
  const scored = sentences.map((sentence, position) => {
    const distinct = new Set(contentWords(sentence))
    let sum = 0
    for (const word of distinct) sum += frequency.get(word) ?? 0
    return { position, score: distinct.size === 0 ? 0 : sum / Math.sqrt(distinct.size) }
  })
  const chosen = scored
    .slice()
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, count)
    .sort((a, b) => a.position - b.position)
  return chosen.map((entry) => sentences[entry.position]).join('\n')
}
