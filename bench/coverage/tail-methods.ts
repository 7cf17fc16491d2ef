/**
 * Prototype (issue 8, branch tails): candidate intervals for the mean of squared (and absolute)
 * errors of the regressor populations of simulation.ts, on every trial (not only where the
 * heavy-tail check fires), to find a method that covers at n = 100 under heavy tails without
 * leaving 94–96% at n >= 800. Same population (seed 3) and trial rows (row seed 20,261,202 +
 * offset) as run.mjs, so "engine" reproduces run.mjs's MSE / MAE column.
 *
 * Run by tail-methods-run.mjs.
 */
import { meanIntervals } from '../../src/evaluate/interval-methods.js'
import type { IntervalConfig } from '../../src/evaluate/interval-methods.js'
import type { MeanValues as MeanMetric } from '../../src/model-types/model-type.js'
import { EVALUATE_DEFAULTS } from '../../src/evaluate/options.js'
import { heavyTailCheck } from '../../src/stats/heavy-tail-check.js'
import { createRandom, studentizedMeanIntervals } from '../../src/stats/index.js'
import { pengTailMeanInterval } from '../../src/stats/peng-tail-mean-interval.js'
import type { PengCoverage } from './heavy-tail-mean.js'
import { ERROR_LAWS, regressorColumns } from './simulation.js'

const POPULATION_ROWS = 200_000 // simulation.ts's population size
/** E[e²] of each law (as engine-superpopulation.mjs): t(ν) has ν/(ν − 2); the centred log-normal exp(0.75 Z) − E its variance. */
const LAW_MSE = { normal: 1, t5: 5 / 3, t3: 3, lognormal: Math.exp(0.75 ** 2) * (Math.exp(0.75 ** 2) - 1) }

export interface Bounds {
  lower: number
  upper: number
}

/** A candidate: bounds from the terms, the trial's bootstrap-t bounds (computed once) and whether the check fired. */
export type Candidate = (values: Float64Array, level: number, context: { bootstrapT: () => Bounds; heavy: boolean; seed: number }) => Bounds | undefined

/** One candidate's tallies in one cell: PengCoverage's counts, plus the widths and the split by the check. */
export interface MethodCell extends Pick<PengCoverage, 'metric' | 'truth' | 'trials' | 'reported' | 'covered' | 'below' | 'above'> {
  method: string
  widths: number[]
  /** Coverage split by the check: trials it flags (reported, covered) and the rest. */
  flaggedReported: number
  flaggedCovered: number
  keptReported: number
  keptCovered: number
}

export function methodCells(law: keyof typeof ERROR_LAWS, n: number, trials: number, seedOffset: number, candidates: Record<string, Candidate>, metrics: readonly ('mse' | 'mae')[] = ['mse'], fromLaw = false): MethodCell[] {
  const { targetValues: target, predictedValues: predicted } = fromLaw ? { targetValues: new Float64Array(n), predictedValues: new Float64Array(n) } : regressorColumns(law)
  const term = { mse: (i: number) => (predicted[i] - target[i]) ** 2, mae: (i: number) => Math.abs(predicted[i] - target[i]) }
  const cells: MethodCell[] = []
  const truth: Record<string, number> = {}
  if (fromLaw && (metrics.some((m) => m !== 'mse') || !(law in LAW_MSE))) throw new Error(`--law measures the MSE of ${Object.keys(LAW_MSE).join(', ')} only`)
  for (const metric of metrics) {
    let s = 0
    if (fromLaw) s = LAW_MSE[law as keyof typeof LAW_MSE] * POPULATION_ROWS
    else for (let i = 0; i < POPULATION_ROWS; i++) s += term[metric](i)
    truth[metric] = s / POPULATION_ROWS
    for (const method of Object.keys(candidates)) {
      cells.push({ method, metric, truth: truth[metric], trials, reported: 0, covered: 0, below: 0, above: 0, widths: [], flaggedReported: 0, flaggedCovered: 0, keptReported: 0, keptCovered: 0 })
    }
  }
  const rows = createRandom(20_261_202 + seedOffset)
  // Against the law: n fresh rows from it in every trial, drawn as engine-superpopulation.mjs draws them.
  const lawRandom = createRandom(30_261_202 + seedOffset + n)
  const drawn = new Int32Array(n)
  const values: Record<string, Float64Array> = Object.fromEntries(metrics.map((m) => [m, new Float64Array(n)]))
  for (let t = 0; t < trials; t++) {
    if (fromLaw) {
      for (let i = 0; i < n; i++) {
        predicted[i] = 10 + 2 * lawRandom.normal()
        target[i] = predicted[i] + ERROR_LAWS[law].draw(lawRandom)
        drawn[i] = i
      }
    } else for (let i = 0; i < n; i++) drawn[i] = Math.floor(rows.uniform() * POPULATION_ROWS)
    for (const metric of metrics) for (let i = 0; i < n; i++) values[metric][i] = term[metric](drawn[i])
    const config: IntervalConfig = { level: EVALUATE_DEFAULTS.level, seed: seedOffset + t, resamples: EVALUATE_DEFAULTS.resamples, rowResamples: EVALUATE_DEFAULTS.rowResamples }
    for (const metric of metrics) {
      const v = values[metric]
      const heavy = heavyTailCheck(v).heavy
      let bt: Bounds | undefined
      const bootstrapT = (): Bounds => {
        bt ??= studentizedMeanIntervals([v], config.level, { resamples: config.rowResamples, random: createRandom(config.seed) })[0]
        return bt
      }
      for (const cell of cells) {
        if (cell.metric !== metric) continue
        const b = candidates[cell.method](v, config.level, { bootstrapT, heavy, seed: config.seed })
        // An upper end of +Infinity is a one-sided interval [lower, ∞) (prototype of issue 8's withheld samples).
        if (b === undefined || !Number.isFinite(b.lower) || Number.isNaN(b.upper) || b.upper === Number.NEGATIVE_INFINITY) continue
        const lower = Math.max(0, b.lower)
        cell.reported++
        cell.widths.push(b.upper - lower)
        const covers = lower <= cell.truth && cell.truth <= b.upper
        if (covers) cell.covered++
        else if (b.upper < cell.truth) cell.below++
        else cell.above++
        if (heavy) {
          cell.flaggedReported++
          if (covers) cell.flaggedCovered++
        } else {
          cell.keptReported++
          if (covers) cell.keptCovered++
        }
      }
    }
  }
  for (const c of cells) c.widths.sort((a, b) => a - b)
  return cells
}

export { pengTailMeanInterval, heavyTailCheck, meanIntervals }
export type { MeanMetric }
