/**
 * The one paired test of one metric on one scope (all rows, or a slice's rows) between model A
 * and model B scored on the same examples. Which test a metric gets comes from the metric
 * engine's description (`metricComparison`, `sameHypothesisAs` in src/metrics):
 *
 * | kind | test |
 * | --- | --- |
 * | correctness (accuracy) | exact conditional McNemar (binomial) on the rows one model got right and the other wrong |
 * | label-counts (precision, recall, F1, ...) | permutation of the two models' labels over the rows where they differ |
 * | mean-of-terms (log_loss, brier, MAE, MSE, MAPE) | paired mean of per-example differences: the larger p of a sign-flip test and Hall's skewness-corrected t |
 * | ranking-auc (roc_auc) | paired DeLong (one-vs-rest averaged as the engine averages it) |
 * | recompute (PR AUC, r², RMSE, max error, custom) | paired Poisson resampling recomputing the metric |
 *
 * The tested quantity is how much A is better than B (in the metric's better direction) and the
 * null is "by at most `margin`": a baseline passes A = baseline, B = current, margin = tolerance
 * (a small p means the drop is significantly larger than the tolerance); `toOutperform` passes
 * A = candidate, B = other, margin = margin.
 */
import { classificationMetricsFromCounts, isBuiltinMetric, metricComparison, multiclassRocAuc, perExampleTerms, rocAucFromSplitScores, sameHypothesisAs, type ClassificationOptions, type TermInputs } from '../metrics/index.js'
import { expandWeights } from '../model-types/gather-rows.js'
import { exactMcNemarTest, pairedDeLongTest, pairedMeanDifferenceTest, pairedOvrDeLongTest, pairedPermutationTest, pairedResampleTest, pairedSignFlipTest } from './kernels.js'
import { createRandom, monteCarloDrawCount } from '../stats/index.js'
import type { ModelOutputs, PairedData, RowExchange } from './paired-data.js'
import { rowScoresTest } from './paired-row-scores.js'

/**
 * Above this many rows in a scope, the resampling test (which recomputes the metric for both
 * models on every draw) is not run and the verdict falls back to the unpaired test, saying so:
 * a classifier draw re-ranks the probabilities (about 1-3 ms at 10,000 rows), a regressor draw
 * is one pass over the errors.
 */
export const RESAMPLE_MAX_ROWS: Readonly<Record<'classifier' | 'regressor', number>> = { classifier: 10_000, regressor: 20_000 }

/** The names the verdict rows show for each test. */
export type PairedTestName = 'mcnemar-exact' | 'paired-permutation' | 'paired-mean' | 'paired-delong' | 'paired-resample'

/**
 * A mean's per-row differences sign·(a − b) under a relative margin r (`relativeMargin`): minus
 * r·s·a (s the sign of A's mean), tested at a margin of 0; unchanged without one.
 * @example relativeTerms(Float64Array.of(-0.1), Float64Array.of(1), { valueA: 1, margin: 0.05, relativeMargin: 0.05 }).differences // [-0.15]
 */
function relativeTerms<R extends Pick<PairedMetricRequest, 'valueA' | 'margin' | 'relativeMargin'>>(differences: Float64Array, termsA: ArrayLike<number>, request: R): { differences: Float64Array; request: R } {
  const share = request.relativeMargin
  if (share === undefined) return { differences, request }
  const scale = share * (request.valueA < 0 ? -1 : 1)
  return { differences: Float64Array.from(differences, (d, i) => d - scale * termsA[i]!), request: { ...request, margin: 0 } }
}

/** One metric's paired test request. */
export interface PairedMetricRequest {
  metric: string
  /** Row indices of the scope (null: every row); `scopeKey` names them for caching. */
  rows: Int32Array | null
  scopeKey: string
  /** The values compared (A's and B's), checked against what the per-example outputs give. */
  valueA: number
  valueB: number
  greaterIsBetter: boolean
  margin: number
  /**
   * The margin as a share r of A's value (`minRelativeChange`; `margin` is then r·|valueA|). The
   * tests of a mean then test the per-row terms sign·(a − b) − r·s·a at a margin of 0 (s the sign
   * of valueA), so the baseline's own noise, which moves the allowed drop with it, is in the test
   * (adversarial pass 52: taken as a constant, a log loss at the boundary of its relative allowance
   * failed 10.3% of 400 samples at 0.05, and 5.25% at the same absolute tolerance); the other
   * tests take `margin` as a constant.
   */
  relativeMargin?: number
  /**
   * The strictest level the p-value will be compared with (alpha / m at Holm's first step): the
   * Monte Carlo tests draw enough that their resolution is below it.
   */
  alpha: number
  /**
   * Monte Carlo draws of the permutation test (default the kernel's, max(2,000, 20 / alpha));
   * every swap is enumerated instead when 2^rows-that-differ is at most this.
   */
  permutationDraws?: number
  /**
   * Draws of the resampling test (each recomputes the metric for both models, so it is the
   * costly one); default the kernel's, max(2,000, 20 / alpha).
   */
  resampleDraws?: number
  /**
   * Draws the resampling test goes on to when the drop lies beyond every one of its first
   * `resampleDraws` (sized by the caller so the floor reaches Holm's first step over a large family).
   */
  resampleMaxDraws?: number
  /**
   * The most lenient level the p-value will be compared with (the family's alpha, Holm's last
   * step): the resampling test stops drawing once its p-value is surely above it. Default: none.
   */
  largestLevel?: number
  /**
   * Leave the recomputing exchange test of a resampled metric to the caller (`refine` of the
   * result): a family's Holm step-down runs it only for the hypotheses it would reject on the
   * resampling p alone ({@link refinedHolm}). Default: run it here.
   */
  deferExchangeTest?: boolean
  seed: number
}

export type PairedMetricResult =
  | {
      p: number
      test: PairedTestName
      sameAs?: string
      /** McNemar: rows only A got right, rows only B got right. */
      discordant?: { aOnly: number; bOnly: number }
      /** Permutation: rows whose predicted labels differ. */
      differingRows?: number
      /**
       * Resampling above the row cap: the rows the test ran on (a seeded sample), of the scope's
       * `of`, and B's value minus A's on them (`change`; its sign may differ from the scope's).
       */
      subsample?: { rows: Int32Array; of: number; change: number }
      /** Resampling a custom metric from both models' labels alone: the baseline stores no probabilities (`customWithoutProbabilitiesOf`). */
      withoutProbabilities?: true
      /** Monte Carlo draws (permutation, resampling). */
      draws?: number
      /**
       * How many rows carry the change: the rows that differ (McNemar, permutation), else the
       * participation ratio (sum |d|)^2 / sum d^2 of the per-row changes d (the differences of the
       * per-example terms or scores; for resampled metrics, of the squared errors, probabilities or
       * labels), which is the count of differing rows when they change alike and about 4 when four
       * rows move by 10^6 and the rest by 0.001; for the resampling test, the participation ratio
       * of the rows' effects when their outputs are exchanged between the models, where it can tell
       * (`rowsCarryingChange`). Absent for DeLong's test.
       */
      effectiveRows?: number
      /**
       * 2^-k for the k rows that carry the change ({@link effectiveRows}): the smallest p-value an
       * exact paired test can give where k counts the rows that differ (McNemar, permutation).
       * Where k is a participation ratio (the paired mean; resampling) it is not a bound but the
       * scale the "too few rows carry the change" warning reads: a mean of 7 rows worse by 20, 1,
       * 1, 1, 1, 1, 1 (k = 1.7, 2^-k = 0.31) gets p = 0.027 from the paired-mean rule, and the same
       * rows each worse by 1 get 2^-7 (white-box review 55, F4). Both tests are scale-free, so a
       * change of one shape made larger keeps its p: the warning is printed only where the test did
       * not reject. Poisson resampling has no exact floor (about e^-k from the draws that miss every
       * such row) and is held to the same 2^-k. Absent for DeLong's test.
       */
      smallestP?: number
      /**
       * The single exchanges' floor where the scope's differing rows were exchanged in blocks
       * (`exchangeFloor`): how many blocks, the floor, and, where every block that moves the
       * metric moves it the way it changed, how many do (the floor is then 2^-oneWay). Rows
       * carrying the change that share a block count once, so the floor can stay above a level
       * that the rows' count would reach. `applied`: what the floor made of it, over its share of
       * the level where the recomputing test ran ({@link RECOMPUTING_SHARE}), else as it is; set
       * when the p is (for a deferred test, again when `refine()` runs).
       */
      blockFloor?: { blocks: number; floor: number; oneWay?: number; charge?: BlockCharge; applied?: number }
      /**
       * A resampled metric whose recomputing exchange test was left to the caller
       * (`deferExchangeTest`): `p` is the resampling test's p held at the single exchanges' floor
       * (a p-value of its own), `lowerP` the resampling test's p alone (at most whatever the
       * exchange test makes of it), and `refine()` runs the exchange test and returns the p the
       * test gives when it runs it itself (at least `lowerP`; it may be above or below `p`).
       */
      deferred?: { lowerP: number; refine: () => number }
    }
  | {
      unavailable: string
      /**
       * No test can judge the change on these rows, however large: an AUC whose class has one row
       * in the scope (DeLong's variance needs two of each), or a mean of fewer than 2 rows. The
       * gate reports such a drop as untested, not as a failure on point estimates.
       */
      tooFew?: true
    }

/**
 * How many of `changes` carry their sum: (sum |d|)^2 / sum d^2, the count of the non-zero ones
 * when they are equal, near the count of the large ones when a few dominate; 0 when all are 0.
 * @example participationRatio(Float64Array.of(1e6, 1e6, 0.001, 0)) // about 2
 */
export function participationRatio(changes: ArrayLike<number>): number {
  // Scaled by the largest, so that squares of 10^12 stay finite.
  let largest = 0
  for (let i = 0; i < changes.length; i++) largest = Math.max(largest, Math.abs(changes[i]))
  if (!(largest > 0) || !Number.isFinite(largest)) return largest > 0 ? 1 : 0
  let sum = 0
  let squares = 0
  for (let i = 0; i < changes.length; i++) {
    const d = Math.abs(changes[i]) / largest
    sum += d
    squares += d * d
  }
  return (sum * sum) / squares
}

