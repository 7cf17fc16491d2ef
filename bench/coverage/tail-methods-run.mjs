#!/usr/bin/env node
/**
 * Candidate intervals for MSE / MAE under heavy tails, on every trial (tail-methods.ts).
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/tail-methods-run.mjs --n 100,800 --trials 1000 --seed-offset 9000
 *
 * Options: --n, --trials, --laws (normal,t5,t3,lognormal), --seed-offset, --metrics (mse,mae),
 * --methods (comma list of the names below; default all).
 */
import { performance } from 'node:perf_hooks'
import { meanIntervals, methodCells, pengTailMeanInterval } from './.tmp/dist/bench/coverage/tail-methods.js'
import { normalQuantile, pengTailUpperBound, studentTSurvival } from './.tmp/dist/src/stats/index.js'
import { loadAverage, percent as pct, readOptions } from './options.mjs'

const { option, list, numbers } = readOptions()
const sizes = numbers('n', '100,800')
const trials = Number(option('trials', '1000'))
const laws = list('laws', 'normal,t5,t3,lognormal')
const seedOffset = Number(option('seed-offset', '9000'))
const metrics = list('metrics', 'mse')
const se = (k, m) => (m > 0 ? Math.sqrt(((k / m) * (1 - k / m)) / m) : Number.NaN)

/** Gamma(k, 1)/k quantile (Wilson–Hilferty for chi-square(2k)/2k). */
function gammaOverK(k, p) {
  const nu = 2 * k
  const z = normalQuantile(p)
  return (1 - 2 / (9 * nu) + z * Math.sqrt(2 / (9 * nu))) ** 3
}

