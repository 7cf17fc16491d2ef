import { SENTIMENT_LABELS, isSentimentLabel, type SentimentLabel, type SentimentPrediction } from './labels.js'
import { trainSoftmaxRegression, type SoftmaxRegression, type SoftmaxRegressionOptions } from './softmax-regression.js'
import { TfidfVectorizer, type TfidfOptions } from './tfidf-vectorizer.js'

/** One labelled training text. */
export interface LabelledText {
  text: string
  label: string
}

export interface SentimentClassifierOptions {
  tfidf?: TfidfOptions
  regression?: SoftmaxRegressionOptions
}

/** The trained example classifier: TF-IDF features into a multinomial logistic regression. */
export class SentimentClassifier {
  readonly labels = SENTIMENT_LABELS

  constructor(
    readonly vectorizer: TfidfVectorizer,
    readonly regression: SoftmaxRegression,
  ) {}

  /** Label (the most probable; ties go to the first in label order) and probabilities. */
  predict(text: string): SentimentPrediction {
    const p = this.regression.probabilities(this.vectorizer.transform(text))
    let best = 0
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k
    const probabilities = {} as Record<SentimentLabel, number>
    SENTIMENT_LABELS.forEach((label, k) => (probabilities[label] = p[k]))
    return { label: SENTIMENT_LABELS[best], probabilities }
  }

  /** `predict` over a batch, in order. */
  predictBatch(texts: readonly string[]): SentimentPrediction[] {
    return texts.map((text) => this.predict(text))
  }
}

/**
 * Trains the classifier on labelled texts. Deterministic: the same texts give the same model.
 * Throws on a label other than negative / neutral / positive, naming the row and the value.
 */
export function trainSentimentClassifier(
  examples: readonly LabelledText[],
  options: SentimentClassifierOptions = {},
): SentimentClassifier {
  const targets = new Int32Array(examples.length)
  examples.forEach((example, row) => {
    if (!isSentimentLabel(example.label)) {
      throw new Error(
        `training row ${row}: label ${JSON.stringify(example.label)} is not one of ${SENTIMENT_LABELS.join(', ')}; fix the training data`,
      )
    }
    targets[row] = SENTIMENT_LABELS.indexOf(example.label)
  })
  const vectorizer = TfidfVectorizer.fit(
    examples.map((e) => e.text),
    options.tfidf,
  )
  const inputs = examples.map((e) => vectorizer.transform(e.text))
  const regression = trainSoftmaxRegression(inputs, targets, SENTIMENT_LABELS.length, vectorizer.size, options.regression)
  return new SentimentClassifier(vectorizer, regression)
}
