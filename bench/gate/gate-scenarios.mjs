/**
 * Seeded gate-level scenarios for the baseline gate (`toMatchBaseline`'s verdict over every
 * tracked metric, overall and per slice, Holm over the distinct hypotheses), shared by the quick
 * test (test/compare/gate-simulation.test.ts) and the full run (bench/gate/gate-simulation.mjs).
 *
 * Population: n rows, 3 labels, 4 categories; each row has latent logits
 * z = SIGNAL * onehot(truth) + N(0, 1). A model is softmax(z + NOISE * N(0, 1)): two models drawn
 * this way are exchangeable (the same population quality, a true null for every metric: accuracy,
 * F1, log loss, AUC...), their predicted labels differ on about 3% of rows (re-training noise),
 * and accuracy is about 0.85. A drop of d points: the current model is such a re-train, then
 * round(d * n) rows it gets right are made wrong (its top probability moved to a wrong label).
 *
 * `api` is { evaluate, createBaselineEntry, compareWithBaseline, createRandom }, from src (test)
 * or dist (bench).
 */

export const LABELS = ['negative', 'neutral', 'positive']
export const CATEGORIES = ['billing', 'product_A', 'product_B', 'technical_support']
/** Logit of the true label above the others. */
export const SIGNAL = 1.9
/** Per-model logit noise: about 3% of predicted labels move between two re-trains. */
export const NOISE = 0.105

/** Writes the softmax of `logits` into `out` from `offset` on. */
export function softmaxRow(out, offset, logits) {
  let max = -Infinity
  for (const z of logits) max = Math.max(max, z)
  let sum = 0
  for (let c = 0; c < logits.length; c++) sum += out[offset + c] = Math.exp(logits[c] - max)
  for (let c = 0; c < logits.length; c++) out[offset + c] /= sum
}

/** A population of n rows drawn with `random`. */
export function population(n, random) {
  const k = LABELS.length
  const truth = new Int32Array(n)
  const category = new Array(n)
  const logits = new Float64Array(n * k)
  for (let i = 0; i < n; i++) {
    truth[i] = Math.floor(random.uniform() * k)
    category[i] = CATEGORIES[Math.floor(random.uniform() * CATEGORIES.length)]
    for (let c = 0; c < k; c++) logits[i * k + c] = (c === truth[i] ? SIGNAL : 0) + random.normal()
  }
  return { n, k, truth, category, logits }
}

/** One trained model's probabilities (row-major n x k). */
export function modelProbabilities(pop, random, noise = NOISE) {
  const { n, k, logits } = pop
  const out = new Float64Array(n * k)
  const row = new Float64Array(k)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) row[c] = logits[i * k + c] + noise * random.normal()
    softmaxRow(out, i * k, row)
  }
  return out
}

export function argmax(proba, k, i) {
  let best = 0
  for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c
  return best
}

/** Makes `count` rows the model gets right wrong: its top probability swaps with a wrong label's. */
export function dropRows(pop, proba, count, random) {
  const { n, k, truth } = pop
  const right = []
  for (let i = 0; i < n; i++) if (argmax(proba, k, i) === truth[i]) right.push(i)
  for (let j = 0; j < count && right.length > 0; j++) {
    const pick = Math.floor(random.uniform() * right.length)
    const i = right[pick]
    right[pick] = right[right.length - 1]
    right.pop()
    const wrong = (truth[i] + 1 + Math.floor(random.uniform() * (k - 1))) % k
    const top = proba[i * k + truth[i]]
    proba[i * k + truth[i]] = proba[i * k + wrong]
    proba[i * k + wrong] = top
  }
}

/** Share of rows whose predicted label differs between two models. */
export function movedShare(pop, a, b) {
  let moved = 0
  for (let i = 0; i < pop.n; i++) if (argmax(a, pop.k, i) !== argmax(b, pop.k, i)) moved++
  return moved / pop.n
}

/**
 * The custom F1 of the complaint class (negative, index 0) on the technical_support rows, made with
 * the build's `defineMetric` (a regression only a custom metric sees).
 */
export function techSupportF1(defineMetric, name = 'f1_tech') {
  return defineMetric({
    name,
    greaterIsBetter: true,
    fn: (t) => {
      if (t.modelType !== 'classifier') return Number.NaN
      const category = t.column('category')
      let tp = 0
      let predicted = 0
      let actual = 0
      for (let i = 0; i < t.rowCount; i++) {
        if (category[i] !== 'technical_support') continue
        const p = t.predictedIndex[i] === 0
        const y = t.targetIndex[i] === 0
        if (p && y) tp++
        if (p) predicted++
        if (y) actual++
      }
      return predicted + actual === 0 ? Number.NaN : (2 * tp) / (predicted + actual)
    },
  })
}