/** Whether a value recomputed from the per-example outputs is the compared one (relative `tolerance`). */
function agrees(recomputed: number, expected: number, tolerance: number): boolean {
  return Math.abs(recomputed - expected) <= tolerance * Math.max(1, Math.abs(expected))
}

function gather<T extends Int32Array | Float64Array | Uint8Array>(values: T, rows: Int32Array | null): T {
  if (rows === null) return values
  const out = new (values.constructor as new (n: number) => T)(rows.length)
  for (let j = 0; j < rows.length; j++) out[j] = values[rows[j]]
  return out
}

function gatherMatrix(values: Float64Array, k: number, rows: Int32Array | null): Float64Array {
  if (rows === null) return values
  const out = new Float64Array(rows.length * k)
  for (let j = 0; j < rows.length; j++) for (let c = 0; c < k; c++) out[j * k + c] = values[rows[j] * k + c]
  return out
}

/**
 * The rows of each side the AUC compares among `target`: binary (`posIndex`) the positives and the
 * negatives, each with the class that stands for it (the positive class, a negative row's class);
 * else each of the `k` classes.
 */
function aucSides(target: Int32Array, k: number, posIndex: number | undefined): Array<{ rows: number; class: number }> {
  const counts = new Int32Array(k)
  for (let i = 0; i < target.length; i++) counts[target[i]!]++
  if (posIndex === undefined) return Array.from(counts, (rows, c) => ({ rows, class: c }))
  const negative = target.find((c) => c !== posIndex) ?? posIndex
  return [{ rows: counts[posIndex]!, class: posIndex }, { rows: target.length - counts[posIndex]!, class: negative }]
}

/**
 * The class (an index) of the AUC's side ({@link aucSides}) with exactly one row, when every side
 * has a row: binary the positive or the negative side, else any class; undefined when none has one
 * row, or a side has none (the AUC is then undefined).
 */
function singleRowClass(sides: ReadonlyArray<{ rows: number; class: number }>): number | undefined {
  if (sides.some((side) => side.rows === 0)) return undefined
  return sides.find((side) => side.rows === 1)?.class
}

/**
 * The fewest rows of the AUC's smallest class (binary: positives or negatives; one-vs-rest: any
 * class) for DeLong's normal limit; below, the exchange permutation test (`aucExchangeTest`).
 * DeLong's size under exchangeable re-trains (`bench/gate/auc-small-class-size.mjs`, 20,000
 * exchanges per cell) at 0.05 / 0.0025 / 0.001: 0.8 / 4.8 / 9.7 x alpha with 2 positives in 30
 * rows, 1.05 / 1.5 / 2.1 x with 4 in 100, 1.1 / 0.6 / 0.7 x with 10 in 100, 1.1 / 1.0 / 0.9 x with
 * 15 in 200; the exchange test's at most 1.05 x (within its noise) where it runs. At 20 the
 * few-rows classifier (240 rows, 4 slices, 3 classes of about 20 rows a slice: one-vs-rest DeLong
 * conservative there) failed 18 of 500 unchanged re-trains against 13, at its exact size, and the
 * gate took 1.4 times as long on 100 slices of 60 rows; from 10 rows DeLong is within 10% of its
 * level, so the exchange test is kept to the classes where DeLong is far off.
 */
const DELONG_MIN_CLASS_ROWS = 10


/**
 * Up to this many rows with differing outputs, each is checked for whether it carries the
 * change (two recomputations a row); above, the carrying rows are found by halving.
 */
const MAX_CARRYING_CHECKS = 40

/**
 * Texts (rows, both models, per exchange) a comparison copies at most for exchanges that only
 * count the rows carrying a change for the warning: a text type's outputs are new arrays on every
 * exchange (they are read through caches keyed by the array), unlike the typed columns a
 * {@link RowExchange} rewrites in place. About half a second.
 */
const WARNING_TEXT_COPY_BUDGET = 4e8

/**
 * Values (scope rows x classes, both models, per draw, and {@link EXCHANGE_DRAW_OVERHEAD} a draw)
 * the exchange tests of one comparison may recompute ({@link PairedComparison.exchangeTest}):
 * 5 to 7 seconds (a custom metric over a 10,000-row, 10-class table: 3 to 5 ns a value). A test
 * that would go over falls back to the floor from the rows' single exchanges
 * (`rowsCarryingChange`): 275 failing slices of 36 rows each would add a minute or more. A broken
 * entry of 100 slices of 60 rows with a custom metric spends it all: 14.7 s against 7.6 s
 * (bench/gate/many-hypotheses-timing.mjs; 3e9 took 1.9 times as long too).
 */
const EXCHANGE_TEST_BUDGET = 1e9

/**
 * What a scope's block is charged for beyond its rows: the built-in metrics of each class, the
 * custom metrics' calls, or those calls and the classes some of them read (the probabilities or
 * the built-ins).
 */
export type BlockCharge = 'classes' | 'custom metrics' | 'custom reads'

/**
 * The recomputing exchange test's share of a resampled metric's floor, a weighted Bonferroni
 * over the two tests: the floor is the smaller of its p over 1/3 and the single exchanges' p over
 * 2/3. The single exchanges' floor is exact at any 2^-k; the recomputing test's p is a Monte Carlo
 * one, never below 1 / (1 + its draws) (about 5e-4 for 2,000), and a third of Holm's first level
 * over 28 hypotheses (0.0018) is still above that. Halves, the rule before, held 10 rows all one
 * way (2^-10, doubled 0.0020) above that level: 9 cancel tickets missed among 40 key accounts and
 * a row of re-training noise with them passed (adversarial pass 50, F1). Measured in
 * bench/gate/README.md ("Custom metrics charged for what they read").
 */
export const RECOMPUTING_SHARE = 1 / 3

/** The recomputing exchange test's draws at most (where Holm's strictest level asks for more, within its budget). */
const EXCHANGE_MAX_DRAWS = 200_000

/** A draw's fixed cost in values: a custom metric's table and call for both models, about 50 µs (36 rows: 55 µs a draw). */
const EXCHANGE_DRAW_OVERHEAD = 10_000

/** The exchange test's Monte Carlo stops once this many draws reached the change (p = 20 / draws). */
const EXCHANGE_STOP_AFTER = 20

/** Both models' metrics on each resample (or exchange) of one scope, kept for the scope's other metrics. */
type DrawCache = { a: Array<Record<string, number>>; b: Array<Record<string, number>> }

/** The paired tests of one comparison, with what they share cached per scope. */
export class PairedComparison {
  private readonly resampleCache = new Map<string, DrawCache>()
  private readonly exchangeCache = new Map<string, DrawCache>()
  /** Both models' metrics with one block (or row) of a scope's differing rows exchanged, kept for the scope's other metrics. */
  private readonly singleExchangeCache = new Map<string, { a: Record<string, number>; b: Record<string, number> }>()
  /** Values the exchange tests may still recompute ({@link EXCHANGE_TEST_BUDGET}). */
  private exchangeTestBudget: number
  /** Texts the exchanges done only for a warning's count may still copy ({@link WARNING_TEXT_COPY_BUDGET}). */
  private warningTextCopyBudget = WARNING_TEXT_COPY_BUDGET

  /** {@link differingCount}'s counts by scope: every output [0], labels alone [1]. */
  private readonly differingCounts = [new Map<Int32Array | null, number | undefined>(), new Map<Int32Array | null, number | undefined>()] as const

  /** Values one scope's single exchanges may recompute ({@link SINGLE_EXCHANGE_WORK}, shared by the comparison's scopes). */
  private readonly singleExchangeWork: number

  /**
   * `exchangeTestBudget`: values the exchange tests may recompute (default {@link EXCHANGE_TEST_BUDGET});
   * `scopes`: how many scopes (every row, each slice) the comparison may test, known before any
   * test (default 1), which share {@link SINGLE_EXCHANGE_TOTAL}.
   */
  constructor(
    readonly data: PairedData,
    options: { exchangeTestBudget?: number; scopes?: number } = {},
  ) {
    this.exchangeTestBudget = options.exchangeTestBudget ?? EXCHANGE_TEST_BUDGET
    this.singleExchangeWork = Math.min(SINGLE_EXCHANGE_WORK, SINGLE_EXCHANGE_TOTAL / Math.max(1, options.scopes ?? 1))
  }

  /** The test one metric gets, ignoring the data available: what a verdict row names before it runs. */
  static testName(metric: string, averaging: { average: PairedData['average']; binary: boolean }): PairedTestName | undefined {
    const same = sameHypothesisAs(metric, averaging)
    const kind = metricComparison(same ?? metric).kind
    return kind === 'correctness' ? 'mcnemar-exact' : kind === 'label-counts' ? 'paired-permutation' : kind === 'mean-of-terms' || kind === 'mean-of-scores' ? 'paired-mean' : kind === 'ranking-auc' ? 'paired-delong' : kind === 'recompute' ? 'paired-resample' : undefined
  }

  /** Runs the paired test of `request`, or says why there is none. */
  test(request: PairedMetricRequest): PairedMetricResult {
    const result = this.run(request)
    if (!('p' in result) || result.test === 'paired-delong') return result
    const rows = result.discordant ? result.discordant.aOnly + result.discordant.bOnly : (result.differingRows ?? result.effectiveRows ?? this.effectiveRows(request))
    if (rows === undefined) return result
    return { ...result, effectiveRows: rows, smallestP: 2 ** -rows }
  }

