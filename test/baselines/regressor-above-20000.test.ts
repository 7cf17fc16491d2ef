/**
 * A regressor entry stores its predictions up to 250,000 rows (it stopped at 20,000), so a
 * regressor above 20,000 rows keeps its paired tests: MSE the paired mean of the per-row squared
 * errors, a custom metric the paired resampling test on a seeded random 20,000 of the rows.
 * Before, above 20,000 rows a custom metric had neither a paired test nor an interval and any dip
 * failed on its point value (an adversarial pass: 1 of 4 unchanged re-trains at 25,000 rows).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { MAX_STORED_REGRESSOR_PREDICTIONS, MAX_STORED_ROW_SCORES, storableOutputTexts } from '../../src/baselines/stored-predictions.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { createRandom } from '../../src/stats/index.js'

const N = 30_000
const METRICS = ['mean_squared_error', 'within_10_percent']
// seed 4: the re-train's MSE and custom metric both dip (by 0.02 and 0.0013), so both are tested
const random = createRandom(4)
function normal(): number {
  let u = 0
  while (u === 0) u = random.uniform()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.uniform())
}
const rows = Array.from({ length: N }, (_, id) => {
  const x = 4 * random.uniform()
  return { id, x, y: 20 + 5 * x + normal() }
})
// Each model's error: half its variance shared by every model, half its own (redrawn by a re-train).
const shared = Float64Array.from(rows, () => normal())
const own = Float64Array.from(rows, () => normal())
const retrainOwn = Float64Array.from(rows, () => normal())
const error = (i: number, mine: Float64Array): number => 1.5 * Math.SQRT1_2 * (shared[i]! + mine[i]!)
const baseline = Float64Array.from(rows, (row, i) => row.y + error(i, own))
const retrain = Float64Array.from(rows, (row, i) => row.y + error(i, retrainOwn))
/** The baseline model with a tenth of its rows pushed from 2% to 12% off: fewer rows within 10%. */
const worse = Float64Array.from(rows, (row, i) => (i % 10 === 0 ? row.y * 1.12 : baseline[i]!))

const within10 = defineMetric({
  name: 'within_10_percent',
  greaterIsBetter: true,
  fn: (table) => {
    if (table.modelType !== 'regressor') return Number.NaN
    const { predictions, targets } = table
    let close = 0
    for (let i = 0; i < table.rowCount; i++) if (Math.abs(predictions[i]! - targets[i]!) <= 0.1 * Math.abs(targets[i]!)) close++
    return close / table.rowCount
  },
})
const run = (predicted: Float64Array) =>
  evaluate({ data: rows, targets: 'y', modelType: 'regressor', model: (batch: typeof rows) => batch.map((row) => predicted[row.id]!), inputColumns: ['id', 'x'], extraMetrics: [within10], intervals: false })

describe('a regressor above 20,000 rows keeps its stored predictions and its paired tests', () => {
  test('the caps: regressor predictions up to 250,000 rows, the text types\' per-row scores and outputs up to 250,000 scores (examples x score columns)', () => {
    expect(MAX_STORED_REGRESSOR_PREDICTIONS).toBe(250_000)
    expect(MAX_STORED_ROW_SCORES).toBe(250_000)
    // four score columns (question answering with a custom metric): 62,500 rows
    expect(storableOutputTexts(Array.from({ length: 62_501 }, () => 'a'), 4)).toBeUndefined()
    expect(storableOutputTexts(Array.from({ length: 62_500 }, () => 'a'), 4)).toHaveLength(62_500)
    expect(storableOutputTexts(Array.from({ length: 250_001 }, () => 'a'))).toBeUndefined()
  })

  test('an unchanged re-train at 30,000 rows passes; MSE gets paired-mean, the custom metric paired-resample on a random 20,000', async () => {
    const entry = createBaselineEntry(await run(baseline), { metrics: METRICS })
    expect(entry.predictions).toMatchObject({ encoding: 'float64le-base64', length: N })
    const verdict = compareWithBaseline(entry, await run(retrain), { metrics: METRICS })
    const row = (metric: string) => verdict.rows.find((r) => r.metric === metric && r.slice === undefined)!
    expect(row('mean_squared_error').test).toBe('paired-mean')
    expect(row('within_10_percent').test).toBe('paired-resample (on a random 20,000 of 30,000 rows)')
    // both dip: judged as noise by their paired tests, not failed on the point value
    expect(row('mean_squared_error')).toMatchObject({ verdict: 'noise' })
    expect(row('within_10_percent')).toMatchObject({ verdict: 'noise' })
    expect(row('within_10_percent').change!).toBeLessThan(0)
    expect(verdict.status).toBe('passed')
  }, 60_000)

  test('a real drop of the custom metric at 30,000 rows fails and names it', async () => {
    const entry = createBaselineEntry(await run(baseline), { metrics: METRICS })
    const verdict = compareWithBaseline(entry, await run(worse), { metrics: METRICS })
    const row = verdict.rows.find((r) => r.metric === 'within_10_percent' && r.slice === undefined)!
    expect(row).toMatchObject({ verdict: 'fail', test: 'paired-resample (on a random 20,000 of 30,000 rows)' })
    expect(row.change!).toBeLessThan(-0.05)
    expect(verdict.status).toBe('failed')
  }, 60_000)
})
