/**
 * Prototype for r2_score where the squared errors are heavy-tailed (issue 8, branch r2cov):
 * per trial on the regressor populations of simulation.ts (same population seed and draws; rows
 * from seed 20,261,202 + offset, as run.mjs draws them), the heavy-tail check on the squared
 * errors (the engine's switch), then
 * - on the trials the check flags: `r2TailInterval` (src/stats), the candidate;
 * - on the trials it passes: the engine's `poisson-bootstrap-bca` r2 interval (seed offset + trial,
 *   as run.mjs), unless `bca` is false (its cost is most of a trial at n = 5,000);
 * - on every trial: `r2TailInterval` too (as if it replaced the bootstrap everywhere).
 * Columns in r2-tail-run.mjs.
 */
import { bcaBootstrapIntervals } from '../../src/evaluate/interval-methods.js'
import type { IntervalConfig } from '../../src/evaluate/interval-methods.js'
import { EVALUATE_DEFAULTS } from '../../src/evaluate/options.js'
import { weightedR2 } from '../../src/model-types/regressor/regressor-scope.js'
import { heavyTailCheck } from '../../src/stats/heavy-tail-check.js'
import { createRandom } from '../../src/stats/index.js'
import { r2TailInterval } from '../../src/stats/r2-tail-interval.js'
import { ERROR_LAWS, regressorColumns } from './simulation.js'

const POPULATION_ROWS = 200_000

/** Coverage tallies of one interval over some trials. */
export interface Tally {
  trials: number
  reported: number
  covered: number
  /** Intervals wholly below / above the truth. */
  below: number
  above: number
  widths: number[]
}

/** One cell: the truth, how many trials the check flagged, and the tallies. */
export interface R2TailCell {
  truth: number
  trials: number
  flagged: number
  /** r2TailInterval on the flagged trials. */
  tailOnFlagged: Tally
  /** The engine's BCa on the trials the check passes (empty when not run). */
  bcaOnPassed: Tally
  /** r2TailInterval on every trial. */
  tailOnAll: Tally
}

/** An empty {@link Tally} (also the r2 scripts' tallies: r2-moment-run.mjs, r2-mover-run.mjs). */
export const tally = (): Tally => ({ trials: 0, reported: 0, covered: 0, below: 0, above: 0, widths: [] })

/** Counts one trial's interval (undefined or non-finite: not reported) against `truth`. */
export function record(t: Tally, truth: number, interval: { lower: number; upper: number } | undefined): void {
  t.trials++
  if (interval === undefined || !Number.isFinite(interval.lower) || !Number.isFinite(interval.upper)) return
  t.reported++
  t.widths.push(interval.upper - interval.lower)
  if (interval.upper < truth) t.below++
  else if (interval.lower > truth) t.above++
  else t.covered++
}

/**
 * Variance of each error law (normal 1, t(ν) ν/(ν − 2), log-normal (e^σ² − 1)e^σ² with σ = 0.75,
 * round(1.2 Z) Σ k²·P(round(1.2 Z) = k) = 1.52333… and round(t(3)) 3.0831 by summation, sparse 0.02 · 9): the law's r2 is
 * 1 − v/(4 + v).
 */
const LAW_VARIANCE: Record<keyof typeof ERROR_LAWS, number> = { normal: 1, t5: 5 / 3, t3: 3, lognormal: (Math.exp(0.75 ** 2) - 1) * Math.exp(0.75 ** 2), rounded: 1.5233333333306827, 'rounded-t3': 3.0831, sparse: 0.18 }

/** r2 of the whole population (its first {@link POPULATION_ROWS} rows): the truth the trials' intervals are scored against. */
export function populationR2(target: Float64Array, predicted: Float64Array): number {
  let meanY = 0
  for (let i = 0; i < POPULATION_ROWS; i++) meanY += target[i] / POPULATION_ROWS
  let sse = 0
  let sst = 0
  for (let i = 0; i < POPULATION_ROWS; i++) {
    sse += (target[i] - predicted[i]) ** 2
    sst += (target[i] - meanY) ** 2
  }
  return 1 - sse / sst
}

/**
 * One cell. `law` true: against the law's own r2 (1 − v/(4 + v)), each trial's rows drawn afresh
 * from the law (seed 20,261,202 + offset) instead of from the finite 200,000-row population, whose
 * MSE lacks the law's far tail (t(3): 2.886 against 3).
 */
export function r2TailCell(law: keyof typeof ERROR_LAWS, n: number, trials: number, seedOffset: number, bca = true, againstLaw = false): R2TailCell {
  const { targetValues: target, predictedValues: predicted } = regressorColumns(law)
  const truth = againstLaw ? 1 - LAW_VARIANCE[law] / (4 + LAW_VARIANCE[law]) : populationR2(target, predicted)
  const cell: R2TailCell = { truth, trials, flagged: 0, tailOnFlagged: tally(), bcaOnPassed: tally(), tailOnAll: tally() }
  const rows = createRandom(20_261_202 + seedOffset)
  const yTrue = new Float64Array(n)
  const yPred = new Float64Array(n)
  const squared = new Float64Array(n)
  for (let t = 0; t < trials; t++) {
    let r2Sse = 0
    let mean = 0
    for (let i = 0; i < n; i++) {
      if (againstLaw) {
        yPred[i] = 10 + 2 * rows.normal()
        yTrue[i] = yPred[i] + ERROR_LAWS[law].draw(rows)
      } else {
        const r = Math.floor(rows.uniform() * POPULATION_ROWS)
        yTrue[i] = target[r]
        yPred[i] = predicted[r]
      }
      squared[i] = (yTrue[i] - yPred[i]) ** 2
      r2Sse += squared[i]
      mean += yTrue[i] / n
    }
    const tail = r2TailInterval(yTrue, yPred, EVALUATE_DEFAULTS.level)
    record(cell.tailOnAll, truth, tail)
    if (heavyTailCheck(squared).heavy) {
      cell.flagged++
      record(cell.tailOnFlagged, truth, tail)
    } else if (bca) {
      let r2Sst = 0
      for (let i = 0; i < n; i++) r2Sst += (yTrue[i] - mean) ** 2
      const config: IntervalConfig = { level: EVALUATE_DEFAULTS.level, seed: seedOffset + t, resamples: EVALUATE_DEFAULTS.resamples, rowResamples: EVALUATE_DEFAULTS.rowResamples }
      const r2 = weightedR2(yTrue, yPred)
      record(cell.bcaOnPassed, truth, bcaBootstrapIntervals(n, { r2_score: 1 - r2Sse / r2Sst }, (w) => ({ r2_score: r2(w) }), config).r2_score)
    }
  }
  return cell
}