  /**
   * How many rows carry the change, and the floor from the rows' single exchanges under a
   * recomputed metric's p-value (with the exchange test itself, {@link exchangeTest}, where that
   * runs: the two weighed by {@link RECOMPUTING_SHARE}). A resampling test has no floor of its own: where one or two rows carry
   * the change, its p-value collapses. The exact test exchanges the two models' outputs row by row, so a row
   * carries the change as far as exchanging its outputs moves the two runs' difference; only rows
   * whose stored outputs differ can ({@link rowsWithOutputsDiffering}). Each row's (or block's)
   * effect is half what the difference loses when its outputs are exchanged (for a mean, its share
   * of the change), and the floor is the exchange test's p-value on those effects
   * (the paired mean's sign-flip test, {@link pairedSignFlipTest}, on them: an exchange flips a
   * unit's effect): 2^-k when k of them all moved the same way, however
   * unequal, about 1/4 for two rows among many of tiny effects either way. So a custom recall of
   * class z changes only through z's rows (adversarial pass 40), a custom metric of two rows
   * divided by a quantity of every row (their MAE over the overall MAE) is carried by the two
   * (adversarial pass 44: leaving rows out, the rule before, moved the shared denominator with
   * every row), and twelve rows all worse by unequal amounts, or one row far worse beside 250
   * rows a little worse, keep their small p (adversarial pass 45: 2^-(participation ratio of the
   * effects), tried first, counted about 5 and 3.7 rows and passed them). `rows`, for the warning
   * ("carried by 2 rows"), is the participation ratio of the effects. Summing the single
   * exchanges' effects is exact for a mean and cost a third of the power on a custom F1 of 12
   * rows made wrong (bench/gate/README.md). Up to
   * {@link MAX_CARRYING_CHECKS} differing rows, each row is exchanged alone. Above, where a
   * re-train changes every row's outputs, in {@link EXCHANGE_BLOCKS} fixed blocks
   * ({@link exchangeFloor}), and only where the floor could change the verdict (`p` at or below
   * `level`). Undefined where the outputs cannot be compared; no `floor` where nothing was
   * exchanged (2^-rows then).
   */
  private rowsCarryingChange(metric: string, part: 'builtin' | 'custom', rows: Int32Array | null, differing: readonly number[] | undefined, whole: number, recompute: Recompute, p: number, levels: { largest: number; strictest: number }, seed: number, cacheKey: string): { rows: number; floor?: number; cut?: { blocks: number; oneWay?: number } } | undefined {
    const level = levels.largest
    const metricsOf = recompute.metricsOf
    if (differing === undefined) return undefined
    if (differing.length > MAX_CARRYING_CHECKS && !(p <= level)) return { rows: differing.length }
    // each exchange rewrites only the rows whose flag changed since the last (the block exchanged
    // and the one before), in outputs kept for these exchanges
    const exchange: RowExchange = { n: this.data.n, rows: differing, flags: new Uint8Array(differing.length) }
    const position = new Map(differing.map((row, j) => [row, j]))
    // half what the difference loses when these rows' outputs are exchanged (a metric left
    // undefined by the exchange: the whole change), in the direction of the change (the
    // exchange test asks how often exchanging rows leaves at least the change observed)
    const direction = whole < 0 ? -1 : 1
    const change = Math.abs(whole)
    // both models' metrics (every metric of the part) for each block exchanged, kept for the
    // scope's other metrics: the blocks (the differing rows cut in the seed's order) are the same for
    // each, and recomputing them per metric made an entry's cost grow with the square of its custom
    // metrics (adversarial pass 47: 8 custom metrics of a regressed 20,000-row entry, 79 s here)
    const exchanged = (block: readonly number[]): { a: Record<string, number>; b: Record<string, number> } => {
      const key = `${cacheKey}\u0000${block[0]}:${block.length}:${block[block.length - 1]}`
      let values = this.singleExchangeCache.get(key)
      if (values === undefined) {
        for (const row of block) exchange.flags[position.get(row)!] = 1
        values = { a: metricsOf('a', rows, part, true, exchange), b: metricsOf('b', rows, part, true, exchange) }
        for (const row of block) exchange.flags[position.get(row)!] = 0
        this.singleExchangeCache.set(key, values)
      }
      return values
    }
    const effect = (block: readonly number[]): number => {
      const values = exchanged(block)
      const difference = (values.a[metric] ?? Number.NaN) - (values.b[metric] ?? Number.NaN)
      return Number.isNaN(difference) ? change : (direction * (whole - difference)) / 2
    }
    // enough draws that a floor below the p is told from one above it (the draws' smallest p is 1 / (1 + draws))
    const drawing = { draws: monteCarloDrawCount(undefined, p, 2000, 200_000, 'the carrying rows\' exchange floor'), seed }
    if (differing.length > MAX_CARRYING_CHECKS) {
      // as many blocks as the scope's work limit affords (its shape alone fixes them, before any effect is seen)
      const blocks = Math.min(MAX_EXCHANGE_BLOCKS, Math.max(EXCHANGE_BLOCKS, Math.floor(this.singleExchangeWork / this.exchangeCost(part, rows, differing))))
      return exchangeFloor(differing, effect, change, { ...drawing, strictest: levels.strictest, blocks })
    }
    // Above the level too, for the warning's count: each exchange recomputes the scope's metrics
    // (at most 40 rows, 80 recomputations, where the resampling test made 50 or more), and
    // rewrites only the rows exchanged; copying both models' whole outputs for each, as before,
    // made many small scopes of a large table (550 slices of 36 rows of a 20,000-row, 10-class
    // table) take 4 times the gate's time (adversarial pass 45) and needed a budget. A text
    // type's outputs are still copied for each exchange: their count stops at a budget.
    if (!(p <= level) && this.data.modelType !== 'classifier' && this.data.modelType !== 'regressor') {
      const cost = 2 * differing.length * this.data.n
      if (cost > this.warningTextCopyBudget) return { rows: differing.length }
      this.warningTextCopyBudget -= cost
    }
    let effects = differing.map((row) => effect([row]))
    // A change no single row moves (two rows that only together change it: a maximum they tie) is carried by them all.
    if (effects.every((e) => isNegligible(e, change))) effects = differing.map(() => change / differing.length)
    return floorOf(effects, change, drawing)
  }

  /**
   * The exact exchange (permutation) test of a recomputed metric on `rows`: each row whose outputs
   * differ is exchanged between the two models with probability 1/2, and the metric recomputed
   * for both ({@link pairedPermutationTest}, the label metrics' test: every exchange enumerated
   * where they are no more than its draws, else seeded draws that stop once
   * {@link EXCHANGE_STOP_AFTER} of them reached the change). Under re-training noise the two
   * models' outputs on a row are exchangeable, so its size holds however few rows carry the
   * change (two rows beside a denominator of every row: about 1/4) and whatever the metric; a
   * change that many rows carry keeps its small p. The margin enters as a shift, as for the label
   * metrics. It draws as many as the resampling test did (`resampleDraws`), and each draw
   * rewrites only the rows whose exchange changed ({@link RowExchange}); both models' metrics on
   * each exchange are kept for the scope's other metrics (`cacheKey`). Past what is left of
   * {@link EXCHANGE_TEST_BUDGET} (each custom metric's call counted) it makes the draws the budget
   * affords, if they resolve the family's alpha. Undefined where it does not run: outputs that
   * cannot be compared, or too little budget left.
   */
  private exchangeTest(request: PairedMetricRequest, part: 'builtin' | 'custom', rows: Int32Array | null, differing: readonly number[], recompute: Recompute, sign: number, observed: number, resampleDraws: number, cacheKey: string): { p: number } | undefined {
    // the resampling test's draws (a resolution of at most alpha / 20, or what it drew past them),
    // or more: enough that its smallest p, 1 / (1 + draws), over its share of the floor
    // (RECOMPUTING_SHARE) is below Holm's strictest level (`alpha`). At the resampling test's
    // 2,000 draws, 3 / 2,001 is above 0.05 / m from 34 hypotheses on, and a drop of 9 cancel
    // tickets that only this test rejected passed among 39 (adversarial pass 51, F1). Draws stop
    // once 20 reach the change, so only a drop near the level draws them all.
    const draws = Math.max(resampleDraws, Math.min(EXCHANGE_MAX_DRAWS, Math.ceil(1.05 / (RECOMPUTING_SHARE * request.alpha))))
    // every exchange enumerated up to as many rows as the resampling test's draws would, as before
    const exactLimit = Math.min(16, Math.floor(Math.log2(resampleDraws)))
    // enumerated or drawn: the same exchanges in the same order for every metric of the scope (a
    // longer run of draws begins with a shorter one's)
    const store = cacheOf(this.exchangeCache, `${cacheKey}\u0000${differing.length <= exactLimit ? 'every' : 'drawn'}`)
    const perDraw = this.exchangeCost(part, rows, differing)
    // Past the budget, seeded draws are cut to what it affords, where that still resolves the
    // family's alpha (a floor of twice 1 / (1 + draws) at most alpha / 20): skipping the test there
    // left a 13-class classifier of 10,000 rows (1.05e9 values for 2,000 draws) to the single
    // exchanges alone, which a change crowded into the newest rows of a date-sorted file held at
    // p = 0.11 (adversarial pass 47, F1). Every exchange is enumerated in full or not at all.
    const enumerated = differing.length <= exactLimit
    const affordable = store.a.length + Math.floor(this.exchangeTestBudget / perDraw)
    const needed = enumerated ? 2 ** differing.length : Math.min(draws, affordable)
    if (needed > affordable || (!enumerated && needed < draws && needed < Math.ceil(40 / (request.largestLevel ?? request.alpha)))) return undefined
    this.exchangeTestBudget -= Math.max(0, needed - store.a.length) * perDraw
    const { metric } = request
    // each draw rewrites only the rows whose exchange changed, in outputs kept for the test
    const exchange: RowExchange = { n: this.data.n, rows: differing, flags: new Uint8Array(differing.length) }
    let draw = 0
    const statistic = (swap: Uint8Array): number => {
      const r = draw++
      if (store.a[r] === undefined) {
        exchange.flags.set(swap)
        store.a[r] = recompute.metricsOf('a', rows, part, true, exchange)
        store.b[r] = recompute.metricsOf('b', rows, part, true, exchange)
      }
      return sign * ((store.a[r][metric] ?? Number.NaN) - (store.b[r]![metric] ?? Number.NaN))
    }
    const computedBefore = store.a.length
    const { p } = pairedPermutationTest({ pairs: differing.length, statistic, observed, margin: request.margin, seed: request.seed, draws: enumerated ? draws : needed, exactLimit, stopAfter: EXCHANGE_STOP_AFTER })
    // draws not made (stopped early) go back to the budget
    this.exchangeTestBudget += Math.max(0, needed - Math.max(computedBefore, store.a.length)) * perDraw
    return { p }
  }

