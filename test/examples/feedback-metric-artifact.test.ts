/**
 * The example's custom metric and artifact, through the real evaluate() of the built package
 * (`evalgate` resolves to `dist/`; `npm test` builds first).
 */
import { evaluate } from 'evalgate'
import { expect, test } from 'vitest'
import { f1TechSupport } from '../../examples/sentiment/f1-tech-support.js'
import { misreadComplaints } from '../../examples/sentiment/misread-complaints.js'

const p = (negative: number, neutral: number, positive: number) => ({ negative, neutral, positive })

// id, category, truth, predicted label with probabilities.
const cases = [
  { id: 'r1', category: 'technical_support', truth: 'negative', prediction: { label: 'negative', probabilities: p(0.8, 0.1, 0.1) } },
  { id: 'r2', category: 'technical_support', truth: 'negative', prediction: { label: 'neutral', probabilities: p(0.3, 0.6, 0.1) } },
  { id: 'r3', category: 'technical_support', truth: 'negative', prediction: { label: 'positive', probabilities: p(0.1, 0.2, 0.7) } },
  { id: 'r4', category: 'technical_support', truth: 'neutral', prediction: { label: 'negative', probabilities: p(0.6, 0.3, 0.1) } },
  { id: 'r5', category: 'technical_support', truth: 'positive', prediction: { label: 'positive', probabilities: p(0.1, 0.1, 0.8) } },
  { id: 'r6', category: 'billing', truth: 'negative', prediction: { label: 'neutral', probabilities: p(0.2, 0.7, 0.1) } },
  { id: 'r7', category: 'billing', truth: 'neutral', prediction: { label: 'negative', probabilities: p(0.5, 0.4, 0.1) } },
  { id: 'r8', category: 'billing', truth: 'positive', prediction: { label: 'positive', probabilities: p(0.1, 0.2, 0.7) } },
]

async function runCases() {
  const byId = new Map(cases.map((c) => [c.id, c.prediction]))
  return evaluate({
    data: cases.map((c) => ({ id: c.id, text: `text of ${c.id}`, category: c.category, true_sentiment: c.truth })),
    model: (rows) => rows.map((row) => byId.get(String(row.id))!),
    targets: 'true_sentiment',
    modelType: 'classifier',
    slices: ['category'],
    minSliceSize: 1,
    intervals: false,
    extraMetrics: [f1TechSupport],
    extraArtifacts: [misreadComplaints],
  })
}

test('f1_tech_support is the negative-class F1 on technical-support rows, overall and in that slice', async () => {
  const run = await runCases()
  // Support rows: 3 actual negatives, 2 predicted negatives (r1, r4), 1 true positive (r1):
  // F1 = 2*1 / (3+2) = 0.4. The billing rows (r6, r7) must not count.
  expect(run.metrics.f1_tech_support).toBeCloseTo(0.4, 12)
  expect(run.slices['category=technical_support'].metrics.f1_tech_support).toBeCloseTo(0.4, 12)
  expect(run.greaterIsBetter.f1_tech_support).toBe(true)
})

test('f1_tech_support is left out of a slice without technical-support rows', async () => {
  const run = await runCases()
  expect(run.slices['category=billing'].metrics).not.toHaveProperty('f1_tech_support')
})

test('misread_complaints lists negatives not read as negative, most confidently wrong first', async () => {
  const run = await runCases()
  const artifact = run.artifacts.find((a) => a.name === 'misread_complaints')
  expect(artifact?.fileName).toBe('misread_complaints.csv')
  expect(artifact?.content.type).toBe('rows')
  if (artifact?.content.type !== 'rows') return
  expect(artifact.content.columns).toEqual(['id', 'category', 'predicted', 'p_negative', 'text'])
  expect(artifact.content.rows.map((r) => [r.id, r.predicted, r.p_negative])).toEqual([
    ['r3', 'positive', 0.1],
    ['r6', 'neutral', 0.2],
    ['r2', 'neutral', 0.3],
  ])
})
