/**
 * Progress lines of a served model are labelled with its endpoint, as docs/served-models.md shows
 * (adversarial pass 36: they said `[evalgate] evaluate:`).
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { mlflowModel } from '../../src/models/mlflow.js'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** A fetch answering one label per row, moving the clock 3 s on per request (past the 2 s of quiet). */
const slowFetch = async (_url: string, init: RequestInit): Promise<Response> => {
  vi.setSystemTime(Date.now() + 3000)
  const rows = (JSON.parse(String(init.body)) as { dataframe_split: { data: unknown[] } }).dataframe_split.data
  return new Response(JSON.stringify({ predictions: rows.map(() => 'a') }), { status: 200, headers: { 'content-type': 'application/json' } })
}

async function progressLines(name?: string): Promise<string[]> {
  vi.useFakeTimers({ toFake: ['Date'] })
  const lines: string[] = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk))
    return true
  })
  const model = mlflowModel('http://127.0.0.1:5000', { fetch: slowFetch, batchSize: 1, concurrency: 1, cache: false })
  await evaluate({ model, data: [{ x: 1, y: 'a' }, { x: 2, y: 'a' }, { x: 3, y: 'a' }], targets: 'y', modelType: 'classifier', intervals: false, ...(name !== undefined ? { name } : {}) })
  return lines.filter((line) => line.startsWith('[evalgate] ') && line.includes(' rows ('))
}

describe('progress label', () => {
  test("a served model's lines name its endpoint", async () => {
    const lines = await progressLines()
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^\[evalgate\] mlflow http:\/\/127\.0\.0\.1:5000\/invocations: \d\/3 rows/)
  })

  test("with a run name, the name and then the endpoint", async () => {
    const lines = await progressLines('nightly')
    expect(lines[0]).toMatch(/^\[evalgate\] nightly \(mlflow http:\/\/127\.0\.0\.1:5000\/invocations\): /)
  })
})