  /**
   * What a block of `part` is charged for, beyond its rows (a blocks' warning's advice): the
   * built-in metrics' `classes`; the custom metrics' calls, and their `reads` where one read the
   * probabilities or the built-ins (charged per class); none for a built-in metric of one value a row.
   */
  private blockCharge(part: 'builtin' | 'custom'): { charge?: BlockCharge } {
    if (part === 'builtin') return this.data.k > 1 ? { charge: 'classes' } : {}
    const { calls, width } = this.partWidth(part)
    return { charge: width > calls ? 'custom reads' : 'custom metrics' }
  }

  /**
   * The calls one recomputation of `part` makes (each custom metric is one) and the values per
   * row they read: the class count for the built-ins, `customMetricWidth` for the custom metrics
   * (by default each charged the class count).
   */
  private partWidth(part: 'builtin' | 'custom'): { calls: number; width: number } {
    const wide = Math.max(1, this.data.k)
    if (part === 'builtin') return { calls: 1, width: wide }
    const calls = Math.max(1, this.data.customMetricCount ?? 1)
    return { calls, width: Math.max(1, this.data.customMetricWidth ?? calls * wide) }
  }

  /**
   * Values one exchange of `differing` rows recomputes: both models, every metric of the part
   * (each custom metric is a call of its own, charged for the values per row it reads,
   * `customMetricWidth`).
   */
  private exchangeCost(part: 'builtin' | 'custom', rows: Int32Array | null, differing: readonly number[]): number {
    const { calls, width } = this.partWidth(part)
    return 2 * ((rows ? rows.length : this.data.n) + differing.length) * width + EXCHANGE_DRAW_OVERHEAD * calls
  }

  /**
   * A bound below every p-value the paired test of `metric` can give on these rows, read from
   * which rows' outputs differ between the two runs and nothing else, so that a hypothesis no test
   * can reject is left out of Holm's family before any test (the verdict): 1 where no row differs
   * in an output the metric reads (its two values are then equal); 2^-d for the label tests (exact
   * McNemar, the label permutation up to 16 rows) where d rows differ (their identity pattern is
   * always as extreme as the change observed, and where the permutation draws instead, it draws
   * fewer than 2^d times, so p >= 1 / (1 + draws) >= 2^-d), and, at a margin of 0
   * (`marginFree`), for the tests of a mean up to 16 rows (the sign flip enumerates the non-zero
   * terms' signs, and the rule takes the larger of it and Hall's t); 0 otherwise. Which rows
   * differ is the same under every exchange of the two runs' outputs row by row, so a family
   * chosen on it keeps Holm's size given it, hence overall (Tarone 1990, Biometrics 46, 515-522).
   * @example comparison.smallestPossibleP('accuracy_score', null) // 1 where no label changed
   */
  smallestPossibleP(metric: string, rows: Int32Array | null, marginFree = false): number {
    const same = sameHypothesisAs(metric, { average: this.data.average, binary: this.data.posIndex !== undefined })
    const comparison = metricComparison(same ?? metric)
    const { kind } = comparison
    if (kind === 'same-data' || kind === 'failed-rows') return 0
    const labels = kind === 'correctness' || kind === 'label-counts'
    const differing = this.differingCount(rows, labels)
    if (differing === undefined) return 0
    if (differing === 0) return 1
    const { a, b, targetIndex } = this.data
    // (past 16 rows the permutation test may draw more than 2^rows times: no bound)
    const exact = kind === 'correctness' ? a.correct !== undefined && b.correct !== undefined : labels ? differing <= 16 && a.predictedIndex !== undefined && b.predictedIndex !== undefined && targetIndex !== undefined : marginFree && differing <= 16 && this.hasTerms(comparison)
    return exact ? 2 ** -differing : 0
  }

  /**
   * Whether a mean's paired test reads both runs' per-row terms (so its sign flip, exact up to 16
   * non-zero terms, is at least 2^-d at a margin of 0): probabilities stored exactly for log loss
   * and Brier (float32 ones may not give the stored value back, and the unpaired test takes over),
   * predictions for the errors, the score column for a mean of scores.
   */
  private hasTerms(comparison: ReturnType<typeof metricComparison>): boolean {
    const { a, b } = this.data
    if (comparison.kind === 'mean-of-scores') return a.rowScores?.[comparison.scoreColumn!] !== undefined && b.rowScores?.[comparison.scoreColumn!] !== undefined
    if (comparison.kind !== 'mean-of-terms') return false
    if (comparison.term === 'log-loss' || comparison.term === 'brier') return a.probabilities !== undefined && b.probabilities !== undefined && !a.probabilitiesFloat32 && !b.probabilitiesFloat32
    return a.predictedValues !== undefined && b.predictedValues !== undefined
  }

  /** {@link rowsWithOutputsDiffering}'s count, once per scope (labels alone or every output). */
  private differingCount(rows: Int32Array | null, labelsOnly: boolean): number | undefined {
    const cache = this.differingCounts[labelsOnly ? 1 : 0]
    if (!cache.has(rows)) cache.set(rows, this.rowsWithOutputsDiffering(rows, labelsOnly)?.length)
    return cache.get(rows)
  }

  /**
   * The scope's rows whose stored outputs differ at all between the two runs (labels,
   * correctness, probabilities, values, texts, scores: a custom metric may read any of them), or
   * undefined when an output is stored for one run only (then no row can be said to be the same).
   * `withoutProbabilities`: the metric is recomputed from the labels alone, so the probabilities
   * (stored for the current run only) are not compared.
   */
  private rowsWithOutputsDiffering(rows: Int32Array | null, withoutProbabilities = false): number[] | undefined {
    const { a, b, k } = this.data
    const differs: Array<(i: number) => boolean> = []
    const pair = <T>(x: T | undefined, y: T | undefined, test: (x: T, y: T) => (i: number) => boolean): boolean => {
      if ((x === undefined) !== (y === undefined)) return false
      if (x !== undefined && y !== undefined) differs.push(test(x, y))
      return true
    }
    const same = (x: number, y: number): boolean => x === y || (Number.isNaN(x) && Number.isNaN(y))
    const complete =
      pair(a.predictedIndex, b.predictedIndex, (x, y) => (i) => x[i] !== y[i]) &&
      pair(a.correct, b.correct, (x, y) => (i) => x[i] !== y[i]) &&
      pair(withoutProbabilities ? undefined : a.probabilities, withoutProbabilities ? undefined : b.probabilities, (x, y) => (i) => {
        for (let c = i * k; c < (i + 1) * k; c++) if (!same(x[c]!, y[c]!)) return true
        return false
      }) &&
      pair(a.predictedValues, b.predictedValues, (x, y) => (i) => !same(x[i]!, y[i]!)) &&
      pair(a.texts, b.texts, (x, y) => (i) => x[i] !== y[i]) &&
      pair(a.rowScores, b.rowScores, (x, y) => {
        const columns = Object.keys(x)
        if (columns.length !== Object.keys(y).length || columns.some((name) => y[name] === undefined)) return () => true
        return (i) => columns.some((name) => !same(x[name]![i]!, y[name]![i]!))
      })
    if (!complete || differs.length === 0) return undefined
    const count = rows ? rows.length : this.data.n
    const differing: number[] = []
    for (let j = 0; j < count; j++) {
      const i = rows ? rows[j]! : j
      if (differs.some((test) => test(i))) differing.push(i)
    }
    return differing
  }

  /**
   * How many rows of the request's scope carry the change between the two models' stored outputs
   * (see `effectiveRows` of the result): the participation ratio of the per-row changes of the
   * metric's per-row scores, else of the squared errors (regressors), the probabilities or the
   * labels (classifiers); undefined when neither side holds per-row outputs.
   * @example comparison.effectiveRows({ metric: 'r2_score', rows: null }) // about 4 when four predictions moved far
   */
  effectiveRows(request: Pick<PairedMetricRequest, 'metric' | 'rows'>): number | undefined {
    const { a, b, k, targetValues } = this.data
    const rows = request.rows
    const count = rows ? rows.length : this.data.n
    const column = metricComparison(request.metric).scoreColumn
    let change: ((i: number) => number) | undefined
    if (column !== undefined && a.rowScores?.[column] && b.rowScores?.[column]) {
      const x = a.rowScores[column]!
      const y = b.rowScores[column]!
      change = (i) => (Number.isNaN(x[i]) || Number.isNaN(y[i]) ? 0 : Math.abs(x[i] - y[i]))
    } else if (a.predictedValues && b.predictedValues) {
      const x = a.predictedValues
      const y = b.predictedValues
      change = targetValues ? (i) => Math.abs((targetValues[i] - x[i]) ** 2 - (targetValues[i] - y[i]) ** 2) : (i) => Math.abs(x[i] - y[i])
    } else if (a.probabilities && b.probabilities) {
      const x = a.probabilities
      const y = b.probabilities
      change = (i) => {
        let sum = 0
        for (let c = i * k; c < (i + 1) * k; c++) sum += Math.abs(x[c] - y[c])
        return sum
      }
    } else if (a.predictedIndex && b.predictedIndex) {
      const x = a.predictedIndex
      const y = b.predictedIndex
      change = (i) => (x[i] === y[i] ? 0 : 1)
    } else if (a.rowScores && b.rowScores) {
      const columns = Object.keys(a.rowScores).filter((name) => b.rowScores![name] !== undefined)
      change = (i) => columns.reduce((sum, name) => {
        const x = a.rowScores![name]![i]
        const y = b.rowScores![name]![i]
        return Number.isNaN(x) || Number.isNaN(y) ? sum : sum + Math.abs(x - y)
      }, 0)
    }
    if (change === undefined) return undefined
    const changes = new Float64Array(count)
    for (let j = 0; j < count; j++) changes[j] = change(rows ? rows[j] : j)
    return participationRatio(changes)
  }

