/**
 * A served retriever: its answer for a row is a list of document ids. The adapters read every
 * list as a classifier's probabilities, so a retriever behind MLflow's scoring server or KServe
 * could not be evaluated at all ("the model returned a probability list of length 2 but no
 * labels were given"; review 61, M3). The model type now tells the adapter what a row's answer is.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { kserveModel } from '../../src/models/kserve.js'
import { mlflowModel } from '../../src/models/mlflow.js'
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js'

let server: LoopbackServer | undefined
beforeEach(() => {
  vi.stubEnv('EVALGATE_CACHE', '')
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await server?.close()
  server = undefined
})

/** Nine questions; row k's relevant document is `d{k}`. */
const data = Array.from({ length: 9 }, (_, k) => ({ id: k + 1, q: `question ${k + 1}`, relevant: [`d${k + 1}`] }))

/** What the retriever finds for question `id`: the relevant document first on odd ids, second on even ones. */
function retrieved(id: number): string[] {
  return id % 2 === 1 ? [`d${id}`, 'x', 'y'] : ['x', `d${id}`, 'y']
}

function ids(body: unknown): number[] {
  const split = (body as { dataframe_split: { columns: string[]; data: unknown[][] } }).dataframe_split
  return split.data.map((row) => Number(row[split.columns.indexOf('id')]))
}

describe('a served retriever', () => {
  test('mlflowModel: one id list per row, column-oriented, and a list of one id', async () => {
    let style: 'rows' | 'columns' | 'single' = 'rows'
    server = await startLoopbackServer(({ body }) => {
      const asked = ids(body)
      if (style === 'columns') return { body: { predictions: { retrieved_context: asked.map(retrieved) } } }
      if (style === 'single') return { body: { predictions: asked.map((id) => [`d${id}`]) } }
      return { body: { predictions: asked.map(retrieved) } }
    })
    const options = { inputColumns: ['id', 'q'], batchSize: 4, cache: false, retries: 0 }
    const evaluateServed = () => evaluate({ model: mlflowModel(server!.url, options), data, targets: 'relevant', modelType: 'retriever', intervals: false })
    const local = await evaluate({ model: (rows) => rows.map((row) => retrieved(row.id)), data, targets: 'relevant', modelType: 'retriever', intervals: false })
    const rows = await evaluateServed()
    const builtIn = (metrics: Record<string, number>) => Object.fromEntries(Object.entries(metrics).filter(([name]) => name.includes("_at_")))
    expect(builtIn(rows.metrics)).toEqual(builtIn(local.metrics))
    expect(rows.metrics.error_count).toBe(0)
    expect(rows.metrics['recall_at_3/mean']).toBe(1)
    style = 'columns'
    expect(builtIn((await evaluateServed()).metrics)).toEqual(builtIn(local.metrics))
    // a list of one id is that id's list, not the id
    style = 'single'
    const single = await evaluateServed()
    expect(single.metrics['precision_at_3/mean']).toBe(1)
    expect(single.metrics['ndcg_at_3/mean']).toBe(1)
  })

  test('mlflowModel: records of ids and scores, by row or by column; labelField names the ids where several lists are text (adversarial pass 62)', async () => {
    let style: 'records' | 'columns' | 'named' | 'sparse' | 'integers' = 'records'
    const scored = (id: number) => ({ docs: retrieved(id), scores: [0.9, 0.5, 0.1] })
    server = await startLoopbackServer(({ body }) => {
      const asked = ids(body)
      if (style === 'columns') return { body: { predictions: { docs: asked.map(retrieved), scores: asked.map(() => [0.9, 0.5, 0.1]) } } }
      if (style === 'sparse') return { body: { predictions: asked.map((id) => (id === 5 ? { docs: [], scores: [] } : scored(id))) } }
      if (style === 'integers') return { body: { predictions: asked.map((id) => ({ doc_ids: [id, 100 + id, 200 + id], scores: [0.9, 0.5, 0.1] })) } }
      if (style === 'named') return { body: { predictions: asked.map((id) => ({ ids: retrieved(id), titles: ['A', 'B', 'C'] })) } }
      return { body: { predictions: asked.map(scored) } }
    })
    const served = (labelField?: string) => evaluate({ model: mlflowModel(server!.url, { inputColumns: ['id', 'q'], batchSize: 4, cache: false, retries: 0, ...(labelField ? { labelField } : {}) }), data, targets: 'relevant', modelType: 'retriever', intervals: false })
    expect((await served()).metrics['recall_at_3/mean']).toBe(1)
    style = 'columns'
    expect((await served()).metrics['recall_at_3/mean']).toBe(1)
    // a query that found nothing answers empty lists: a retrieval of precision 0, not a failed row (adversarial pass 63)
    style = 'sparse'
    const sparse = await served()
    expect(sparse.metrics.error_count).toBe(0)
    expect(sparse.metrics['recall_at_3/mean']).toBeCloseTo(8 / 9, 12)
    // integer ids beside fractional scores: the integers are the ids (no row fails; 1 is not the text "d1", as in MLflow)
    style = 'integers'
    const integers = await served()
    expect(integers.metrics.error_count).toBe(0)
    expect(integers.metrics['precision_at_3/mean']).toBe(0)
    style = 'named'
    await expect(served()).rejects.toThrow("a retriever's answer for a row is a record with fields ids, titles; expected a list of document ids: name the field that holds them with labelField: '<field>'")
    expect((await served('ids')).metrics['recall_at_3/mean']).toBe(1)
  })

  test('an answer that is no list names the row and what a retriever answers', async () => {
    server = await startLoopbackServer(({ body }) => ({ body: { predictions: ids(body).map((id) => (id === 5 ? 'd5' : retrieved(id))) } }))
    const model = mlflowModel(server.url, { inputColumns: ['id', 'q'], batchSize: 9, cache: false, retries: 0 })
    await expect(evaluate({ model, data, targets: 'relevant', modelType: 'retriever', intervals: false })).rejects.toThrow(/row 5\b[\s\S]*"d5"|"d5"[\s\S]*row 5\b/)
  })

  test('kserveModel: a BYTES output of id lists per row', async () => {
    server = await startLoopbackServer(({ body }) => {
      const id = (body as { inputs: Array<{ name: string; data: unknown[] }> }).inputs.find((tensor) => tensor.name === 'id')!.data.map(Number)
      return { body: { model_name: 'search', outputs: [{ name: 'documents', shape: [id.length, 3], datatype: 'BYTES', data: id.flatMap(retrieved) }] } }
    })
    const model = kserveModel(server.url, 'search', { inputColumns: ['id'], batchSize: 4, cache: false, retries: 0 })
    const run = await evaluate({ model, data, targets: 'relevant', modelType: 'retriever', intervals: false })
    expect(run.metrics['recall_at_3/mean']).toBe(1)
    expect(run.metrics['precision_at_3/mean']).toBeCloseTo(1 / 3, 12)
  })
})
