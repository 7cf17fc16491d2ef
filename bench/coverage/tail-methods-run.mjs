#!/usr/bin/env node
/**
 * Candidate intervals for MSE / MAE under heavy tails, on every trial (tail-methods.ts).
 *
 *   npx tsc -p bench/coverage/tsconfig.json && nice -n 10 node bench/coverage/tail-methods-run.mjs --n 100,800 --trials 1000 --seed-offset 9000
 *
 * Options: --n, --trials, --laws (normal,t5,t3,lognormal), --seed-offset, --metrics (mse,mae),
 * --methods (comma list of the names below; default all).
 *
 * Branch cov8 (issue 8, over-coverage at n = 800 and 5,000; bench/coverage/README.md, "Over-coverage of
 * MSE and r2 at n = 800 and 5,000") added engine-fast, engine+one-sided and withheld-one-sided (an
 * upper end of +∞ is a one-sided interval), moment-upper (moment-tail.mjs), z-upper, lin-t-upper,
 * mover-lower, max-lower and moon-lower. 2026-12-04 (main): mvrb-upper, -half, -tenth (mvrb-tail.mjs: the
 * bias-reduced Hill index in Peng's bound; README, "A bias-reduced tail index").
 */
import { performance } from 'node:perf_hooks'
import { meanIntervals, methodCells, pengTailMeanInterval } from './.tmp/dist/bench/coverage/tail-methods.js'
import { createRandom, normalQuantile, pengTailUpperBound, studentTQuantile, studentTSurvival } from './.tmp/dist/src/stats/index.js'
import { momentTailMean, pengParts } from './moment-tail.mjs'
import { mvrbUpper } from './mvrb-tail.mjs'
import { loadAverage, percent as pct, readOptions } from './options.mjs'

const { option, list, numbers } = readOptions()
const sizes = numbers('n', '100,800')
const trials = Number(option('trials', '1000'))
const laws = list('laws', 'normal,t5,t3,lognormal')
const seedOffset = Number(option('seed-offset', '9000'))
const metrics = list('metrics', 'mse')
// --law: fresh rows from the error law in every trial, counted against the law's MSE (not the 200,000-row population's)
const fromLaw = process.argv.includes('--law')
const se = (k, m) => (m > 0 ? Math.sqrt(((k / m) * (1 - k / m)) / m) : Number.NaN)