  private run(request: PairedMetricRequest): PairedMetricResult {
    const data = this.data
    const same = sameHypothesisAs(request.metric, { average: data.average, binary: data.posIndex !== undefined })
    const effective = same ?? request.metric
    const description = metricComparison(effective)
    const sign = request.greaterIsBetter ? 1 : -1
    const withSame = (result: PairedMetricResult): PairedMetricResult => (same && 'p' in result ? { ...result, sameAs: same } : result)
    switch (description.kind) {
      case 'same-data':
        return { unavailable: `${request.metric} depends on the data alone` }
      case 'failed-rows':
        return { unavailable: `${request.metric} is tested on the failed-row counts` }
      case 'correctness':
        return withSame(this.correctnessTest(request, sign))
      case 'label-counts':
        return withSame(this.labelCountsTest(request, effective, sign))
      case 'mean-of-terms':
        return this.meanOfTermsTest(request, description.term!, sign)
      case 'mean-of-scores': {
        const column = description.scoreColumn!
        const meanTest = (differences: Float64Array, scoresA: Float64Array): number => {
          const tested = relativeTerms(differences, scoresA, request)
          return this.meanRule(tested.differences, tested.request)
        }
        return rowScoresTest({ scoresA: this.data.a.rowScores?.[column], scoresB: this.data.b.rowScores?.[column], rows: request.rows, valueA: request.valueA, valueB: request.valueB, sign, meanTest })
      }
      case 'ranking-auc':
        return this.aucTest(request, sign)
      default:
        return this.resampleTest(request, sign)
    }
  }

  private correctnessTest(request: PairedMetricRequest, sign: number): PairedMetricResult {
    const { a, b } = this.data
    if (!a.correct || !b.correct) return { unavailable: this.data.labelsReason ?? 'no per-example correctness for one of the models' }
    const rows = request.rows
    const count = rows ? rows.length : a.correct.length
    let aOnly = 0
    let bOnly = 0
    let aRight = 0
    let bRight = 0
    for (let j = 0; j < count; j++) {
      const i = rows ? rows[j] : j
      aRight += a.correct[i]
      bRight += b.correct[i]
      if (a.correct[i] && !b.correct[i]) aOnly++
      else if (!a.correct[i] && b.correct[i]) bOnly++
    }
    if (count === 0) return { unavailable: 'no rows' }
    const accuracyA = aRight / count
    const accuracyB = bRight / count
    // When the compared metric is accuracy itself (or equal to it), the outcomes must give it.
    if (!agrees(accuracyA, request.valueA, 1e-9) || !agrees(accuracyB, request.valueB, 1e-9)) {
      return { unavailable: `the per-example outcomes give ${accuracyA.toPrecision(6)} -> ${accuracyB.toPrecision(6)}, not the values compared` }
    }
    // A better = A right where B is wrong; with lower-is-better (an override) the roles swap.
    const [lost, gained] = sign > 0 ? [aOnly, bOnly] : [bOnly, aOnly]
    // The exact conditional p: its size never exceeds alpha at margin 0 however few rows differ
    // (mid-p does: 7.3% given exactly 12 discordant rows; bench/gate).
    return { p: exactMcNemarTest({ lost, gained, total: count, margin: request.margin, midP: false }).p, test: 'mcnemar-exact', discordant: { aOnly, bOnly } }
  }

  private classificationOptions(): ClassificationOptions {
    const { average, posIndex } = this.data
    return { average: average ?? 'weighted', details: false, ...(posIndex !== undefined ? { posIndex } : {}) }
  }

  private labelCountsTest(request: PairedMetricRequest, metric: string, sign: number): PairedMetricResult {
    const { a, b, targetIndex, k } = this.data
    if (!a.predictedIndex || !b.predictedIndex || !targetIndex) return { unavailable: this.data.labelsReason ?? 'the baseline stores no per-example predictions' }
    const rows = request.rows
    const count = rows ? rows.length : targetIndex.length
    const base = new Float64Array(k * k)
    const differing: number[] = []
    for (let j = 0; j < count; j++) {
      const i = rows ? rows[j] : j
      if (a.predictedIndex[i] === b.predictedIndex[i]) base[targetIndex[i] * k + a.predictedIndex[i]]++
      else differing.push(i)
    }
    const options = this.classificationOptions()
    const countsA = new Float64Array(k * k)
    const countsB = new Float64Array(k * k)
    // A swap moves a differing row's count between two cells of the confusion matrices, which
    // depend only on the row's (target, prediction A, prediction B): the rows are grouped by that
    // triple (at most k²(k − 1) groups), and a draw counts the swapped rows of each group instead of
    // moving every row's count (the same counts, so the same p, from one pass over the swap bits).
    const groupOf = new Int32Array(differing.length)
    const groupKey = new Map<number, number>()
    const cellA: number[] = []
    const cellB: number[] = []
    const size: number[] = []
    for (let j = 0; j < differing.length; j++) {
      const i = differing[j]
      const t = targetIndex[i] * k
      const key = (t + a.predictedIndex[i]) * k * k + t + b.predictedIndex[i]
      let g = groupKey.get(key)
      if (g === undefined) {
        g = size.length
        groupKey.set(key, g)
        cellA.push(t + a.predictedIndex[i])
        cellB.push(t + b.predictedIndex[i])
        size.push(0)
      }
      groupOf[j] = g
      size[g]++
    }
    // The only cells a draw can fill: the shared rows' and each group's two; a draw resets and the
    // metrics read those alone (200 classes: 40,000 cells, a few thousand used), the same values.
    const filled = new Set<number>(cellA)
    for (const cell of cellB) filled.add(cell)
    for (let cell = 0; cell < base.length; cell++) if (base[cell] !== 0) filled.add(cell)
    const cells = Int32Array.from(filled).sort()
    const cellOptions: ClassificationOptions = { ...options, cells }
    const swappedIn = new Int32Array(size.length)
    const valuesWith = (swap: Uint8Array | null): [number, number] => {
      for (let j = 0; j < cells.length; j++) {
        countsA[cells[j]] = base[cells[j]]
        countsB[cells[j]] = base[cells[j]]
      }
      swappedIn.fill(0)
      if (swap !== null) for (let j = 0; j < groupOf.length; j++) swappedIn[groupOf[j]] += swap[j]
      for (let g = 0; g < size.length; g++) {
        const kept = size[g] - swappedIn[g]
        countsA[cellA[g]] += kept
        countsA[cellB[g]] += swappedIn[g]
        countsB[cellB[g]] += kept
        countsB[cellA[g]] += swappedIn[g]
      }
      return [classificationMetricsFromCounts(countsA, k, cellOptions).metrics[metric], classificationMetricsFromCounts(countsB, k, cellOptions).metrics[metric]]
    }
    const [valueA, valueB] = valuesWith(null)
    if (typeof valueA !== 'number' || !agrees(valueA, request.valueA, 1e-9) || !agrees(valueB, request.valueB, 1e-9)) {
      return { unavailable: `the per-example predictions give ${Number(valueA).toPrecision(6)} -> ${Number(valueB).toPrecision(6)}, not the values compared` }
    }
    const statistic = (swap: Uint8Array): number => {
      const [x, y] = valuesWith(swap)
      return sign * (x - y)
    }
    const observed = sign * (valueA - valueB)
    const draws = request.permutationDraws
    const { p, draws: used } = pairedPermutationTest({
      pairs: differing.length,
      statistic,
      observed,
      margin: request.margin,
      seed: request.seed,
      alpha: request.alpha,
      ...(draws !== undefined ? { draws, exactLimit: Math.min(16, Math.floor(Math.log2(draws))) } : {}),
    })
    return { p, test: 'paired-permutation', differingRows: differing.length, draws: used }
  }

  private termInputs(outputs: ModelOutputs, rows: Int32Array | null): TermInputs {
    const { k, posIndex, targetIndex, targetValues } = this.data
    return {
      ...(targetIndex ? { targetIndex: gather(targetIndex, rows) } : {}),
      ...(outputs.probabilities ? { probabilities: gatherMatrix(outputs.probabilities, k, rows), k } : {}),
      ...(posIndex !== undefined ? { posIndex } : {}),
      ...(targetValues ? { targetValues: gather(targetValues, rows) } : {}),
      ...(outputs.predictedValues ? { predictedValues: gather(outputs.predictedValues, rows) } : {}),
    }
  }

  private meanOfTermsTest(request: PairedMetricRequest, term: NonNullable<ReturnType<typeof metricComparison>['term']>, sign: number): PairedMetricResult {
    const termsA = perExampleTerms(term, this.termInputs(this.data.a, request.rows))
    const termsB = perExampleTerms(term, this.termInputs(this.data.b, request.rows))
    if (!termsA || !termsB || termsA.length === 0) {
      return { unavailable: term === 'log-loss' || term === 'brier' ? (this.data.probabilitiesReason ?? 'no per-example probabilities') : (this.data.labelsReason ?? 'no per-example predictions') }
    }
    const differences = new Float64Array(termsA.length)
    let meanA = 0
    let meanB = 0
    for (let i = 0; i < termsA.length; i++) {
      differences[i] = sign * (termsA[i] - termsB[i])
      meanA += termsA[i]
      meanB += termsB[i]
    }
    const tested = relativeTerms(differences, termsA, request)
    meanA /= termsA.length
    meanB /= termsB.length
    if (!agrees(meanA, request.valueA, 1e-6) || !agrees(meanB, request.valueB, 1e-6)) {
      return { unavailable: `the per-example terms give ${meanA.toPrecision(6)} -> ${meanB.toPrecision(6)}, not the values compared` }
    }
    // Reject only when both reject. The sign-flip test is exact when the two runs' terms are
    // exchangeable row by row (re-training noise, a few rows changed), where Hall's t is liberal
    // (9-15% at nominal 5% with 5-20 of 800 rows differing); Hall's t is second-order correct for
    // skewed differences, where the sign-flip test (like the plain t) is liberal (bench/gate).
    const p = this.meanRule(tested.differences, tested.request)
    // One row: its sign flip gives no p below 1/2, so no test can reject the change, however
    // large; untested, as an AUC resting on one row of a class (white-box review 55: a one-row
    // slice's log loss failed the entry on point estimates, while overall the same row was left out)
    if (Number.isNaN(p)) return { unavailable: 'the scope has fewer than 2 rows, too few for any test of a mean to reject', tooFew: true }
    return { p, test: 'paired-mean', effectiveRows: participationRatio(differences) }
  }

