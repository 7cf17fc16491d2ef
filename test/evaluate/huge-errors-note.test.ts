/**
 * Errors so large that their squares' squares overflow (targets of 1e100) leave the MSE without an
 * interval; the note says why and what to do, instead of calling a light tail's index "so near 1"
 * (white-box review 57: "Hill's tail index ... is 8.58, so near 1 that the extrapolated bound
 * overflows").
 */
import { expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'

test('errors of 1e100: no MSE interval, and the note names the size of the terms and the fix', async () => {
  const random = createRandom(3)
  const rows = Array.from({ length: 150 }, () => {
    const y = 3 + 4 * random.uniform()
    return { y: y * 1e100, p: (y + random.uniform() - 0.5) * 1e100 }
  })
  const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'regressor', intervals: { seed: 1 } })
  expect(run.intervals.mean_squared_error).toBeUndefined()
  const note = run.notes.find((line) => line.startsWith('mean_squared_error has no interval'))
  expect(note).toMatch(/Hill's tail index of its 150 per-example terms is \d+\.\d\d from the largest \d+ terms, but the extrapolated bound is not a finite number in double precision: the terms are too large/)
  expect(note).toContain('rescale the targets and predictions')
  expect(note).not.toContain('near 1')
  // the same rows at their own scale have one
  const plain = await evaluate({ data: rows.map(({ y, p }) => ({ y: y / 1e100, p: p / 1e100 })), targets: 'y', predictions: 'p', modelType: 'regressor', intervals: { seed: 1 } })
  expect(plain.intervals.mean_squared_error).toBeDefined()
})

// Adversarial pass 68 (in passing): errors of 1e200 overflow when squared; the note said the MSE
// was "undefined on 4 example(s)".
test('errors of 1e200: the MSE is left out with a note that says it overflows', async () => {
  const rows = [1, 2, 3, 4].map((i) => ({ y: i * 1e200, p: -i * 1e200 }))
  const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'regressor', intervals: false })
  expect(run.metrics.mean_squared_error).toBeUndefined()
  expect(run.notes).toContain('mean_squared_error left out: it overflows on these 4 examples (errors too large to square or sum as numbers; scikit-learn returns Infinity)')
})
