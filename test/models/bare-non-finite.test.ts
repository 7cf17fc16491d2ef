/**
 * Python's json writes NaN, Infinity and -Infinity bare; one of them made the whole batch fail
 * as "response 200 is not JSON" (adversarial pass 36). Now only the rows holding them fail, each
 * naming the value.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { answerText } from '../../src/models/probabilities.js'
import { hasBareNonFinite, parseJsonResponse } from '../../src/models/transport/json-response.js'
import { isRowFailure, type RowFailure } from '../../src/models/types.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const noProgress = (): void => {}
/** A server whose every answer is `text`, sent as is. */
async function rawServer(text: string): Promise<LoopbackServer> {
  const started = await startLoopbackServer(() => ({ body: null }))
  for (let i = 0; i < 10; i++) started.faults.push({ kind: 'status', status: 200, body: text })
  return started
}

describe('bare NaN / Infinity in a JSON answer', () => {
  test('mlflow: only the rows holding them fail, naming the value', async () => {
    server = await rawServer('{"predictions": [1.5, NaN, 2.5, Infinity, -Infinity]}')
    const model = mlflowModel(server.url, { cache: false, onError: 'skip' })
    const predictions = await model.predict([1, 2, 3, 4, 5].map((x) => ({ x })), noProgress)
    expect(predictions.map((p) => (isRowFailure(p) ? 'failed' : p))).toEqual([1.5, 'failed', 2.5, 'failed', 'failed'])
    expect((predictions[1] as RowFailure).message).toContain('returned NaN for a row')
    expect((predictions[3] as RowFailure).message).toContain('returned Infinity')
    expect((predictions[4] as RowFailure).message).toContain('returned -Infinity')
  })

  test('kserve: a NaN probability fails its row and names NaN', async () => {
    server = await rawServer('{"outputs": [{"name": "proba", "shape": [2, 2], "datatype": "FP64", "data": [0.25, 0.75, NaN, 0.5]}]}')
    const model = kserveModel(server.url, 'm', { probabilityOutput: 'proba', labels: ['a', 'b'], cache: false, onError: 'skip' })
    const predictions = await model.predict([{ x: 1 }, { x: 2 }], noProgress)
    expect(predictions[0]).toEqual({ probabilities: { a: 0.25, b: 0.75 } })
    expect((predictions[1] as RowFailure).message).toContain('probability for label "a" is NaN, not a number')
  })

  test('a body that is not JSON still fails as not JSON', async () => {
    server = await rawServer('<html>NaN errors</html>')
    const model = mlflowModel(server.url, { cache: false })
    await expect(model.predict([{ x: 1 }], noProgress)).rejects.toThrow(/is not JSON/)
  })

  test('the pre-check looks outside strings only; JSON5 leniencies are not accepted without one', async () => {
    expect(hasBareNonFinite('[1, NaN]')).toBe(true)
    expect(hasBareNonFinite('{"a":-Infinity}')).toBe(true)
    expect(hasBareNonFinite('{"a": "NaN", "b": "x, Infinity"}')).toBe(false)
    expect(hasBareNonFinite('{"a": "say \\"NaN\\"", "b": 1}')).toBe(false)
    expect(hasBareNonFinite('{"aNaN": 1}')).toBe(false)
    await expect(parseJsonResponse('{a: 1}')).rejects.toThrow(SyntaxError)
    await expect(parseJsonResponse("{'a': NaN}")).resolves.toEqual({ a: Number.NaN }) // a bare NaN: JSON5 reads the rest
    expect(await parseJsonResponse('{"p": [NaN, -Infinity, "NaN"]}')).toEqual({ p: [Number.NaN, -Infinity, 'NaN'] })
  })

  test('answerText names NaN and Infinity where JSON.stringify writes null', () => {
    expect(answerText([0.5, Number.NaN, { p: -Infinity }])).toBe('[0.5,NaN,{"p":-Infinity}]')
    expect(answerText(Number.NaN)).toBe('NaN')
    expect(answerText(null)).toBe('null')
  })
})
