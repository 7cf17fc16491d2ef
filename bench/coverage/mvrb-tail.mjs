/** Issue 8 prototype: the minimum-variance reduced-bias Hill index (Caeiro, Gomes & Pestana 2005) in Peng's upper bound. */
import { studentTQuantile } from './.tmp/dist/src/stats/index.js'
import { pengParts } from './moment-tail.mjs'

/** ρ̂ (Fraga Alves, Gomes & de Haan 2003, τ = 0) and β̂ (Gomes & Martins 2002) at k1 of the ascending `sorted`. */
export function secondOrder(sorted, k1) {
  const n = sorted.length
  const t = Math.log(sorted[n - k1 - 1])
  let m1 = 0, m2 = 0, m3 = 0
  for (let i = 1; i <= k1; i++) {
    const l = Math.log(sorted[n - i]) - t
    m1 += l; m2 += l * l; m3 += l * l * l
  }
  m1 /= k1; m2 /= k1; m3 /= k1
  const T = (Math.log(m1) - 0.5 * Math.log(m2 / 2)) / (0.5 * Math.log(m2 / 2) - Math.log(m3 / 6) / 3)
  const rho = -Math.abs((3 * (T - 1)) / (T - 3))
  const d = (a) => { let s = 0; for (let i = 1; i <= k1; i++) s += (i / k1) ** (a - 1); return s / k1 }
  const D = (a) => { let s = 0; for (let i = 1; i <= k1; i++) s += (i / k1) ** (a - 1) * i * (Math.log(sorted[n - i]) - Math.log(sorted[n - i - 1])); return s / k1 }
  const beta = (k1 / n) ** rho * (d(rho) * D(0) - D(rho)) / (d(rho) * D(rho) - D(2 * rho))
  return { rho, beta }
}

/** Peng's log-scale upper bound (t on k − 1 df) with α = 1 / MVRB-Hill. */
export function mvrbUpper(values, level, { k = Math.max(10, Math.round(Math.sqrt(values.length))), k1Of = (n) => Math.floor(n ** 0.999) } = {}) {
  const p = pengParts(values, k)
  const n = p.n
  if (!(p.t > 0)) return { upper: NaN }
  let positives = 0
  for (const x of p.sorted) if (x > 0) positives++
  const k1 = Math.min(k1Of(positives), positives - 2)
  const { rho, beta } = secondOrder(p.sorted, k1)
  const hill = 1 / p.alpha
  const gamma = hill * (1 - (beta / (1 - rho)) * (n / k) ** rho)
  const alpha = 1 / gamma
  if (!(alpha > 1)) return { upper: NaN, rho, beta, alpha }
  const est = p.body + (k / n) * p.t * (alpha / (alpha - 1))
  let variance
  if (alpha >= 2) variance = p.sampleVar / n
  else {
    const scale = (p.t * Math.sqrt(k)) / n
    variance = p.bodyVar / n + scale * scale * ((alpha / (alpha - 1)) ** 2 + alpha ** 2 / (alpha - 1) ** 4)
  }
  const se = Math.sqrt(variance)
  const q = studentTQuantile(0.5 + level / 2, k - 1)
  const upper = est * Math.exp((q * se) / est)
  return { upper: Number.isFinite(upper) ? upper : NaN, rho, beta, alpha, hillAlpha: p.alpha }
}