  /** The paired-mean rule's p (the larger of Hall's t and the studentized sign flip; NaN below 2 rows). */
  private meanRule(differences: Float64Array, request: PairedMetricRequest): number {
    const hall = pairedMeanDifferenceTest({ differences, margin: request.margin, skewnessCorrection: true }).p
    if (Number.isNaN(hall)) return NaN
    const flips = request.permutationDraws
    // drawing stops once the p is surely above the family's alpha (no level of the family can reject it)
    const signFlip = pairedSignFlipTest({ differences, margin: request.margin, seed: request.seed, alpha: request.alpha, ...(flips !== undefined ? { draws: flips } : {}), ...(request.largestLevel !== undefined ? { stopAbove: request.largestLevel } : {}) })
    return Math.max(hall, signFlip.p)
  }

  private aucTest(request: PairedMetricRequest, sign: number): PairedMetricResult {
    const { a, b, k, posIndex, average, targetIndex } = this.data
    if (!a.probabilities || !b.probabilities || !targetIndex) return { unavailable: this.data.probabilitiesReason ?? 'no per-example probabilities' }
    const rows = request.rows
    const target = gather(targetIndex, rows)
    const probaA = gatherMatrix(a.probabilities, k, rows)
    const probaB = gatherMatrix(b.probabilities, k, rows)
    let result: { p: number; difference: number; standardError: number }
    // The kernels test AUC_B - AUC_A > margin (B the baseline, A the current run): pass model A
    // (baseline, candidate) as their B; with lower-is-better (an override) the roles swap.
    const [first, second] = sign > 0 ? [probaB, probaA] : [probaA, probaB]
    if (posIndex !== undefined) {
      const labels = new Uint8Array(target.length)
      const column = (proba: Float64Array): Float64Array => Float64Array.from({ length: target.length }, (_, i) => proba[i * k + posIndex])
      for (let i = 0; i < labels.length; i++) labels[i] = target[i] === posIndex ? 1 : 0
      result = pairedDeLongTest({ labels, scoresA: column(first), scoresB: column(second), margin: request.margin })
    } else {
      result = pairedOvrDeLongTest({ targetIndex: target, classCount: k, probabilitiesA: first, probabilitiesB: second, average: average ?? 'weighted', margin: request.margin })
    }
    if (Number.isNaN(result.p)) {
      const single = Number.isFinite(request.valueA) && Number.isFinite(request.valueB) ? singleRowClass(aucSides(target, k, posIndex)) : undefined
      // Defined (every class present) yet untestable: a class of one row carries its side of the
      // AUC alone (adversarial pass 39: slices' roc_auc then failed unchanged models on point
      // estimates, 23 re-trains of 25 with 25 classes).
      if (single !== undefined) {
        const name = this.data.labels?.[single] ?? String(single)
        return { unavailable: `the AUC on these rows rests on one row of class ${JSON.stringify(name)} (DeLong's variance needs two rows of each class), too few for any test to reject`, tooFew: true }
      }
      return { unavailable: 'the AUC is undefined on these rows (one class only)' }
    }
    const expected = sign * (request.valueA - request.valueB)
    if (!agrees(result.difference, expected, 1e-6)) {
      return { unavailable: `the per-example probabilities give an AUC difference of ${result.difference.toPrecision(6)}, not the ${expected.toPrecision(6)} compared${this.float32Cause('scores closer than float32 can tell become ties, which changes the ranking')}` }
    }
    // DeLong's normal limit is liberal where a class has few rows, and gives p = 0 where its
    // standard error is 0 (white-box review 55: 2 positives in 30 rows, 3.0 x alpha at 0.0025 under
    // exchangeable re-trains; 4 rows, AUC 1 against a constant model, p = 0 where every exchange
    // gives 1/16): there the AUC is recomputed on the exchanges of the two models' probabilities
    // row by row, a permutation test exact under exchangeability, where the budget affords it.
    if (Math.min(...aucSides(target, k, posIndex).map((side) => side.rows)) < DELONG_MIN_CLASS_ROWS || result.standardError === 0) {
      const exchanged = this.aucExchangeTest(request, target, first, second)
      if (exchanged !== undefined) return exchanged
    }
    return { p: result.p, test: 'paired-delong' }
  }

