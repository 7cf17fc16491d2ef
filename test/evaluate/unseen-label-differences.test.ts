/**
 * The warning for a predicted label that never occurs in the targets, when the difference cannot
 * be seen: a model writing "café" decomposed (NFD) against composed targets (NFC), or a label
 * with a trailing space. Was: 'label "café" … never occurs in targets column "y" (café, thé)' and
 * '(a , b)'. Labels are quoted with JSON's escapes, and a label equal to a target once normalized
 * or trimmed is said to differ only in that.
 */
import { describe, expect, test } from 'vitest'
import { evaluateFailure as failure } from './evaluate-failure.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'

const unseen = (targets: string[], predicted: string[]): EvaluateOptions => ({
  data: targets.map((y, i) => ({ y, p: predicted[i] })),
  targets: 'y',
  predictions: 'p',
  modelType: 'classifier',
  unseenPredictedLabels: 'error',
  intervals: false,
})

describe('a predicted label outside the targets that looks like one of them', () => {
  test('Unicode normalization: NFD output against NFC targets', async () => {
    const cafe = 'caf\u00e9'
    const error = await failure(unseen([cafe, 'th\u00e9', cafe], [cafe.normalize('NFD'), 'th\u00e9', cafe]))
    expect(error.code).toBe('PREDICTED_LABEL_NOT_IN_TARGETS')
    expect(error.message).toContain(`label "cafe\u0301" (1 row, first row 1) never occurs in targets column "y" ("${cafe}", "th\u00e9"); it differs from "${cafe}" only in Unicode normalization (NFD vs NFC) (normalize both to NFC), so it became a class of its own`)
  })

  test('a trailing space in the targets: quoted, so the space shows, and named', async () => {
    const error = await failure(unseen(['a ', 'b', 'a '], ['a', 'b', 'a ']))
    expect(error.message).toContain('label "a" (1 row, first row 1) never occurs in targets column "y" ("a ", "b"); it differs from "a " only in surrounding spaces (trim the spaces)')
  })

  test('a trailing space in the model output', async () => {
    const error = await failure(unseen(['a', 'b', 'a'], ['a ', 'b', 'a']))
    expect(error.message).toContain('label "a " (1 row, first row 1) never occurs in targets column "y" ("a", "b"); it differs from "a" only in surrounding spaces (trim the spaces), so it became')
  })

  test('letter case: pandas True / False against a model writing true / false (adversarial pass 36)', async () => {
    const error = await failure(unseen(['True', 'False', 'True'], ['true', 'False', 'True']))
    expect(error.message).toContain('label "true" (1 row, first row 1) never occurs in targets column "y" ("False", "True"); it differs from "True" only in letter case (pandas writes booleans True and False, JSON and JavaScript true and false): return the label as the targets write it, so it became')
  })

  // Adversarial pass 68, F10: a threshold model's booleans against 0/1 targets (NumPy takes True for 1).
  test("a model's booleans against 0/1 targets: the note says a boolean is not the label 1, and how to return it", async () => {
    const error = await failure({
      data: [{ y: 1, x: 0.9 }, { y: 0, x: 0.2 }, { y: 1, x: 0.7 }],
      targets: 'y',
      modelType: 'classifier',
      model: (rows) => rows.map((row) => (row.x as number) >= 0.5),
      unseenPredictedLabels: 'error',
      intervals: false,
    })
    expect(error.message).toContain('label "false" (1 row, first row 2) never occurs in targets column "y" ("0", "1"); a boolean false is the label "false", not 0 (labels compare as written, where NumPy would take true for 1): return the targets\' label, e.g. Number(prediction), so it became')
  })

  test('a misspelt probability key is named beside the label it hides (adversarial pass 35)', async () => {
    const data = [{ y: 'neutral' }, { y: 'negative' }, { y: 'positive' }]
    const error = await failure({
      data,
      targets: 'y',
      modelType: 'classifier',
      model: (rows) => rows.map(() => ({ probabilities: { negative: 0.2, nuetral: 0.5, positive: 0.3 } })),
      intervals: false,
    })
    expect(error.message).toBe('model predictions: row 1 has no probability for "neutral" (labels: negative, neutral, nuetral, positive), and one for "nuetral": did you mean "neutral"? (a probability key is a label, so a misspelt key becomes a class of its own); probabilities must cover exactly the labels')
  })

  test('a label unlike any target gets no such note; control characters are escaped', async () => {
    const error = await failure(unseen(['a', 'b'], ['c\u001b', 'b']))
    expect(error.message).toContain('label "c\\u001b" (1 row, first row 1) never occurs in targets column "y" ("a", "b"), so it became')
  })
})
