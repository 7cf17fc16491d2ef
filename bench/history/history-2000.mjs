/**
 * Benchmark: `evalgate history` over a generated history of 2,000 commits, each changing one
 * of two baseline entries (5 metrics with intervals, 4 slices of 3 metrics each). Prints the
 * time to build the repository (not measured) and to read the history and render the page,
 * then a baseline measured in the same run: one `git show` per commit.
 *
 * Run: npm run bench:history   (builds dist/, then node bench/history/history-2000.mjs)
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { readBaselineHistory } from '../../dist/history/read-history.js'
import { renderHistoryPage } from '../../dist/history/history-page.js'

const COMMITS = Number(process.env.HISTORY_COMMITS ?? 2000)
const root = mkdtempSync(join(tmpdir(), 'evalgate-history-bench-'))
const git = (args, input) => execFileSync('git', args, { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim()

/** A seeded linear congruential generator (every draw reproducible). */
let seed = 12345
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)

function entry(base) {
  const metric = (value) => ({ value, greaterIsBetter: true, lower: value - 0.02, upper: value + 0.02, level: 0.95, method: 'multinomial-bootstrap' })
  const metrics = {}
  for (const name of ['accuracy_score', 'f1_score', 'precision_score', 'recall_score', 'roc_auc']) metrics[name] = metric(base + random() * 0.05)
  const slices = {}
  for (const slice of ['billing', 'technical_support', 'shipping', 'returns']) {
    slices[`category=${slice}`] = { exampleCount: 250, metrics: { accuracy_score: metric(base - 0.05 + random() * 0.1), f1_score: metric(base - 0.05 + random() * 0.1), recall_score: metric(base + random() * 0.05) } }
  }
  return { modelType: 'classifier', exampleCount: 1000, dataset: { fingerprint: 'a'.repeat(64), rowCount: 1000 }, metrics, slices }
}

// Build the repository with git fast-import: one stream, 2,000 commits (seconds, not minutes).
git(['init', '-q', '-b', 'main'])
mkdirSync(join(root, 'test', '__baselines__'), { recursive: true })
const stream = []
const entries = { 'model > logreg': entry(0.8), 'model > lexicon': entry(0.6) }
const started = performance.now()
for (let i = 0; i < COMMITS; i++) {
  const key = i % 2 === 0 ? 'model > logreg' : 'model > lexicon'
  entries[key] = entry(key.endsWith('logreg') ? 0.8 : 0.6)
  const content = `${JSON.stringify({ entries, evalgateBaseline: 1 }, null, 2)}\n`
  const message = `retrain ${i}`
  const time = 1_700_000_000 + i * 3600
  stream.push(
    `commit refs/heads/main\nmark :${i + 1}\nauthor Bench <bench@example.com> ${time} +0000\ncommitter Bench <bench@example.com> ${time} +0000\n` +
      `data ${Buffer.byteLength(message)}\n${message}\n${i > 0 ? `from :${i}\n` : ''}` +
      `M 100644 inline test/__baselines__/model.eval.test.ts.json\ndata ${Buffer.byteLength(content)}\n${content}\n`,
  )
}
git(['fast-import', '--quiet'], stream.join(''))
git(['checkout', '-q', 'main'])
console.log(`built ${COMMITS} commits in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured) at ${root} (removed at the end unless HISTORY_KEEP=1)`)

const t0 = performance.now()
const history = await readBaselineHistory({ cwd: root })
const t1 = performance.now()
const html = renderHistoryPage(history)
const t2 = performance.now()
const points = history.entries.reduce((sum, e) => sum + e.points.length, 0)
console.log(`read ${history.commitCount} commits -> ${history.entries.length} entries, ${points} points in ${((t1 - t0) / 1000).toFixed(2)} s`)
console.log(`rendered ${(html.length / 1e6).toFixed(1)} MB of HTML in ${((t2 - t1) / 1000).toFixed(2)} s`)
console.log(`history total ${((t2 - t0) / 1000).toFixed(2)} s (target: under 10 s)`)

// Baseline implementation, same run: one `git show <commit>:<path>` per commit (what a script
// without batching would do), parsing each version. Skip with HISTORY_NAIVE=0.
if (process.env.HISTORY_NAIVE !== '0') {
  const t3 = performance.now()
  const path = 'test/__baselines__/model.eval.test.ts.json'
  const hashes = git(['log', '--reverse', '--format=%H', '--', path]).split('\n')
  let versions = 0
  for (const hash of hashes) {
    JSON.parse(execFileSync('git', ['show', `${hash}:${path}`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 }))
    versions++
  }
  const naive = (performance.now() - t3) / 1000
  console.log(`baseline (one git show per commit, ${versions} versions, reading only): ${naive.toFixed(2)} s; evalgate history read + render is ${(naive / ((t2 - t0) / 1000)).toFixed(1)}x faster`)
}
if (!process.env.HISTORY_KEEP) rmSync(root, { recursive: true, force: true })
