/**
 * An entry whose metrics are defined differently from the run's (another positive label, another
 * averaging, another model type) is not compared as if it were the same: before, `posLabel: 'no'`
 * compared the F1 of class "no" with the stored F1 of class "yes" and a real drop passed, and a
 * classifier's entry met by a regressor's run was reported as a corrupt baseline file.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'

const rows = Array.from({ length: 400 }, (_, i) => ({ id: i, truth: i % 3 === 0 ? 'yes' : 'no', score: Math.min(1, ((i * 37) % 100) / 100 + (i % 3 === 0 ? 0.2 : 0)) }))
const at = (threshold: number, posLabel?: string) =>
  evaluate({ data: rows, targets: 'truth', scores: 'score', threshold, modelType: 'classifier', labels: ['no', 'yes'], ...(posLabel ? { posLabel } : {}), inputColumns: ['id'], intervals: false })

describe('a baseline entry defined differently from the run', () => {
  test('another posLabel is not compared as the same metric: it fails as changed data, naming the change', async () => {
    const entry = createBaselineEntry(await at(0.5))
    expect(entry.posLabel).toBe('yes')
    const verdict = compareWithBaseline(entry, await at(0.7, 'no'))
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes[0]).toBe('the metrics are defined differently from the baseline\'s (posLabel "yes" -> "no"), so the stored values are not comparable; run `vitest -u` locally to record the baseline under the new definition')
    expect(compareWithBaseline(entry, await at(0.5)).status).toBe('passed')
  })

  test('another averaging, and an older entry that stored neither, the latter compared as before', async () => {
    const three = Array.from({ length: 300 }, (_, i) => ({ id: i, y: ['a', 'b', 'c'][i % 3], p: ['a', 'b', 'c'][(i * 7) % 5 % 3] }))
    const run = (average: 'weighted' | 'macro') => evaluate({ data: three, targets: 'y', predictions: 'p', modelType: 'classifier', average, inputColumns: ['id'], intervals: false })
    const entry = createBaselineEntry(await run('weighted'))
    expect(compareWithBaseline(entry, await run('macro')).notes[0]).toContain('(average weighted -> macro)')
    const { average: _dropped, ...older } = entry
    expect(compareWithBaseline(older, await run('macro')).dataChanged).toBe(false)
  })

  test('another model type: a clear note and no decoding of the other type\'s stored outputs (was: "not a valid evalgate baseline")', async () => {
    const entry = createBaselineEntry(await evaluate({ data: rows, targets: 'truth', scores: 'score', modelType: 'classifier', labels: ['no', 'yes'], inputColumns: ['id'], intervals: false }))
    const numeric = rows.map((r) => ({ id: r.id, truth: r.truth === 'yes' ? 1 : 0, score: r.score }))
    const regressor = await evaluate({ data: numeric, targets: 'truth', predictions: 'score', modelType: 'regressor', inputColumns: ['id'], intervals: false })
    const verdict = compareWithBaseline(entry, regressor)
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes[0]).toContain('(model type classifier -> regressor)')
    expect(compareWithBaseline(entry, regressor, { allowDataChange: true }).notes[0]).toContain('run `vitest -u` locally')
  })
})
