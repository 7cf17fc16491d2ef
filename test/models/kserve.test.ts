import { afterEach, describe, expect, test } from 'vitest'
import { ModelError } from '../../src/errors.js'
import { kserveModel } from '../../src/models/kserve.js'
import { kserveHandler, makeRows, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const noProgress = (): void => {}

describe('kserveModel', () => {
  test('sends one v2 tensor per column with inferred datatypes and reads the label output', async () => {
    server = await startLoopbackServer(kserveHandler('sentiment'))
    const rows = makeRows(5).map((r) => ({ ...r, text: `t${r.id}` }))
    const model = kserveModel(server.url, 'sentiment', { inputColumns: ['x', 'id', 'text'], output: 'label', cache: false })
    const predictions = await model.predict(rows, noProgress)
    expect(predictions).toEqual(rows.map((r) => r.truth))
    expect(server.requests[0].url).toBe('/v2/models/sentiment/infer')
    expect(server.requests[0].body).toEqual({
      inputs: [
        { name: 'x', shape: [5], datatype: 'FP64', data: rows.map((r) => r.x) },
        { name: 'id', shape: [5], datatype: 'INT64', data: [0, 1, 2, 3, 4] },
        { name: 'text', shape: [5], datatype: 'BYTES', data: ['t0', 't1', 't2', 't3', 't4'] },
      ],
    })
  })

  test('a [n, k] probability output becomes { label, probabilities } with labels', async () => {
    server = await startLoopbackServer(kserveHandler('sentiment'))
    const model = kserveModel(server.url, 'sentiment', {
      inputColumns: ['x'],
      output: 'label',
      probabilityOutput: 'probabilities',
      labels: ['neg', 'pos'],
      cache: false,
    })
    const predictions = await model.predict([{ x: 0.75 }, { x: 0.125 }], noProgress)
    expect(predictions).toEqual([
      { label: 'pos', probabilities: { neg: 0.25, pos: 0.75 } },
      { label: 'neg', probabilities: { neg: 0.875, pos: 0.125 } },
    ])
  })

  test('probabilities alone (no label output) when only probabilityOutput is wanted', async () => {
    server = await startLoopbackServer(() => ({
      body: { outputs: [{ name: 'proba', shape: [2, 3], datatype: 'FP32', data: [0.1, 0.2, 0.7, 0.6, 0.3, 0.1] }] },
    }))
    const model = kserveModel(server.url, 'm', { probabilityOutput: 'proba', labels: ['a', 'b', 'c'], cache: false })
    expect(await model.predict([{ x: 1 }, { x: 2 }], noProgress)).toEqual([
      { probabilities: { a: 0.1, b: 0.2, c: 0.7 } },
      { probabilities: { a: 0.6, b: 0.3, c: 0.1 } },
    ])
  })

  test('matrixInput sends one [rows, columns] tensor; modelVersion goes into the path', async () => {
    server = await startLoopbackServer(() => ({ body: { outputs: [{ name: 'predict', shape: [2], datatype: 'INT64', data: [1, 0] }] } }))
    const model = kserveModel(server.url, 'iris', {
      inputColumns: ['a', 'b'],
      matrixInput: { name: 'input-0', datatype: 'FP32' },
      modelVersion: '4',
      cache: false,
    })
    expect(await model.predict([{ a: 1, b: 2.5 }, { a: 3, b: 4 }], noProgress)).toEqual([1, 0])
    expect(server.requests[0].url).toBe('/v2/models/iris/versions/4/infer')
    expect(server.requests[0].body).toEqual({ inputs: [{ name: 'input-0', shape: [2, 2], datatype: 'FP32', data: [1, 2.5, 3, 4] }] })
  })

  test('an unknown output name fails naming the outputs there are', async () => {
    server = await startLoopbackServer(kserveHandler('sentiment'))
    const model = kserveModel(server.url, 'sentiment', { inputColumns: ['x'], output: 'class', cache: false })
    await expect(model.predict([{ x: 0.1 }], noProgress)).rejects.toThrow(/no output "class"; its outputs are: label, probabilities/)
  })

  test('a 404 for an unknown model is not retried and carries the server message', async () => {
    server = await startLoopbackServer(kserveHandler('sentiment'))
    const model = kserveModel(server.url, 'other', { inputColumns: ['x'], cache: false })
    const error = await model.predict([{ x: 0.1 }], noProgress).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as Error).message).toContain('HTTP 404 Not Found: Model with name other does not exist.')
    expect(server.requests).toHaveLength(1)
  })
})
