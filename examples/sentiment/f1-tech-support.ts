import { defineMetric, type EvalTable } from 'evalgate'

/** Positions (within a scope) of the rows whose category is technical support. */
function techSupportRows(table: EvalTable): number[] {
  const category = table.column('category')
  const rows: number[] = []
  for (let i = 0; i < table.rowCount; i++) if (category[i] === 'technical_support') rows.push(i)
  return rows
}

/**
 * `f1_tech_support`: F1 of the `negative` class on technical-support feedback — how well the
 * model catches an unhappy support customer, the case the sentiment study is about. The same
 * number as scikit-learn's `f1_score(y, p, labels=['negative'], average='macro',
 * zero_division=0)` on those rows. In a scope without technical-support feedback (the other
 * category slices) it is not defined: NaN, which evaluate() leaves out with a note.
 */
export const f1TechSupport = defineMetric({
  name: 'f1_tech_support',
  greaterIsBetter: true,
  fn: (table) => {
    if (table.modelType !== 'classifier') throw new Error('f1_tech_support needs a classifier run')
    const rows = techSupportRows(table)
    if (rows.length === 0) return Number.NaN
    let truePositives = 0
    let actual = 0
    let predicted = 0
    for (const i of rows) {
      const isNegative = table.targets[i] === 'negative'
      const saysNegative = table.predictions[i] === 'negative'
      if (isNegative) actual++
      if (saysNegative) predicted++
      if (isNegative && saysNegative) truePositives++
    }
    return actual + predicted === 0 ? 0 : (2 * truePositives) / (actual + predicted)
  },
})
