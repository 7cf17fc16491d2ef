import { defineArtifact } from 'evalgate'

/**
 * `misread_complaints.csv`: negative feedback the model did not read as negative, with its
 * id, category, predicted label, probability of `negative` and text, most confidently wrong
 * first (rows with equal probability keep their order) — the rows to read before changing
 * the model. Without probabilities `p_negative` is empty and the rows keep their order.
 */
export const misreadComplaints = defineArtifact({
  name: 'misread_complaints',
  fn: (table) => {
    if (table.modelType !== 'classifier') return []
    const text = table.column('text')
    const id = table.column('id')
    const category = table.column('category')
    const pNegative = table.probabilities?.negative
    const rows: Array<Record<string, unknown>> = []
    for (let i = 0; i < table.rowCount; i++) {
      if (table.targets[i] !== 'negative' || table.predictions[i] === 'negative') continue
      rows.push({
        id: id[i],
        category: category[i],
        predicted: table.predictions[i],
        p_negative: pNegative ? Number(pNegative[i].toFixed(4)) : null,
        text: text[i],
      })
    }
    return rows.sort((a, b) => Number(a.p_negative ?? 0) - Number(b.p_negative ?? 0))
  },
})
