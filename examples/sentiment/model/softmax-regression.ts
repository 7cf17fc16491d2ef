import { sparseDot, type SparseVector } from './sparse-vector.js'

export interface SoftmaxRegressionOptions {
  /** Inverse regularisation strength, as scikit-learn's `C` (default 10). */
  c?: number
  /** Gradient steps (default 400). */
  iterations?: number
  /**
   * Step size (default `1 / (1 + lambda)`: for unit-length inputs plus the bias the mean
   * cross-entropy is 1-smooth, the penalty `lambda`-smooth, so the default never diverges).
   */
  learningRate?: number
  /** Nesterov momentum (default 0.9). */
  momentum?: number
}

/** A trained multinomial logistic regression over sparse inputs. */
export class SoftmaxRegression {
  constructor(
    /** Row-major `classes x features` weights. */
    readonly weights: Float64Array,
    readonly bias: Float64Array,
    readonly classes: number,
    readonly features: number,
  ) {}

  /** Class probabilities of one input (softmax of the class scores). */
  probabilities(x: SparseVector): Float64Array {
    const scores = new Float64Array(this.classes)
    for (let k = 0; k < this.classes; k++) scores[k] = this.bias[k] + sparseDot(x, this.weights, k, this.features)
    return softmaxInPlace(scores)
  }
}

/** Replaces scores by their softmax, shifted by the maximum so that exp never overflows. */
function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity
  for (const s of scores) max = Math.max(max, s)
  let total = 0
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k] - max)
    total += scores[k]
  }
  for (let k = 0; k < scores.length; k++) scores[k] /= total
  return scores
}

/**
 * Fits a multinomial logistic regression: minimises the mean cross-entropy plus
 * `||W||^2 / (2 C n)` (scikit-learn's objective divided by `C n`; the bias is not penalised)
 * by full-batch gradient descent with Nesterov momentum from zero weights. No randomness:
 * the same data give the same model.
 *
 * @param inputs unit-length sparse vectors with indices below `features`
 * @param targets class index of each input, in `0..classes-1`
 */
export function trainSoftmaxRegression(
  inputs: readonly SparseVector[],
  targets: Int32Array,
  classes: number,
  features: number,
  options: SoftmaxRegressionOptions = {},
): SoftmaxRegression {
  const n = inputs.length
  if (n === 0 || targets.length !== n) throw new Error(`need one target per input (${n} inputs, ${targets.length} targets)`)
  const lambda = 1 / ((options.c ?? 10) * n)
  const iterations = options.iterations ?? 400
  const rate = options.learningRate ?? 1 / (1 + lambda)
  const momentum = options.momentum ?? 0.9
  const size = classes * features

  const weights = new Float64Array(size)
  const bias = new Float64Array(classes)
  const weightVelocity = new Float64Array(size)
  const biasVelocity = new Float64Array(classes)
  // Look-ahead point (Nesterov): parameters + momentum * velocity.
  const aheadWeights = new Float64Array(size)
  const aheadBias = new Float64Array(classes)
  const weightGradient = new Float64Array(size)
  const biasGradient = new Float64Array(classes)
  const lookahead = new SoftmaxRegression(aheadWeights, aheadBias, classes, features)

  for (let step = 0; step < iterations; step++) {
    for (let i = 0; i < size; i++) aheadWeights[i] = weights[i] + momentum * weightVelocity[i]
    for (let k = 0; k < classes; k++) aheadBias[k] = bias[k] + momentum * biasVelocity[k]

    for (let i = 0; i < size; i++) weightGradient[i] = lambda * aheadWeights[i]
    biasGradient.fill(0)
    for (let row = 0; row < n; row++) {
      const x = inputs[row]
      const p = lookahead.probabilities(x)
      for (let k = 0; k < classes; k++) {
        const residual = (p[k] - (targets[row] === k ? 1 : 0)) / n
        biasGradient[k] += residual
        const offset = k * features
        for (let j = 0; j < x.indices.length; j++) weightGradient[offset + x.indices[j]] += residual * x.values[j]
      }
    }

    for (let i = 0; i < size; i++) {
      weightVelocity[i] = momentum * weightVelocity[i] - rate * weightGradient[i]
      weights[i] += weightVelocity[i]
    }
    for (let k = 0; k < classes; k++) {
      biasVelocity[k] = momentum * biasVelocity[k] - rate * biasGradient[k]
      bias[k] += biasVelocity[k]
    }
  }
  return new SoftmaxRegression(weights, bias, classes, features)
}
