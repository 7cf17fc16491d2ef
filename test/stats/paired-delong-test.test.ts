import { describe, expect, it } from 'vitest'
import { multiclassRocAuc } from '../../src/metrics/multiclass-roc-auc.js'
import { createRandom, multinomialResample, pairedDeLongTest, pairedOvrDeLongTest, type RandomSource } from '../../src/stats/index.js'

/** DeLong's paired variance by the book: pairwise kernels and the 2x2 covariance matrices, O(m·n). */
function bruteForceDeLong(labels: Uint8Array, scoresA: Float64Array, scoresB: Float64Array) {
  const positives: number[] = []
  const negatives: number[] = []
  labels.forEach((label, i) => (label ? positives : negatives).push(i))
  const psi = (x: number, y: number): number => (x > y ? 1 : x === y ? 0.5 : 0)
  const components = (s: Float64Array) => ({
    v10: positives.map((p) => negatives.reduce((sum, q) => sum + psi(s[p], s[q]), 0) / negatives.length),
    v01: negatives.map((q) => positives.reduce((sum, p) => sum + psi(s[p], s[q]), 0) / positives.length),
  })
  const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length
  const covariance = (x: number[], y: number[]): number => {
    const mx = mean(x)
    const my = mean(y)
    return x.reduce((sum, xi, i) => sum + (xi - mx) * (y[i] - my), 0) / (x.length - 1)
  }
  const a = components(scoresA)
  const b = components(scoresB)
  const m = positives.length
  const n = negatives.length
  const s = (x: 'v10' | 'v01', y: 'v10' | 'v01', u: typeof a, v: typeof a) => covariance(u[x], v[y])
  const varA = s('v10', 'v10', a, a) / m + s('v01', 'v01', a, a) / n
  const varB = s('v10', 'v10', b, b) / m + s('v01', 'v01', b, b) / n
  const cov = s('v10', 'v10', a, b) / m + s('v01', 'v01', a, b) / n
  return { difference: mean(b.v10) - mean(a.v10), standardError: Math.sqrt(varA + varB - 2 * cov) }
}

/** Two runs scoring one latent signal with their own noise (and ties from rounding). */
function binaryRuns(n: number, random: RandomSource, noiseA: number, noiseB: number) {
  const labels = new Uint8Array(n)
  const scoresA = new Float64Array(n)
  const scoresB = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const latent = random.normal()
    labels[i] = random.uniform() < 1 / (1 + Math.exp(-1.5 * latent)) ? 1 : 0
    scoresA[i] = Math.round(100 * (latent + noiseA * random.normal())) / 100
    scoresB[i] = Math.round(100 * (latent + noiseB * random.normal())) / 100
  }
  return { labels, scoresA, scoresB }
}

/** Row-major n × k softmax probabilities of class scores = signal·onehot(label) + noise. */
function multiclassRuns(n: number, k: number, random: RandomSource, noiseA: number, noiseB: number) {
  const targetIndex = new Int32Array(n)
  const probabilitiesA = new Float64Array(n * k)
  const probabilitiesB = new Float64Array(n * k)
  for (let i = 0; i < n; i++) {
    // Unequal class shares so that 'weighted' differs from 'macro'.
    const u = random.uniform()
    targetIndex[i] = u < 0.5 ? 0 : u < 0.8 ? 1 : 2 % k
    const shared = Array.from({ length: k }, (_, c) => (c === targetIndex[i] ? 1 : 0) + 0.8 * random.normal())
    for (const [proba, noise] of [[probabilitiesA, noiseA], [probabilitiesB, noiseB]] as const) {
      let total = 0
      for (let c = 0; c < k; c++) {
        const value = Math.exp(shared[c] + noise * random.normal())
        proba[i * k + c] = value
        total += value
      }
      for (let c = 0; c < k; c++) proba[i * k + c] /= total
    }
  }
  return { targetIndex, probabilitiesA, probabilitiesB }
}

