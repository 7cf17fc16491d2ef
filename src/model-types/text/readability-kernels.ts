/**
 * The readability kernels the `text` metrics call, by the names agreed with the helper that
 * writes them in `src/metrics/text` (`fleschKincaidGrades`, `automatedReadabilityIndices`).
 * Toxicity's aggregates are computed by `row-score-scope.ts` (the same `standardAggregations`
 * plus the share at or above 0.5), so `toxicityAggregates` is not needed here. Until those land, they are looked up on
 * the module: absent, the readability metrics are left out with a note (never computed here).
 * Once `src/metrics/text/index.ts` exports them, this file can import them directly.
 */
import * as textKernels from '../../metrics/text/index.js'

/** textstat 0.7.11's `flesch_kincaid_grade` per text. */
export type ReadabilityKernel = (texts: readonly string[]) => Float64Array

const kernels = textKernels as unknown as Record<string, unknown>

function kernel(name: string): ReadabilityKernel | undefined {
  const value = kernels[name]
  return typeof value === 'function' ? (value as ReadabilityKernel) : undefined
}

/** `fleschKincaidGrades(texts)` from `src/metrics/text`, when it is there. */
export const fleschKincaidGrades: ReadabilityKernel | undefined = kernel('fleschKincaidGrades')

/** `automatedReadabilityIndices(texts)` from `src/metrics/text`, when it is there. */
export const automatedReadabilityIndices: ReadabilityKernel | undefined = kernel('automatedReadabilityIndices')

/** The note a run carries when the readability kernels are not in this build. */
export const READABILITY_MISSING_NOTE =
  'flesch_kincaid_grade_level/v1 and ari_grade_level/v1 left out: the readability kernels (src/metrics/text: fleschKincaidGrades, automatedReadabilityIndices) are not in this build'
