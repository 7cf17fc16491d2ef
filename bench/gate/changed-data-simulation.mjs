/**
 * The gate on changed evaluation data (`allowDataChange`): how often a regression on the rows the
 * baseline holds fails, and how often an unchanged model fails, when rows were appended,
 * reordered or removed since the baseline, with the rows matched by their keys (this version), by
 * whole-row keys only (an entry without the cell hashes), and without (an entry with no row keys:
 * the unpaired test from the two stored intervals).
 *
 * Population per trial (fresh draws, seeded): n rows, x ~ N(0, 1), target y = 10 + 2x + e,
 * e ~ N(0, 1); a model predicts 10 + 2x + 0.5·u with its own u ~ N(0, 1) per row (two models
 * drawn so are exchangeable re-trains: a true null for every metric). The baseline is one such
 * model on the n original rows; the current model another, and in the regression cells it is
 * worse by `--bias` (default 0.3) times the errors' sd on every original row (none on new rows).
 * Data changes: `same` (the original rows), `appended` (10% more rows of the same law),
 * `reordered` (the original rows shuffled), `removed` (10% of the original rows dropped),
 * `failed` (the original rows, each model served and failing on its own random 2% of them:
 * `onError: 'skip'`, so each run evaluates the rest; the data is unchanged, so `allowDataChange`,
 * passed in every cell, does not matter there), `rewritten` (10% more rows, and the `note` column,
 * which no model reads, rewritten in every row: the whole-row keys match no row, the stored cell
 * hashes leave the column out). Every row has an `id`, `x`, `y` and `note`; the keys are of all
 * four (no `inputColumns`), as a project that does not name them gets.
 * Gated: the regressor's headline metrics (MAE, RMSE, r2), Holm over them, significance 0.05,
 * tolerance 0; a trial fails when the verdict fails.
 *
 * npm run build && node bench/gate/changed-data-simulation.mjs [--trials 200] [--n 800] [--bias 0.3] [--seed 1] [--changes same,appended,reordered,removed,failed,rewritten]
 */
import { parseArgs } from 'node:util'
import { createBaselineEntry, compareWithBaseline } from '../../dist/baselines/index.js'
import { evaluate } from '../../dist/evaluate/index.js'
import { createRandom } from '../../dist/stats/index.js'
import { RowFailure } from '../../dist/models/types.js'

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '200' },
    n: { type: 'string', default: '800' },
    bias: { type: 'string', default: '0.3' },
    seed: { type: 'string', default: '1' },
    changes: { type: 'string', default: 'same,appended,reordered,removed,failed' },
  },
})
const trials = Number(args.trials)
const n = Number(args.n)
const bias = Number(args.bias)
const seed = Number(args.seed)
const MODEL_NOISE = 0.5
const ERROR_SD = Math.sqrt(1 + MODEL_NOISE ** 2)

function rows(count, random, firstId = 0) {
  return Array.from({ length: count }, (_, i) => {
    const x = random.normal()
    return { id: firstId + i, x, y: 10 + 2 * x + random.normal(), note: `v1 ${firstId + i}` }
  })
}

function model(data, random, shift) {
  return new Map(data.map((row) => [row.id, 10 + 2 * row.x + MODEL_NOISE * random.normal() + shift(row)]))
}

/** A served model failing on the rows of `failing` (its own draw), as `onError: 'skip'` leaves them. */
const served = (predictions, failing) => ({
  kind: 'evalgate.model-adapter',
  name: 'simulated server',
  describe: () => ({ adapter: 'simulation' }),
  predict: async (batch) => batch.map((row, i) => (failing.has(row.id) ? new RowFailure(i, 'timed out') : predictions.get(row.id))),
  stats: () => ({ cacheHits: 0, cacheMisses: 0, requests: 1, retries: 0, failedRows: failing.size }),
})

const regress = (data, predictions, failing) =>
  evaluate({ data, targets: 'y', modelType: 'regressor', intervals: { seed: 7 }, model: failing ? served(predictions, failing) : (batch) => batch.map((row) => predictions.get(row.id)) })

/** 2% of the rows, drawn afresh for each run. */
const failingRows = (data, random) => new Set(data.filter(() => random.uniform() < 0.02).map((row) => row.id))

function shuffled(data, random) {
  const out = [...data]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const CHANGES = {
  same: (original) => original,
  appended: (original, random) => [...original, ...rows(Math.round(n / 10), random, n)],
  reordered: (original, random) => shuffled(original, random),
  removed: (original, random) => original.filter(() => random.uniform() >= 0.1),
  failed: (original) => original,
  rewritten: (original, random) => [...original, ...rows(Math.round(n / 10), random, n)].map((row) => ({ ...row, note: `v2 ${row.id}` })),
}

const unknown = args.changes.split(',').filter((change) => !(change in CHANGES))
if (unknown.length > 0) throw new Error(`--changes: ${unknown.join(', ')} unknown; use some of ${Object.keys(CHANGES).join(', ')}`)
const cells = []
for (const regression of [false, true]) {
  for (const change of args.changes.split(',')) cells.push({ regression, change, keyed: 0, keysOnly: 0, unkeyed: 0, trials: 0 })
}
const started = Date.now()
for (let t = 0; t < trials; t++) {
  for (const cell of cells) {
    const random = createRandom(seed * 1_000_003 + t * 7919 + (cell.regression ? 1 : 0) * 31 + Object.keys(CHANGES).indexOf(cell.change) * 101)
    const original = rows(n, random)
    const data = CHANGES[cell.change](original, random)
    const baseline = model(original, random, () => 0)
    const current = model(data, random, (row) => (cell.regression && row.id < n ? bias * ERROR_SD : 0))
    const failed = cell.change === 'failed'
    const entry = createBaselineEntry(await regress(original, baseline, failed ? failingRows(original, random) : undefined))
    const run = await regress(data, current, failed ? failingRows(data, random) : undefined)
    const options = { allowDataChange: true }
    if (compareWithBaseline(entry, run, options).status === 'failed') cell.keyed++
    // Whole-row keys without the cell hashes (an entry of the version before them).
    delete entry.rowKeys.cells
    if (compareWithBaseline(entry, run, options).status === 'failed') cell.keysOnly++
    delete entry.rowKeys
    if (compareWithBaseline(entry, run, options).status === 'failed') cell.unkeyed++
    cell.trials++
  }
}
const se = (p, m) => Math.sqrt((p * (1 - p)) / m) * 100
console.log(`# changed data, allowDataChange: ${trials} trials per cell, n = ${n}, bias ${bias} sd on the original rows, seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s, ${new Date().toISOString()}`)
console.log('model          data        rows matched (this version)   whole-row keys only            no row keys (unpaired)')
for (const cell of cells) {
  const keyed = cell.keyed / cell.trials
  const unkeyed = cell.unkeyed / cell.trials
  const keysOnly = cell.keysOnly / cell.trials
  const what = cell.regression ? 'regressed' : 'unchanged'
  console.log(`${what.padEnd(14)} ${cell.change.padEnd(11)} ${`${(keyed * 100).toFixed(1)}% ± ${se(keyed, cell.trials).toFixed(1)} failed`.padEnd(29)} ${`${(keysOnly * 100).toFixed(1)}% ± ${se(keysOnly, cell.trials).toFixed(1)} failed`.padEnd(30)} ${(unkeyed * 100).toFixed(1)}% ± ${se(unkeyed, cell.trials).toFixed(1)} failed`)
}
