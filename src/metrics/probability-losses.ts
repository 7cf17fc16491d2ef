/** Losses on predicted probabilities, as scikit-learn 1.2.1 computes them. */
import type { ClassProbabilities } from './class-probabilities.js'

/** `np.finfo(np.float64).eps`, sklearn 1.2.1's `eps='auto'` for float64 probabilities. */
export const FLOAT64_EPS = 2 ** -52

/**
 * Per-example terms of sklearn 1.2.1 `log_loss(y, proba, labels=<all k>)`: every probability
 * clipped to [eps, 1 - eps], each row divided by its sum, -log(p[true class]). `normalized` is
 * true when some row's (clipped) sum differed from 1 by more than 1e-9, i.e. the value depends
 * on that silent rescaling (sklearn 1.2.1 does it without a warning). Their mean is
 * {@link logLoss}; the intervals use the terms themselves.
 *
 * `rows` (default null: every row): the terms of these rows of `proba` and `yTrue` only (both
 * the whole run's, read in place: term i is that of row `rows[i]`), as a scope of a run without
 * copying it. Each row's term depends on that row alone, so the terms of any rows equal the
 * run's terms at those rows.
 *
 * `into`: an array of exactly that many terms to write them to (memory the caller lends, e.g. a
 * working buffer done with), returned as `losses`; default a new array.
 *
 * `proba`: row-major `n x k`, or one column per class ({@link ClassProbabilities}); the same
 * terms bit for bit (each row's probabilities are clipped and summed in class order either way).
 *
 * @example logLossPerExample(Float64Array.of(0.9, 0.1, 0.2, 0.8), Int32Array.of(0, 1), 2).losses // [-ln 0.9, -ln 0.8]
 */
export function logLossPerExample(proba: ClassProbabilities, yTrue: Int32Array, k: number, rows: Int32Array | null = null, into?: Float64Array): { losses: Float64Array; normalized: boolean } {
  const n = rows === null ? yTrue.length : rows.length
  if (proba instanceof Float64Array) {
    if (proba.length !== yTrue.length * k) {
      throw new RangeError(`logLoss: expected ${yTrue.length}x${k}=${yTrue.length * k} probabilities (row-major), got ${proba.length}`)
    }
  } else if (proba.length !== k || proba.some((column) => column.length !== yTrue.length)) {
    throw new RangeError(`logLoss: expected ${k} probability columns of ${yTrue.length} rows, got ${proba.length} of ${proba.map((column) => column.length).join(', ')}`)
  }
  if (into !== undefined && into.length !== n) throw new RangeError(`logLoss: expected room for ${n} terms, got ${into.length}`)
  const losses = into ?? new Float64Array(n)
  const normalized = proba instanceof Float64Array ? termsOfMatrix(proba, yTrue, k, rows, losses) : termsOfColumns(proba, yTrue, k, rows, losses)
  return { losses, normalized }
}

/** {@link logLossPerExample} of a row-major matrix into `losses`; true when some row was renormalised. */
function termsOfMatrix(proba: Float64Array, yTrue: Int32Array, k: number, rows: Int32Array | null, losses: Float64Array): boolean {
  const hi = 1 - FLOAT64_EPS
  let normalized = false
  for (let i = 0; i < losses.length; i++) {
    const row = rows === null ? i : rows[i]
    const t = classIndexOf(yTrue, row, k)
    const at = row * k
    let sum = 0
    let own = 0
    for (let c = 0; c < k; c++) {
      const raw = proba[at + c]
      const p = raw < FLOAT64_EPS ? FLOAT64_EPS : raw > hi ? hi : raw
      sum += p
      if (c === t) own = p
    }
    if (Math.abs(sum - 1) > 1e-9) normalized = true
    losses[i] = -Math.log(own / sum)
  }
  return normalized
}

/**
 * {@link logLossPerExample} of one column per class into `losses`. Intentionally the loop of
 * {@link termsOfMatrix} with another read (`proba[c][row]`): a shared per-row helper would be a
 * call per row in both hot loops; keep the two in step.
 */
