import { afterAll, describe, expect, test } from 'vitest'
import { loadDataset } from '../../../src/data/index.js'
import { DatasetError, PredictionError } from '../../../src/errors.js'
import { evaluate } from '../../../src/evaluate/index.js'
import { tempFolder } from '../../data/temp-files.js'

const folder = tempFolder('missing-markers')
afterAll(() => folder.remove())

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a failure')
}

// Adversarial pass 36: R's write.csv writes NA for a missing target; read as a label it made a
// binary run three classes (accuracy over a class "NA", roc_auc and the binary counts gone).
describe('a CSV target or prediction written as a missing value (NA, N/A, NULL, None)', () => {
  test.each(['NA', 'N/A', 'NULL', 'None', '#N/A', '<NA>'])('%s in the targets is an error naming the row and the fix', async (marker) => {
    const path = folder.write(`t-${marker.replace(/\W/g, '_')}.csv`, `y,pred\n1,1\n0,0\n${marker},1\n1,1\n0,1\n`)
    const error = await failure(evaluate({ data: await loadDataset(path), modelType: 'classifier', targets: 'y', predictions: 'pred', intervals: false }))
    expect(error).toBeInstanceOf(DatasetError)
    expect(error.message).toBe(
      `targets column "y": row 3 (file line 4) is ${JSON.stringify(marker)}, a missing value as pandas and R write it, not a label; fix or drop that row (rows whose target is missing cannot be scored), or, if ${JSON.stringify(marker)} is a class, name it in \`labels\``,
    )
  })

  test('with text labels too, and in a stored predictions column', async () => {
    const text = folder.write('text.csv', 'y,pred\npos,pos\nneg,None\nNA,pos\n')
    const targets = await failure(evaluate({ data: await loadDataset(text), modelType: 'classifier', targets: 'y', predictions: 'pred', intervals: false }))
    expect(targets.message).toContain('targets column "y": row 3 (file line 4) is "NA", a missing value')
    const predictions = folder.write('pred.csv', 'y,pred\npos,pos\nneg,None\nneg,pos\n')
    const error = await failure(evaluate({ data: await loadDataset(predictions), modelType: 'classifier', targets: 'y', predictions: 'pred', intervals: false }))
    expect(error).toBeInstanceOf(PredictionError)
    expect(error.message).toContain('predictions column "pred": row 2 (file line 3) is "None", a missing value as pandas and R write it, not a label; fix or drop that row (rows whose prediction is missing cannot be scored)')
  })

  test('a class really called "NA" (North America) is kept when labels names it, and JSON strings are typed', async () => {
    const path = folder.write('regions.csv', 'region,pred\nNA,NA\nEU,EU\nNA,EU\n')
    const run = await evaluate({ data: await loadDataset(path), modelType: 'classifier', targets: 'region', predictions: 'pred', labels: ['EU', 'NA'], intervals: false })
    expect(run.labels).toEqual(['EU', 'NA'])
    expect(run.metrics.accuracy_score).toBeCloseTo(2 / 3, 12)
    const records = [{ region: 'NA', pred: 'NA' }, { region: 'EU', pred: 'EU' }]
    const typed = await evaluate({ data: records, modelType: 'classifier', targets: 'region', predictions: 'pred', intervals: false })
    expect(typed.labels).toEqual(['EU', 'NA'])
  })

  test('an empty CSV target names its file line, as a regressor target does (adversarial pass 36)', async () => {
    const path = folder.write('empty.csv', 'y,pred\n1,1\n\n0,0\n,1\n')
    const error = await failure(evaluate({ data: await loadDataset(path), modelType: 'classifier', targets: 'y', predictions: 'pred', intervals: false }))
    expect(error.message).toBe('targets column "y": row 3 (file line 5) is empty (""); fix or drop that row')
  })
})
