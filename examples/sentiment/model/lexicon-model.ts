import Sentiment from 'sentiment'
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentPrediction } from './labels.js'

export interface LexiconModelOptions {
  /**
   * |AFINN score| at which a text stops being neutral (default 1: any scored word decides).
   * The neutral class wins while `|score| < neutralBand`.
   */
  neutralBand?: number
  /** How sharply probabilities follow the score (default 0.6 per AFINN point). */
  sharpness?: number
}

/**
 * The lexicon baseline: the `sentiment` package's AFINN-165 score `s` of a text (the sum of
 * its word scores, with the package's negation handling: "not good" scores -3) mapped to three
 * labels. Probabilities are a fixed, untrained mapping of the score, the softmax of the logits
 * `negative = -a*s`, `neutral = a*(neutralBand - 0.5)`, `positive = a*s`; the label is the most
 * probable one. AFINN scores are integers, so with the default band a score of 0 is neutral,
 * +1 and above positive, -1 and below negative, and confidence grows with |s|.
 */
export class LexiconSentimentModel {
  private readonly analyzer = new Sentiment()
  private readonly band: number
  private readonly sharpness: number

  constructor(options: LexiconModelOptions = {}) {
    this.band = options.neutralBand ?? 1
    this.sharpness = options.sharpness ?? 0.6
  }

  /** The AFINN score of a text (sum of word scores). */
  score(text: string): number {
    return this.analyzer.analyze(text).score
  }

  /** Label and probabilities of one text. */
  predict(text: string): SentimentPrediction {
    const s = this.score(text)
    const a = this.sharpness
    const logits = [-a * s, a * (this.band - 0.5), a * s]
    const max = Math.max(...logits)
    const exps = logits.map((l) => Math.exp(l - max))
    const total = exps.reduce((x, y) => x + y, 0)
    const probabilities = {} as Record<SentimentLabel, number>
    SENTIMENT_LABELS.forEach((label, k) => (probabilities[label] = exps[k] / total))
    let best = 0
    for (let k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k
    const label = SENTIMENT_LABELS[best]
    return { label, probabilities }
  }

  /** `predict` over a batch, in order. */
  predictBatch(texts: readonly string[]): SentimentPrediction[] {
    return texts.map((text) => this.predict(text))
  }
}