/**
 * Makes `count` technical_support rows of class 0 that `proba` gets right wrong (its top two
 * probabilities swapped), in place: the regression of the power simulation's "f1_tech drop".
 */
export function makeTechSupportWrong(pop, proba, count) {
  let made = 0
  for (let i = 0; i < pop.n && made < count; i++) {
    if (pop.category[i] !== 'technical_support' || pop.truth[i] !== 0 || argmax(proba, 3, i) !== 0) continue
    const top = proba[i * 3]
    proba[i * 3] = proba[i * 3 + 1]
    proba[i * 3 + 1] = top
    made++
  }
}

/**
 * Adversarial pass 47's F1: a k-class intent classifier of n rows in date order, class 0 ("cancel")
 * every tenth row; two re-trains (logits + 0.12 z each), and the current one misses every cancel
 * ticket it got right among the newest `drift` share of the rows (`spread`: the same number of
 * rows spread through the file, every (i * 7919) mod n below drift n). Draws as the pass's script
 * did (one uniform per row for its sales channel, one per candidate row for its miss share).
 * Returns the targets, both models' probabilities (row-major, k per row), the labels and how many
 * rows were made wrong; `records(proba)` the rows for `evaluate()` (`y`, `p_c0`, ...).
 */
export function newestRowsMissCancel(random, { n = 10_000, k = 13, drift = 0.03, spread = false } = {}) {
  const truth = []
  const logits = []
  for (let i = 0; i < n; i++) {
    const y = i % 10 === 0 ? 0 : 1 + Math.floor(random.uniform() * (k - 1))
    truth.push(y)
    logits.push(Array.from({ length: k }, (_, c) => (c === y ? 2.6 : 0) + random.normal()))
    random.uniform()
  }
  const model = () => {
    const proba = new Float64Array(n * k)
    logits.forEach((row, i) => softmaxRow(proba, i * k, row.map((z) => z + 0.12 * random.normal())))
    return proba
  }
  const base = model()
  const current = model()
  const rows = spread ? [...Array(n).keys()].filter((i) => (i * 7919) % n < drift * n) : [...Array(n).keys()].slice(Math.floor((1 - drift) * n))
  let made = 0
  for (const i of rows) {
    if (truth[i] !== 0 || argmax(current, k, i) !== 0 || random.uniform() > 1) continue
    const other = i * k + 1 + Math.floor(random.uniform() * (k - 1))
    ;[current[i * k], current[other]] = [current[other], current[i * k]]
    made++
  }
  const labels = Array.from({ length: k }, (_, c) => `c${c}`)
  const records = (proba) => truth.map((y, i) => ({ id: i, y: labels[y], ...Object.fromEntries(labels.map((l, c) => [`p_${l}`, proba[i * k + c]])) }))
  return { truth, base, current, labels, made, records }
}

/** A custom metric (classifiers): the recall of class index `c`, plus `offset` (to tell copies apart). */
export function classRecall(defineMetric, name, c, offset = 0) {
  return defineMetric({
    name,
    greaterIsBetter: true,
    fn: (t) => {
      if (t.modelType !== 'classifier') return Number.NaN
      let hits = 0
      let count = 0
      for (let i = 0; i < t.rowCount; i++) {
        if (t.targetIndex[i] !== c) continue
        count++
        if (t.predictedIndex[i] === c) hits++
      }
      return count === 0 ? Number.NaN : (hits + offset) / count
    },
  })
}

/**
 * A custom metric (regressors): the MAE of the rows whose `id` column `member` holds, divided by
 * the MAE of every row when `ratio` (NaN where it holds none).
 */
export function subsetMae(defineMetric, name, member, ratio = false) {
  return defineMetric({
    name,
    greaterIsBetter: false,
    fn: (t) => {
      if (t.modelType !== 'regressor') return Number.NaN
      const id = t.column('id')
      let s = 0
      let m = 0
      let all = 0
      for (let i = 0; i < t.rowCount; i++) {
        const error = Math.abs(t.targets[i] - t.predictions[i])
        all += error
        if (member(Number(id[i]))) {
          s += error
          m++
        }
      }
      return ratio ? s / m / (all / t.rowCount) : s / m
    },
  })
}

