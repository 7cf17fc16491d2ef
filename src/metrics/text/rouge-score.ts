/** Precision, recall and F-measure of one ROUGE comparison, as `rouge_score`'s `Score`. */
export interface RougeScore {
  precision: number
  recall: number
  fmeasure: number
}

/** rouge_score's `scoring.fmeasure`: the harmonic mean, 0 when precision + recall is 0. */
export function rougeFmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
}

/** A {@link RougeScore} from precision and recall. */
export function rougeScore(precision: number, recall: number): RougeScore {
  return { precision, recall, fmeasure: rougeFmeasure(precision, recall) }
}

/** All zero, rouge_score's score when either side has no tokens. */
export const ZERO_ROUGE: Readonly<RougeScore> = Object.freeze({ precision: 0, recall: 0, fmeasure: 0 })
