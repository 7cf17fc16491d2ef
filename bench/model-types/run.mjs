// Row-score model types benchmark: 100,000 seeded question-answer rows through the
// `question-answering` type as evaluate() drives it (resolve options, encode: exact match, SQuAD
// EM + F1, token_count, textstat's two readability grades; then the run's scope with
// intervals and one slice of half the rows), against its peer measured in the same run: the bare
// kernels alone (exactMatchScores, squadScores, tokenCounts, readabilityGrades, standardAggregations per column).
// The ratio is what the type adds; the budget is every default text metric over 100,000
// QA rows in under 10 s.
// Run: npx tsc -p bench/model-types/tsconfig.json && node bench/model-types/run.mjs [--rows N]
import { cpSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { corpus, mulberry32 } from '../text/corpus.mjs'

// tsc does not copy data files: put src/metrics/text/data beside the compiled kernels
cpSync(new URL('../../src/metrics/text/data/', import.meta.url), new URL('./.tmp/dist/metrics/text/data/', import.meta.url), { recursive: true })
const { findModelType } = await import('./.tmp/dist/model-types/registry.js')
const intervalMethods = await import('./.tmp/dist/evaluate/interval-methods.js')
const { datasetFromRecords } = await import('./.tmp/dist/data/index.js')
const text = await import('./.tmp/dist/metrics/text/index.js')

const rowsArg = process.argv.indexOf('--rows')
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000

const random = mulberry32(20261202)
const { pick, sentence } = corpus(random)
const records = []
for (let i = 0; i < ROWS; i++) {
  const answer = sentence(1 + Math.floor(random() * 8))
  const words = answer.split(' ').map((w) => (random() < 0.3 ? pick() : w))
  records.push({ question: `q${i} ${sentence(8)}?`, answer, predicted: random() < 0.4 ? answer : words.join(' '), half: i % 2 === 0 ? 'even' : 'odd' })
}
const predictions = records.map((r) => r.predicted)
const answers = records.map((r) => r.answer)
const dataset = datasetFromRecords(records)
const methods = { ...intervalMethods, rowBootstrapMaxRows: intervalMethods.ROW_BOOTSTRAP_MAX_ROWS, pengTailMinRows: intervalMethods.PENG_TAIL_MIN_ROWS, maxErrorNote: intervalMethods.MAX_ERROR_NOTE }
const intervals = { level: 0.95, seed: 0, resamples: 1000, rowResamples: 2000 }
const half = Int32Array.from({ length: Math.ceil(ROWS / 2) }, (_, j) => 2 * j)

function kernels() {
  const columns = [text.exactMatchScores(predictions, answers), ...Object.values(text.squadScores(predictions, answers)), text.tokenCounts(predictions), ...Object.values(text.readabilityGrades(predictions))]
  return columns.map((c) => text.standardAggregations(c))
}

async function modelType() {
  const type = findModelType('question-answering')
  const options = { squad: true }
  const { settings } = type.resolveOptions({ hasModel: false, predictions: 'predicted', options })
  const { part } = await type.encode({ dataset, targets: 'answer', predictionsColumn: 'predicted', settings, rowNumber: (i) => i + 1, options })
  const run = type.scopeMetrics(part, null, { intervals, details: true, methods })
  type.scopeMetrics(part, half, { intervals, details: true, methods })
  return run
}

text.tokenCounts(['warm up the tokenizer'])
const timings = { kernels: [], type: [] }
let last
for (let round = 0; round < 3; round++) {
  let start = performance.now()
  kernels()
  timings.kernels.push(performance.now() - start)
  start = performance.now()
  last = await modelType()
  timings.type.push(performance.now() - start)
}
const best = (xs) => Math.min(...xs)
console.log(`rows: ${ROWS.toLocaleString('en-US')}; cores: ${cpus().length}; load average: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
console.log(`bare kernels (peer):           ${best(timings.kernels).toFixed(0)} ms (best of 3)`)
console.log(`question-answering type:       ${best(timings.type).toFixed(0)} ms (best of 3; + intervals, + a slice of half the rows)`)
console.log(`ratio type / kernels:          ${(best(timings.type) / best(timings.kernels)).toFixed(2)}`)
console.log(`share of the 10 s budget:      ${((best(timings.type) / 10_000) * 100).toFixed(1)}%`)
console.log(`metrics: ${Object.keys(last.metrics).length}; exact_match/v1 = ${last.metrics['exact_match/v1'].toFixed(4)}; interval ${last.intervals['exact_match/v1'].method}`)
