/**
 * A warning when stored probability columns name other labels than the ones their order gives
 * them: `probabilities: ['p_eel', 'p_cat', 'p_dog']` with the labels cat, dog, eel reads `p_eel`
 * as cat's probability. A binary run's reversed columns were caught by their ranking
 * (`reversed-scores.ts`); a multiclass run's were used without a word (adversarial pass 68:
 * accuracy 0.017 where the columns in label order give 0.983).
 */
import type { RunWarning } from '../../run/observers.js'

/** The words of a column name, lower case (`p_eel` -> `p`, `eel`; `prob.Dog` -> `prob`, `dog`). */
function wordsOf(name: string): Set<string> {
  return new Set(name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== ''))
}

/**
 * The warning, or undefined when every column's name either names its own label or no label
 * (one word of the name equal to the label, case aside).
 * @example misnamedProbabilityColumns(['cat', 'dog', 'eel'], ['p_eel', 'p_cat', 'p_dog'])?.code // 'PROBABILITY_COLUMNS_MISNAMED'
 */
export function misnamedProbabilityColumns(labels: readonly string[], columns: readonly string[] | undefined): RunWarning | undefined {
  if (columns === undefined || columns.length !== labels.length || labels.length < 2) return undefined
  const lower = labels.map((label) => label.toLowerCase())
  if (new Set(lower).size !== lower.length) return undefined
  const named = columns.map((column) => {
    const words = wordsOf(column)
    const naming = lower.flatMap((label, j) => (words.has(label) ? [j] : []))
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
