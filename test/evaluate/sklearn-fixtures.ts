/** Reads the metric engine's scikit-learn fixtures (test/fixtures/sklearn/*.json). */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { datasetFromRecords } from '../../src/data/index.js'
import type { Dataset } from '../../src/data/index.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'

export interface SklearnCase {
  name: string
  description: string
  options: { modelType: 'classifier' | 'regressor'; labels: Array<string | number> | null; posLabel: string | number | null; average: 'weighted' | 'macro' | 'micro' | null }
  columns: Record<string, unknown[]>
  scoreColumn?: string | null
  probabilityColumns?: string[] | null
  sliceColumn?: string | null
  expected: {
    labels?: string[] | null
    posLabel?: string | null
    metrics: Record<string, number>
    absent: string[]
    perClass?: Array<{ label: string; precision: number; recall: number; f1: number; support: number; predicted?: number }>
    confusionMatrix?: number[][]
    slices?: Record<string, { exampleCount: number; metrics: Record<string, number>; absent: string[] }>
  }
}

export const FIXTURE_DIR = new URL('../fixtures/sklearn/', import.meta.url).pathname

/** Every fixture case, sorted by file name. */
export function loadSklearnCases(): SklearnCase[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as SklearnCase)
}

/** The case's columns as a dataset. */
export function caseDataset(c: SklearnCase): Dataset {
  const names = Object.keys(c.columns)
  const n = c.columns[names[0]].length
  const records = Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((name) => [name, c.columns[name][i]])))
  return datasetFromRecords(records)
}

/** evaluate() options equivalent to the case's scikit-learn call. */
export function caseOptions(c: SklearnCase): EvaluateOptions {
  return {
    data: caseDataset(c),
    targets: 'target',
    predictions: 'prediction',
    modelType: c.options.modelType,
    ...(c.options.labels ? { labels: c.options.labels } : {}),
    ...(c.options.posLabel !== null && c.options.posLabel !== undefined ? { posLabel: c.options.posLabel } : {}),
    ...(c.options.average ? { average: c.options.average } : {}),
    ...(c.scoreColumn ? { scores: c.scoreColumn } : {}),
    ...(c.probabilityColumns ? { probabilities: c.probabilityColumns } : {}),
    ...(c.sliceColumn ? { slices: [c.sliceColumn] } : {}),
    minSliceSize: 1,
  }
}
