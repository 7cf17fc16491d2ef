// The gate's "Done when" scenarios (issue 8) as a user's test file: test/consumer/gate.test.ts
// copies this file into a project installed from the npm tarball as gate/gate.test.ts and runs it
// twice: locally with EVALGATE_SCENARIO=base (writes the baselines), then with CI=true, `-u` and
// EVALGATE_SCENARIO=candidate. Not a test of this repository (its name does not end in .test.ts).
//
// Data: 1,000 seeded rows, 3 labels, 4 categories (one is technical_support), latent logits
// SIGNAL * onehot(truth) + N(0, 1). A "trained model" is softmax(logits + NOISE * N(0, 1)) with
// its own seed: two such models are of the same quality and their labels differ on 2–4% of
// rows (re-training noise), accuracy about 0.85.
import { expect, test } from 'vitest'
import { defineMetric, evaluate, type EvalRun, type EvalTable } from 'evalgate'

const SCENARIO = process.env.EVALGATE_SCENARIO === 'candidate' ? 'candidate' : 'base'
const LABELS = ['negative', 'neutral', 'positive']
const CATEGORIES = ['billing', 'product_A', 'product_B', 'technical_support']
const N = 1000
const SIGNAL = 1.9
const NOISE = 0.12

/** A seeded generator: mulberry32 for uniforms, Box-Muller for normals. */
function seeded(seed: number): { uniform: () => number; normal: () => number } {
  let state = seed >>> 0
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  return { uniform, normal }
}

const data = (() => {
  const random = seeded(2026)
  const truth: number[] = []
  const category: string[] = []
  const logits: number[] = []
  for (let i = 0; i < N; i++) {
    truth.push(Math.floor(random.uniform() * 3))
    category.push(CATEGORIES[Math.floor(random.uniform() * 4)])
    for (let c = 0; c < 3; c++) logits.push((c === truth[i] ? SIGNAL : 0) + random.normal())
  }
  return { truth, category, logits }
})()

/** One trained model: row-major N x 3 probabilities, its noise drawn with `seed`. */
function trainedModel(seed: number): number[] {
  const random = seeded(seed)
  const proba: number[] = []
  for (let i = 0; i < N; i++) {
    const z = [0, 1, 2].map((c) => data.logits[i * 3 + c] + NOISE * random.normal())
    const max = Math.max(...z)
    const e = z.map((v) => Math.exp(v - max))
    const sum = e[0] + e[1] + e[2]
    for (const v of e) proba.push(v / sum)
  }
  return proba
}

const top = (proba: number[], i: number): number => [0, 1, 2].reduce((best, c) => (proba[i * 3 + c] > proba[i * 3 + best] ? c : best), 0)
const swap = (proba: number[], i: number, a: number, b: number): void => {
  ;[proba[i * 3 + a], proba[i * 3 + b]] = [proba[i * 3 + b], proba[i * 3 + a]]
}
const logLoss = (proba: number[]): number => data.truth.reduce((sum, t, i) => sum - Math.log(proba[i * 3 + t]), 0) / N
const movedShare = (a: number[], b: number[]): number => data.truth.filter((_, i) => top(a, i) !== top(b, i)).length / N

function classify(proba: number[], options: { name?: string; slices?: string[]; extraMetrics?: ReturnType<typeof defineMetric>[] } = {}): Promise<EvalRun> {
  return evaluate({
    data: data.truth.map((t, i) => ({ id: i, category: data.category[i], truth: LABELS[t], p_negative: proba[i * 3], p_neutral: proba[i * 3 + 1], p_positive: proba[i * 3 + 2] })),
    targets: 'truth',
    modelType: 'classifier',
    labels: LABELS,
    probabilities: ['p_negative', 'p_neutral', 'p_positive'],
    inputColumns: ['id', 'category'],
    intervals: false,
    ...options,
  })
}

const good = trainedModel(1)

/** `good` with `count` rows it gets right made wrong (the true label's probability swaps with the next label's). */
function worse(count: number): number[] {
  const proba = good.slice()
  for (let i = 0, made = 0; i < N && made < count; i++) {
    if (top(proba, i) !== data.truth[i]) continue
    swap(proba, i, data.truth[i], (data.truth[i] + 1) % 3)
    made++
  }
  return proba
}

