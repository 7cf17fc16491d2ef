/**
 * Metrics that describe a run's outputs without judging them: the grade levels of a
 * question-answering, summarization or retriever run, whose references judge the outputs. Such a
 * run records no direction for them; a run or baseline entry written by an earlier version
 * recorded MLflow's (lower is better), and the readers of both (the gate, `evalgate compare`)
 * ask this module, not the stored direction.
 */
import type { EvalRun } from './types.js'

/** The readability of the outputs: descriptive, not quality, wherever the outputs have references. */
const READABILITY = /^(flesch_kincaid_grade_level|ari_grade_level)\//

/**
 * Whether `metric` is a grade level of the outputs (`flesch_kincaid_grade_level/v1/*`, `ari_grade_level/v1/*`).
 * @example isGradeLevel('ari_grade_level/v1/mean') // true
 */
export function isGradeLevel(metric: string): boolean {
  return READABILITY.test(metric)
}

/**
 * Whether `metric` describes the run's outputs without judging them, so that no baseline gates it
 * unless `metrics` names it, and no comparison calls a change of it better or worse.
 * @example describesOutputsOnly(qaRun, 'ari_grade_level/v1/mean') // true
 * @example describesOutputsOnly(textRun, 'ari_grade_level/v1/mean') // false: the `text` type judges by them
 */
export function describesOutputsOnly(run: Pick<EvalRun, 'modelType'>, metric: string): boolean {
  return run.modelType !== 'text' && isGradeLevel(metric)
}
