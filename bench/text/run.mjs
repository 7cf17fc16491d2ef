// Text kernel benchmark: 100,000 question-answer rows through every text kernel
// (token_count with cl100k_base, MLflow exact_match, textstat's Flesch-Kincaid grade and ARI, SQuAD exact match + F1,
// ROUGE 1/2/L/Lsum, ROUGE with the Porter stemmer, precision/recall/NDCG at 3, and MLflow's mean/variance/p90 of each
// per-row score). The data files (tokenizer ranks, CMU dictionary, hyphenation patterns) load inside the timed kernels.
// The budget: every default text metric over 100,000 QA rows in under 10 s.
// Rows come from a seeded generator (mulberry32), so every run scores the same text.
// Run: npx tsc -p bench/text/tsconfig.json && node bench/text/run.mjs [--rows N]
import { cpSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { corpus, mulberry32 } from './corpus.mjs'

// tsc does not copy data files: put src/metrics/text/data beside the compiled kernels
cpSync(new URL('../../src/metrics/text/data/', import.meta.url), new URL('./.tmp/dist/metrics/text/data/', import.meta.url), { recursive: true })

const text = await import('./.tmp/dist/metrics/text/index.js')
const retrieval = await import('./.tmp/dist/metrics/retrieval/index.js')

const rowsArg = process.argv.indexOf('--rows')
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000
const BUDGET_MS = 10_000

const random = mulberry32(20261202)
const { pick, sentence } = corpus(random)
function answer() {
  const first = sentence(6 + Math.floor(random() * 20))
  return random() < 0.3 ? `${first}.\n${sentence(4 + Math.floor(random() * 12))}.` : `${first}.`
}
function mutate(target) {
  const words = target.split(' ')
  for (let i = 0; i < words.length; i++) if (random() < 0.3) words[i] = pick()
  return random() < 0.1 ? target : words.join(' ')
}

const targets = []
const predictions = []
const retrieved = []
const relevant = []
for (let i = 0; i < ROWS; i++) {
  const target = answer()
  targets.push(target)
  predictions.push(mutate(target))
  const docs = []
  for (let d = 0; d < 5; d++) docs.push(random() < 0.5 ? `doc${Math.floor(random() * 50)}` : Math.floor(random() * 50))
  retrieved.push(docs)
  relevant.push([docs[Math.floor(random() * 5)], `doc${Math.floor(random() * 50)}`])
}

const timings = []
function time(name, fn) {
  const start = performance.now()
  const cpu = process.cpuUsage()
  const result = fn()
  const used = process.cpuUsage(cpu)
  timings.push([name, performance.now() - start, (used.user + used.system) / 1000])
  return result
}

const total = performance.now()
const totalCpu = process.cpuUsage()
const tokens = time('token_count (cl100k_base)', () => text.tokenCounts(predictions))
time('exact_match (raw)', () => text.exactMatch(predictions, targets))
const { fleschKincaid: fk, automatedReadability: ari } = time('FK grade + ARI (textstat, one count)', () => text.readabilityGrades(predictions))
const defaultsMs = performance.now() - total
const defaultsCpu = process.cpuUsage(totalCpu)
const squad = time('SQuAD exact match + F1', () => text.squadScores(predictions, targets))
const rouge = time('ROUGE 1/2/L/Lsum', () => text.rougeScores(predictions, targets))
const stemmed = time('ROUGE 1/2/L/Lsum, Porter stemmer', () => text.rougeScores(predictions, targets, { stemmer: text.cachedPorterStemmer() }))
const atK = time('precision/recall/ndcg at 3', () => [
  retrieval.precisionAtKScores(retrieved, relevant, 3),
  retrieval.recallAtKScores(retrieved, relevant, 3),
  retrieval.ndcgAtKScores(retrieved, relevant, 3),
])
time('mean/variance/p90 of 16 score columns', () => {
  for (const column of [tokens, fk, ari, squad.exactMatch, squad.f1, ...Object.values(rouge), ...Object.values(stemmed), ...atK]) text.standardAggregations(column)
})
const totalMs = performance.now() - total
const totalCpuUsed = process.cpuUsage(totalCpu)
const totalCpuMs = (totalCpuUsed.user + totalCpuUsed.system) / 1000

// Wall time counts waiting for a core on a shared machine; CPU time (user + system of this
// process, GC threads included) is what the kernels cost. Both are printed with the load average.
console.log(`text kernels, ${ROWS.toLocaleString('en')} rows (node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`)
console.log(`  ${''.padEnd(40)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'cpu/row'.padStart(10)}`)
const perRow = (cpuMs) => `${((cpuMs * 1000) / ROWS).toFixed(2).padStart(7)} µs`
for (const [name, ms, cpuMs] of timings) console.log(`  ${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms ${cpuMs.toFixed(0).padStart(6)} ms ${perRow(cpuMs)}`)
const defaultsCpuMs = (defaultsCpu.user + defaultsCpu.system) / 1000
console.log(`  ${'QA defaults (token_count, exact_match, FK, ARI)'.padEnd(40)} ${defaultsMs.toFixed(0).padStart(6)} ms ${defaultsCpuMs.toFixed(0).padStart(6)} ms ${perRow(defaultsCpuMs)}`)
console.log(`  ${'total'.padEnd(40)} ${totalMs.toFixed(0).padStart(6)} ms ${totalCpuMs.toFixed(0).padStart(6)} ms ${perRow(totalCpuMs)}`)
console.log(`  budget: QA defaults wall ${(defaultsMs / BUDGET_MS).toFixed(2)} x, cpu ${(defaultsCpuMs / BUDGET_MS).toFixed(2)} x; every kernel wall ${(totalMs / BUDGET_MS).toFixed(2)} x, cpu ${(totalCpuMs / BUDGET_MS).toFixed(2)} x the issue's 10 s`)
console.log(`  mean rouge1 ${text.standardAggregations(rouge.rouge1).mean.toFixed(4)}, mean SQuAD F1 ${text.standardAggregations(squad.f1).mean.toFixed(4)}, mean FK ${text.standardAggregations(fk).mean.toFixed(4)}, mean ARI ${text.standardAggregations(ari).mean.toFixed(4)}`)