  /**
   * The AUC difference (the kernels' AUC of `second` less `first`) against its distribution over
   * the exchanges of the two models' probability rows where they differ: every exchange up to 16
   * such rows (as many as the draws resolve), else seeded draws that stop once 20 reach the
   * change. Undefined where the exchange tests' budget cannot afford it (DeLong's test stays).
   */
  private aucExchangeTest(request: PairedMetricRequest, target: Int32Array, first: Float64Array, second: Float64Array): PairedMetricResult | undefined {
    const { k, posIndex, average } = this.data
    const count = target.length
    const differing: number[] = []
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < k; c++) {
        if (first[i * k + c] !== second[i * k + c]) {
          differing.push(i)
          break
        }
      }
    }
    const draws = monteCarloDrawCount(request.permutationDraws, request.alpha, 2000, EXCHANGE_MAX_DRAWS, 'the roc_auc exchange test')
    const exactLimit = Math.min(16, Math.floor(Math.log2(draws)))
    const needed = differing.length <= exactLimit ? 2 ** differing.length : draws
    // a draw copies the differing rows and ranks every row of each class's scores
    const perDraw = 2 * count * k * Math.max(1, Math.ceil(Math.log2(count))) + EXCHANGE_DRAW_OVERHEAD
    if (needed * perDraw > this.exchangeTestBudget) return undefined
    const [x, y] = [first.slice(), second.slice()]
    let positives = 0
    if (posIndex !== undefined) for (let i = 0; i < count; i++) positives += target[i] === posIndex ? 1 : 0
    const [pos, neg, scratch] = [new Float64Array(positives), new Float64Array(count - positives), new Float64Array(count)]
    const auc = (proba: Float64Array): number => {
      if (posIndex === undefined) return multiclassRocAuc(proba, target, k, average ?? 'weighted')
      let [p, q] = [0, 0]
      for (let i = 0; i < count; i++) {
        if (target[i] === posIndex) pos[p++] = proba[i * k + posIndex]
        else neg[q++] = proba[i * k + posIndex]
      }
      return rocAucFromSplitScores(pos, neg, scratch)
    }
    let made = 0
    const statistic = (swap: Uint8Array): number => {
      made++
      for (let j = 0; j < differing.length; j++) {
        const row = differing[j] * k
        const [from, to] = swap[j] ? [second, first] : [first, second]
        for (let c = 0; c < k; c++) {
          x[row + c] = from[row + c]
          y[row + c] = to[row + c]
        }
      }
      return auc(y) - auc(x)
    }
    const observed = statistic(new Uint8Array(differing.length))
    this.exchangeTestBudget -= needed * perDraw
    const { p, draws: used } = pairedPermutationTest({ pairs: differing.length, statistic, observed, margin: request.margin, seed: request.seed, alpha: request.alpha, draws, exactLimit, stopAfter: EXCHANGE_STOP_AFTER })
    // draws not made (stopped early) go back to the budget
    this.exchangeTestBudget += Math.max(0, needed + 1 - made) * perDraw
    return { p, test: 'paired-permutation', differingRows: differing.length, draws: used }
  }

  /**
   * Why a recomputation from float32 probabilities can differ (`how`), as a clause to append,
   * with what the user can do; empty when the baseline's probabilities are not float32.
   */
  private float32Cause(how: string): string {
    const rounding = this.data.a.probabilitiesFloat32
    if (!rounding) return ''
    const what = rounding.exact ? 'the logarithms of its probabilities that do not repeat' : rounding.logarithms ? "its probabilities' logarithms" : 'its probabilities'
    return ` (the baseline stores ${what} as float32, ${rounding.why}, and ${how}; probabilities of at most 65,536 distinct values, such as rounded ones, and those that repeat, such as clipped bounds, are stored exactly, and an entry with fewer rows in float64)`
  }

  /**
   * How a metric is recomputed for both models: from every output (`metricsOf`), or, for a custom
   * metric where the baseline stores no probabilities, from the labels alone.
   */
  private recomputation(part: 'builtin' | 'custom'): Recompute | undefined {
    const { metricsOf, customWithoutProbabilitiesOf } = this.data
    if (metricsOf) return { metricsOf, withoutProbabilities: false }
    if (part !== 'custom' || !customWithoutProbabilitiesOf) return undefined
    // Always undefined on a throw: a function that reads the probabilities throws without them,
    // which leaves the metric undefined here (no test), never an error of the gate.
    return { metricsOf: (which, rows, _part, _resample, swapped) => customWithoutProbabilitiesOf(which, rows, true, swapped), withoutProbabilities: true }
  }

  private resampleTest(request: PairedMetricRequest, sign: number): PairedMetricResult {
    const { metric } = request
    // Built-in metrics are recomputed without the custom functions; custom ones read the
    // built-ins only if they ask for them.
    const part = isBuiltinMetric(metric) ? 'builtin' : 'custom'
    const recompute = this.recomputation(part)
    // a built-in that needs the probabilities the baseline lacks: that is the reason (the
    // recompute reason speaks of custom metrics, adversarial pass 42)
    if (!recompute) return { unavailable: (part === 'builtin' ? this.data.probabilitiesReason : undefined) ?? this.data.recomputeReason ?? 'the metric cannot be recomputed' }
    const { metricsOf, withoutProbabilities } = recompute
    const size = request.rows ? request.rows.length : this.data.n
    let observedA = metricsOf('a', request.rows, part)[metric]
    let observedB = metricsOf('b', request.rows, part)[metric]
    if (typeof observedA !== 'number' || typeof observedB !== 'number' || !agrees(observedA, request.valueA, 1e-6) || !agrees(observedB, request.valueB, 1e-6)) {
      if (withoutProbabilities) {
        // A custom metric of a classifier whose baseline stores no probabilities (above the caps):
        // from the labels alone it is not the value compared, so it reads the probabilities.
        const given = typeof observedA === 'number' && typeof observedB === 'number' ? `gives ${observedA.toPrecision(6)} -> ${observedB.toPrecision(6)}, not the values compared` : 'leaves it undefined (its function throws or returns no number)'
        return { unavailable: `recomputing ${metric} from the predicted labels alone ${given}, so it reads the probabilities, and ${this.data.probabilitiesReason ?? 'the baseline stores no probabilities'}` }
      }
      return { unavailable: `recomputing ${metric} gives ${Number(observedA).toPrecision(6)} -> ${Number(observedB).toPrecision(6)}, not the values compared${this.float32Cause('a probability compared with a threshold can fall on the other side of it when rounded')}` }
    }
    // Above the cap (each draw recomputes the metric on every row), the test runs on a seeded
    // random `cap` of the scope's rows: the two models' difference there estimates theirs on the
    // scope, with less power. Before, such a scope had no test, and a custom metric (no interval
    // above 20,000 rows either) failed any dip on its point value (adversarial pass 39: 4 of 6
    // unchanged re-trains on 30,000 rows). The row-score types recompute aggregates of score
    // columns: one pass, as the regressor's.
    const cap = this.data.modelType === 'classifier' ? RESAMPLE_MAX_ROWS.classifier : RESAMPLE_MAX_ROWS.regressor
    let rows = request.rows
    let subsample: { rows: Int32Array; of: number; change: number } | undefined
    if (size > cap) {
      rows = sampledRows(request.rows, this.data.n, cap, request.seed)
      observedA = metricsOf('a', rows, part)[metric]
      observedB = metricsOf('b', rows, part)[metric]
      if (typeof observedA !== 'number' || typeof observedB !== 'number') return { unavailable: `${metric} is not a number on the ${cap.toLocaleString('en-US')} rows sampled of ${size.toLocaleString('en-US')}` }
      subsample = { rows, of: size, change: observedB - observedA }
    }
    const n = rows ? rows.length : this.data.n
    const draws = monteCarloDrawCount(request.resampleDraws, request.alpha, 2000, 100_000, 'the paired resampling test')
    // Every metric of a scope shares the resamples (same seed: resample r's weights depend on the
    // seed and r alone): both models' metrics are computed once per resample and kept, so the
    // scope's next metric reads them and draws no weights (before, each metric redrew every
    // resample's weights: a fifth of a regressing 250,000-row regressor's gate).
    const cacheKey = `${part}\u0000${request.scopeKey}\u0000${request.seed}\u0000${draws}\u0000${subsample ? 'sampled' : 'all'}`
    const store = cacheOf(this.resampleCache, cacheKey)
    const dropOf = (valuesA: Record<string, number>, valuesB: Record<string, number>): number => sign * ((valuesA[metric] ?? Number.NaN) - (valuesB[metric] ?? Number.NaN))
    const known = (r: number): number | undefined => (r < draws && store.a[r] !== undefined ? dropOf(store.a[r], store.b[r]!) : undefined)
    const statistic = (weights: Float64Array, r: number): number => {
      const resampled = expandWeights(weights, rows)
      // a custom metric that throws on this resample is undefined on it (NaN: skipped)
      const valuesA = metricsOf('a', resampled, part, true)
      const valuesB = metricsOf('b', resampled, part, true)
      if (r < draws) {
        store.a[r] = valuesA
        store.b[r] = valuesB
      }
      return dropOf(valuesA, valuesB)
    }
    const observed = sign * (observedA - observedB)
    if (!Number.isFinite(observed)) return { unavailable: `${metric} is not finite on these rows` }
    const { p: bothRules, percentileP, draws: drawn, undefinedDraws, stoppedEarly } = pairedResampleTest({ n, statistic, known, observed, margin: request.margin, seed: request.seed, draws, alpha: request.alpha, maxDraws: request.resampleMaxDraws, stopAbove: request.largestLevel })
    if (Number.isNaN(bothRules)) return { unavailable: `${metric} is undefined on every resample (NaN, or its function throwing, on every resampled table)` }
    // Defined on few resamples, the test cannot reach the level and reads a biased subset of them
    // (adversarial pass 29: a metric throwing on 98% of resamples hid a 41-point drop as noise)
    // ...unless the defined ones already showed the drop surely above the family's alpha (the
    // test stopped early there): a pass the draws proved stands (adversarial pass 30: a re-train
    // with a macro recall NaN on 60% of resamples failed on point estimates after such a stop)
    if (undefinedDraws >= drawn && !stoppedEarly) {
      return {
        unavailable: `${metric} is undefined on ${undefinedDraws.toLocaleString('en-US')} of ${(undefinedDraws + drawn).toLocaleString('en-US')} resamples (NaN, or its function throwing), too many for the paired test; a metric defined on any subset of rows (a resample can miss a class or repeat rows) gets it`,
      }
    }
    // A resampling test has no floor of its own: where one or two rows carry the change, every
    // resample that holds them shows the whole change and the rest are undefined, so its p-value
    // collapses (adversarial pass 39: a custom recall decided by one row of a slice failed at
    // p = 0.0008 under re-training noise). The p is held at or above the exact exchange test's
    // (a row whose outputs are the same in both runs adds nothing; k rows that all moved one way
    // allow no p below 2^-k), and the warning says how few rows carry it ("carried by 1 row"), as
    // the exact tests' do.
    const level = request.largestLevel ?? request.alpha
    // the rows either exchange test exchanges (undefined: outputs that cannot be compared)
    const differing = this.rowsWithOutputsDiffering(rows, recompute.withoutProbabilities)
    // Where nearly every resample shows the drop (the percentile p at or below alpha) while the
    // centred p is above alpha, a row or two dominate the change: the centred p is about the chance
    // that a resample weighs them twice or more. 12 key accounts all worse, one of them by 50,
    // passed at p = 0.11 where one by 1.5 failed (adversarial pass 47, F2). There the exact exchange
    // floors decide with the percentile p: the p is the larger of the two, so under re-training
    // noise (exchangeable outputs) its size is the floors' (measured: bench/gate/README.md). The
    // centred p is weighed against Holm's strictest level (`alpha`), not the family's alpha: below
    // it the drop is rejected at any step, but between the two the weak centred p stood, so the
    // same 12 accounts passed with the far one worse by 8 and failed with it worse by 1.5 or by 50
    // among 17 hypotheses (adversarial pass 48, F1). In a family of one the two levels are one.
    const dominated = differing !== undefined && percentileP <= level && bothRules > request.alpha
    const p = dominated ? percentileP : bothRules
    // both exchange tests' kept values, shared by the scope's metrics
    const exchangeKey = `${cacheKey}\u0000${withoutProbabilities}`
    const carrying = this.rowsCarryingChange(metric, part, rows, differing, observedA - observedB, recompute, p, { largest: level, strictest: request.alpha }, request.seed, exchangeKey)
    const single = carrying === undefined ? undefined : (carrying.floor ?? 2 ** -carrying.rows)
    // Where the floor can change the verdict, also the exchange test itself, recomputing the
    // metric on every exchange, and the floor is the smaller of the two, each over its share of
    // the level (a weighted Bonferroni over the two, RECOMPUTING_SHARE). Each misses what the other sees: summing the rows' single exchanges cost a third of
    // the power on a custom F1 of 12 rows made wrong (37% against 51% for the recomputing test
    // alone, bench/gate/README.md), and exchanging every row at once mixes two models' scales: a
    // real drop of average precision with the probabilities also recalibrated (logit x3 + 1,
    // which leaves the ranking as it is) read p = 0.11 where the single exchanges read 0.0005
    // (adversarial pass 46, F1).
    // It is not run where the single exchanges' floor over its share is already at or below the p
    // (the floor is at most that, so the p is the same whatever it gives), and,
    // with `deferExchangeTest`, left to the caller's Holm step-down, which runs it only for the
    // drops it rejects on the resampling p alone (`refinedHolm`: a broken entry's drops that Holm
    // keeps as noise spent half its gate's time on it).
    const floorCanBind = single !== undefined && single / (1 - RECOMPUTING_SHARE) > p
    const exchanging = floorCanBind && p <= level && differing !== undefined
    const blockFloor = carrying?.cut !== undefined && carrying.floor !== undefined ? { ...carrying.cut, floor: carrying.floor, ...this.blockCharge(part), applied: carrying.floor } : undefined
    const withFloor = (exchanged: { p: number } | undefined): number => {
      const floor = exchanged === undefined ? single : Math.min(1, exchanged.p / RECOMPUTING_SHARE, single! / (1 - RECOMPUTING_SHARE))
      if (blockFloor) blockFloor.applied = exchanged === undefined ? blockFloor.floor : Math.min(1, blockFloor.floor / (1 - RECOMPUTING_SHARE))
      return floor === undefined ? p : Math.max(p, floor)
    }
    const exchangeTest = (): { p: number } | undefined => this.exchangeTest(request, part, rows, differing!, recompute, sign, observed, Math.max(draws, drawn), exchangeKey)
    const deferred = exchanging && request.deferExchangeTest === true
    return {
      p: withFloor(exchanging && !deferred ? exchangeTest() : undefined),
      ...(deferred ? { deferred: { lowerP: p, refine: () => withFloor(exchangeTest()) } } : {}),
      test: 'paired-resample',
      draws: Math.max(draws, drawn),
      ...(carrying === undefined ? {} : { effectiveRows: carrying.rows }),
      ...(blockFloor ? { blockFloor } : {}),
      ...(subsample ? { subsample } : {}),
      ...(withoutProbabilities ? { withoutProbabilities } : {}),
    }
  }
}

