/**
 * A classifier's probabilities are kept as one column per class; the run table's row-major
 * matrix is built from them when it is read, and is the same matrix as before.
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../../src/evaluate/index.js'
import { scopeContext } from '../../../src/evaluate/scope-context.js'
import { classifierType } from '../../../src/model-types/classifier/classifier-type.js'
import {
  columnsOfMatrix,
  defineProbabilities,
  gatherColumnsAsMatrix,
  matrixColumns,
  matrixOfColumns,
  probabilityColumnsOf,
} from '../../../src/model-types/classifier/probability-columns.js'
import { deserializeRunTable, runTableOf, serializeRunTable } from '../../../src/run/run-table.js'

const columns = [Float64Array.of(0.1, 0.2, 0.3), Float64Array.of(0.5, 0.5, 0.5), Float64Array.of(0.4, 0.3, 0.2)]
const matrix = Float64Array.of(0.1, 0.5, 0.4, 0.2, 0.5, 0.3, 0.3, 0.5, 0.2)

describe('matrix and columns', () => {
  test('matrixOfColumns, columnsOfMatrix and gatherColumnsAsMatrix', () => {
    expect(matrixOfColumns(columns)).toStrictEqual(matrix)
    expect(columnsOfMatrix(matrix, 3)).toStrictEqual(columns)
    expect(gatherColumnsAsMatrix(columns, Int32Array.of(2, 0, 2))).toStrictEqual(Float64Array.of(0.3, 0.5, 0.2, 0.1, 0.5, 0.4, 0.3, 0.5, 0.2))
    expect(gatherColumnsAsMatrix(columns, Int32Array.of())).toStrictEqual(new Float64Array(0))
  })

  test('matrixColumns splits a matrix once', () => {
    const own = Float64Array.from(matrix)
    expect(matrixColumns(own, 3)).toStrictEqual(columns)
    expect(matrixColumns(own, 3)).toBe(matrixColumns(own, 3))
  })

  test('defineProbabilities: the matrix is an enumerable property built on first read and kept; the columns are not enumerable', () => {
    const part = defineProbabilities({ targetIndex: Int32Array.of(0, 1, 2) } as Record<string, unknown>, columns)
    part.rowSumsOk = Uint8Array.of(1, 1, 1)
    expect(Object.keys(part)).toStrictEqual(['targetIndex', 'probabilities', 'rowSumsOk'])
    expect(probabilityColumnsOf(part, 3)).toBe(columns)
    const first = part.probabilities
    expect(first).toStrictEqual(matrix)
    expect(part.probabilities).toBe(first)
    expect({ ...part }.probabilities).toBe(first)
    // A plain part (read back from JSON, or substituted outputs): its matrix's columns.
    expect(probabilityColumnsOf({ probabilities: matrix }, 3)).toStrictEqual(columns)
    expect(probabilityColumnsOf({}, 3)).toBeUndefined()
  })
})

describe('an evaluated classifier', () => {
  const data = [
    { y: 'a', p: 'b', pa: 0.2, pb: 0.7, pc: 0.1 },
    { y: 'b', p: 'b', pa: 0.1, pb: 0.6, pc: 0.3 },
    { y: 'c', p: 'c', pa: 0.25, pb: 0.25, pc: 0.5 },
    { y: 'a', p: 'a', pa: 0.8, pb: 0.15, pc: 0.05 },
  ]

  test("the run table's probabilities are the row-major matrix, in JSON too; substituted outputs keep them", async () => {
    const run = await evaluate({ data, targets: 'y', predictions: 'p', probabilities: ['pa', 'pb', 'pc'], modelType: 'classifier' })
    const table = runTableOf(run)!
    const expected = Float64Array.of(0.2, 0.7, 0.1, 0.1, 0.6, 0.3, 0.25, 0.25, 0.5, 0.8, 0.15, 0.05)
    const part = table.encoded as Parameters<typeof classifierType.outputs>[0]
    const kept = classifierType.withOutputs(part, { predictedIndex: Int32Array.of(0, 1, 2, 0) })
    expect(kept.columns.probabilities).toBe(part.columns.probabilities)
    expect(table.encoded.columns.probabilities).toStrictEqual(expected)
    expect(classifierType.outputs(part).probabilities).toStrictEqual(expected)
    const back = deserializeRunTable(JSON.parse(JSON.stringify(serializeRunTable(table))))
    expect(back.encoded.columns.probabilities).toStrictEqual(expected)
    // Scopes of the part read back (a plain matrix) equal the fresh part's (columns).
    const context = scopeContext({ level: 0.95, seed: 3, resamples: 50, rowResamples: 50 }, true)
    const backPart = back.encoded as typeof part
    expect(classifierType.scopeMetrics(backPart, null, context)).toStrictEqual(classifierType.scopeMetrics(part, null, context))
    expect(classifierType.scopeMetrics(backPart, Int32Array.of(0, 2, 3), context)).toStrictEqual(classifierType.scopeMetrics(part, Int32Array.of(0, 2, 3), context))
  })

  test('row sums: no flags when every row sums to 1; flags from the first bad row on, the rows before it good', async () => {
    const good = await evaluate({ data, targets: 'y', predictions: 'p', probabilities: ['pa', 'pb', 'pc'], modelType: 'classifier' })
    expect(runTableOf(good)!.encoded.columns.rowSumsOk).toBeUndefined()
    const bad = data.map((row, i) => (i === 2 || i === 3 ? { ...row, pc: row.pc + 0.2 } : row))
    const run = await evaluate({ data: bad, targets: 'y', predictions: 'p', probabilities: ['pa', 'pb', 'pc'], modelType: 'classifier' })
    expect(runTableOf(run)!.encoded.columns.rowSumsOk).toStrictEqual(Uint8Array.of(1, 1, 0, 0))
    expect(run.notes.join('\n')).toContain('probabilities of 2 row(s) do not sum to 1 (first: row 3, sum 1.2')
  })
})

// Adversarial pass 68, F1: `labels` given in the order of the probability columns made the last
// one given the positive label; MLflow sorts its `label_list` (given or found) and takes the last.
describe('the default positive label with labels given in another order', () => {
  const y = ['pos', 'pos', 'neg', 'neg', 'pos', 'neg', 'neg']
  const pPos = [0.9, 0.4, 0.6, 0.2, 0.7, 0.3, 0.1]
  const data = y.map((label, i) => ({ y: label, p_pos: pPos[i], p_neg: 1 - pPos[i] }))

  test('is the last in sorted order, as MLflow takes it (scikit-learn: pos_label="pos"), with a note', async () => {
    const run = await evaluate({ data, targets: 'y', modelType: 'classifier', probabilities: ['p_pos', 'p_neg'], labels: ['pos', 'neg'], intervals: false })
    expect(run.posLabel).toBe('pos')
    // sklearn 1.2.1: precision_score(y, pred, pos_label='pos'), recall_score, average_precision_score, roc_auc_score
    expect(run.metrics.precision_score).toBeCloseTo(0.6666666666666666, 12)
    expect(run.metrics.recall_score).toBeCloseTo(0.6666666666666666, 12)
    expect(run.metrics.precision_recall_auc).toBeCloseTo(0.9166666666666665, 12)
    expect(run.metrics.roc_auc).toBeCloseTo(0.9166666666666666, 12)
    expect(run.metrics.true_positives).toBe(2)
    expect(run.notes).toContain(
      'positive label "pos": the last of the labels in sorted order, as MLflow takes it when posLabel is not given, though `labels` lists it first (the order of `labels` does not choose the positive class); set posLabel to choose the other',
    )
    // the same labels in sorted order, or posLabel given: the same positive label, no note
    const sorted = await evaluate({ data, targets: 'y', modelType: 'classifier', probabilities: ['p_neg', 'p_pos'], labels: ['neg', 'pos'], intervals: false })
    expect(sorted.metrics.precision_score).toBe(run.metrics.precision_score)
    expect(sorted.notes.some((note) => note.startsWith('positive label'))).toBe(false)
    const chosen = await evaluate({ data, targets: 'y', modelType: 'classifier', probabilities: ['p_pos', 'p_neg'], labels: ['pos', 'neg'], posLabel: 'neg', intervals: false })
    expect(chosen.posLabel).toBe('neg')
    expect(chosen.metrics.precision_score).toBe(0.75)
  })
})

// Adversarial pass 68, F13: multiclass probability columns out of the labels' order were used
// without a word (accuracy 0.017; in order 0.983); a binary run's got a warning from their ranking.
describe('probability columns whose names name another label', () => {
  const animals = ['cat', 'dog', 'eel']
  const data = Array.from({ length: 60 }, (_, i) => {
    const y = animals[i % 3]
    return { y, p_cat: y === 'cat' ? 0.8 : 0.1, p_dog: y === 'dog' ? 0.8 : 0.1, p_eel: y === 'eel' ? 0.8 : 0.1 }
  })

  test('are a warning naming each column, the label it is read as, and the order that fixes it', async () => {
    const run = await evaluate({ data, targets: 'y', modelType: 'classifier', probabilities: ['p_eel', 'p_cat', 'p_dog'], intervals: false })
    expect(run.notes).toContain(
      'probability columns are read in the order of the labels (cat, dog, eel): "p_eel" as the probability of "cat", "p_cat" as the probability of "dog", "p_dog" as the probability of "eel", though their names name another label; list the columns in the order of the labels (probabilities: ["p_cat","p_dog","p_eel"]), or pass `labels` in the order of the columns',
    )
    const ordered = await evaluate({ data, targets: 'y', modelType: 'classifier', probabilities: ['p_cat', 'p_dog', 'p_eel'], intervals: false })
    expect(ordered.metrics.accuracy_score).toBe(1)
    expect(ordered.notes.some((note) => note.startsWith('probability columns are read'))).toBe(false)
    // labels given in the columns' order, and names that name no label: no warning
    const given = await evaluate({ data, targets: 'y', modelType: 'classifier', probabilities: ['p_eel', 'p_cat', 'p_dog'], labels: ['eel', 'cat', 'dog'], intervals: false })
    expect(given.metrics.accuracy_score).toBe(1)
    expect(given.notes.some((note) => note.startsWith('probability columns are read'))).toBe(false)
    const plain = data.map((row) => ({ y: row.y, a: row.p_eel, b: row.p_cat, c: row.p_dog }))
    const unnamed = await evaluate({ data: plain, targets: 'y', modelType: 'classifier', probabilities: ['a', 'b', 'c'], intervals: false })
    expect(unnamed.notes.some((note) => note.startsWith('probability columns are read'))).toBe(false)
  })
})

// Adversarial pass 68, F11: continuous targets evaluated as a classifier gave 53 notes, none
// saying the run looks like a regressor's.
describe('targets that are not whole numbers', () => {
  test('a classifier run says they look like a regressor, first among its notes', async () => {
    const data = Array.from({ length: 50 }, (_, i) => ({ y: 0.37 + i / 7, p: 0.4 + i / 7 }))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(run.notes[0]).toBe(
      "targets column \"y\" holds numbers that are not whole (such as 0.37), each a class of its own here: they look like a regressor's targets (MLflow warns so too); pass modelType: 'regressor' to score them as numbers",
    )
    const whole = await evaluate({ data: data.map((row, i) => ({ y: i % 3, p: (i + 1) % 3 })), targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(whole.notes.some((note) => note.includes('not whole'))).toBe(false)
  })
})

// Adversarial pass 69, F2: columns in the right order were flagged where one label is a word of
// another (p_not_spam names not_spam, not spam).
describe('probability column names and labels that contain each other', () => {
  test('a label inside a longer label is not named by the longer one\'s column; misordered columns still are', async () => {
    const { misnamedProbabilityColumns } = await import('../../../src/model-types/classifier/probability-column-names.js')
    expect(misnamedProbabilityColumns(['not_spam', 'spam'], ['p_not_spam', 'p_spam'])).toBeUndefined()
    expect(misnamedProbabilityColumns(['non-toxic', 'toxic'], ['prob_non-toxic', 'prob_toxic'])).toBeUndefined()
    expect(misnamedProbabilityColumns(['bad', 'very_bad'], ['p_bad', 'p_very_bad'])).toBeUndefined()
    expect(misnamedProbabilityColumns(['cat', 'category'], ['p_cat', 'p_category'])).toBeUndefined()
    expect(misnamedProbabilityColumns(['0', '1'], ['p0', 'p1'])).toBeUndefined()
    expect(misnamedProbabilityColumns(['0', '1'], ['prob_1', 'prob_0'])?.message).toContain('"prob_1" as the probability of "0"')
    expect(misnamedProbabilityColumns(['not_spam', 'spam'], ['p_spam', 'p_not_spam'])?.message).toContain('(probabilities: ["p_not_spam","p_spam"])')
  })
})
