import { describe, expect, test } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { evaluateFailure as failure } from './evaluate-failure.js'

describe('evaluate: data that is not a dataset', () => {
  // Adversarial pass 35: a forgotten await on loadDataset got the generic message.
  test('a Promise (a forgotten await) says so and shows the fix', async () => {
    const pending = loadDataset('does-not-matter.csv').catch(() => undefined)
    const error = await failure({ data: pending as never, targets: 'y', modelType: 'classifier', predictions: 'p' })
    expect(error.message).toBe('evaluate: `data` is a Promise: loadDataset() is async, so write data: await loadDataset(path)')
  })

  test('anything else names what it got', async () => {
    const error = await failure({ data: 'rows.csv' as never, targets: 'y', modelType: 'classifier', predictions: 'p' })
    expect(error.message).toBe('evaluate: `data` must be a dataset (loadDataset / datasetFromRecords) or an array of records, not string')
  })
})