/** How {@link PairedComparison} recomputes a metric for both models. */
interface Recompute {
  metricsOf: NonNullable<PairedData['metricsOf']>
  /** From the labels alone (the baseline stores no probabilities). */
  withoutProbabilities: boolean
}

/**
 * `count` of the scope's rows (`rows`, or 0..n-1), drawn without replacement with a seeded
 * partial Fisher-Yates shuffle, in ascending order.
 */
function sampledRows(rows: Int32Array | null, n: number, count: number, seed: number): Int32Array {
  const pool = rows ? Int32Array.from(rows) : Int32Array.from({ length: n }, (_, i) => i)
  const random = createRandom((seed ^ 0x5eed) >>> 0)
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random.uniform() * (pool.length - i))
    const t = pool[i]!
    pool[i] = pool[j]!
    pool[j] = t
  }
  return pool.slice(0, count).sort()
}

/** The draws kept under `key`, made empty on first use. */
function cacheOf(caches: Map<string, DrawCache>, key: string): DrawCache {
  let cache = caches.get(key)
  if (!cache) {
    cache = { a: [], b: [] }
    caches.set(key, cache)
  }
  return cache
}

function isNegligible(effect: number, whole: number): boolean {
  return Math.abs(effect) <= 1e-12 * Math.max(1, Math.abs(whole))
}

/** Blocks the differing rows of a scope are exchanged in at least, above {@link MAX_CARRYING_CHECKS} of them. */
export const EXCHANGE_BLOCKS = 64

/**
 * Blocks at most: k rows carrying a change share one of B blocks with chance about
 * 1 - exp(-k(k - 1) / 2B), and two that share one halve the floor's reach (11 rows all worse among 28
 * hypotheses: 2^-10, doubled 0.0020, above Holm's 0.0018, on 12 of 20 row orders with 64 blocks;
 * adversarial pass 49, F1). 1,024 blocks: 5% for 11 rows.
 */
export const MAX_EXCHANGE_BLOCKS = 1024

/**
 * Values (as {@link EXCHANGE_TEST_BUDGET} counts them) one scope's single exchanges may recompute
 * for blocks past {@link EXCHANGE_BLOCKS} (a block costs what a draw of the recomputing test does):
 * 925 blocks of a 20,000-row regressor with 6 custom metrics, half the recomputing test's budget;
 * a scope of up to about 20,000 rows and one custom metric gets {@link MAX_EXCHANGE_BLOCKS}. Only
 * scopes whose p could fail pay it (bench/gate/README.md); a comparison of more than 4 scopes
 * gives each less ({@link SINGLE_EXCHANGE_TOTAL}).
 */
const SINGLE_EXCHANGE_WORK = 5e8

/**
 * Values the single exchanges of all a comparison's scopes may recompute for blocks past
 * {@link EXCHANGE_BLOCKS}, each scope getting an equal share fixed before any test (at most
 * {@link SINGLE_EXCHANGE_WORK}): a broken entry failing in every one of 50 slices of 5,000 rows
 * would otherwise recompute 1,024 blocks in each.
 */
const SINGLE_EXCHANGE_TOTAL = 2e9

/**
 * The exchange test's floor on `differing` rows (more than can be exchanged one by one) under a
 * change `whole` (positive: effects in its direction): the rows, in an order drawn from the seed
 * (not the file's), cut into `blocks` ({@link EXCHANGE_BLOCKS} unless given) of near-equal size fixed before any effect is seen, each block
 * exchanged whole, and the exchange test on the blocks' effects (`floorOf`). A fixed cut keeps
 * the test exact; choosing blocks by their effects (the largest split first, until the floor fell
 * below the p) searched for a small floor and failed 16 of 100 unchanged re-trains
 * (bench/gate/README.md). If no block moves it while all do (rows that
 * change it only together: a maximum that many rows tie), every row counts with an equal share.
 * `rows`, for the warning: the participation ratio of the blocks' effects. Cost: two
 * recomputations of both models per block.
 *
 * @example exchangeFloor([3, 8, 9, 20], (block) => (block.includes(8) ? 1 : 0), 1, { draws: 2000, seed: 1 }) // => { rows: 1, floor: 0.5 }
 */
export function exchangeFloor(differing: readonly number[], effect: (block: readonly number[]) => number, whole: number, options: { draws: number; seed: number; strictest?: number; blocks?: number }): { rows: number; floor: number; cut?: { blocks: number; oneWay?: number } } {
  const count = Math.min(options.blocks ?? EXCHANGE_BLOCKS, differing.length)
  // The rows in a seeded random order, not the file's: a change crowded into the newest rows of a
  // date-sorted file sat in 2 or 3 consecutive blocks and passed at p = 0.16 where the same rows
  // spread through the file failed, wherever the recomputing test was past its budget (a 13-class
  // classifier with 5 more custom metrics). The seed alone cuts them, before any effect is seen.
  const order = seededOrder(differing, options.seed)
  const blocks: Array<readonly number[]> = []
  const effects: number[] = []
  for (let b = 0; b < count; b++) {
    const block = order.slice(Math.floor((b * order.length) / count), Math.floor(((b + 1) * order.length) / count)).sort((x, y) => x - y)
    blocks.push(block)
    effects.push(effect(block))
  }
  // rows that move it only together carry it together: every row counts, as one by one
  const drawing = { draws: options.draws, seed: options.seed }
  if (effects.every((e) => isNegligible(e, whole))) return floorOf(differing.map(() => whole / differing.length), whole, drawing)
  const { floor } = floorOf(effects, whole, drawing)
  // The count, for the warning, over at most EXCHANGE_BLOCKS groups of consecutive blocks (their
  // effects summed), as many as before the cut grew: a denominator every row shares moves each of
  // 1,024 blocks a little, and their participation ratio read 40 blocks where two rows carry it.
  const groupCount = Math.min(EXCHANGE_BLOCKS, count)
  const groups: Array<readonly number[]> = []
  const groupEffects: number[] = []
  for (let g = 0; g < groupCount; g++) {
    const [from, to] = [Math.floor((g * count) / groupCount), Math.floor(((g + 1) * count) / groupCount)]
    groups.push(blocks.slice(from, to).flat())
    groupEffects.push(effects.slice(from, to).reduce((sum, e) => sum + e, 0))
  }
  const blocksCarrying = participationRatio(groupEffects)
  // Carried by so many blocks that 2^-blocks is below the strictest level the p is compared with
  // (`strictest`; 2^-32 below any), it is by at least as many rows, too many for "too few rows to
  // reject": not counted row by row (each row of 8 blocks recomputing every custom metric made a
  // regressed 20,000-row entry with 8 of them take minutes, adversarial pass 47, F3).
  // `cut`, where fewer blocks than rows: how many, and how many move it where all that do move it its way
  const moving = effects.filter((e) => !isNegligible(e, whole))
  const cut = count < differing.length ? { cut: { blocks: count, ...(moving.every((e) => e > 0) ? { oneWay: moving.length } : {}) } } : {}
  if (blocksCarrying >= MANY_CARRYING_BLOCKS || (options.strictest !== undefined && 2 ** -blocksCarrying < options.strictest)) return { rows: blocksCarrying, floor, ...cut }
  // The count is of rows, not blocks: the blocks that carry most of the change are exchanged row
  // by row for it (12 rows all worse in one block read "carried by 1 row, too few for the test to
  // reject", adversarial pass 46); the floor stays the blocks' (fixed before any effect is seen).
  const largest = Math.max(...groupEffects.map((e) => Math.abs(e)))
  const units: number[] = []
  let split = 0
  groups.forEach((group, g) => {
    if (split < COUNTED_BLOCKS && Math.abs(groupEffects[g]!) >= 0.1 * largest) {
      split++
      for (const row of group) units.push(effect([row]))
    } else units.push(groupEffects[g]!)
  })
  return { rows: participationRatio(units), floor, ...cut }
}

/** `rows` in an order drawn from `seed` alone (Fisher-Yates). */
function seededOrder(rows: readonly number[], seed: number): number[] {
  const order = rows.slice()
  const random = createRandom((seed ^ 0xb10c5) >>> 0)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1))
    const t = order[i]!
    order[i] = order[j]!
    order[j] = t
  }
  return order
}

/** Blocks at most that {@link exchangeFloor} exchanges row by row to count the rows carrying a change. */
const COUNTED_BLOCKS = 8

/** Blocks (their participation ratio) that carry a change beyond any "too few rows" (2^-32 is below every level a family uses). */
const MANY_CARRYING_BLOCKS = 32

/**
 * The floor of a change carried by these effects (in its direction: an exchange test asks how
 * often exchanging units leaves at least the change observed), and the rows carrying it (their
 * participation ratio).
 */
function floorOf(effects: readonly number[], whole: number, options: { draws: number; seed: number }): { rows: number; floor: number } {
  // The exchange test everywhere: 2^-rows where 10 or more rows carry the change (the resampling
  // test holding its size there, measured) gained 4 points of power on a custom F1 of 12 rows made
  // wrong, within noise, and failed a classifier's 2-row confidence ratio that moved by 0.003
  // (adversarial pass 44's F4b, seed 5: its denominator's effects spread over every block put the
  // participation ratio above 10, and the resampling test's own p was 0.0029)
  // exchanging a unit flips its effect's sign: the sign-flip test of the paired mean's terms on
  // them (exact up to 16, else seeded draws); effects that are only rounding are left out
  const differences = Float64Array.from(effects, (e) => (isNegligible(e, whole) ? 0 : e))
  return { rows: participationRatio(effects), floor: pairedSignFlipTest({ differences, ...options }).p }
}
