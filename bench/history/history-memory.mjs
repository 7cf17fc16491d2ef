/**
 * Benchmark: peak memory of reading a baseline history whose files store per-example outputs
 * (a 10k-row classifier's entry is ~344 KB, nearly all stored predictions and probabilities).
 * Builds (git fast-import, seeded, not measured) a repository of HISTORY_COMMITS commits (default
 * 300), each changing 3 of 12 baseline files, then measures in child processes, each alone:
 * `readBaselineHistory` from dist/, and the previous reader's way measured in the same run:
 * every version read at once (one `git cat-file --batch` of all of them) and every version
 * parsed and kept. Prints each peak RSS and the ratio.
 *
 * Run: npm run build && node bench/history/history-memory.mjs
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const COMMITS = Number(process.env.HISTORY_COMMITS ?? 300)
const FILES = 12
const STORED_BYTES = 340_000
const dist = fileURLToPath(new URL('../../dist/', import.meta.url))

if (process.argv[2] === '--child') {
  // One measurement, in a process of its own: argv[3] is the way, argv[4] the repository.
  const [way, root] = process.argv.slice(3)
  if (way === 'current') {
    const { readBaselineHistory } = await import(join(dist, 'history/read-history.js'))
    const history = await readBaselineHistory({ cwd: root })
    console.log(JSON.stringify({ points: history.entries.reduce((sum, e) => sum + e.points.length, 0), maxRssKb: process.resourceUsage().maxRSS }))
  } else {
    const { parseCatFileBatch } = await import(join(dist, 'history/blob-reader.js'))
    const oids = execFileSync('git', ['log', '--raw', '--no-abbrev', '--format=', '--', '**/__baselines__/*.json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 })
      .split('\n').filter(Boolean).map((line) => line.split(' ')[3]).filter((oid) => !/^0+$/.test(oid))
    const blobs = new Map()
    parseCatFileBatch(execFileSync('git', ['cat-file', '--batch'], { cwd: root, input: `${[...new Set(oids)].join('\n')}\n`, maxBuffer: 2 ** 34 }), blobs)
    const parsed = new Map([...blobs].map(([oid, text]) => [oid, JSON.parse(text)]))
    console.log(JSON.stringify({ versions: parsed.size, maxRssKb: process.resourceUsage().maxRSS }))
  }
  process.exit(0)
}

const root = mkdtempSync(join(tmpdir(), 'evalgate-history-memory-'))
const git = (args, input) => execFileSync('git', args, { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim()
let seed = 12345
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const stored = () => Array.from({ length: STORED_BYTES }, () => letters[Math.floor(random() * 64)]).join('')

function entry() {
  const metric = (value) => ({ value, greaterIsBetter: true, lower: value - 0.02, upper: value + 0.02, level: 0.95, method: 'multinomial-bootstrap' })
  const metrics = {}
  for (const name of ['accuracy_score', 'f1_score', 'precision_score', 'recall_score', 'roc_auc']) metrics[name] = metric(0.8 + random() * 0.05)
  const slices = {}
  for (let s = 0; s < 30; s++) slices[`seg=s${s}`] = { exampleCount: 330, metrics: { accuracy_score: metric(0.8 + random() * 0.1), f1_score: metric(0.8 + random() * 0.1) } }
  return { modelType: 'classifier', exampleCount: 10000, dataset: { fingerprint: 'a'.repeat(64), rowCount: 10000 }, metrics, slices }
}

git(['init', '-q', '-b', 'main'])
const stream = []
// Each file's stored outputs, kept from commit to commit (git stores them once as deltas; a reader still gets them whole).
const outputs = Array.from({ length: FILES }, () => ({ encoding: 'uint8-base64', length: 10000, labels: ['a', 'b'], values: stored() }))
for (let i = 0; i < COMMITS; i++) {
  const time = 1_700_000_000 + i * 3600
  const message = `retrain ${i}`
  let changes = ''
  for (let k = 0; k < (i === 0 ? FILES : 3); k++) {
    const file = i === 0 ? k : Math.floor(random() * FILES)
    const content = `${JSON.stringify({ entries: { [`model ${file}`]: { ...entry(), predictions: outputs[file] } }, evalgateBaseline: 2 }, null, 2)}\n`
    changes += `M 100644 inline evals/__baselines__/m${file}.eval.test.ts.json\ndata ${Buffer.byteLength(content)}\n${content}\n`
  }
  stream.push(`commit refs/heads/main\nmark :${i + 1}\ncommitter Bench <bench@example.com> ${time} +0000\ndata ${message.length}\n${message}\n${i > 0 ? `from :${i}\n` : ''}${changes}`)
}
git(['fast-import', '--quiet'], stream.join(''))
git(['checkout', '-q', 'main'])
console.log(`built ${COMMITS} commits of ${FILES} baseline files (~${Math.round(STORED_BYTES / 1000)} KB of stored outputs an entry) at ${root}`)

const measure = (way) => {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', way, root], { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (result.status !== 0) return { failed: (result.stderr.match(/heap out of memory|Error[^\n]*/) ?? [`exit ${result.status}`])[0] }
  return JSON.parse(result.stdout.trim().split('\n').pop())
}
const current = measure('current')
const previous = measure('previous')
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`
console.log(`readBaselineHistory: ${current.points} points, peak RSS ${mb(current.maxRssKb)}`)
console.log(previous.failed ? `previous way (every version read and parsed at once): ${previous.failed}` : `previous way (every version read and parsed at once): ${previous.versions} versions, peak RSS ${mb(previous.maxRssKb)}; readBaselineHistory peaks at ${(current.maxRssKb / previous.maxRssKb).toFixed(2)}x of it`)
if (process.env.HISTORY_KEEP !== '1') rmSync(root, { recursive: true, force: true })