function termsOfColumns(proba: readonly Float64Array[], yTrue: Int32Array, k: number, rows: Int32Array | null, losses: Float64Array): boolean {
  const hi = 1 - FLOAT64_EPS
  let normalized = false
  for (let i = 0; i < losses.length; i++) {
    const row = rows === null ? i : rows[i]
    const t = classIndexOf(yTrue, row, k)
    let sum = 0
    let own = 0
    for (let c = 0; c < k; c++) {
      const raw = proba[c][row]
      const p = raw < FLOAT64_EPS ? FLOAT64_EPS : raw > hi ? hi : raw
      sum += p
      if (c === t) own = p
    }
    if (Math.abs(sum - 1) > 1e-9) normalized = true
    losses[i] = -Math.log(own / sum)
  }
  return normalized
}

/** `yTrue[row]`, checked to be a class index. */
function classIndexOf(yTrue: Int32Array, row: number, k: number): number {
  const t = yTrue[row]
  if (!(t >= 0 && t < k)) throw new RangeError(`logLoss: row ${row} has class index ${t}, outside 0..${k - 1}`)
  return t
}

/**
 * sklearn 1.2.1 `log_loss(y, proba, labels=<all k>)`: the mean of {@link logLossPerExample}
 * (returned too, as `losses`, for intervals). NaN when k < 2 (sklearn raises) or there are no rows.
 *
 * @example logLoss(Float64Array.of(0.9, 0.1, 0.2, 0.8), Int32Array.of(0, 1), 2).value // (-ln 0.9 - ln 0.8) / 2
 */
export function logLoss(proba: Float64Array, yTrue: Int32Array, k: number): { value: number; normalized: boolean; losses: Float64Array } {
  const n = yTrue.length
  if (proba.length !== n * k) {
    throw new RangeError(`logLoss: expected ${n}x${k}=${n * k} probabilities (row-major), got ${proba.length}`)
  }
  if (n === 0 || k < 2) return { value: NaN, normalized: false, losses: new Float64Array(0) }
  const { losses, normalized } = logLossPerExample(proba, yTrue, k)
  return { value: logLossOfTerms(losses), normalized, losses }
}

/**
 * log_loss from its per-example terms ({@link logLossPerExample}, or a run's terms gathered at a
 * scope's rows): their sequential mean, the summation order the parity fixtures were checked
 * with, so it equals {@link logLoss} bit for bit. NaN without terms.
 *
 * @example logLossOfTerms(Float64Array.of(0.1, 0.3)) // 0.2
 */
export function logLossOfTerms(losses: Float64Array): number {
  if (losses.length === 0) return NaN
  let total = 0
  for (let i = 0; i < losses.length; i++) total += losses[i]
  return total / losses.length
}

/**
 * sklearn 1.2.1 `log_loss` of a binary problem given the positive-class probability (its 1-D
 * path: clip p, expand to [1 - p, p], renormalise). Bit-for-bit the same steps as sklearn.
 *
 * @example logLossBinary(Float64Array.of(0.1, 0.8), Uint8Array.of(0, 1)) // (-ln 0.9 - ln 0.8) / 2
 */
export function logLossBinary(probPositive: Float64Array, isPositive: Uint8Array): number {
  const n = probPositive.length
  if (isPositive.length !== n) throw new RangeError(`logLossBinary: ${n} probabilities but ${isPositive.length} labels`)
  if (n === 0) return NaN
  const hi = 1 - FLOAT64_EPS
  let total = 0
  for (let i = 0; i < n; i++) {
    const raw = probPositive[i]
    const p = raw < FLOAT64_EPS ? FLOAT64_EPS : raw > hi ? hi : raw
    const q = 1 - p
    const sum = q + p
    total -= Math.log((isPositive[i] !== 0 ? p : q) / sum)
  }
  return total / n
}

/**
 * sklearn `brier_score_loss`: mean of (outcome - probability)^2, outcome 1 for the positive
 * class. Throws on probabilities outside [0, 1] (sklearn raises).
 *
 * @example brierScoreLoss(Float64Array.of(0.1, 0.9, 0.8, 0.3), Uint8Array.of(0, 1, 1, 0)) // 0.0375
 */
export function brierScoreLoss(probPositive: Float64Array, isPositive: Uint8Array): number {
  const n = probPositive.length
  if (isPositive.length !== n) throw new RangeError(`brierScoreLoss: ${n} probabilities but ${isPositive.length} labels`)
  if (n === 0) return NaN
  let total = 0
  for (let i = 0; i < n; i++) {
    const p = probPositive[i]
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`brierScoreLoss: probability ${p} at row ${i} is outside [0, 1]; pass the probability of the positive class`)
    }
    const d = (isPositive[i] !== 0 ? 1 : 0) - p
    total += d * d
  }
  return total / n
}
