/** Issue 8 (branch cov8): the MSE / r2 prototypes' tail parts and the moment estimator's tail-corrected mean. */
/**
 * The parts of Peng's mean over the k largest of `values` (the prototypes' shared sums): the
 * sorted terms, the threshold t (the (k+1)-th largest), Hill's α̂, the body's mean and variance
 * (sums over the n − k smallest, divided by n), the sample mean and the sample variance.
 */
export function pengParts(values, k) {
  const n = values.length
  const sorted = Float64Array.from(values).sort()
  const t = sorted[n - k - 1]
  let logs = 0
  for (let j = n - k; j < n; j++) logs += Math.log(sorted[j] / t)
  let body = 0
  let squares = 0
  for (let i = 0; i < n - k; i++) {
    body += sorted[i]
    squares += sorted[i] * sorted[i]
  }
  body /= n
  squares /= n
  let mean = 0
  for (let i = 0; i < n; i++) mean += sorted[i]
  mean /= n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2
  return { n, k, t, alpha: k / logs, body, bodyVar: squares - body * body, mean, sampleVar: ss / (n - 1), sorted }
}

/**
 * Issue 8 (branch cov8), prototype: Peng's tail-corrected mean of non-negative terms with the tail
 * index from the moment estimator of Dekkers, Einmahl and de Haan (1989, Ann. Statist. 17,
 * 1833–1855) in place of Hill's. Over the k largest terms above the (k+1)-th largest t, with
 * M_r = (1/k) Σ log(x₍ⱼ₎/t)^r,
 *
 *   γ̂ = M₁ + 1 − ½·(1 − M₁²/M₂)⁻¹,
 *
 * which equals Hill's 1/α̂ = M₁ for an exact Pareto tail (M₂ = 2M₁²) and is smaller for tails
 * lighter than Pareto (≤ 0 in the Gumbel domain: log-normal). α = 1/γ̂. Its asymptotic variance
 * for γ ≥ 0 is (1 + γ²)/k against Hill's γ²/k, so the Hill term of Peng's delta-method variance
 * (t√k/n)²·γ²/(1 − γ)⁴ becomes (t√k/n)²·(1 + γ²)/(1 − γ)⁴; the threshold's term is unchanged.
 * As in Peng's interval: γ̂ ≥ 1, no estimate (a tail whose mean looks infinite); γ̂ < ½ (finite
 * variance), the sample variance of all the terms; γ̂ ≤ 0, the sample mean (no Pareto tail).
 */
export function momentTailMean(values, k) {
  const n = values.length
  const none = { estimate: Number.NaN, standardError: Number.NaN, gamma: Number.NaN, hill: Number.NaN }
  if (!(k >= 2) || k >= n) return none
  const { sorted, t, body, bodyVar, mean, sampleVar } = pengParts(values, k)
  if (!(t > 0)) return none
  let m1 = 0
  let m2 = 0
  for (let j = n - k; j < n; j++) {
    const l = Math.log(sorted[j] / t)
    m1 += l
    m2 += l * l
  }
  m1 /= k
  m2 /= k
  const gamma = m1 + 1 - 0.5 / (1 - (m1 * m1) / m2)
  if (!(gamma < 1)) return { ...none, gamma, hill: 1 / m1 }
  const sampleVariance = sampleVar / n
  if (gamma <= 0) return { estimate: mean, standardError: Math.sqrt(sampleVariance), gamma, hill: 1 / m1 }
  const estimate = body + ((k / n) * t) / (1 - gamma)
  let variance = sampleVariance
  if (gamma >= 0.5) {
    const scale = (t * Math.sqrt(k)) / n
    variance = bodyVar / n + scale * scale * (1 / (1 - gamma) ** 2 + (1 + gamma * gamma) / (1 - gamma) ** 4)
  }
  return { estimate, standardError: Math.sqrt(variance), gamma, hill: 1 / m1 }
}
