/**
 * What embedding the baseline history costs the reporter: a generated repository of 2,000
 * commits (HISTORY_COMMITS), each retraining one of two entries of one baseline file; the
 * reporter's history step (`readReportHistory` + `renderHistorySection` for the reported test)
 * with no kept history (reads all of git, then keeps history.json: the peer), at the same HEAD
 * (reads history.json) and after one more commit (reads history.json and the one commit since),
 * all in this process, median of 5.
 *
 * Run: npm run build && node bench/suite/history-embed.mjs
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { readReportHistory, renderHistorySection, HISTORY_CACHE_FILE } from '../../dist/reporter/history-section.js'

const COMMITS = Number(process.env.HISTORY_COMMITS ?? 2000)
const root = mkdtempSync(join(tmpdir(), 'evalgate-history-embed-'))
const git = (args, input) => execFileSync('git', args, { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim()

// Seeded values (a linear congruential generator), so every run builds the same repository.
let state = 7
const uniform = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)
const stored = (value) => ({ value, greaterIsBetter: true, lower: value - 0.02, upper: value + 0.02, level: 0.95, method: 'multinomial-bootstrap' })
function entryAt(base) {
  const metrics = Object.fromEntries(['accuracy_score', 'f1_score', 'precision_score', 'recall_score', 'roc_auc'].map((name) => [name, stored(base + uniform() * 0.05)]))
  const slices = Object.fromEntries(['billing', 'technical_support', 'shipping', 'returns'].map((s) => [`category=${s}`, { exampleCount: 250, metrics: { f1_score: stored(base - 0.05 + uniform() * 0.1) } }]))
  return { modelType: 'classifier', exampleCount: 1000, dataset: { fingerprint: 'a'.repeat(64), rowCount: 1000 }, metrics, slices }
}

git(['init', '-q', '-b', 'main'])
const entries = {}
const stream = []
for (let i = 0; i < COMMITS; i++) {
  const key = i % 2 === 0 ? 'model > logreg' : 'model > lexicon'
  entries[key] = entryAt(key.endsWith('logreg') ? 0.8 : 0.6)
  const content = `${JSON.stringify({ entries, evalgateBaseline: 1 }, null, 2)}\n`
  const message = `retrain ${i}`
  const time = 1_700_000_000 + i * 3600
  stream.push(`commit refs/heads/main\nmark :${i + 1}\nauthor Bench <b@example.com> ${time} +0000\ncommitter Bench <b@example.com> ${time} +0000\ndata ${message.length}\n${message}\n${i > 0 ? `from :${i}\n` : ''}M 100644 inline test/__baselines__/model.eval.test.ts.json\ndata ${Buffer.byteLength(content)}\n${content}\n`)
}
git(['fast-import', '--quiet'], stream.join(''))
git(['checkout', '-q', 'main'])

const out = join(root, 'eval-results')
mkdirSync(out)
const tests = [{ file: 'test/model.eval.test.ts', fullName: 'model > logreg' }]
const step = async () => {
  const start = performance.now()
  const history = await readReportHistory(root, out)
  const html = renderHistorySection(history, tests, '../eval-history/index.html')
  return { ms: performance.now() - start, history, html }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const cold = []
const warm = []
let sizes
for (let round = 0; round < 5; round++) {
  rmSync(join(out, HISTORY_CACHE_FILE), { force: true })
  const first = await step()
  cold.push(first.ms)
  const json = `${JSON.stringify(first.history.history)}\n`
  writeFileSync(join(out, HISTORY_CACHE_FILE), json)
  const later = await step()
  if (!later.history.reused) throw new Error('the cached history was not reused')
  warm.push(later.ms)
  sizes = { json: json.length, html: later.html.length }
}
// One more commit: the kept history's HEAD is its parent, so only one commit is read.
entries['model > logreg'] = entryAt(0.8)
const content = `${JSON.stringify({ entries, evalgateBaseline: 1 }, null, 2)}\n`
writeFileSync(join(root, 'test/__baselines__/model.eval.test.ts.json'), content)
git(['-c', 'user.name=Bench', '-c', 'user.email=b@example.com', 'commit', '-q', '-am', 'retrain once more'])
const kept = readFileSync(join(out, HISTORY_CACHE_FILE), 'utf8')
const incremental = []
for (let round = 0; round < 5; round++) {
  writeFileSync(join(out, HISTORY_CACHE_FILE), kept)
  const next = await step()
  if (next.history.history.commitCount !== COMMITS + 1) throw new Error(`expected ${COMMITS + 1} commits, got ${next.history.history.commitCount}`)
  incremental.push(next.ms)
}
console.log(`${COMMITS} commits, 2 entries; the reported test's entry embedded (5 metrics, last 60 points each)`)
console.log(`no kept history (all of git: log + cat-file, render): median ${median(cold).toFixed(0)} ms`)
console.log(`later run at the same HEAD (history.json, render): median ${median(warm).toFixed(0)} ms, ${(median(cold) / median(warm)).toFixed(1)}x faster`)
console.log(`after one more commit (history.json + the commit since): median ${median(incremental).toFixed(0)} ms, ${(median(cold) / median(incremental)).toFixed(1)}x faster than reading all`)
console.log(`history.json ${(sizes.json / 1e6).toFixed(2)} MB; embedded section ${(sizes.html / 1e3).toFixed(0)} kB`)
if (!process.env.HISTORY_KEEP) rmSync(root, { recursive: true, force: true })
