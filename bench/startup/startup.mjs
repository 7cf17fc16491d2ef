/**
 * Benchmark: start-up of the `evalgate` command line. Times whole processes, paired against an
 * empty Node process started in turn with them (A B A B …), so a drifting machine moves both:
 *
 *   A  node dist/cli/main.js evaluate --help   (parses argv, prints help: nothing but loading)
 *   A' node dist/cli/main.js --version
 *   B  node -e 0                               (the floor: Node's own start-up)
 *
 * Prints the median wall time of each and the median of the pairwise ratios A/B. The CLI loads
 * commander and its own argument code at start; each command's modules (the engine, the file
 * readers, the tokenizer, the history reader) are imported when that command runs.
 *
 * Run: npm run bench:startup   (builds dist/, then node bench/startup/startup.mjs [--runs 21])
 * EVALGATE_CLI=<path to another build's dist/cli/main.js> times that build instead (before/after).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const cli = process.env.EVALGATE_CLI ?? join(root, 'dist', 'cli', 'main.js')
if (!existsSync(cli)) throw new Error(`${cli} not found: run "npm run build" first (npm run bench:startup does)`)
const runsArgument = process.argv.indexOf('--runs')
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 21

/** Wall seconds of one whole process; throws when it fails. */
function timeProcess(args) {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  const seconds = (performance.now() - start) / 1000
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return seconds
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const commands = [
  { name: 'evalgate evaluate --help', args: [cli, 'evaluate', '--help'] },
  { name: 'evalgate --version', args: [cli, '--version'] },
]
const floor = ['-e', '0']

console.log(`evalgate start-up against an empty Node process (${process.version}), ${RUNS} pairs each, one warm-up`)
for (const { name, args } of commands) {
  timeProcess(args)
  timeProcess(floor)
  const a = []
  const b = []
  const ratios = []
  for (let run = 0; run < RUNS; run += 1) {
    a.push(timeProcess(args))
    b.push(timeProcess(floor))
    ratios.push(a[run] / b[run])
  }
  console.log(`${name.padEnd(26)} median ${median(a).toFixed(3)} s   node -e 0 median ${median(b).toFixed(3)} s   ratio (median of pairs) ${median(ratios).toFixed(2)}x`)
}
