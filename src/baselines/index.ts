/** Baselines: stored metrics that gate regressions, with snapshot semantics. */
export { BaselineStore, parseBaselineFile } from './store.js'
export { BaselineFileSession, keyBelongsToTest, type BaselineCheck, type FinishedTest, type FinishResult } from './session.js'
export { createBaselineEntry, trackedMetricNames, HEADLINE_METRICS } from './entry.js'
export { compareWithBaseline, toComparison, formatValue, type BaselineVerdict } from './verdict.js'
export { renderBaselineDiff } from './diff-table.js'
export { stableStringify } from './stable-json.js'
export { encodeCorrectness, decodeCorrectness } from './correctness-bitset.js'
export * from './types.js'
