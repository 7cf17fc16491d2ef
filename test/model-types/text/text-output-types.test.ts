// The text type's outputs are text or null (adversarial pass 32: 0, true, {} and ['x'] were counted
// as empty outputs without a word, where the other text types name the row); a question-answering
// prediction of NaN read "got null" in its error, which the same message says is allowed.
import { describe, expect, test } from 'vitest'
import { questionAnsweringModelType } from '../../../src/model-types/question-answering/question-answering-type.js'
import { textModelType } from '../../../src/model-types/text/text-type.js'
import { encodeRecords } from './type-harness.js'

describe('model outputs that are not text', () => {
  test('text: a number, a boolean, an object or a list names the row; null and undefined are empty outputs', async () => {
    const records = [{ q: 'a' }, { q: 'b' }, { q: 'c' }]
    for (const [bad, shown] of [[0, '0'], [true, 'true'], [{}, 'an empty object'], [{ answer: 'x', score: 1 }, 'an object with keys answer, score'], [['x'], 'an array of 1']] as const) {
      await expect(encodeRecords(textModelType, records, { modelPredictions: ['fine', null, bad] })).rejects.toThrow(
        `the model's outputs, row 3: a text model's output must be text, got ${shown}; return a string per row (null for a row with no output, which counts as empty)`,
      )
    }
    const { scope } = await encodeRecords(textModelType, records, { modelPredictions: ['fine', null, undefined] })
    expect(scope().metrics.non_empty_output_rate).toBeCloseTo(1 / 3, 12)
  })

  test('question answering: NaN and Infinity are named as such, not as null', async () => {
    await expect(encodeRecords(questionAnsweringModelType, [{ a: 'x' }, { a: 'y' }], { targets: 'a', modelPredictions: ['x', Number.NaN] })).rejects.toThrow('row 2: a question-answering prediction must be text, got NaN;')
    await expect(encodeRecords(questionAnsweringModelType, [{ a: 'x' }, { a: 'y' }], { targets: 'a', modelPredictions: [Number.POSITIVE_INFINITY, 'y'] })).rejects.toThrow('row 1: a question-answering prediction must be text, got Infinity;')
  })
})
