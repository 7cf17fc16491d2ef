import { describe, expect, test } from 'vitest'
import { evaluate } from '../../../src/evaluate/index.js'
import { observeWarnings, type RunWarning } from '../../../src/run/observers.js'

/** 200 rows, 10% fraud; `score` is the probability of fraud (a good model: AUC near 0.99). */
function fraudRows(seed = 1): Array<{ label: string; score: number }> {
  let state = seed
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)
  return Array.from({ length: 200 }, (_, i) => {
    const fraud = i % 10 === 0
    return { label: fraud ? 'fraud' : 'legit', score: fraud ? 0.6 + 0.4 * random() : 0.45 * random() }
  })
}

async function warningsOf(options: Parameters<typeof evaluate>[0]): Promise<{ warnings: RunWarning[]; notes: readonly string[] }> {
  const warnings: RunWarning[] = []
  const stop = observeWarnings((warning) => warnings.push(warning))
  try {
    const run = await evaluate(options)
    return { warnings, notes: run.notes }
  } finally {
    stop()
  }
}

// Adversarial pass 35: a scores column of fraud's probability with text labels took "legit" (the
// last label) as positive; roc_auc 0.0125 and recall of the wrong class passed without a word.
describe('scores that rank the positive label low', () => {
  test('warn, naming the column, the positive label, roc_auc and posLabel as the fix', async () => {
    const { warnings, notes } = await warningsOf({ data: fraudRows(), modelType: 'classifier', targets: 'label', scores: 'score', intervals: false })
    expect(warnings.map((w) => w.code)).toEqual(['SCORES_RANK_POSITIVE_LOW'])
    expect(warnings[0].message).toMatch(
      /^scores column "score" ranks the positive label "legit" \(the last label in sorted order, as MLflow chooses it when posLabel is not given\) below "fraud" \(roc_auc 0\.0\d{3} on 180 \+ 20 rows, far below 0\.5\), as if it were the probability of "fraud": recall, precision, F1 and roc_auc are those of "legit"; if the scores are the probability of "fraud", pass `posLabel: "fraud"`$/,
    )
    expect(notes).toContain(warnings[0].message)
  })

  test('no warning with the right posLabel, nor for a model no better than chance', async () => {
    expect((await warningsOf({ data: fraudRows(), modelType: 'classifier', targets: 'label', scores: 'score', posLabel: 'fraud', intervals: false })).warnings).toEqual([])
    // Scores unrelated to the labels (one-sided level 0.0005): these 20 seeds give no warning.
    for (let seed = 1; seed <= 20; seed++) {
      const rows = fraudRows(seed).map((row, i) => ({ ...row, score: ((i * 7919 + seed * 104729) % 1000) / 1000 }))
      expect((await warningsOf({ data: rows, modelType: 'classifier', targets: 'label', scores: 'score', posLabel: 'fraud', intervals: false })).warnings, `seed ${seed}`).toEqual([])
    }
  })

  test('probability columns in the wrong order: the fix says to check the order', async () => {
    const rows = fraudRows().map((row) => ({ ...row, p_fraud: row.score, p_legit: 1 - row.score }))
    // labels sorted: fraud, legit; columns given as if legit came first.
    const { warnings } = await warningsOf({ data: rows, modelType: 'classifier', targets: 'label', probabilities: ['p_legit', 'p_fraud'], posLabel: 'fraud', intervals: false })
    // columns named after the labels: the names say which is misplaced (adversarial pass 68, F13)
    expect(warnings).toHaveLength(1)
    expect(warnings[0].message).toContain('"p_legit" as the probability of "fraud", "p_fraud" as the probability of "legit", though their names name another label; list the columns in the order of the labels (probabilities: ["p_fraud","p_legit"])')
    // columns whose names name no label: the ranking says so
    const unnamed = fraudRows().map((row) => ({ ...row, first: 1 - row.score, second: row.score }))
    const ranked = await warningsOf({ data: unnamed, modelType: 'classifier', targets: 'label', probabilities: ['first', 'second'], posLabel: 'fraud', intervals: false })
    expect(ranked.warnings).toHaveLength(1)
    expect(ranked.warnings[0].message).toContain('probability column "first" (of "fraud", by the order of `labels`) ranks the positive label "fraud" (posLabel) below "legit"')
    expect(ranked.warnings[0].message).toContain('check that the probability columns are listed in the order of `labels`')
  })
})
