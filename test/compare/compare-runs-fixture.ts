/**
 * Two runs for the compare tests: the reporter fixture's three-class run as the baseline, and a
 * "fine-tuned" copy whose technical-support F1 and overall log loss change by set amounts with
 * set intervals, so the unpaired test's z can be worked out by hand.
 */
import type { EvalRun } from '../../src/run/types.js'
import type { NamedRun } from '../../src/compare/report/read-run-files.js'
import { threeClassRun } from '../fixtures/reporter/eval-runs.js'

export const TECH = 'category=technical_support'

/** Baseline and fine-tuned runs; `sameData: false` gives the second another fingerprint. */
export function baselineAndFineTuned(sameData = true): [EvalRun, EvalRun] {
  const baseline = threeClassRun()
  baseline.name = 'baseline'
  const tech = baseline.slices[TECH]
  // F1 on technical support: 0.70 [0.66, 0.74] -> 0.80 [0.76, 0.84], both 95 %.
  tech.metrics.f1_score = 0.7
  tech.intervals.f1_score = { lower: 0.66, upper: 0.74, level: 0.95, method: 'multinomial-bootstrap' }
  baseline.metrics.log_loss = 0.5
  baseline.intervals.log_loss = { lower: 0.45, upper: 0.55, level: 0.95, method: 'normal' }
  const tuned = structuredClone(baseline)
  tuned.name = 'fine-tuned'
  tuned.slices[TECH].metrics.f1_score = 0.8
  tuned.slices[TECH].intervals.f1_score = { lower: 0.76, upper: 0.84, level: 0.95, method: 'multinomial-bootstrap' }
  // log loss (lower is better) rises by 0.2: worse.
  tuned.metrics.log_loss = 0.7
  tuned.intervals.log_loss = { lower: 0.65, upper: 0.75, level: 0.95, method: 'normal' }
  const counts = tuned.confusionMatrix!.counts
  counts[0][0] += 5
  counts[0][1] -= 5
  tuned.perClass![0].f1 = 0.91
  if (!sameData) tuned.dataset.fingerprint = 'f'.repeat(64)
  return [baseline, tuned]
}

/** The two runs named as `readCompareInputs` names them. */
export function namedRuns(sameData = true): NamedRun[] {
  const [baseline, tuned] = baselineAndFineTuned(sameData)
  return [
    { name: 'baseline', source: 'baseline/run.json', run: baseline },
    { name: 'fine-tuned', source: 'fine-tuned/run.json', run: tuned },
  ]
}
