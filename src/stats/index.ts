/**
 * Statistics for evalgate: intervals and significance tests. Stubs while the implementation
 * lands; the signatures are the contract the evaluate and Vitest code compile against.
 */
export interface RandomSource {
  uniform(): number
  normal(): number
  binomial(n: number, p: number): number
  poisson(lambda: number): number
}
export interface Interval { lower: number; upper: number }
const todo = (name: string): never => { throw new Error(`evalgate stats: ${name} is not implemented yet`) }
/** Deterministic PRNG with exact samplers. */
export function createRandom(seed: number): RandomSource { return todo(`createRandom(${seed})`) }
/** Multinomial resample of counts. */
export function multinomialResample(counts: Float64Array, random: RandomSource, out?: Float64Array): Float64Array { void counts; void random; void out; return todo('multinomialResample') }
/** Bootstrap from counts. */
export function bootstrapCounts(counts: Float64Array, statistic: (counts: Float64Array) => Record<string, number>, options: { resamples: number; seed: number }): Record<string, Float64Array> { void counts; void statistic; void options; return todo('bootstrapCounts') }
/** Percentile interval ignoring NaN. */
export function percentileInterval(samples: ArrayLike<number>, level: number): Interval { void samples; void level; return todo('percentileInterval') }
/** AUC with DeLong's variance. */
export function delongAuc(scores: Float64Array, isPositive: Uint8Array): { auc: number; variance: number } { void scores; void isPositive; return todo('delongAuc') }
/** Interval for an AUC from its variance. */
export function aucInterval(auc: number, variance: number, level: number): Interval { void auc; void variance; void level; return todo('aucInterval') }
/** One-vs-rest multiclass AUC with variance. */
export function ovrAucWithVariance(proba: Float64Array, yTrue: Int32Array, k: number, average: 'macro' | 'weighted'): { auc: number; variance: number } { void proba; void yTrue; void k; void average; return todo('ovrAucWithVariance') }
/** Normal interval for a mean. */
export function meanInterval(n: number, mean: number, variance: number, level: number): Interval { void n; void mean; void variance; void level; return todo('meanInterval') }
/** Poisson(1) weights. */
export function poissonWeights(n: number, random: RandomSource, out?: Float64Array): Float64Array { void n; void random; void out; return todo('poissonWeights') }
/** McNemar's test. */
export function mcnemarTest(b: number, c: number): { statistic: number; pValue: number; method: 'exact' | 'chi2-cc' } { void b; void c; return todo('mcnemarTest') }
/** Paired bootstrap test. */
export function pairedBootstrapTest(n: number, statistic: (weights: Float64Array | null) => [number, number], options: { resamples: number; seed: number; greaterIsBetter: boolean; level?: number }): { difference: number; interval: Interval; pValue: number } { void n; void statistic; void options; return todo('pairedBootstrapTest') }
/** Unpaired change test from stored intervals. */
export function unpairedChangeTest(baseline: { value: number; lower: number; upper: number; level: number }, current: { value: number; lower: number; upper: number; level: number }, greaterIsBetter: boolean): { z: number; pValue: number } { void baseline; void current; void greaterIsBetter; return todo('unpairedChangeTest') }
/** Standard normal quantile. */
export function normalQuantile(p: number): number { void p; return todo('normalQuantile') }
/** Standard normal CDF. */
export function normalCdf(x: number): number { void x; return todo('normalCdf') }
