import { contentWords, words } from './words.js'

/**
 * What kind of span answers a question, chosen by its words (most specific first), and the
 * pattern that finds such a span in a sentence. A rule-based reader, as help-centre search
 * boxes have used for years: no model download.
 */
const ANSWER_TYPES: Array<{ asks: RegExp; span: RegExp }> = [
  { asks: /\bcolou?r\b/, span: /\b(?:blue|amber|white|green|purple|cyan|red|yellow|orange)\b/g },
  { asks: /\bweigh|\bweight\b/, span: /\b\d+ g\b/g },
  { asks: /\bcost\b|\bprice\b/, span: /\$\d+\.\d\d/g },
  { asks: /\bfirmware\b|\bversion\b|\bsoftware\b/, span: /\b\d+\.\d+\.\d+\b/g },
  { asks: /\btemperature\b|\bhot\b/, span: /-?\d+ °C/g },
  { asks: /\bwhere\b|\bmenu\b/, span: /\b[A-Z][a-z]+ > [A-Z][a-z]+\b/g },
  { asks: /\bwi-?fi\b|\bband\b|\bwireless\b/, span: /\b\d+(?:\.\d+)? GHz\b/g },
  { asks: /\bhow many (?:digits|people|family|members|users)\b|\bcode\b/, span: /\b\d+\b/g },
  { asks: /\bhow long\b|\bhow often\b|\bhow many (?:days|hours|years)\b|\bwithin\b|\byears\b/, span: /\b\d+ (?:seconds|minutes|hours|days|months|years?)\b/g },
]

/**
 * The sentences of an article: split after `.`, `!` or `?` followed by a space and a capital
 * letter or a digit (so `2.4 GHz` and `v4.2.1` stay whole).
 */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}$])/u).filter((s) => s.length > 0)
}

/** The sentence of `text` sharing the most distinct content words with `question` (the first on ties). */
export function bestSentence(question: string, text: string): string {
  const asked = new Set(contentWords(question))
  let best = ''
  let bestOverlap = -1
  for (const sentence of sentences(text)) {
    const overlap = new Set(words(sentence).filter((word) => asked.has(word))).size
    if (overlap > bestOverlap) {
      best = sentence
      bestOverlap = overlap
    }
  }
  return best
}

/**
 * The answer span for `question` in `sentence`: the first span of the question's answer type;
 * the whole sentence when the question's type is unknown or no span of it is there (exact
 * match then fails, as it should).
 */
export function extractSpan(question: string, sentence: string): string {
  const asked = question.toLowerCase()
  const type = ANSWER_TYPES.find((candidate) => candidate.asks.test(asked))
  if (type === undefined) return sentence
  const match = sentence.match(type.span)
  return match?.[0] ?? sentence
}
