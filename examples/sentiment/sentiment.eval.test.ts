/**
 * The customer-feedback study: is the TF-IDF + logistic regression classifier good enough to
 * route feedback, on every category, and does it stay so from one pull request to the next?
 *
 * Run with `npm run example`. The first local run writes `__baselines__/`; `vitest -u` updates
 * it; under `CI=true` a missing or regressed baseline fails the test.
 */
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluate, loadDataset } from 'evalgate'
import { beforeAll, describe, expect, test } from 'vitest'
import { f1TechSupport } from './f1-tech-support.js'
import { misreadComplaints } from './misread-complaints.js'
import { LexiconSentimentModel } from './model/lexicon-model.js'
import { trainSentimentClassifier, type SentimentClassifier } from './model/sentiment-classifier.js'
import { readLabelledTexts } from './training-split.js'

// Relative to the working directory, so reports show `examples/sentiment/feedback.csv`, not a
// machine's absolute path; found wherever the suite is run from.
const FEEDBACK_CSV = relative(process.cwd(), fileURLToPath(new URL('./feedback.csv', import.meta.url)))

describe('customer feedback sentiment', () => {
  let classifier: SentimentClassifier
  const lexicon = new LexiconSentimentModel()

  beforeAll(async () => {
    classifier = trainSentimentClassifier(await readLabelledTexts())
  })

  test('TF-IDF + logistic regression classifier', async () => {
    const data = await loadDataset(FEEDBACK_CSV)
    const run = await evaluate({
      name: 'tfidf-logreg',
      model: (rows) => classifier.predictBatch(rows.map((r) => String(r.text))),
      data,
      targets: 'true_sentiment',
      modelType: 'classifier',
      slices: ['category'],
      extraMetrics: [f1TechSupport],
      extraArtifacts: [misreadComplaints],
    })
    const lexiconRun = await evaluate({
      name: 'afinn-lexicon',
      model: (rows) => lexicon.predictBatch(rows.map((r) => String(r.text))),
      data,
      targets: 'true_sentiment',
      modelType: 'classifier',
      slices: ['category'],
    })

    // Headline metrics; accuracy is asserted on its 95% lower bound, not just the point estimate.
    expect(run).toHaveMetric('accuracy_score', 0.84, { confidence: 'lower' })
    expect(run).toHaveMetric('log_loss', 0.45)
    expect(run).toHaveClassMetric('negative', 'recall', 0.8)
    // Every category, not just the average.
    expect(run).toHaveSliceF1('technical_support', 0.78)
    expect(run).toHaveSliceF1('billing', 0.85)
    expect(run).toHaveSliceGap({ column: 'category', metric: 'f1_score', max: 0.15 })
    // `region` is not among the declared slices: computed on demand from the run in memory.
    expect(run).toHaveSliceGap({ column: 'region', metric: 'accuracy_score', max: 0.12 })
    expect(run).toHaveMetric('f1_tech_support', 0.78)
    // The seed case: polite complaints to support read as neutral. Capped (not yet solved).
    expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'neutral', max: 0.32, slice: 'technical_support' })
    expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'neutral', max: 0.15 })
    // Better than the simple lexicon model on the same rows, by a margin a paired test confirms;
    // the lexicon model is not good enough where it matters.
    expect(run).toOutperform(lexiconRun, { metric: 'f1_score', margin: 0.1 })
    expect(lexiconRun).not.toHaveSliceF1('technical_support', 0.78)
    // No regression against the committed __baselines__/sentiment.eval.test.ts.json.
    expect(run).toMatchBaseline()
  })
})
