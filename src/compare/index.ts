/** The one paired comparison of two models on the same rows (baselines, `toOutperform`). */
export { comparisonScopes, pairedRuns, pairedWithStored, type ModelOutputs, type PairedData } from './paired-data.js'
export { MAX_EXCHANGE_BLOCKS, PairedComparison, RECOMPUTING_SHARE, RESAMPLE_MAX_ROWS, type BlockCharge, type PairedMetricRequest, type PairedMetricResult, type PairedTestName } from './paired-metric-test.js'
export { rowsSignature, hypothesisKey, holmRejections, refinedHolm, monteCarloDraws, floorReachingDraws, type RefinableP } from './hypothesis-family.js'
export { compareRuns, type RunsComparison } from './compare-runs.js'
export { scoredPairs } from './paired-row-scores.js'
