import { beforeAll, describe, expect, test } from 'vitest'
import { readBaselineHistory } from '../../src/history/read-history.js'
import { renderHistoryPage } from '../../src/history/history-page.js'
import { renderHistorySection } from '../../src/reporter/history-section.js'
import { baselineEntry, baselineFile, createRepository, type TestRepository } from './git-repository.js'

const FILE = 'evals/__baselines__/support.eval.test.ts.json'
const KEY = 'support > router'

/** An entry on data of `rows` rows whose columns have the fingerprints `columns` (targets: `label`). */
function entryOn(accuracy: number, rows: number, columns: Record<string, string>, fingerprint: string): unknown {
  const entry = baselineEntry(accuracy, 0.7) as { dataset: unknown; exampleCount: number }
  return { ...entry, exampleCount: rows, dataset: { fingerprint, rowCount: rows, columnFingerprints: columns, targetColumn: 'label' } }
}

const BASE = { text: 'a'.repeat(16), category: 'b'.repeat(16), label: 'c'.repeat(16) }
let repo: TestRepository
const commits: string[] = []

beforeAll(() => {
  repo = createRepository()
  const at = (day: number): string => `2026-03-0${day}T10:00:00+00:00`
  commits.push(repo.commit({ [FILE]: baselineFile({ [KEY]: entryOn(0.8, 800, BASE, '1'.repeat(64)) }) }, 'first baseline', 'Ada', at(1)))
  // A better model on the same data.
  commits.push(repo.commit({ [FILE]: baselineFile({ [KEY]: entryOn(0.82, 800, BASE, '1'.repeat(64)) }) }, 'better model', 'Bob', at(2)))
  // Another model's predictions appended to the file: a column added, the rows as they were.
  commits.push(repo.commit({ [FILE]: baselineFile({ [KEY]: entryOn(0.82, 800, { ...BASE, pred_v3: 'd'.repeat(16) }, '2'.repeat(64)) }) }, 'keep v3 predictions', 'Cy', at(3)))
  // 50 rows added: every column's values change.
  commits.push(repo.commit({ [FILE]: baselineFile({ [KEY]: entryOn(0.78, 850, { text: 'e'.repeat(16), category: 'f'.repeat(16), label: '0'.repeat(16), pred_v3: '9'.repeat(16) }, '3'.repeat(64)) }) }, 'add 50 hard rows', 'Dee', at(4)))
  // Targets corrected: the labels column alone changes.
  commits.push(repo.commit({ [FILE]: baselineFile({ [KEY]: entryOn(0.8, 850, { text: 'e'.repeat(16), category: 'f'.repeat(16), label: '8'.repeat(16), pred_v3: '9'.repeat(16) }, '4'.repeat(64)) }) }, 'fix 3 labels', 'Eve', at(5)))
})

describe('evalgate history marks changes of the evaluation data', () => {
  test('a point whose rows or columns differ from the point before says what changed; a column only added is no change', async () => {
    const history = await readBaselineHistory({ cwd: repo.root })
    const points = history.entries[0]!.points
    expect(points.map((p) => p.commit)).toEqual(commits)
    expect(points.map((p) => p.dataChange)).toEqual([
      undefined,
      undefined,
      undefined,
      '800 -> 850 rows',
      'column "label" changed',
    ])
    expect(points[4]!.datasetRows).toBe(850)
    expect(points[4]!.columnFingerprints).toEqual({ text: 'e'.repeat(16), category: 'f'.repeat(16), label: '8'.repeat(16), pred_v3: '9'.repeat(16) })
  })

  test('entries without per-column fingerprints are compared by their whole fingerprint', async () => {
    const old = createRepository()
    old.commit({ [FILE]: baselineFile({ [KEY]: baselineEntry(0.8, 0.7) }) }, 'first', 'Ada', '2026-03-01T10:00:00+00:00')
    const other = { ...(baselineEntry(0.81, 0.7) as object), dataset: { fingerprint: 'e'.repeat(64), rowCount: 100 } }
    old.commit({ [FILE]: baselineFile({ [KEY]: other }) }, 'new data', 'Bob', '2026-03-02T10:00:00+00:00')
    const history = await readBaselineHistory({ cwd: old.root })
    expect(history.entries[0]!.points.map((p) => p.dataChange)).toEqual([undefined, 'fingerprint ffffffffffff -> eeeeeeeeeeee'])
  })

  test('a history read on top of an earlier one compares its first new point with the earlier last one', async () => {
    const history = await readBaselineHistory({ cwd: repo.root })
    const cut = { ...history, head: commits[3]!, entries: history.entries.map((entry) => ({ ...entry, points: entry.points.slice(0, 4) })) }
    const again = await readBaselineHistory({ cwd: repo.root, previous: cut })
    expect(again.entries[0]!.points.map((p) => p.dataChange)).toEqual(history.entries[0]!.points.map((p) => p.dataChange))
  })

  test('the page and the report draw a dashed line at the change, say what changed in its tooltip, and explain the line once', async () => {
    const history = await readBaselineHistory({ cwd: repo.root })
    const page = renderHistoryPage(history)
    const lines = [...page.matchAll(/<line class="data-change" data-commit="([0-9a-f]+)"[^>]*><title>([^<]*)<\/title>/g)]
    // Two changes, on the overall accuracy chart and on the slice's F1 chart; rows added read as the row count alone.
    expect(lines.map((m) => m[1])).toEqual([commits[3], commits[4], commits[3], commits[4]])
    expect(lines[1]![2]).toBe('evaluation data changed: column &quot;label&quot; changed')
    expect(page).toContain('data-legend="data-change"')
    expect(page.match(/A dashed orange line marks/g)).toHaveLength(1)
    const section = renderHistorySection({ history, gitPrefix: '', reused: false }, [{ file: 'evals/support.eval.test.ts', fullName: KEY }], 'eval-history/index.html')
    expect(section).toContain('<line class="data-change"')
    expect(section).toContain('A dashed orange line marks')
  })

  test('without a change there is no line and no legend', async () => {
    const history = await readBaselineHistory({ cwd: repo.root })
    const early = { ...history, entries: history.entries.map((entry) => ({ ...entry, points: entry.points.slice(0, 3) })) }
    const page = renderHistoryPage(early)
    expect(page).not.toContain('class="data-change"')
    expect(page).not.toContain('A dashed orange line marks')
  })
})