describe('pairedDeLongTest', () => {
  it('matches a hand computation (scipy/numpy DeLong, 6 rows)', () => {
    const labels = new Uint8Array([0, 0, 1, 1, 0, 1])
    const result = pairedDeLongTest({
      labels,
      scoresA: new Float64Array([0.2, 0.6, 0.4, 0.9, 0.3, 0.5]),
      scoresB: new Float64Array([0.1, 0.3, 0.7, 0.8, 0.2, 0.6]),
    })
    expect(result.difference).toBeCloseTo(2 / 9, 15)
    expect(result.standardError).toBeCloseTo(0.24845199749997665, 14)
    expect(result.p).toBeCloseTo(0.18554668476134872, 6)
  })

  it('equals the by-the-book DeLong covariance on tied scores', () => {
    const { labels, scoresA, scoresB } = binaryRuns(300, createRandom(11), 0.7, 1.1)
    const brute = bruteForceDeLong(labels, scoresA, scoresB)
    const result = pairedDeLongTest({ labels, scoresA, scoresB })
    expect(result.difference).toBeCloseTo(brute.difference, 13)
    expect(result.standardError / brute.standardError).toBeCloseTo(1, 12)
    // Margin in the null: p = 1 - Φ((difference - margin) / se).
    const withMargin = pairedDeLongTest({ labels, scoresA, scoresB, margin: 0.02 })
    expect(withMargin.p).toBeGreaterThan(result.p)
  })

  it('gives p = 1 for identical runs and NaN without two rows per class', () => {
    const { labels, scoresA } = binaryRuns(50, createRandom(2), 0.5, 0.5)
    expect(pairedDeLongTest({ labels, scoresA, scoresB: scoresA })).toMatchObject({ p: 1, difference: 0, standardError: 0 })
    expect(pairedDeLongTest({ labels: new Uint8Array([1, 0, 0]), scoresA: new Float64Array([0.9, 0.1, 0.2]), scoresB: new Float64Array([0.1, 0.9, 0.2]) }).p).toBeNaN()
    expect(() => pairedDeLongTest({ labels: new Uint8Array(3), scoresA: new Float64Array(3), scoresB: new Float64Array(2) })).toThrow(/3 labels, 3 scores of A and 2 of B/)
  })

  it('holds its size when two runs are equally good (2,000 trials at n = 200, 5% ± 3 SE)', () => {
    const trials = 2000
    const random = createRandom(21)
    let rejected = 0
    for (let t = 0; t < trials; t++) {
      const { labels, scoresA, scoresB } = binaryRuns(200, random, 0.8, 0.8)
      if (pairedDeLongTest({ labels, scoresA, scoresB }).p < 0.05) rejected++
    }
    const se = Math.sqrt((0.05 * 0.95) / trials)
    expect(rejected / trials).toBeGreaterThan(0.05 - 3 * se)
    expect(rejected / trials).toBeLessThan(0.05 + 3 * se)
  })
})

