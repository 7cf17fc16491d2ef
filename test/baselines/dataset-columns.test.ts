/**
 * Which columns of the evaluation data changed, from each column's own fingerprint. Before, an
 * entry kept only the whole fingerprint: a column appended to the CSV (another model's
 * predictions), or predictions read from another column of the same file, failed an unchanged
 * model as "evaluation data changed" without naming a column; and rows moved from one slice to
 * another (the slice column outside `inputColumns`) were not seen at all, so a slice "regressed"
 * on rows it did not have before.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'
import { datasetChange } from '../../src/run/dataset-change.js'

const rows = Array.from({ length: 300 }, (_, i) => ({
  id: i,
  x: (i * 37) % 101,
  category: ['billing', 'tech', 'sales'][i % 3],
  label: (i * 37) % 101 > 50 ? 'yes' : 'no',
  pred: ((i * 37) % 101 > 50) !== (i % 10 === 0) ? 'yes' : 'no',
}))
type Row = (typeof rows)[number] & Record<string, unknown>
const run = (data: Row[], extra: Record<string, unknown> = {}) =>
  evaluate({ data, targets: 'label', predictions: 'pred', modelType: 'classifier', labels: ['no', 'yes'], slices: ['category'], intervals: false, ...extra })

describe('per-column fingerprints', () => {
  test('an appended column is not a data change: compared as the same data (paired), with a note naming it', async () => {
    const entry = createBaselineEntry(await run(rows))
    const withColumn = rows.map((row) => ({ ...row, pred_v2: row.pred }))
    const verdict = compareWithBaseline(entry, await run(withColumn))
    expect(verdict.status).toBe('passed')
    expect(verdict.dataChanged).toBe(false)
    expect(verdict.notes).toContain(
      'the data file\'s columns changed (added: "pred_v2") but the rows, the targets and every other column are as in the baseline, so it was compared as the same data; `vitest -u` records the new columns',
    )
  })

  test('predictions read from another column of the same file: the same examples', async () => {
    const file = rows.map((row) => ({ ...row, pred_v2: row.pred }))
    const entry = createBaselineEntry(await run(file))
    const verdict = compareWithBaseline(entry, await run(file, { predictions: 'pred_v2' }))
    expect(verdict.dataChanged).toBe(false)
    expect(verdict.notes[0]).toContain('added: "pred"; removed: "pred_v2"')
  })

  test('a changed column is named; rows moved between slices (slice column outside inputColumns) are a data change', async () => {
    const entry = createBaselineEntry(await run(rows, { inputColumns: ['id', 'x'] }))
    const moved = rows.map((row, i) => (i % 10 === 0 ? { ...row, category: 'billing' } : row))
    const verdict = compareWithBaseline(entry, await run(moved, { inputColumns: ['id', 'x'] }))
    expect(verdict.status).toBe('data-changed')
    // The rows (keyed by the targets and inputs) are the same, so allowDataChange would pair them.
    expect(verdict.notes[0]).toBe('evaluation data changed: column "category" changed; the values below compare the models on the 300 rows the baseline also holds (matched by their content), with the paired tests; to accept the new data, run `vitest -u` with the model the baseline was written from (with a changed model, -u would store its numbers as the bar), or pass { allowDataChange: true } to gate on those rows')
    const edited = rows.map((row, i) => (i === 5 ? { ...row, x: 1000 } : row))
    expect(compareWithBaseline(entry, await run(edited, { inputColumns: ['id', 'x'] })).notes[0]).toContain('column "x" changed')
  })

  test('rows in another order change every shared column, and the note says what that suggests', async () => {
    const entry = createBaselineEntry(await run(rows))
    const verdict = compareWithBaseline(entry, await run([...rows].reverse()))
    expect(verdict.status).toBe('data-changed')
    // Matched by their keys, the rows are known to be the same ones.
    expect(verdict.notes[0]).toContain('changed (the same rows in another order)')
    // An entry without row keys (an earlier version) can only say what it suggests.
    delete entry.rowKeys
    expect(compareWithBaseline(entry, await run([...rows].reverse())).notes[0]).toContain('(every shared column: rows reordered, replaced or filtered?)')
  })

  test('rows appended (nothing else changed): the note gives the row counts, as the history does, not every column as "changed"', async () => {
    const entry = createBaselineEntry(await run(rows))
    const appended = rows.map((row) => ({ ...row, id: row.id + 300 })).slice(0, 30)
    const verdict = compareWithBaseline(entry, await run([...rows, ...appended]))
    expect(verdict.status).toBe('data-changed')
    // Was: 'evaluation data changed: 300 -> 330 rows, columns "id", "x", "category", "label" changed (every shared column: rows reordered, replaced or filtered?)' (adversarial pass 23s).
    expect(verdict.notes[0]).toBe('evaluation data changed: 300 -> 330 rows; the values below compare the models on the 300 rows the baseline also holds (of 330 now, matched by their content), with the paired tests; to accept the new data, run `vitest -u` with the model the baseline was written from (with a changed model, -u would store its numbers as the bar), or pass { allowDataChange: true } to gate on those rows')
    // A column added with the rows is still named.
    const withColumn = compareWithBaseline(entry, await run([...rows, ...appended].map((row) => ({ ...row, note: 'n' }))))
    expect(withColumn.notes[0]).toMatch(/^evaluation data changed: 300 -> 330 rows, added: "note";/)
  })

  test('the targets read from another column, or no shared column but the targets, is changed data', async () => {
    const base = await run(rows.map((row) => ({ ...row, label2: row.label })))
    const other = await run(rows.map((row) => ({ ...row, label2: row.label })), { targets: 'label2' })
    const change = datasetChange(createBaselineEntry(base).dataset, other.dataset)
    expect(change.changed).toBe(true)
    expect(change.targetColumn).toEqual({ stored: 'label', current: 'label2' })
  })

  test('an entry written before per-column fingerprints is compared on the whole fingerprint, as before', async () => {
    const { columnFingerprints: _dropped, ...older } = createBaselineEntry(await run(rows)).dataset
    const entry = { ...createBaselineEntry(await run(rows)), dataset: older }
    expect(compareWithBaseline(entry, await run(rows)).status).toBe('passed')
    const verdict = compareWithBaseline(entry, await run(rows.map((row) => ({ ...row, pred_v2: row.pred }))))
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes[0]).toContain('the entry predates per-column fingerprints')
  })

  test('an input replaced (columns removed and others added, slices and targets kept) is changed data; a rename is not', async () => {
    const entry = createBaselineEntry(await run(rows))
    const replaced = rows.map(({ x: _x, ...row }, i) => ({ ...row, prompt: `new prompt ${i % 7}` }))
    const verdict = compareWithBaseline(entry, await run(replaced as unknown as Row[]))
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes[0]).toContain('added: "prompt"; removed: "x"')
    const renamed = rows.map(({ x, ...row }) => ({ ...row, feature: x }))
    const verdict2 = compareWithBaseline(entry, await run(renamed as unknown as Row[]))
    expect(verdict2.dataChanged).toBe(false)
    expect(verdict2.notes[0]).toContain('added: "feature"; removed: "x"')
  })
})
