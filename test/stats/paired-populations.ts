/**
 * Populations with known truth for the paired kernels' tests and simulations (shared by
 * test/stats/*.test.ts and bench/gate/). Every draw comes from a seeded RandomSource.
 */
import type { RandomSource } from '../../src/stats/index.js'

/** Macro F1 (scikit-learn's f1_score(average='macro'), zero_division=0) from k×k counts. */
export function macroF1(counts: Float64Array, k: number): number {
  let sum = 0
  for (let c = 0; c < k; c++) {
    let predicted = 0
    let actual = 0
    for (let j = 0; j < k; j++) {
      predicted += counts[j * k + c]
      actual += counts[c * k + j]
    }
    const tp = counts[c * k + c]
    const denominator = predicted + actual
    sum += denominator === 0 ? 0 : (2 * tp) / denominator
  }
  return sum / k
}

/**
 * The macro-F1 drop (baseline − current) as a {@link pairedPermutationTest} statistic: the rows
 * that agree are counted once, the differing rows per swap.
 */
export function macroF1Drop(truth: Int32Array, baseline: Int32Array, current: Int32Array, k: number) {
  const shared = new Float64Array(k * k)
  const differing: number[] = []
  for (let i = 0; i < truth.length; i++) {
    if (baseline[i] === current[i]) shared[truth[i] * k + baseline[i]]++
    else differing.push(i)
  }
  const countsBaseline = new Float64Array(k * k)
  const countsCurrent = new Float64Array(k * k)
  const statistic = (swap: Uint8Array): number => {
    countsBaseline.set(shared)
    countsCurrent.set(shared)
    for (let j = 0; j < differing.length; j++) {
      const i = differing[j]
      const b = swap[j] ? current[i] : baseline[i]
      const c = swap[j] ? baseline[i] : current[i]
      countsBaseline[truth[i] * k + b]++
      countsCurrent[truth[i] * k + c]++
    }
    return macroF1(countsBaseline, k) - macroF1(countsCurrent, k)
  }
  const observed = statistic(new Uint8Array(differing.length))
  return { pairs: differing.length, statistic, observed }
}

/**
 * A 3-class problem of n rows under the null: a baseline about 80% accurate and a current run
 * that differs on exactly `differ` rows, where each differing row's two predictions are drawn
 * and then assigned to the runs by a fair coin (exchangeable: neither run is better).
 */
export function exchangeableLabelRuns(n: number, differ: number, random: RandomSource) {
  const k = 3
  const truth = new Int32Array(n)
  const baseline = new Int32Array(n)
  const current = new Int32Array(n)
  const wrong = (t: number): number => (t + 1 + Math.floor(random.uniform() * (k - 1))) % k
  for (let i = 0; i < n; i++) {
    truth[i] = Math.floor(random.uniform() * k)
    baseline[i] = random.uniform() < 0.8 ? truth[i] : wrong(truth[i])
    current[i] = baseline[i]
  }
  for (let i = 0; i < differ; i++) {
    // Differing rows are the first `differ` (the rows are in random order already).
    const first = random.uniform() < 0.6 ? truth[i] : wrong(truth[i])
    let second = Math.floor(random.uniform() * k)
    while (second === first) second = Math.floor(random.uniform() * k)
    const flip = random.uniform() < 0.5
    baseline[i] = flip ? second : first
    current[i] = flip ? first : second
  }
  return { truth, baseline, current, k }
}

export type ErrorLaw = 'normal' | 'laplace' | 't5'

/**
 * Two regressors on the same n rows, errors of equal variance (so equal population r²):
 * `errorsA` / `errorsB` say each run's error law, 'normal', 'laplace' or 't5' (Student t with 5
 * degrees of freedom), each scaled to variance 1 (the squared errors of t3 would have infinite
 * variance, which no test of a mean squared error survives). Targets y = 2x + error-free signal with variance 5.
 */
export function regressionRuns(n: number, random: RandomSource, errorsA: ErrorLaw, errorsB: ErrorLaw) {
  const draw = (law: ErrorLaw): number => {
    if (law === 'normal') return random.normal()
    if (law === 'laplace') {
      // Laplace with scale 1/√2 has variance 1 (kurtosis 6).
      const u = random.uniform() - 0.5
      return (-Math.sign(u) * Math.log(1 - 2 * Math.abs(u))) / Math.SQRT2
    }
    let chi = 0
    for (let j = 0; j < 5; j++) chi += random.normal() ** 2
    return (random.normal() / Math.sqrt(chi / 5)) * Math.sqrt(3 / 5) // t5 has variance 5/3
  }
  const y = new Float64Array(n)
  const predictionA = new Float64Array(n)
  const predictionB = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = 2 * random.normal() + random.normal()
    predictionA[i] = y[i] - draw(errorsA)
    predictionB[i] = y[i] - draw(errorsB)
  }
  return { y, predictionA, predictionB }
}

/** r² with row weights (sklearn r2_score with sample_weight). */
export function weightedR2(y: Float64Array, prediction: Float64Array, weights: Float64Array | null): number {
  let total = 0
  let sum = 0
  for (let i = 0; i < y.length; i++) {
    const w = weights === null ? 1 : weights[i]
    total += w
    sum += w * y[i]
  }
  const mean = sum / total
  let residual = 0
  let spread = 0
  for (let i = 0; i < y.length; i++) {
    const w = weights === null ? 1 : weights[i]
    residual += w * (y[i] - prediction[i]) ** 2
    spread += w * (y[i] - mean) ** 2
  }
  return 1 - residual / spread
}

/**
 * Average precision (sklearn average_precision_score with sample_weight) over rows already in
 * descending score order (`order`), ties grouped.
 */
export function weightedAveragePrecision(order: Int32Array, scores: Float64Array, labels: Uint8Array, weights: Float64Array | null): number {
  let positivesTotal = 0
  for (let i = 0; i < labels.length; i++) if (labels[i]) positivesTotal += weights === null ? 1 : weights[i]
  if (positivesTotal === 0) return Number.NaN
  let tp = 0
  let fp = 0
  let recallBefore = 0
  let ap = 0
  for (let start = 0; start < order.length; ) {
    let end = start
    const score = scores[order[start]]
    while (end < order.length && scores[order[end]] === score) {
      const i = order[end]
      const w = weights === null ? 1 : weights[i]
      if (labels[i]) tp += w
      else fp += w
      end++
    }
    if (tp + fp > 0) {
      const recall = tp / positivesTotal
      ap += (recall - recallBefore) * (tp / (tp + fp))
      recallBefore = recall
    }
    start = end
  }
  return ap
}

/** Row indices in descending score order. */
export function descendingOrder(scores: Float64Array): Int32Array {
  return Int32Array.from(Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a]))
}

/**
 * Lost and gained row counts of a current run against its baseline on `total` rows, each row
 * independently lost with probability `lostRate` and gained with `gainedRate` (re-training
 * noise moves rows both ways; a real regression adds to `lostRate`).
 */
export function drawLostGained(total: number, lostRate: number, gainedRate: number, random: RandomSource) {
  const lost = random.binomial(total, lostRate)
  const gained = random.binomial(total - lost, gainedRate / (1 - lostRate))
  return { lost, gained }
}
