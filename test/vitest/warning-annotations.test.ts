/**
 * A predicted label that no target holds ('mixed') used to become a class silently (only a
 * run note); now evaluate() sends a warning through the observer boundary and the Vitest side
 * turns it into a warning annotation on the test.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PredictionError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import { observeWarnings, type RunWarning } from '../../src/run/observers.js'
import { installWarningAnnotations } from '../../src/vitest/warning-annotations.js'

const data = [
  { y: 'positive', p: 'positive' },
  { y: 'negative', p: 'mixed' },
  { y: 'negative', p: 'negative' },
  { y: 'positive', p: 'mixed' },
]

let remove: () => void
beforeAll(() => {
  remove = installWarningAnnotations()
})
afterAll(() => remove())

describe('a predicted label absent from the targets', () => {
  test('is a warning naming the label, its rows and the targets, and a run note', async () => {
    const seen: RunWarning[] = []
    const stop = observeWarnings((warning) => seen.push(warning))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    stop()
    const message =
      'predictions column "p": label "mixed" (2 rows, first row 2) never occurs in targets column "y" ("negative", "positive"), so it became a class of its own and every such row counts as wrong; fix the predictions if it is a misspelt label, or pass `labels: [...]` naming every class to accept it'
    expect(seen).toEqual([{ code: 'PREDICTED_LABEL_NOT_IN_TARGETS', message }])
    expect(run.notes).toContain(message)
    expect(run.labels).toEqual(['mixed', 'negative', 'positive'])
  })

  test('no warning when labels names every class', async () => {
    const seen: RunWarning[] = []
    const stop = observeWarnings((warning) => seen.push(warning))
    await evaluate({ data, targets: 'y', predictions: 'p', labels: ['negative', 'positive', 'mixed'], modelType: 'classifier', intervals: false })
    stop()
    expect(seen).toEqual([])
  })

  test("unseenPredictedLabels: 'error' makes it an error naming the label and its first row", async () => {
    const error = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', unseenPredictedLabels: 'error' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PredictionError)
    expect(error).toMatchObject({ code: 'PREDICTED_LABEL_NOT_IN_TARGETS' })
    expect((error as Error).message).toMatch(/^predictions column "p": label "mixed" \(2 rows, first row 2\) never occurs.*\(unseenPredictedLabels: 'error'; 'warn' lets it through with a warning\)$/)
    const bad = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', unseenPredictedLabels: 'fail' as 'error' }).catch((e: unknown) => e)
    expect(bad).toMatchObject({ code: 'INVALID_UNSEEN_PREDICTED_LABELS' })
  })

  test('becomes a warning annotation on the running test', async ({ task, onTestFinished }) => {
    onTestFinished(() => {
      expect(task.annotations).toHaveLength(1)
      expect(task.annotations[0].type).toBe('warning')
      expect(task.annotations[0].message).toMatch(/^the model's predictions: label "mixed" \(2 rows, first row 2\) never occurs in targets column "y"/)
    })
    await evaluate({ data, targets: 'y', model: (rows) => rows.map((row) => row.p as string), modelType: 'classifier', intervals: false })
  })

  test("is recorded in the test's meta about the run being evaluated, so the reports show it (was: an annotation only; summary.md, junit.xml and run.json had no warning)", async ({ task }) => {
    await evaluate({ name: 'named', data, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    const meta = task.meta.evalgate!
    expect(meta.warnings).toHaveLength(1)
    expect(meta.warnings[0]).toMatch(/label "mixed" \(2 rows, first row 2\) never occurs/)
    expect(meta.runWarnings?.map((w) => [w.runName, w.runIndex])).toEqual([
      ['named', undefined],
      // the index the unnamed run takes in meta.runs (this file has no evalgate/setup recording
      // runs, so none is there yet: 0)
      [undefined, 0],
    ])
  })
})
