import { rocAucFromSplitScores } from '../../metrics/index.js'
import type { RunWarning } from '../../run/observers.js'

/** |z| of the Mann-Whitney statistic beyond which the scores surely rank the positive label low (two-sided p < 0.001). */
const Z_REVERSED = 3.29

/**
 * A warning when a binary classifier's probabilities of the positive label rank its rows
 * clearly below the other label's (roc_auc significantly below 0.5): the scores are most likely
 * the other label's probability, and every metric of the positive label (recall, precision, F1,
 * roc_auc) is of the wrong class. Adversarial pass 35: text labels `fraud` / `legit` with a
 * `scores` column of fraud's probability took `legit`, the last label (MLflow's default), as
 * positive; roc_auc was 0.0125, recall that of `legit`, and nothing said so.
 *
 * The test: Mann-Whitney's z, (AUC − 0.5) / √((P + N + 1) / (12 P N)), below −3.29: a one-sided
 * level of 0.0005 by the normal approximation (not simulated: it only words a warning, and gates
 * nothing), so scores unrelated to the labels are rarely flagged and a reversed ranking of a few
 * dozen rows is.
 */
export function reversedScoresWarning(
  labels: readonly string[],
  posIndex: number | undefined,
  targetIndex: Int32Array,
  probabilities: readonly Float64Array[] | undefined,
  source: { scores?: string; probabilities?: readonly string[]; posLabelGiven: boolean },
): RunWarning | undefined {
  if (posIndex === undefined || labels.length !== 2 || probabilities === undefined) return undefined
  const scores = probabilities[posIndex]
  let positives = 0
  for (let i = 0; i < targetIndex.length; i++) if (targetIndex[i] === posIndex) positives++
  const negatives = targetIndex.length - positives
  if (positives === 0 || negatives === 0) return undefined
  const pos = new Float64Array(positives)
  const neg = new Float64Array(negatives)
  let p = 0
  let q = 0
  for (let i = 0; i < targetIndex.length; i++) {
    if (targetIndex[i] === posIndex) pos[p++] = scores[i]
    else neg[q++] = scores[i]
  }
  const auc = rocAucFromSplitScores(pos, neg)
  const z = (auc - 0.5) / Math.sqrt((positives + negatives + 1) / (12 * positives * negatives))
  if (!(z < -Z_REVERSED)) return undefined
  const positive = JSON.stringify(labels[posIndex])
  const other = JSON.stringify(labels[1 - posIndex])
  const what = source.scores !== undefined ? `scores column "${source.scores}"` : source.probabilities !== undefined ? `probability column "${source.probabilities[posIndex]}" (of ${positive}, by the order of \`labels\`)` : `the model's probabilities of ${positive}`
  const chosen = source.posLabelGiven ? `the positive label ${positive} (posLabel)` : `the positive label ${positive} (the last label in sorted order, as MLflow chooses it when posLabel is not given)`
  const fix = source.scores !== undefined
    ? `if the scores are the probability of ${other}, pass \`posLabel: ${JSON.stringify(labels[1 - posIndex])}\``
    : source.probabilities !== undefined
      ? 'check that the probability columns are listed in the order of `labels`'
      : `check which label the model's probabilities are of`
  return {
    code: 'SCORES_RANK_POSITIVE_LOW',
    message: `${what} ranks ${chosen} below ${other} (roc_auc ${auc.toFixed(4)} on ${positives} + ${negatives} rows, far below 0.5), as if it were the probability of ${other}: recall, precision, F1 and roc_auc are those of ${positive}; ${fix}`,
  }
}
