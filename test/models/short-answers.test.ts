/**
 * A served model's answer with fewer (or more) values than the batch has rows fails the whole
 * batch, naming the output, the lengths and the rows (adversarial pass 36: a KServe `data` of 49
 * values for `shape: [50]`, or an MLflow column of 49, shifted every row onto its neighbour's
 * prediction and only the last row failed).
 */
import { afterEach, describe, expect, test } from 'vitest'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { isRowFailure, type RowFailure } from '../../src/models/types.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const noProgress = (): void => {}
const rows = Array.from({ length: 5 }, (_, i) => ({ x: i }))

describe('an answer of the wrong length fails its whole batch', () => {
  test('kserve: data of 4 values for shape [5]', async () => {
    server = await startLoopbackServer(() => ({ body: { outputs: [{ name: 'label', shape: [5], datatype: 'BYTES', data: ['a', 'b', 'c', 'd'] }] } }))
    const model = kserveModel(server.url, 'm', { cache: false, onError: 'skip' })
    const predictions = await model.predict(rows, noProgress)
    expect(predictions.every(isRowFailure)).toBe(true)
    const message = (predictions[0] as RowFailure).message
    expect(message).toContain('output "label" has 4 values')
    expect(message).toContain('shape [5] needs 5')
    expect(message).toContain('rows 1-5')
  })

  test('kserve: a [rows, classes] output one value short', async () => {
    server = await startLoopbackServer(() => ({ body: { outputs: [{ name: 'proba', shape: [2, 2], datatype: 'FP32', data: [0.1, 0.9, 0.8] }] } }))
    const model = kserveModel(server.url, 'm', { probabilityOutput: 'proba', labels: ['a', 'b'], cache: false })
    await expect(model.predict([{ x: 1 }, { x: 2 }], noProgress)).rejects.toThrow(/output "proba" has 3 values in "data" but its shape \[2, 2\] needs 4/)
  })

  test('kserve: a well-formed answer is still read', async () => {
    server = await startLoopbackServer(() => ({ body: { outputs: [{ name: 'label', shape: [5], datatype: 'BYTES', data: ['a', 'b', 'c', 'd', 'e'] }] } }))
    const model = kserveModel(server.url, 'm', { cache: false })
    expect(await model.predict(rows, noProgress)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  test('mlflow: a column-oriented answer with one column short', async () => {
    server = await startLoopbackServer(() => ({ body: { predictions: { label: ['a', 'b', 'c', 'd', 'e'], probabilities: [[0.1, 0.9], [0.2, 0.8], [0.3, 0.7], [0.4, 0.6]] } } }))
    const model = mlflowModel(server.url, { labels: ['a', 'b'], cache: false, onError: 'skip' })
    const predictions = await model.predict(rows, noProgress)
    expect(predictions.every(isRowFailure)).toBe(true)
    const message = (predictions[4] as RowFailure).message
    expect(message).toContain('predictions column "probabilities" has 4 values for a batch of 5 rows')
    expect(message).toContain('rows 1-5')
  })

  test('mlflow: a short list of predictions', async () => {
    server = await startLoopbackServer(() => ({ body: { predictions: ['a', 'b', 'c', 'd'] } }))
    const model = mlflowModel(server.url, { cache: false })
    await expect(model.predict(rows, noProgress)).rejects.toThrow(/rows 1-5 .*returned 4 predictions for 5 rows/)
  })
})
