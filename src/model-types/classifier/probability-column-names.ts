/**
 * A warning when stored probability columns name other labels than the ones their order gives
 * them: `probabilities: ['p_eel', 'p_cat', 'p_dog']` with the labels cat, dog, eel reads `p_eel`
 * as cat's probability. A binary run's reversed columns were caught by their ranking
 * (`reversed-scores.ts`); a multiclass run's were used without a word (adversarial pass 68:
 * accuracy 0.017 where the columns in label order give 0.983).
 */
import type { RunWarning } from '../../run/observers.js'

/**
 * The labels a column name names: each label found in it (case aside) between separators or the
 * name's ends (`p_eel`, `prob.Dog`), leaving out a label found only inside a longer label found
 * there (`p_not_spam` names `not_spam`, not `spam`: adversarial pass 69).
 */
function labelsNamed(column: string, lower: readonly string[]): number[] {
  const name = column.toLowerCase()
  const spans: Array<{ label: number; start: number; end: number }> = []
  lower.forEach((label, j) => {
    for (let at = name.indexOf(label); at >= 0; at = name.indexOf(label, at + 1)) {
      const before = at === 0 || !/[\p{L}\p{N}]/u.test(name[at - 1])
      const after = at + label.length === name.length || !/[\p{L}\p{N}]/u.test(name[at + label.length])
      if (before && after) spans.push({ label: j, start: at, end: at + label.length })
    }
  })
  const inside = (a: (typeof spans)[number]) => spans.some((b) => b !== a && b.end - b.start > a.end - a.start && b.start <= a.start && a.end <= b.end)
  return [...new Set(spans.filter((span) => !inside(span)).map((span) => span.label))]
}

/**
 * The warning, or undefined when every column's name either names its own label or no label
 * (the label between separators in the name, case aside).
 * @example misnamedProbabilityColumns(['cat', 'dog', 'eel'], ['p_eel', 'p_cat', 'p_dog'])?.code // 'PROBABILITY_COLUMNS_MISNAMED'
 */
export function misnamedProbabilityColumns(labels: readonly string[], columns: readonly string[] | undefined): RunWarning | undefined {
  if (columns === undefined || columns.length !== labels.length || labels.length < 2) return undefined
  const lower = labels.map((label) => label.toLowerCase())
  if (new Set(lower).size !== lower.length) return undefined
  const named = columns.map((column) => {
    const naming = labelsNamed(column, lower)
    return naming.length === 1 ? naming[0] : undefined
  })
  const wrong = columns.flatMap((column, i) => (named[i] !== undefined && named[i] !== i ? [`"${column}" as the probability of "${labels[i]}"`] : []))
  if (wrong.length === 0) return undefined
  // each label named by exactly one column: that order is the fix
  const byLabel = labels.map((_, j) => columns.filter((_, i) => named[i] === j))
  const order = byLabel.every((found) => found.length === 1) ? ` (probabilities: ${JSON.stringify(byLabel.map((found) => found[0]))})` : ''
  return {
    code: 'PROBABILITY_COLUMNS_MISNAMED',
    message: `probability columns are read in the order of the labels (${labels.join(', ')}): ${wrong.join(', ')}, though ${wrong.length === 1 ? 'its name names' : 'their names name'} another label; list the columns in the order of the labels${order}, or pass \`labels\` in the order of the columns`,
  }
}
