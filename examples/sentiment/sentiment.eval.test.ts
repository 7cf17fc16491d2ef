/**
 * The customer-feedback study: is the TF-IDF + logistic regression classifier good enough to
 * route feedback, on every category, and does it stay so from one pull request to the next?
 *
 * Run with `npm run example`. The first local run writes `__baselines__/`; `vitest -u` updates
 * it; under `CI=true` a missing or regressed baseline fails the test.
 */
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineArtifact, defineMetric, evaluate, loadDataset, type EvalTable } from 'evalgate'
import { beforeAll, describe, expect, test } from 'vitest'
import { LexiconSentimentModel } from './model/lexicon-model.js'
import { trainSentimentClassifier, type SentimentClassifier } from './model/sentiment-classifier.js'
import { readLabelledTexts } from './training-split.js'

// Relative to the working directory, so reports show `examples/sentiment/feedback.csv`, not a
// machine's absolute path; found wherever the suite is run from.
const FEEDBACK_CSV = relative(process.cwd(), fileURLToPath(new URL('./feedback.csv', import.meta.url)))

/** Rows of a scope whose category is technical support. */
function techSupportRows(table: EvalTable): number[] {
  const category = table.column('category')
  const rows: number[] = []
  for (let i = 0; i < table.rowCount; i++) if (category[i] === 'technical_support') rows.push(i)
  return rows
}

/**
 * `f1_tech_support`: F1 of the `negative` class on technical-support feedback — how well the
 * model catches an unhappy support customer, the case this study is about. scikit-learn's
 * `f1_score(y, p, labels=['negative'], average='macro', zero_division=0)` on those rows. In a
 * scope without technical-support feedback (the other category slices) it is not defined: NaN,
 * which evaluate() leaves out with a note.
 */
const f1TechSupport = defineMetric({
  name: 'f1_tech_support',
  greaterIsBetter: true,
  fn: (table) => {
    if (table.modelType !== 'classifier') throw new Error('f1_tech_support needs a classifier run')
    const rows = techSupportRows(table)
    if (rows.length === 0) return Number.NaN
    let truePositives = 0
    let actual = 0
    let predicted = 0
    for (const i of rows) {
      const isNegative = table.targets[i] === 'negative'
      const saysNegative = table.predictions[i] === 'negative'
      if (isNegative) actual++
      if (saysNegative) predicted++
      if (isNegative && saysNegative) truePositives++
    }
    return actual + predicted === 0 ? 0 : (2 * truePositives) / (actual + predicted)
  },
})

/**
 * `misread_complaints.csv`: negative feedback the model did not read as negative, most
 * confidently wrong first — the rows to read before changing the model.
 */
const misreadComplaints = defineArtifact({
  name: 'misread_complaints',
  fn: (table) => {
    if (table.modelType !== 'classifier') return []
    const text = table.column('text')
    const id = table.column('id')
    const category = table.column('category')
    const pNegative = table.probabilities?.negative
    const rows: Array<Record<string, unknown>> = []
    for (let i = 0; i < table.rowCount; i++) {
      if (table.targets[i] !== 'negative' || table.predictions[i] === 'negative') continue
      rows.push({
        id: id[i],
        category: category[i],
        predicted: table.predictions[i],
        p_negative: pNegative ? Number(pNegative[i].toFixed(4)) : null,
        text: text[i],
      })
    }
    return rows.sort((a, b) => Number(a.p_negative ?? 0) - Number(b.p_negative ?? 0))
  },
})

describe('customer feedback sentiment', () => {
  let classifier: SentimentClassifier
  const lexicon = new LexiconSentimentModel()

  beforeAll(() => {
    classifier = trainSentimentClassifier(readLabelledTexts())
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