test('log_loss: same labels, probabilities flattened', async () => {
  // pulled toward uniform by the lambda that makes log_loss rise 9%: argmax and ranking unchanged
  const flatten = (lambda: number): number[] => good.map((p) => (1 - lambda) * p + lambda / 3)
  let low = 0
  let high = 1
  for (let step = 0; step < 60; step++) {
    const mid = (low + high) / 2
    if (logLoss(flatten(mid)) < logLoss(good) * 1.09) low = mid
    else high = mid
  }
  const run = await classify(SCENARIO === 'base' ? good : flatten(low))
  if (SCENARIO === 'candidate') expect(logLoss(flatten(low)) / logLoss(good)).toBeCloseTo(1.09, 6)
  expect(run).toMatchBaseline()
})

test('f1_tech_support: a technical-support regression only a custom metric sees', async () => {
  const f1TechSupport = defineMetric({
    name: 'f1_tech_support',
    greaterIsBetter: true,
    fn: (table: EvalTable) => {
      if (table.modelType !== 'classifier') return Number.NaN
      let f1 = 0
      for (const label of table.labels) {
        let tp = 0
        let fp = 0
        let fn = 0
        for (let i = 0; i < table.rowCount; i++) {
          if (table.columns.category[i] !== 'technical_support') continue
          const t = table.targets[i] === label
          const p = table.predictions[i] === label
          if (t && p) tp++
          else if (p) fp++
          else if (t) fn++
        }
        f1 += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
      }
      return f1 / table.labels.length
    },
  })
  // candidate: 30 technical_support rows it got right break and 30 other rows it got wrong are
  // fixed, each the row nearest a tie (its top two probabilities swap): accuracy is unchanged
  const candidate = good.slice()
  const second = (i: number): number => [0, 1, 2].filter((c) => c !== top(candidate, i)).reduce((a, b) => (candidate[i * 3 + a] >= candidate[i * 3 + b] ? a : b))
  const gap = (i: number): number => candidate[i * 3 + top(candidate, i)] - candidate[i * 3 + second(i)]
  const rows = data.truth.map((_, i) => i)
  const toBreak = rows.filter((i) => data.category[i] === 'technical_support' && top(good, i) === data.truth[i]).sort((a, b) => gap(a) - gap(b)).slice(0, 30)
  const toFix = rows.filter((i) => data.category[i] !== 'technical_support' && top(good, i) !== data.truth[i] && second(i) === data.truth[i]).sort((a, b) => gap(a) - gap(b)).slice(0, 30)
  for (const i of toBreak) swap(candidate, i, data.truth[i], second(i))
  for (const i of toFix) swap(candidate, i, data.truth[i], top(candidate, i))
  const run = await classify(SCENARIO === 'base' ? good : candidate, { extraMetrics: [f1TechSupport] })
  expect(run).toMatchBaseline()
})

// Two runs in one test: the weaker one unnamed and checked first, the better one named. Were
// they one entry, the named run (written last) would be the weaker run's baseline and it would fail.
test('two runs', async () => {
  expect(await classify(worse(60))).toMatchBaseline()
  expect(await classify(good, { name: 'candidate' })).toMatchBaseline()
})

// Two tests of one name: the weaker first. In the candidate scenario only the second regresses
// (to the weaker one's level): it fails against its own entry, the first passes against its own.
test('twin', async () => {
  expect(await classify(worse(60))).toMatchBaseline()
})

test('twin', async () => {
  expect(await classify(SCENARIO === 'base' ? good : worse(60))).toMatchBaseline()
})

// 20 re-trains of an unchanged model, each its own entry, gated as a user would (every headline
// metric, overall and per category slice): the base model has seed 100 + r, the re-train 200 + r.
for (let r = 1; r <= 20; r++) {
  test(`retrain ${r}`, async () => {
    const base = trainedModel(100 + r)
    const retrained = trainedModel(200 + r)
    const moved = movedShare(base, retrained)
    expect(moved).toBeGreaterThan(0.015)
    expect(moved).toBeLessThan(0.05)
    expect(await classify(SCENARIO === 'base' ? base : retrained, { slices: ['category'] })).toMatchBaseline()
  })
}