/** Gamma(k, 1)/k quantile (Wilson–Hilferty for chi-square(2k)/2k). */
function gammaOverK(k, p) {
  const nu = 2 * k
  const z = normalQuantile(p)
  return (1 - 2 / (9 * nu) + z * Math.sqrt(2 / (9 * nu))) ** 3
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

/** Peng's log-scale upper bound (Student t on k − 1 df) with the moment estimator's tail index (moment-tail.mjs). */
function momentUpper(values, level, { k = kSqrt(values.length), q = undefined } = {}) {
  const m = momentTailMean(values, k)
  const crit = q ?? studentTQuantile(0.5 + level / 2, k - 1)
  const upper = m.estimate * Math.exp((crit * m.standardError) / m.estimate)
  return { upper: Number.isFinite(upper) ? upper : Number.NaN, gamma: m.gamma }
}

/** The engine's method, and where it withholds (Hill's α̂ ≤ 1), the one-sided [bootstrap-t lower, ∞). */
const engineOneSided = (v, l, c) => engineFast(v, l, c) ?? { lower: c.bootstrapT().lower, upper: Number.POSITIVE_INFINITY }

/** engine-now from the trial's one bootstrap-t (the same seed and resamples as meanIntervals draws), without a second bootstrap. */
function engineFast(v, l, c) {
  const u = pengTailUpperBound(v, l)
  if (!Number.isFinite(u.upper)) return undefined
  const b = c.bootstrapT()
  return { lower: b.lower, upper: Math.max(b.upper, u.upper) }
}

/** The engine's interval with another tail size k(n of the positive terms). */
const engineK = (kOf) => (v, l, c) => {
  let positive = 0
  for (let i = 0; i < v.length; i++) if (v[i] > 0) positive++
  const u = pengTailUpperBound(v, l, kOf(positive))
  if (!Number.isFinite(u.upper)) return undefined
  const b = c.bootstrapT()
  return { lower: b.lower, upper: Math.max(b.upper, u.upper) }
}

/**
 * The lower end of Peng's mean with the tail term's uncertainty from the exact-Pareto interval for
 * α (for a Pareto tail above a fixed threshold, Hill's α/α̂ is Gamma(k, 1)/k), the body's and the
 * threshold's from the delta method, combined by MOVER (Zou & Donner 2008):
 *   L = μ̂ − √((T(α̂) − T(α_hi))² + z²·(Var_body + (t√k/n)²(α̂/(α̂−1))²)),  α_hi = α̂·G_{k,(1+level)/2},
 * T(α) = (k/n)·t·α/(α − 1) (decreasing in α, so α's upper bound gives T's lower). NaN where α̂ ≤ 1.
 */
function moverLower(values, level, k = kSqrt(values.length)) {
  const p = pengParts(values, k)
  const n = p.n
  if (!(p.t > 0) || !(p.alpha > 1)) return Number.NaN
  const z = normalQuantile(0.5 + level / 2)
  const tail = (a) => (k / n) * p.t * (a / (a - 1))
  const est = p.body + tail(p.alpha)
  const aHi = p.alpha * gammaOverK(k, 0.5 + level / 2)
  const sym = z * z * (p.bodyVar / n + ((p.t * Math.sqrt(k)) / n) ** 2 * (p.alpha / (p.alpha - 1)) ** 2)
  return est - Math.sqrt((tail(p.alpha) - tail(aHi)) ** 2 + sym)
}

/**
 * The lower end of an m-out-of-n bootstrap-t (Athreya 1987; Arcones & Giné 1989: consistent for
 * the mean where the variance is infinite, if m → ∞ and m/n → 0; here m = round(n / ln n)):
 * resamples of m rows (uniform with replacement), t* = √m·(x̄*_m − x̄)/s*_m, L = x̄ − q*_{(1+level)/2}·s/√n.
 */
function moonLower(values, level, seed, resamples = 2000) {
  const n = values.length
  const m = Math.round(n / Math.log(n))
  const random = createRandom(seed)
  let mean = 0
  for (let i = 0; i < n; i++) mean += values[i]
  mean /= n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2
  const sd = Math.sqrt(ss / (n - 1))
  const ts = []
  for (let r = 0; r < resamples; r++) {
    let s1 = 0
    let s2 = 0
    for (let j = 0; j < m; j++) {
      const x = values[Math.floor(random.uniform() * n)]
      s1 += x
      s2 += x * x
    }
    const mm = s1 / m
    const v = (s2 - m * mm * mm) / (m - 1)
    if (v > 0) ts.push((Math.sqrt(m) * (mm - mean)) / Math.sqrt(v))
  }
  ts.sort((a, b) => a - b)
  const q = ts[Math.min(ts.length - 1, Math.floor((0.5 + level / 2) * ts.length))]
  return mean - (q * sd) / Math.sqrt(n)
}

const mvrb = (k1Of) => (v, l, c) => {
  const u = mvrbUpper(v, l, k1Of ? { k1Of } : {})
  const b = c.bootstrapT()
  return Number.isFinite(u.upper) ? { lower: b.lower, upper: Math.max(b.upper, u.upper) } : undefined
}

const cov8 = {
  'mvrb-upper': mvrb(),
  'mvrb-upper-half': mvrb((n) => Math.floor(n / 2)),
  'mvrb-upper-tenth': mvrb((n) => Math.floor(n / 10)),
  'moon-lower': (v, l, c) => {
    const e = engineFast(v, l, c)
    return e === undefined ? undefined : { lower: moonLower(v, l, c.seed), upper: e.upper }
  },
  'mover-lower': (v, l, c) => {
    const e = engineFast(v, l, c)
    return e === undefined ? undefined : { lower: moverLower(v, l), upper: e.upper }
  },
  'max-lower': (v, l, c) => {
    const e = engineFast(v, l, c)
    return e === undefined ? undefined : { lower: Math.max(e.lower, moverLower(v, l)), upper: e.upper }
  },
  'engine+one-sided': engineOneSided,
  'engine-fast': engineFast,
  'engine-k04': engineK((n) => Math.max(10, Math.round(n ** 0.4))),
  'engine-k033': engineK((n) => Math.max(10, Math.round(n ** (1 / 3)))),
  'engine-k10': engineK(() => 10),
  'engine-k045': engineK((n) => Math.max(10, Math.round(n ** 0.45))),
  'withheld-one-sided': (v, l, c) => (engineFast(v, l, c) === undefined ? { lower: c.bootstrapT().lower, upper: Number.POSITIVE_INFINITY } : undefined),
  'moment-upper': (v, l, c) => {
    const u = momentUpper(v, l)
    const b = c.bootstrapT()
    return Number.isFinite(u.upper) ? { lower: b.lower, upper: Math.max(b.upper, u.upper) } : undefined
  },
  'moment-upper+one-sided': (v, l, c) => {
    const u = momentUpper(v, l)
    const b = c.bootstrapT()
    return { lower: b.lower, upper: Number.isFinite(u.upper) ? Math.max(b.upper, u.upper) : Number.POSITIVE_INFINITY }
  },
  'z-upper': (v, l, c) => {
    const u = pengLog(v, l)
    const b = c.bootstrapT()
    return u === undefined ? undefined : { lower: b.lower, upper: Math.max(b.upper, u.upper) }
  },
  'lin-t-upper': (v, l, c) => {
    const k = kSqrt(v.length)
    const p = pengTailMeanInterval(v, l, k, 2)
    if (!Number.isFinite(p.upper)) return undefined
    const b = c.bootstrapT()
    return { lower: b.lower, upper: Math.max(b.upper, p.estimate + studentTQuantile(0.5 + l / 2, k - 1) * p.standardError) }
  },
}

const candidates = {
  ...cov8,
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
    const cells = methodCells(law, n, trials, seedOffset, chosen, metrics, fromLaw)
    const seconds = ((performance.now() - start) / 1000).toFixed(0)
    console.log(`\n## regressor-${law}${fromLaw ? ' (against the law)' : ''}, n = ${n}, ${trials} trials (${seconds} s), seed offset ${seedOffset}, load average ${loadAverage()}, ${new Date().toISOString()}`)
    console.log('metric method                     truth   none  cover   SE  below  above  width(median)  flagged: cover of   | kept: cover of')
    for (const c of cells) {
      const med = c.widths.length > 0 ? c.widths[c.widths.length >> 1] : Number.NaN
      console.log(
        `${c.metric.padEnd(6)} ${c.method.padEnd(24)} ${c.truth.toPrecision(5).padStart(7)} ${pct(1 - c.reported / c.trials)} ${pct(c.covered / c.reported)} ${pct(se(c.covered, c.reported))} ${pct(c.below / c.reported)}  ${pct(c.above / c.reported)}  ${med.toPrecision(3).padStart(8)}       ${pct(c.flaggedCovered / c.flaggedReported)} ${String(c.flaggedReported).padStart(4)} | ${pct(c.keptCovered / c.keptReported)} ${String(c.keptReported).padStart(4)}`,
      )
    }
  }
}
