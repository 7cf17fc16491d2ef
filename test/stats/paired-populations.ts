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
