/** A handful of small, varied runs (binary, multiclass, regressor, model, failures, artifacts, slices). */
import { datasetFromRecords } from '../../src/data/index.js'
import { defineArtifact, defineMetric, evaluate } from '../../src/evaluate/index.js'
import type { ModelAdapter, Prediction } from '../../src/models/types.js'
import { RowFailure } from '../../src/models/types.js'
import type { EvalRun } from '../../src/run/types.js'
import { caseOptions, loadSklearnCases } from './sklearn-fixtures.js'

/** Seeded LCG in [0, 1), so sample data is the same on every run. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** `n` rows: label a/b/c, a correlated prediction and probabilities, category and region. */
export function sampleClassifierRecords(n: number, seed = 1): Array<Record<string, unknown>> {
  const u = seededUniform(seed)
  const labels = ['a', 'b', 'c']
  return Array.from({ length: n }, (_, i) => {
    const t = Math.floor(u() * 3)
    const raw = [u(), u(), u()]
    raw[t] += 0.45
    const sum = raw[0] + raw[1] + raw[2]
    const p = raw.map((x) => x / sum)
    const predicted = p.indexOf(Math.max(...p))
    return {
      id: i,
      text: `example ${i}`,
      target: labels[t],
      prediction: labels[predicted],
      p_a: p[0],
      p_b: p[1],
      p_c: p[2],
      category: ['billing', 'shipping', 'technical_support'][i % 3],
      region: i % 4 === 0 ? 'eu' : 'us',
    }
  })
}

/** Runs of every shape evaluate() produces. */
export async function sampleRuns(): Promise<EvalRun[]> {
  const runs: EvalRun[] = []
  for (const c of loadSklearnCases()) runs.push(await evaluate(caseOptions(c)))
  const records = sampleClassifierRecords(240)
  const metric = defineMetric({ name: 'share_predicted_a', greaterIsBetter: true, fn: (t) => (t.modelType === 'classifier' ? t.predictions.filter((p) => p === 'a').length / t.rowCount : 0) })
  runs.push(
    await evaluate({
      data: records,
      targets: 'target',
      predictions: 'prediction',
      probabilities: ['p_a', 'p_b', 'p_c'],
      modelType: 'classifier',
      slices: ['category', ['category', 'region']],
      extraMetrics: [metric],
      extraArtifacts: [
        defineArtifact({ name: 'note.md', fn: () => '# hello' }),
        defineArtifact({ name: 'blob', fn: () => new Uint8Array([1, 2, 3]) }),
        defineArtifact({ name: 'pairs', fn: () => [{ a: 1, b: 'x' }] }),
        defineArtifact({ name: 'summary', fn: (_t, m) => ({ accuracy: m.accuracy_score }) }),
      ],
      name: 'sample-multiclass',
    }),
  )
  runs.push(
    await evaluate({
      data: records,
      targets: 'target',
      modelType: 'classifier',
      model: (rows) => rows.map((r) => ({ probabilities: { a: r.p_a as number, b: r.p_b as number, c: r.p_c as number } })),
      intervals: false,
    }),
  )
  const adapter: ModelAdapter = {
    kind: 'evalgate.model-adapter',
    name: 'fake served model',
    describe: () => ({ endpoint: 'http://127.0.0.1:1/invocations' }),
    predict: async (rows) => rows.map((r, i): Prediction | RowFailure => (i % 10 === 0 ? new RowFailure(i, 'HTTP 500') : (r.target as string))),
    stats: () => ({ cacheHits: 3, cacheMisses: 21, requests: 2, retries: 0, failedRows: 4 }),
  }
  runs.push(await evaluate({ data: datasetFromRecords(records.slice(0, 40)), targets: 'target', modelType: 'classifier', model: adapter }))
  const u = seededUniform(7)
  const regression = Array.from({ length: 120 }, (_, i) => {
    const y = i % 7 === 0 ? 0 : u() * 100
    return { x: i, y, yhat: y + (u() - 0.5) * 10, group: i % 2 === 0 ? 'even' : 'odd' }
  })
  runs.push(await evaluate({ data: regression, targets: 'y', predictions: 'yhat', modelType: 'regressor', slices: ['group'], minSliceSize: 100 }))
  return runs
}
