/**
 * A run whose served model answered from the local prediction cache says so in its notes and in
 * every failing matcher's message: a model redeployed behind the same URL without a new
 * modelVersion is not asked again, and a fixed model kept failing locally with no hint why.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import '../../src/vitest/matcher-types.js'
import { makeRows, mlflowHandler, startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let cacheDir: string
let server: LoopbackServer | undefined
beforeAll(() => {
  expect.extend(evalgateMatchers)
})
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'evalgate-cache-note-'))
})
afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(cacheDir, { recursive: true, force: true })
})

describe('the prediction-cache note', () => {
  test('a run answered from the cache says so in its notes and in a failing matcher message; a fresh run does not', async () => {
    server = await startLoopbackServer(mlflowHandler())
    const rows = makeRows(40).map((row, i) => (i % 5 === 0 ? { ...row, truth: 'other' } : row))
    const run = () =>
      evaluate({ data: rows, targets: 'truth', modelType: 'classifier', model: mlflowModel(server!.url, { inputColumns: ['x'], cache: true, cacheDir }), inputColumns: ['x'], intervals: false })
    const fresh = await run()
    expect(fresh.notes.some((note) => note.includes('prediction cache'))).toBe(false)
    const cached = await run()
    expect(cached.notes).toContainEqual(expect.stringMatching(/^40 of 40 predictions of .* came from the local prediction cache \(off in CI\): a model redeployed behind the same URL is not asked again unless its modelVersion changes; EVALGATE_CACHE=off bypasses the cache$/))
    let message = ''
    try {
      expect(cached).toHaveMetric('accuracy_score', 1.0)
    } catch (error) {
      message = (error as Error).message
    }
    expect(cached.metrics.accuracy_score).toBeLessThan(1)
    expect(message).toContain('Note: 40 of 40 predictions')
  })
})
