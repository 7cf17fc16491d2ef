/** The three sentiment classes of the example, in the order the models report them. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const

export type SentimentLabel = (typeof SENTIMENT_LABELS)[number]

/** What both example models return per text: the label and a probability per label. */
export interface SentimentPrediction {
  label: SentimentLabel
  probabilities: Record<SentimentLabel, number>
}

/** Whether a value is one of the three sentiment labels. */
export function isSentimentLabel(value: unknown): value is SentimentLabel {
  return typeof value === 'string' && (SENTIMENT_LABELS as readonly string[]).includes(value)
}