function pengParts(values, k) {
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

const kSqrt = (n) => Math.max(10, Math.round(Math.sqrt(n)))

/**
 * MOVER combination (Zou & Donner) of the tail term's exact-Pareto bounds on α (Hill's 1/α̂ is a
 * Gamma(k)/k multiple of 1/α) with the body's and threshold's normal parts.
 */
function mover(values, level, { k = kSqrt(values.length), floor = 1, switchFrom = Infinity, oneSidedUpper = false } = {}) {
  const p = pengParts(values, k)
  const n = p.n
  if (!(p.t > 0)) return undefined
  const z = normalQuantile(0.5 + level / 2)
  const alpha = Math.max(p.alpha, floor)
  if (!(alpha > 1)) return undefined
  if (alpha >= switchFrom) {
    const h = z * Math.sqrt(p.sampleVar / n)
    return { lower: p.mean - h, upper: p.mean + h }
  }
  const tail = (a) => (k / n) * p.t * (a / (a - 1))
  const est = p.body + tail(alpha)
  const tailLevel = oneSidedUpper ? level : 0.5 + level / 2
  const aLo = Math.max(alpha * gammaOverK(k, 1 - tailLevel), floor)
  const aHi = alpha * gammaOverK(k, tailLevel)
  if (!(aLo > 1)) return undefined
  const sym = z * z * (p.bodyVar / n + ((p.t * Math.sqrt(k)) / n) ** 2 * (alpha / (alpha - 1)) ** 2)
  return { lower: est - Math.sqrt((tail(alpha) - tail(aHi)) ** 2 + sym), upper: est + Math.sqrt((tail(aLo) - tail(alpha)) ** 2 + sym) }
}

const peng = (values, level, sv = 2) => {
  const b = pengTailMeanInterval(values, level, undefined, sv)
  return Number.isFinite(b.upper) ? b : undefined
}

/** Peng's interval on the log scale: est·exp(±z·sd/est) (delta method for log μ̂). */
const pengLog = (values, level, sv = 2, k = undefined) => {
  const b = pengTailMeanInterval(values, level, k, sv)
  if (!Number.isFinite(b.upper)) return undefined
  const z = normalQuantile(0.5 + level / 2)
  const sd = (b.upper - b.estimate) / z
  const cv = sd / b.estimate
  return { lower: b.estimate * Math.exp(-z * cv), upper: b.estimate * Math.exp(z * cv) }
}

/**
 * Peng's estimate with an empirical Hill variance (the log-excesses' sample variance s_L² in place
 * of the Pareto's 1/α²): Var ≈ body/n + (t√k/n)²·[(α/(α−1))² + α⁴·s_L²/(α−1)⁴]; `log`: on the log
 * scale; `switchFrom`: sample variance of all terms where α̂ ≥ it.
 */
function pengEmp(values, level, { log = true, switchFrom = 2, k = kSqrt(values.length) } = {}) {
  const p = pengParts(values, k)
  const n = p.n
  if (!(p.t > 0) || !(p.alpha > 1)) return undefined
  const z = normalQuantile(0.5 + level / 2)
  const alpha = p.alpha
  let sl = 0
  for (let j = n - k; j < n; j++) sl += (Math.log(p.sorted[j] / p.t) - 1 / alpha) ** 2
  sl /= k - 1
  const est = p.body + (k / n) * p.t * (alpha / (alpha - 1))
  let variance
  if (alpha >= switchFrom) variance = p.sampleVar / n
  else {
    const scale = (p.t * Math.sqrt(k)) / n
    variance = p.bodyVar / n + scale * scale * ((alpha / (alpha - 1)) ** 2 + (alpha ** 4 * sl) / (alpha - 1) ** 4)
  }
  const sd = Math.sqrt(variance)
  if (!log) return { lower: est - z * sd, upper: est + z * sd }
  return { lower: est * Math.exp((-z * sd) / est), upper: est * Math.exp((z * sd) / est) }
}

const hybAll = (kOf) => (v, l, c) => {
  const u = pengLog(v, l, 2, kOf(v.length))
  const b = c.bootstrapT()
  return u === undefined ? undefined : { lower: b.lower, upper: Math.max(b.upper, u.upper) }
}

/** Student t quantile (bisection on the survival function). */
function tQuantile(p, df) {
  let lo = 0
  let hi = 50
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (studentTSurvival(mid, df) > 1 - p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** hyb-all with Student t(k − 1) in place of z in Peng's log-scale upper end. */
const hybT = (v, l, c) => {
  const k = kSqrt(v.length)
  const b0 = pengTailMeanInterval(v, l, k, 2)
  if (!Number.isFinite(b0.upper)) return undefined
  const z = normalQuantile(0.5 + l / 2)
  const q = tQuantile(0.5 + l / 2, k - 1)
  const cv = (b0.upper - b0.estimate) / z / b0.estimate
  const b = c.bootstrapT()
  return { lower: b.lower, upper: Math.max(b.upper, b0.estimate * Math.exp(q * cv)) }
}

/** The engine as built: meanIntervals with the squared errors' flags (studentized-tail-upper from 100 rows). */
const engineNow = (v, l, c) => meanIntervals([{ name: 'm', values: v, nonNegative: true, tailExtrapolation: true, tailUpperBound: true }], { level: l, seed: c.seed, resamples: 0, rowResamples: 2000 })['m']

/** The adopted method with mean ± z·se in place of the bootstrap-t (a cheap proxy at n = 5,000, where the two agree for light tails). */
const hybNormalProxy = (v, l) => {
  const p = pengParts(v, kSqrt(v.length))
  const h = normalQuantile(0.5 + l / 2) * Math.sqrt(p.sampleVar / v.length)
  const u = pengTailUpperBound(v, l)
  return Number.isFinite(u.upper) ? { lower: p.mean - h, upper: Math.max(p.mean + h, u.upper) } : undefined
}

const candidates = {
  'adopted-normal-proxy': hybNormalProxy,
  'normal-interval': (v, l) => {
    const p = pengParts(v, kSqrt(v.length))
    const h = normalQuantile(0.5 + l / 2) * Math.sqrt(p.sampleVar / v.length)
    return { lower: p.mean - h, upper: p.mean + h }
  },
  'engine-now': engineNow,
  'hyb-all-t': hybT,
  'hyb-all-k15': hybAll((n) => Math.max(15, Math.round(Math.sqrt(n)))),
  'hyb-all-k20': hybAll((n) => Math.max(20, Math.round(Math.sqrt(n)))),
  'hyb-all-k2sqrt': hybAll((n) => Math.max(10, Math.round(2 * Math.sqrt(n)))),
  'hyb-flagged': (v, l, c) => {
    if (!c.heavy) return c.bootstrapT()
    const u = pengLog(v, l)
    return u === undefined ? undefined : { lower: c.bootstrapT().lower, upper: u.upper }
  },
  'hyb-all': (v, l, c) => {
    const u = pengLog(v, l)
    const b = c.bootstrapT()
    return u === undefined ? undefined : { lower: b.lower, upper: Math.max(b.upper, u.upper) }
  },
  'emp-flagged': (v, l, c) => (c.heavy ? pengEmp(v, l, { log: false }) : c.bootstrapT()),
  'emp-log-flagged': (v, l, c) => (c.heavy ? pengEmp(v, l) : c.bootstrapT()),
  'emp-log-all': (v, l) => pengEmp(v, l),
  'peng-log-all': (v, l) => pengLog(v, l),
  'peng-log-flagged': (v, l, c) => (c.heavy ? pengLog(v, l) : c.bootstrapT()),
  'mover-flagged-sw2': (v, l, c) => (c.heavy ? mover(v, l, { switchFrom: 2 }) : c.bootstrapT()),
  engine: (v, l, c) => (c.heavy ? (v.length >= 100 ? peng(v, l) : undefined) : c.bootstrapT()),
  bt: (v, l, c) => c.bootstrapT(),
  'peng-all': (v, l) => peng(v, l),
  'peng-plain-all': (v, l) => peng(v, l, Infinity),
  'mover-all': (v, l) => mover(v, l),
  'mover-all-sw2': (v, l) => mover(v, l, { switchFrom: 2 }),
  'mover-flagged': (v, l, c) => (c.heavy ? mover(v, l) : c.bootstrapT()),
  'max-upper': (v, l, c) => {
    const b = c.bootstrapT()
    const m = mover(v, l)
    if (m === undefined) return undefined
    return { lower: b.lower, upper: Math.max(b.upper, m.upper) }
  },
  'max-upper-flagged-or-bt': (v, l, c) => {
    const b = c.bootstrapT()
    const m = mover(v, l)
    if (c.heavy) return m
    return m === undefined ? b : { lower: b.lower, upper: Math.max(b.upper, m.upper) }
  },
}
const methods = list('methods', Object.keys(candidates).join(','))
const chosen = Object.fromEntries(methods.map((m) => [m, candidates[m]]))

for (const law of laws) {
  for (const n of sizes) {
    const start = performance.now()
    const cells = methodCells(law, n, trials, seedOffset, chosen, metrics)
    const seconds = ((performance.now() - start) / 1000).toFixed(0)
    console.log(`\n## regressor-${law}, n = ${n}, ${trials} trials (${seconds} s), seed offset ${seedOffset}, load average ${loadAverage()}, ${new Date().toISOString()}`)
    console.log('metric method                     truth   none  cover   SE  below  above  width(median)  flagged: cover of   | kept: cover of')
    for (const c of cells) {
      const med = c.widths.length > 0 ? c.widths[c.widths.length >> 1] : Number.NaN
      console.log(
        `${c.metric.padEnd(6)} ${c.method.padEnd(24)} ${c.truth.toPrecision(5).padStart(7)} ${pct(1 - c.reported / c.trials)} ${pct(c.covered / c.reported)} ${pct(se(c.covered, c.reported))} ${pct(c.below / c.reported)}  ${pct(c.above / c.reported)}  ${med.toPrecision(3).padStart(8)}       ${pct(c.flaggedCovered / c.flaggedReported)} ${String(c.flaggedReported).padStart(4)} | ${pct(c.keptCovered / c.keptReported)} ${String(c.keptReported).padStart(4)}`,
      )
    }
  }
}
