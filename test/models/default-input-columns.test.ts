/**
 * Under evaluate(), a tabular served model without `inputColumns` is sent the run's input
 * columns, never the targets (adversarial pass 36: `mlflowModel(url)` sent
 * `{"columns": ["x", "y"]}` with `y` the label, which a served model can leak into its answer).
 */
import { afterEach, describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const data = Array.from({ length: 6 }, (_, i) => ({ x: i, group: i % 2 === 0 ? 'a' : 'b', y: i % 3 === 0 ? 'pos' : 'neg' }))

describe('served models are not sent the targets by default', () => {
  test('mlflow: the request columns and run.model.description leave out the target', async () => {
    server = await startLoopbackServer(({ body }) => {
      const split = (body as { dataframe_split: { columns: string[]; data: unknown[][] } }).dataframe_split
      // A leaking model: it answers the label when it is sent one.
      const yIndex = split.columns.indexOf('y')
      return { body: { predictions: split.data.map((row) => (yIndex >= 0 ? row[yIndex] : 'neg')) } }
    })
    const run = await evaluate({ model: mlflowModel(server.url, { cache: false }), data, targets: 'y', modelType: 'classifier', intervals: false })
    expect((server.requests[0].body as { dataframe_split: { columns: string[] } }).dataframe_split.columns).toEqual(['x', 'group'])
    expect(run.metrics.accuracy_score).toBeCloseTo(4 / 6, 12) // not 1: the label never reached the model
    expect(run.model).toMatchObject({ description: { inputColumns: ['x', 'group'] } })
  })

  test("kserve: one tensor per input column, none for the target; evaluate's inputColumns are what is sent", async () => {
    server = await startLoopbackServer(({ body }) => {
      const inputs = (body as { inputs: Array<{ name: string; shape: number[] }> }).inputs
      return { body: { outputs: [{ name: 'label', shape: [inputs[0].shape[0]], datatype: 'BYTES', data: Array.from({ length: inputs[0].shape[0] }, () => 'neg') }] } }
    })
    await evaluate({ model: kserveModel(server.url, 'm', { cache: false }), data, targets: 'y', modelType: 'classifier', intervals: false })
    expect((server.requests[0].body as { inputs: Array<{ name: string }> }).inputs.map((t) => t.name)).toEqual(['x', 'group'])
    const run = await evaluate({ model: kserveModel(server.url, 'm', { cache: false }), data, targets: 'y', modelType: 'classifier', intervals: false, inputColumns: ['x'] })
    expect((server.requests[1].body as { inputs: Array<{ name: string }> }).inputs.map((t) => t.name)).toEqual(['x'])
    expect(run.model).toMatchObject({ description: { inputColumns: ['x'] } })
  })

  test("the adapter's own inputColumns win; called directly, every column of the first row is sent", async () => {
    server = await startLoopbackServer(({ body }) => ({ body: { predictions: (body as { dataframe_split: { data: unknown[] } }).dataframe_split.data.map(() => 'neg') } }))
    await evaluate({ model: mlflowModel(server.url, { cache: false, inputColumns: ['group'] }), data, targets: 'y', modelType: 'classifier', intervals: false })
    expect((server.requests[0].body as { dataframe_split: { columns: string[] } }).dataframe_split.columns).toEqual(['group'])
    await mlflowModel(server.url, { cache: false }).predict(data, () => {})
    expect((server.requests[1].body as { dataframe_split: { columns: string[] } }).dataframe_split.columns).toEqual(['x', 'group', 'y'])
  })
})
