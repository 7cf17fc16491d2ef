import { afterEach, describe, expect, test } from 'vitest'
import { ConfigError, ModelError } from '../../src/errors.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { isRowFailure } from '../../src/models/types.js'
import { deterministicLabel, makeRows, mlflowHandler, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const noProgress = (): void => {}

describe('mlflowModel', () => {
  test('sends dataframe_split with the input columns and maps label answers row by row', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const rows = makeRows(7)
    const model = mlflowModel(server.url, { inputColumns: ['x'], batchSize: 3, cache: false })
    const predictions = await model.predict(rows, noProgress)
    expect(predictions).toEqual(rows.map((r) => deterministicLabel(r.x)))
    expect(server.requests).toHaveLength(3) // 3 + 3 + 1
    expect(server.requests[0].url).toBe('/invocations')
    expect(server.requests[0].body).toEqual({ dataframe_split: { columns: ['x'], data: [[rows[0].x], [rows[1].x], [rows[2].x]] } })
    expect(model.stats()).toMatchObject({ requests: 3, retries: 0, failedRows: 0 })
  })

  test('default input columns are every key of the row, in order', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    await mlflowModel(server.url, { cache: false }).predict([{ a: 'q', x: 0.9 }], noProgress)
    expect(server.requests[0].body).toEqual({ dataframe_split: { columns: ['a', 'x'], data: [['q', 0.9]] } })
  })

  test('accepts a URL that already ends in /invocations and MLflow 1.x bare lists', async () => {
    server = await startLoopbackServer(mlflowHandler('bare-list'))
    const predictions = await mlflowModel(`${server.url}/invocations/`, { inputColumns: ['x'], cache: false }).predict(makeRows(4), noProgress)
    expect(predictions).toEqual(makeRows(4).map((r) => r.truth))
    expect(server.requests[0].url).toBe('/invocations')
  })

  test('numbers pass through for regressors', async () => {
    server = await startLoopbackServer(mlflowHandler('numbers'))
    const predictions = await mlflowModel(server.url, { inputColumns: ['x'], cache: false }).predict([{ x: 0.25 }, { x: 2 }], noProgress)
    expect(predictions).toEqual([1.5, 5])
  })

  test('probability lists map to labels through the labels option', async () => {
    server = await startLoopbackServer(mlflowHandler('probabilities'))
    const predictions = await mlflowModel(server.url, { inputColumns: ['x'], labels: ['neg', 'pos'], cache: false }).predict([{ x: 0.75 }], noProgress)
    expect(predictions).toEqual([{ probabilities: { neg: 0.25, pos: 0.75 } }])
  })

  test('probability lists without labels fail with the fix', async () => {
    server = await startLoopbackServer(mlflowHandler('probabilities'))
    const model = mlflowModel(server.url, { inputColumns: ['x'], cache: false })
    await expect(model.predict([{ x: 0.75 }, { x: 0.1 }], noProgress)).rejects.toThrow(/rows 1-2 .*failed.*pass `labels: \[\.\.\.\]`/)
  })

  test('records give label and probabilities (default field names)', async () => {
    server = await startLoopbackServer(mlflowHandler('records'))
    const predictions = await mlflowModel(server.url, { inputColumns: ['x'], labels: ['neg', 'pos'], cache: false }).predict([{ x: 0.2 }], noProgress)
    expect(predictions).toEqual([{ label: 'neg', probabilities: { neg: 0.8, pos: 0.2 } }])
  })

  test('record field names are configurable', async () => {
    server = await startLoopbackServer(() => ({ body: { predictions: [{ cls: 'b', proba: { a: 0.1, b: 0.9 } }] } }))
    const model = mlflowModel(server.url, { labelField: 'cls', probabilitiesField: 'proba', cache: false })
    expect(await model.predict([{ x: 1 }], noProgress)).toEqual([{ label: 'b', probabilities: { a: 0.1, b: 0.9 } }])
  })

  test('a missing input column is a ConfigError naming the column, row and columns', async () => {
    const model = mlflowModel('http://127.0.0.1:9', { inputColumns: ['text'], cache: false })
    const error = await model.predict([{ text: 'a' }, { body: 'b' }], noProgress).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('input column "text" is missing in row 2; the row\'s columns are: body')
  })

  test('a wrong number of predictions fails the batch', async () => {
    server = await startLoopbackServer(() => ({ body: { predictions: ['pos'] } }))
    const model = mlflowModel(server.url, { cache: false, onError: 'skip' })
    const predictions = await model.predict([{ x: 1 }, { x: 2 }], noProgress)
    expect(predictions.every(isRowFailure)).toBe(true)
    expect((predictions[0] as { message: string }).message).toMatch(/returned 1 predictions for 2 rows/)
  })

  test('a non-MLflow response is a ModelError naming the URL', async () => {
    server = await startLoopbackServer(() => ({ body: { result: 'nope' } }))
    const error = await mlflowModel(server.url, { cache: false }).predict([{ x: 1 }], noProgress).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as Error).message).toContain(`mlflow ${server.url}/invocations`)
    expect((error as Error).message).toContain('not MLflow\'s {"predictions": [...]}')
  })

  test('reports progress up to the total', async () => {
    server = await startLoopbackServer(mlflowHandler('labels'))
    const seen: Array<[number, number]> = []
    await mlflowModel(server.url, { inputColumns: ['x'], batchSize: 4, concurrency: 1, cache: false }).predict(makeRows(10), (d, f) => seen.push([d, f]))
    expect(seen).toEqual([
      [4, 0],
      [8, 0],
      [10, 0],
    ])
  })

  test('describe() names the endpoint and options', () => {
    const model = mlflowModel('http://127.0.0.1:5000', { inputColumns: ['x'], modelVersion: '3', batchSize: 10, cache: false })
    expect(model.describe()).toMatchObject({
      adapter: 'mlflow',
      endpoint: 'http://127.0.0.1:5000/invocations',
      inputColumns: ['x'],
      modelVersion: '3',
      batchSize: 10,
      cache: 'off (cache: false)',
    })
    expect(model.name).toBe('mlflow http://127.0.0.1:5000/invocations')
  })
})