describe('pairedOvrDeLongTest', () => {
  it('reduces to the binary paired test for two classes', () => {
    const { labels, scoresA, scoresB } = binaryRuns(200, createRandom(5), 0.6, 0.9)
    const probabilitiesA = new Float64Array(400)
    const probabilitiesB = new Float64Array(400)
    const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))
    for (let i = 0; i < 200; i++) {
      probabilitiesA[2 * i + 1] = sigmoid(scoresA[i])
      probabilitiesA[2 * i] = 1 - probabilitiesA[2 * i + 1]
      probabilitiesB[2 * i + 1] = sigmoid(scoresB[i])
      probabilitiesB[2 * i] = 1 - probabilitiesB[2 * i + 1]
    }
    const targetIndex = Int32Array.from(labels)
    const binary = pairedDeLongTest({ labels, scoresA, scoresB })
    const ovr = pairedOvrDeLongTest({ targetIndex, classCount: 2, probabilitiesA, probabilitiesB, average: 'macro' })
    expect(ovr.difference).toBeCloseTo(binary.difference, 12)
    expect(ovr.standardError).toBeCloseTo(binary.standardError, 12)
  })

  it('averages the difference exactly as the engine averages roc_auc', () => {
    const { targetIndex, probabilitiesA, probabilitiesB } = multiclassRuns(400, 3, createRandom(8), 0.4, 0.9)
    for (const average of ['macro', 'weighted', 'micro'] as const) {
      const result = pairedOvrDeLongTest({ targetIndex, classCount: 3, probabilitiesA, probabilitiesB, average })
      const expected = multiclassRocAuc(probabilitiesB, targetIndex, 3, average) - multiclassRocAuc(probabilitiesA, targetIndex, 3, average)
      expect(result.difference, average).toBeCloseTo(expected, 12)
    }
  })

  it('has the standard error of a brute-force paired bootstrap (1,000 resamples, within 10%)', () => {
    const n = 500
    const k = 3
    const { targetIndex, probabilitiesA, probabilitiesB } = multiclassRuns(n, k, createRandom(13), 0.5, 0.8)
    const random = createRandom(14)
    const counts = new Float64Array(n).fill(1)
    const resampled = new Float64Array(n)
    const resamples = 1000
    const pickedA = new Float64Array(n * k)
    const pickedB = new Float64Array(n * k)
    const target = new Int32Array(n)
    const differences: Record<'macro' | 'weighted' | 'micro', number[]> = { macro: [], weighted: [], micro: [] }
    for (let r = 0; r < resamples; r++) {
      multinomialResample(counts, random, resampled)
      let row = 0
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < resampled[i]; j++, row++) {
          target[row] = targetIndex[i]
          for (let c = 0; c < k; c++) {
            pickedA[row * k + c] = probabilitiesA[i * k + c]
            pickedB[row * k + c] = probabilitiesB[i * k + c]
          }
        }
      }
      for (const average of ['macro', 'weighted', 'micro'] as const) {
        differences[average].push(multiclassRocAuc(pickedB, target, k, average) - multiclassRocAuc(pickedA, target, k, average))
      }
    }
    for (const average of ['macro', 'weighted', 'micro'] as const) {
      const values = differences[average]
      const mean = values.reduce((a, b) => a + b, 0) / resamples
      const bootstrapSe = Math.sqrt(values.reduce((s, d) => s + (d - mean) ** 2, 0) / (resamples - 1))
      const { standardError } = pairedOvrDeLongTest({ targetIndex, classCount: k, probabilitiesA, probabilitiesB, average })
      // The relative sampling error of a standard deviation from 1,000 resamples is about 2.2%;
      // 10% is 4.5 of those, while leaving out the classes' correlation is off by far more.
      expect(standardError / bootstrapSe, average).toBeGreaterThan(0.9)
      expect(standardError / bootstrapSe, average).toBeLessThan(1.1)
    }
  })

  it('names a bad row or length, and gives NaN when a class is absent', () => {
    const base = { classCount: 3, average: 'macro' as const }
    expect(() => pairedOvrDeLongTest({ ...base, targetIndex: Int32Array.of(0, 3), probabilitiesA: new Float64Array(6), probabilitiesB: new Float64Array(6) })).toThrow(/row 1 has class index 3/)
    expect(() => pairedOvrDeLongTest({ ...base, targetIndex: Int32Array.of(0, 1), probabilitiesA: new Float64Array(6), probabilitiesB: new Float64Array(5) })).toThrow(/probabilities of B hold 5 values, expected 2 rows x 3 classes = 6/)
    const { targetIndex, probabilitiesA, probabilitiesB } = multiclassRuns(50, 3, createRandom(3), 0.5, 0.5)
    expect(pairedOvrDeLongTest({ ...base, classCount: 3, targetIndex: targetIndex.map(() => 0), probabilitiesA, probabilitiesB }).p).toBeNaN()
  })
})
