import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { LexiconSentimentModel } from '../../examples/sentiment/model/lexicon-model.js'
import { SentimentClassifier, trainSentimentClassifier, type LabelledText } from '../../examples/sentiment/model/sentiment-classifier.js'
import { readLabelledTexts } from '../../examples/sentiment/training-split.js'

const FEEDBACK_CSV = fileURLToPath(new URL('../../examples/sentiment/feedback.csv', import.meta.url))
type FeedbackRow = { id: string; text: string; true_sentiment: string; category: string; region: string }
const feedback = parse(readFileSync(FEEDBACK_CSV, 'utf8'), { columns: true }) as FeedbackRow[]

const accuracy = (labels: string[], rows: FeedbackRow[]) =>
  labels.filter((label, i) => label === rows[i].true_sentiment).length / rows.length

describe('the shipped data', () => {
  let train: LabelledText[]
  beforeAll(async () => {
    train = await readLabelledTexts()
  })

  test('has at least 600 evaluation rows, every label and category, and a disjoint training split', () => {
    expect(feedback.length).toBeGreaterThanOrEqual(600)
    expect(new Set(feedback.map((r) => r.true_sentiment))).toEqual(new Set(['negative', 'neutral', 'positive']))
    expect(new Set(feedback.map((r) => r.category))).toEqual(
      new Set(['product_A', 'product_B', 'technical_support', 'billing']),
    )
    const trainTexts = new Set(train.map((t) => t.text.toLowerCase()))
    expect(feedback.filter((r) => trainTexts.has(r.text.toLowerCase()))).toEqual([])
    expect(new Set(feedback.map((r) => r.id)).size).toBe(feedback.length)
  })

  test('the committed CSVs are what the seeded generator produces', () => {
    const script = fileURLToPath(new URL('../../examples/sentiment/generate-data.mjs', import.meta.url))
    // --check exits non-zero (execFileSync throws) when a committed file differs.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow()
  })

  test('contains the seed case: polite negative technical-support feedback', () => {
    const seed = feedback.filter(
      (r) => r.category === 'technical_support' && r.true_sentiment === 'negative' && /still waiting/i.test(r.text),
    )
    expect(seed.length).toBeGreaterThan(3)
  })

  test('readLabelledTexts names a missing column', async () => {
    await expect(readLabelledTexts(fileURLToPath(new URL('./fixtures/no-label.csv', import.meta.url)))).rejects.toThrow(
      /column "true_sentiment" not found in .*no-label\.csv; columns are: id, text/,
    )
  })
})

describe('TF-IDF + logistic regression classifier', () => {
  let classifier: SentimentClassifier
  beforeAll(async () => {
    classifier = trainSentimentClassifier(await readLabelledTexts())
  })

  test('reads clear cases right, including a negation', () => {
    expect(classifier.predict('Love the night vision, it just works.').label).toBe('positive')
    expect(classifier.predict('Really disappointed with the battery.').label).toBe('negative')
    expect(classifier.predict('How do I update my credit card?').label).toBe('neutral')
    expect(classifier.predict('Not happy with the app at all.').label).toBe('negative')
  })

  test('returns a probability per label that sums to one, the label being the most probable', () => {
    const { label, probabilities } = classifier.predict('Charged twice for the family plan this month.')
    expect(Object.keys(probabilities)).toEqual(['negative', 'neutral', 'positive'])
    expect(probabilities.negative + probabilities.neutral + probabilities.positive).toBeCloseTo(1, 12)
    expect(Math.max(...Object.values(probabilities))).toBe(probabilities[label])
  })

  test('is good but not perfect on the evaluation set, and beats the lexicon baseline', () => {
    const predicted = classifier.predictBatch(feedback.map((r) => r.text)).map((p) => p.label)
    const lexicon = new LexiconSentimentModel().predictBatch(feedback.map((r) => r.text)).map((p) => p.label)
    const acc = accuracy(predicted, feedback)
    expect(acc).toBeGreaterThan(0.8)
    expect(acc).toBeLessThan(0.97)
    expect(acc - accuracy(lexicon, feedback)).toBeGreaterThan(0.1)
  })

  test('training is deterministic', async () => {
    const again = trainSentimentClassifier(await readLabelledTexts())
    expect([...again.regression.weights]).toEqual([...classifier.regression.weights])
  })

  test('rejects an unknown training label, naming the row', () => {
    expect(() => trainSentimentClassifier([{ text: 'fine', label: 'mixed' }])).toThrow(/training row 0: label "mixed"/)
  })
})

describe('lexicon baseline', () => {
  const lexicon = new LexiconSentimentModel()

  test('maps the AFINN score to three labels, with negation', () => {
    expect(lexicon.predict('The app is great.').label).toBe('positive')
    expect(lexicon.predict('The app is not good.').label).toBe('negative')
    expect(lexicon.predict('Received the camera on Monday.').label).toBe('neutral')
  })

  test('probabilities sum to one and grow more confident with the score', () => {
    const mild = lexicon.predict('good').probabilities // score +3
    const strong = lexicon.predict('good, great, excellent').probabilities
    expect(mild.negative + mild.neutral + mild.positive).toBeCloseTo(1, 12)
    expect(strong.positive).toBeGreaterThan(mild.positive)
    const zero = lexicon.predict('the camera').probabilities
    expect(zero.negative).toBeCloseTo(zero.positive, 12)
    expect(zero.neutral).toBeGreaterThan(zero.positive)
  })

  test('misreads the seed case: a polite complaint scores as positive ("support" is +2 in AFINN)', () => {
    expect(lexicon.score('Still waiting on a reply from support about the login issue.')).toBe(2)
    expect(lexicon.predict('Still waiting on a reply from support about the login issue.').label).toBe('positive')
  })
})