export function scenarioRecords(pop, proba) {
  return Array.from({ length: pop.n }, (_, i) => ({
    id: i,
    category: pop.category[i],
    truth: LABELS[pop.truth[i]],
    p_negative: proba[i * 3],
    p_neutral: proba[i * 3 + 1],
    p_positive: proba[i * 3 + 2],
  }))
}

/**
 * The run of one model. `labelsOnly`: the model hands over its predicted labels alone (the
 * README's first example), so the gate has accuracy, precision, recall and F1 to test, and no
 * log loss, Brier score or AUC.
 */
export function evaluateModel(api, pop, proba, labelsOnly = false) {
  const records = scenarioRecords(pop, proba)
  if (labelsOnly) records.forEach((record, i) => (record.predicted = LABELS[argmax(proba, pop.k, i)]))
  return api.evaluate({
    data: records,
    targets: 'truth',
    modelType: 'classifier',
    labels: LABELS,
    ...(labelsOnly ? { predictions: 'predicted' } : { probabilities: ['p_negative', 'p_neutral', 'p_positive'] }),
    inputColumns: ['id', 'category'],
    slices: ['category'],
    intervals: false,
  })
}

/**
 * `retrains` re-trains of one unchanged model (fresh model noise each time) against one
 * baseline on one population: how many fail the gate.
 */
export async function retrainFailures(api, { n, seed, retrains }) {
  const random = api.createRandom(seed)
  const pop = population(n, random)
  const entry = api.createBaselineEntry(await evaluateModel(api, pop, modelProbabilities(pop, random)))
  let failures = 0
  for (let r = 0; r < retrains; r++) {
    const verdict = api.compareWithBaseline(entry, await evaluateModel(api, pop, modelProbabilities(pop, random)))
    if (verdict.status === 'failed') failures++
  }
  return failures
}

/**
 * One gate trial: a baseline model, then a re-train of the same quality (optionally with an
 * accuracy drop of `drop` points), compared with the default gate (every headline metric,
 * overall and per category, alpha 0.05 family-wise). Returns whether the gate failed.
 */
export async function gateTrial(api, { n, seed, drop = 0, labelsOnly = false }) {
  const random = api.createRandom(seed)
  const pop = population(n, random)
  const baseline = modelProbabilities(pop, random)
  const current = modelProbabilities(pop, random)
  if (drop > 0) dropRows(pop, current, Math.round(drop * n), random)
  const baselineRun = await evaluateModel(api, pop, baseline, labelsOnly)
  const currentRun = await evaluateModel(api, pop, current, labelsOnly)
  const verdict = api.compareWithBaseline(api.createBaselineEntry(baselineRun), currentRun)
  return {
    failed: verdict.status === 'failed',
    accuracyFailed: verdict.rows.some((row) => row.metric === 'accuracy_score' && row.slice === undefined && row.verdict === 'fail'),
    failing: verdict.rows.filter((row) => row.verdict === 'fail').map((row) => (row.slice ? `${row.metric}[${row.slice}]` : row.metric)),
    moved: movedShare(pop, baseline, current),
    accuracyChange: currentRun.metrics.accuracy_score - baselineRun.metrics.accuracy_score,
    accuracy: baselineRun.metrics.accuracy_score,
    tested: verdict.rows.filter((row) => row.pValue !== undefined).length,
  }
}

/** Runs `trials` seeded trials (seeds firstSeed, firstSeed + 1, ...) and summarises them. */
export async function gateRate(api, { n, drop = 0, trials, firstSeed, labelsOnly = false }) {
  let failed = 0
  let accuracyFailed = 0
  let moved = 0
  let accuracy = 0
  const failingMetrics = new Map()
  for (let t = 0; t < trials; t++) {
    const trial = await gateTrial(api, { n, seed: firstSeed + t, drop, labelsOnly })
    if (trial.failed) failed++
    if (trial.accuracyFailed) accuracyFailed++
    moved += trial.moved
    accuracy += trial.accuracy
    for (const name of trial.failing) failingMetrics.set(name, (failingMetrics.get(name) ?? 0) + 1)
  }
  const rate = failed / trials
  return { n, drop, labelsOnly, trials, failed, rate, accuracyRowRate: accuracyFailed / trials, se: Math.sqrt((rate * (1 - rate)) / trials), meanMoved: moved / trials, meanAccuracy: accuracy / trials, failingMetrics: Object.fromEntries(failingMetrics) }
}
