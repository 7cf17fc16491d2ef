// Type test, checked by `npm run typecheck` (never run): every option the README shows for
// evaluate() type-checks in an object literal (`toxicity` and `stemmer` did not), and a
// misspelt option is a compile error as well as a ConfigError at run time.
import { evaluate } from '../../src/evaluate/index.js'
import type { Row } from '../../src/data/index.js'

declare const rows: Row[]
declare function myToxicityClassifier(texts: string[]): number[]

export async function typeChecks(): Promise<void> {
  await evaluate({
    data: rows,
    targets: 'answers',
    modelType: 'question-answering',
    model: (batch) => batch.map((r) => String(r.question)),
    squad: true,
    toxicity: (texts) => myToxicityClassifier(texts),
  })
  await evaluate({ data: rows, targets: 'reference', predictions: 'summary', modelType: 'text-summarization', stemmer: true })
  await evaluate({ data: rows, predictions: 'reply', modelType: 'text', toxicity: async (texts) => myToxicityClassifier(texts) })
  // MLflow's spellings of the model types, as the README lists them (review 61: TS2322 on text_classification)
  for (const modelType of ['text_classification', 'text-classification', 'question_answering', 'text_summarization'] as const) await evaluate({ data: rows, targets: 'label', predictions: 'pred', modelType })
  // @ts-expect-error -- `classification` is no model type
  await evaluate({ data: rows, targets: 'label', predictions: 'pred', modelType: 'classification' })
  // @ts-expect-error -- `slice` is not an option (`slices` is)
  await evaluate({ data: rows, targets: 'label', predictions: 'pred', modelType: 'classifier', slice: ['region'] })
}
