#!/usr/bin/env node
/**
 * The baseline gate on changes carried by a few rows: the harness for a test of such changes.
 * At 97e4a69 the gate had a few-rows rule (a drop failed when too few rows carried it for an
 * exact paired test to reach its level, its p was at that floor and its value left the baseline's
 * interval), and this script also counted the trials the rule alone failed
 * (`git show 97e4a69:bench/gate/few-rows-simulation.mjs`); the rule was withdrawn after an
 * adversarial pass measured 6% false alarms on small labels-only sets (bench/gate/README.md).
 * This measures, seeded, with intervals on (the default) and the default gate (headline metrics
 * overall and per slice, Holm):
 *
 * - its false alarms under re-training noise on small evaluation sets, where few rows move
 *   (a classifier of 240 rows, 4 slices, about 3% of labels moving; a regressor of 240 rows with
 *   Student's t(3) errors, 3% of its predictions re-drawn with the same noise);
 * - its power against a few gross errors (3 rows off by 25, 4 rows off by 10^6, on a regressor
 *   whose errors have scale 0.5; and 4 rows off by 10^6 while every other prediction moves by up
 *   to 0.001, as a re-train moves them).
 *
 * Needs `npm run build` (reads dist/).
 *
 *   npm run build && node bench/gate/few-rows-simulation.mjs [--trials 500]
 */
import { createBaselineEntry, compareWithBaseline } from '../../dist/baselines/index.js'
import { evaluate } from '../../dist/evaluate/index.js'
import { createRandom } from '../../dist/stats/index.js'
import { LABELS, modelProbabilities, population, scenarioRecords } from './gate-scenarios.mjs'

const at = process.argv.indexOf('--trials')
const trials = at < 0 ? 500 : Number(process.argv[at + 1])
/** Whether the verdict failed. */
function outcome(verdict) {
  return { failed: verdict.status === 'failed' }
}

const classifierRun = (pop, proba) =>
  evaluate({ data: scenarioRecords(pop, proba), targets: 'truth', modelType: 'classifier', labels: LABELS, probabilities: ['p_negative', 'p_neutral', 'p_positive'], inputColumns: ['id', 'category'], slices: ['category'] })

async function classifierNull(seed) {
  const random = createRandom(seed)
  const pop = population(240, random)
  const entry = createBaselineEntry(await classifierRun(pop, modelProbabilities(pop, random)))
  return outcome(compareWithBaseline(entry, await classifierRun(pop, modelProbabilities(pop, random))))
}

/** Student's t(3) draw. */
function studentT3(random) {
  let chi = 0
  for (let j = 0; j < 3; j++) chi += random.normal() ** 2
  return random.normal() / Math.sqrt(chi / 3)
}

function regressorRows(random, n) {
  return Array.from({ length: n }, (_, id) => {
    const x = random.uniform() * 10
    return { id, x, group: ['a', 'b', 'c', 'd'][id % 4], y: 3 * x + 1 + 0.5 * studentT3(random) }
  })
}
const regressorRun = (rows, predictions) =>
  evaluate({ data: rows.map((row, i) => ({ ...row, p: predictions[i] })), targets: 'y', predictions: 'p', modelType: 'regressor', inputColumns: ['id', 'x', 'group'], slices: ['group'] })

async function regressorNull(seed) {
  const random = createRandom(seed)
  const rows = regressorRows(random, 240)
  const fit = () => 0.3 * random.normal()
  const baseline = rows.map((row) => 3 * row.x + 1 + fit())
  // A re-train: 3% of the predictions re-drawn with the same model noise, the rest kept.
  const current = baseline.map((value, i) => (random.uniform() < 0.03 ? 3 * rows[i].x + 1 + fit() : value))
  const entry = createBaselineEntry(await regressorRun(rows, baseline))
  return outcome(compareWithBaseline(entry, await regressorRun(rows, current)))
}

async function regressorGross(seed, count, offset, jitter = 0) {
  const random = createRandom(seed)
  const rows = regressorRows(random, 240).map((row) => ({ ...row, y: 3 * row.x + 1 + 0.5 * random.normal() }))
  const baseline = rows.map((row) => 3 * row.x + 1)
  // A re-train also moves every prediction a little (uniform in +-jitter).
  const current = baseline.map((value) => value + jitter * (2 * random.uniform() - 1))
  for (let j = 0; j < count; j++) current[Math.floor(random.uniform() * rows.length)] += offset
  const entry = createBaselineEntry(await regressorRun(rows, baseline))
  return outcome(compareWithBaseline(entry, await regressorRun(rows, current)))
}

async function rate(name, trial, firstSeed, target) {
  let failed = 0
  for (let t = 0; t < trials; t++) if ((await trial(firstSeed + t)).failed) failed++
  const p = failed / trials
  const se = Math.sqrt(Math.max(p * (1 - p), 1 / trials) / trials)
  console.log(`${name.padEnd(60)} fails ${(100 * p).toFixed(1)}% (SE ${(100 * se).toFixed(1)}); ${target}`)
}

const started = Date.now()
console.log(`${trials} trials per line, seeded; intervals on; default gate`)
await rate('classifier, 240 rows, re-training noise (null)', classifierNull, 510_000, 'target at most 2%')
await rate('regressor t(3), 240 rows, 3% re-drawn (null)', regressorNull, 520_000, 'target at most 2%')
await rate('regressor, 3 rows off by 25', (seed) => regressorGross(seed, 3, 25), 530_000, 'caught')
await rate('regressor, 4 rows off by 10^6', (seed) => regressorGross(seed, 4, 1e6), 540_000, 'caught')
await rate('regressor, 4 rows off by 10^6, the rest moved <= 0.001', (seed) => regressorGross(seed, 4, 1e6, 0.001), 550_000, 'caught')
console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`)
