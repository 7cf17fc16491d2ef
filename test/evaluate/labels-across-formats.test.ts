/**
 * Labels compare the same way in every format (issue 11): CSV `1.0` and `1`, JSON `1`, Parquet
 * doubles and a model's `y.toFixed(1)` are one class when the targets are numeric, as pandas +
 * scikit-learn read them; text labels such as "007" are kept apart when the targets are text.
 */
import { parquetWriteFile } from 'hyparquet-writer'
import { afterAll, describe, expect, test } from 'vitest'
import { datasetFromRecords, loadDataset } from '../../src/data/index.js'
import { DatasetError, PredictionError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import { numericLabel } from '../../src/run/labels.js'
import { tempFolder } from '../data/temp-files.js'

const folder = tempFolder('labels')
afterAll(() => folder.remove())

// y, p: rows 1,1.0 / 0,0.0 / 1,1.0 / 0,1.0 — scikit-learn (pandas reads floats): accuracy 0.75.
const Y = [1, 0, 1, 0]
const P = [1, 0, 1, 1]

async function accuracyOf(path: string): Promise<{ accuracy: number; labels: string[] | undefined }> {
  const run = await evaluate({ data: await loadDataset(path), targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
  return { accuracy: run.metrics.accuracy_score, labels: run.labels }
}

describe('numeric labels compare as numbers in every format', () => {
  test('CSV 1 vs 1.0 (the issue reproduction): accuracy 0.75, labels 0, 1', async () => {
    const path = folder.write('floats.csv', 'y,p\n1,1.0\n0,0.0\n1,1.0\n0,1.0\n')
    expect(await accuracyOf(path)).toEqual({ accuracy: 0.75, labels: ['0', '1'] })
  })

  test('CSV -0 / 0 and 1e3 / 1000 are one class each', async () => {
    const path = folder.write('spellings.csv', 'y,p\n0,-0\n1000,1e3\n-0,0\n1e3,1000.00\n0,1000\n')
    expect(await accuracyOf(path)).toEqual({ accuracy: 0.8, labels: ['0', '1000'] })
  })

  test('JSON Lines, JSON and Parquet give the same answer', async () => {
    const jsonl = folder.write('floats.jsonl', Y.map((y, i) => JSON.stringify({ y, p: `${P[i]}.0` })).join('\n'))
    const json = folder.write('floats.json', JSON.stringify(Y.map((y, i) => ({ y: `${y}.0`, p: P[i] }))))
    const parquet = folder.path('floats.parquet')
    parquetWriteFile({
      filename: parquet,
      columnData: [
        { name: 'y', data: Float64Array.from(Y), type: 'DOUBLE' },
        { name: 'p', data: P.map((p) => `${p}.0`), type: 'STRING' },
      ],
    })
    expect(await accuracyOf(jsonl)).toEqual({ accuracy: 0.75, labels: ['0', '1'] })
    expect(await accuracyOf(parquet)).toEqual({ accuracy: 0.75, labels: ['0', '1'] })
    const jsonNumbers = folder.write('numbers.json', JSON.stringify(Y.map((y, i) => ({ y, p: `${P[i]}.0` }))))
    expect(await accuracyOf(jsonNumbers)).toEqual({ accuracy: 0.75, labels: ['0', '1'] })
    // JSON strings "1.0" are typed text, and the predictions are numbers: compared as written,
    // "1.0" is not 1 (scikit-learn refuses to mix strings and numbers).
    const typed = await accuracyOf(json)
    expect(typed.labels).toEqual(['0', '0.0', '1', '1.0'])
    expect(typed.accuracy).toBe(0)
  })

  test("a model's y.toFixed(1) matches CSV targets 0 / 1", async () => {
    const path = folder.write('model.csv', 'x,y\n0.9,1\n0.2,0\n0.8,1\n0.7,0\n')
    const run = await evaluate({
      data: await loadDataset(path),
      targets: 'y',
      model: (rows) => rows.map((row) => Math.round(Number(row.x)).toFixed(1)),
      modelType: 'classifier',
      intervals: false,
    })
    expect(run.labels).toEqual(['0', '1'])
    expect(run.metrics.accuracy_score).toBe(0.75)
  })

  test('labels and posLabel given as "1.0" name the class "1"; probability keys too', async () => {
    const data = datasetFromRecords(Y.map((y) => ({ y })))
    const run = await evaluate({
      data,
      targets: 'y',
      model: () => P.map((p) => ({ probabilities: { '0.0': 1 - p * 0.8, '1.0': p * 0.8 } })),
      labels: ['0.0', '1.0'],
      posLabel: '1.0',
      modelType: 'classifier',
      intervals: false,
    })
    expect(run.labels).toEqual(['0', '1'])
    expect(run.posLabel).toBe('1')
    expect(run.metrics.accuracy_score).toBe(0.75)
  })

  test('two probability keys for the same number are an error naming the row', async () => {
    const data = datasetFromRecords([{ y: 1 }, { y: 0 }])
    const error = await evaluate({
      data,
      targets: 'y',
      model: () => [{ probabilities: { '1': 0.5, '1.0': 0.5 } as Record<string, number> }, { probabilities: { '0': 1, '1': 0 } }],
      modelType: 'classifier',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PredictionError)
    expect((error as Error).message).toContain('row 1 has two probabilities for label "1"')
  })
})

describe('text labels are compared as written', () => {
  test('CSV "007" and "7" in a column that also holds text stay two classes', async () => {
    const path = folder.write('codes.csv', 'y,p\n007,7\n7,7\nabc,abc\n')
    const { accuracy, labels } = await accuracyOf(path)
    expect(labels).toEqual(['007', '7', 'abc'])
    expect(accuracy).toBeCloseTo(2 / 3, 12)
  })

  test('typed JSON strings "007" and "7" stay two classes', async () => {
    const run = await evaluate({
      data: [{ y: '007', p: '7' }, { y: '7', p: '7' }],
      targets: 'y',
      predictions: 'p',
      modelType: 'classifier',
      intervals: false,
    })
    expect(run.labels).toEqual(['007', '7'])
    expect(run.metrics.accuracy_score).toBe(0.5)
  })

  test('typed JSON strings "10" and "9" sort as strings, as np.unique sorts them, so "9" is the default positive label (white-box review 57)', async () => {
    const rows = [{ y: '10', p: '9' }, { y: '9', p: '9' }, { y: '10', p: '10' }, { y: '9', p: '10' }, { y: '10', p: '10' }]
    const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(run.labels).toEqual(['10', '9'])
    expect(run.posLabel).toBe('9')
    // scikit-learn 1.2.1: precision_score / recall_score / f1_score(y, p, pos_label='9') = 0.5
    expect([run.metrics.precision_score, run.metrics.recall_score, run.metrics.f1_score]).toEqual([0.5, 0.5, 0.5])
    // numbers, and CSV text that reads as numbers, sort as numbers
    const numbers = await evaluate({ data: rows.map(({ y, p }) => ({ y: Number(y), p: Number(p) })), targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect([numbers.labels, numbers.posLabel]).toEqual([['9', '10'], '10'])
    const csv = await evaluate({ data: await loadDataset(folder.write('ten-nine.csv', `y,p\n${rows.map(({ y, p }) => `${y},${p}`).join('\n')}\n`)), targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(csv.labels).toEqual(['9', '10'])
  })

  test('numericLabel reads decimal spellings only', () => {
    expect(numericLabel('1.0')).toBe('1')
    expect(numericLabel('-0')).toBe('0')
    expect(numericLabel('1e3')).toBe('1000')
    expect(numericLabel('.5')).toBe('0.5')
    expect(numericLabel(' 1')).toBeUndefined()
    expect(numericLabel('0x10')).toBeUndefined()
    expect(numericLabel('NaN')).toBeUndefined()
    expect(numericLabel('1e999')).toBeUndefined()
    expect(numericLabel('abc')).toBeUndefined()
    // integers no double holds keep their digits, as pandas reads int64 (adversarial pass 68, F9)
    expect(numericLabel('9007199254740993')).toBe('9007199254740993')
    expect(numericLabel('-0012345678901234567891')).toBe('-12345678901234567891')
    expect(numericLabel('9007199254740992')).toBe('9007199254740992')
    expect(numericLabel('0.30000000000000001')).toBe('0.3')
  })

  // Adversarial pass 68, F9: ids above 2^53 became doubles, two ids one class: accuracy 1.
  test('CSV integer ids above 2^53 stay distinct classes (scikit-learn on int64: accuracy 0.6)', async () => {
    const ids = ['9007199254740993', '9007199254740992']
    const rows = [[0, 0], [1, 0], [0, 0], [1, 1], [0, 1]].map(([y, p]) => `${ids[y]},${ids[p]}`)
    const path = folder.write('big-ids.csv', `y,p\n${rows.join('\n')}\n`)
    expect(await accuracyOf(path)).toEqual({ accuracy: 0.6, labels: ['9007199254740992', '9007199254740993'] })
  })
})

describe('NaN is a missing target, never a class', () => {
  test.each([
    ['NaN', 'y,p\n1,1\nNaN,0\n0,0\n', 'targets column "y": row 2 (file line 3) is NaN'],
    ['nan', 'y,p\n1,1\n0,0\nnan,0\n', 'targets column "y": row 3 (file line 4) is NaN'],
    ['an empty cell', 'y,p\n1,1\n,0\n0,0\n', 'targets column "y": row 2 (file line 3) is empty'],
  ])('CSV target %s: an error naming the row and the column', async (_, content, message) => {
    const path = folder.write('nan.csv', content)
    const error = await accuracyOf(path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatasetError)
    expect((error as Error).message).toContain(message)
  })
})
