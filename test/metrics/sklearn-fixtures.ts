/** Reads the committed scikit-learn fixtures (test/fixtures/sklearn) and encodes them for the engine. */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** Expected metrics of one slice. */
export interface FixtureSlice { exampleCount: number; metrics: Record<string, number>; absent: string[] }

/** One fixture file (see scripts/fixtures/README.md). */
export interface SklearnFixture {
  name: string
  description: string
  sklearn_version: string
  options: { modelType: 'classifier' | 'regressor'; labels: unknown[] | null; posLabel: unknown; average: 'weighted' | 'macro' | 'micro' | null }
  columns: Record<string, unknown[]>
  scoreColumn: string | null
  probabilityColumns: string[] | null
  sliceColumn: string | null
  expected: {
    labels: string[] | null
    posLabel: string | null
    metrics: Record<string, number>
    absent: string[]
    perClass?: Array<{ label: string; precision: number; recall: number; f1: number; support: number; predicted: number }>
    confusionMatrix?: number[][]
    slices?: Record<string, FixtureSlice>
    sklearnCurves?: {
      roc: { fpr: number[]; tpr: number[]; thresholds: number[] }
      pr: { precision: number[]; recall: number[]; thresholds: number[] }
      calibration: { nBins: number; lower: number[]; upper: number[]; meanPredicted: number[]; fractionPositive: number[]; count: number[] }
    }
  }
}

/** Directory of the committed fixtures. */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/sklearn/', import.meta.url))

/** All fixtures, sorted by name. */
export function loadSklearnFixtures(): SklearnFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as SklearnFixture)
}

/** Canonical string of a label cell (numbers as `String(n)`), as `expected.labels` holds them. */
export function canonicalLabel(value: unknown): string {
  return typeof value === 'number' ? String(value) : String(value)
}

/** Classifier columns encoded as class indices against `expected.labels`. */
export interface EncodedClassifier {
  k: number
  labels: string[]
  yTrue: Int32Array
  yPred: Int32Array
  posIndex: number | undefined
  score: Float64Array | undefined
  isPositive: Uint8Array | undefined
  /** Row-major n*k, columns in label order. */
  proba: Float64Array | undefined
  segment: string[] | undefined
}

/** Encode a classifier fixture. */
export function encodeClassifier(fx: SklearnFixture): EncodedClassifier {
  const labels = fx.expected.labels ?? []
  const k = labels.length
  const index = new Map(labels.map((l, i) => [l, i]))
  const encode = (values: unknown[]): Int32Array => Int32Array.from(values, (v) => {
    const i = index.get(canonicalLabel(v))
    if (i === undefined) throw new Error(`${fx.name}: label ${String(v)} not in expected.labels`)
    return i
  })
  const yTrue = encode(fx.columns.target)
  const yPred = encode(fx.columns.prediction)
  const posIndex = k === 2 && fx.expected.posLabel !== null ? index.get(fx.expected.posLabel) : undefined
  let score: Float64Array | undefined
  let isPositive: Uint8Array | undefined
  if (posIndex !== undefined) isPositive = Uint8Array.from(yTrue, (t) => (t === posIndex ? 1 : 0))
  if (fx.scoreColumn !== null) score = Float64Array.from(fx.columns[fx.scoreColumn] as number[])
  let proba: Float64Array | undefined
  if (fx.probabilityColumns !== null) {
    const n = yTrue.length
    proba = new Float64Array(n * k)
    fx.probabilityColumns.forEach((col, c) => {
      const values = fx.columns[col] as number[]
      for (let i = 0; i < n; i++) proba![i * k + c] = values[i]
    })
  }
  const segment = fx.sliceColumn !== null ? (fx.columns[fx.sliceColumn] as unknown[]).map(String) : undefined
  return { k, labels, yTrue, yPred, posIndex, score, isPositive, proba, segment }
}

/** Row indices of each slice value, keyed `segment=<value>`. */
export function sliceRows(column: string, values: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  values.forEach((v, i) => {
    const key = `${column}=${v}`
    let rows = out.get(key)
    if (rows === undefined) out.set(key, (rows = []))
    rows.push(i)
  })
  return out
}

/** Take rows of a typed array (stride 1 or k). */
export function takeRows<T extends Float64Array | Int32Array | Uint8Array>(array: T, rows: number[], stride = 1): T {
  const Ctor = array.constructor as new (n: number) => T
  const out = new Ctor(rows.length * stride)
  rows.forEach((r, j) => {
    for (let c = 0; c < stride; c++) out[j * stride + c] = array[r * stride + c]
  })
  return out
}
