/**
 * Suite benchmark: a generated project of 100 evaluated tests (10 files of 10) over 10,000 rows
 * each, a 3-class classifier with probabilities, 3 slice columns and a cross, intervals on,
 * toMatchBaseline(), and the evalgate reporter on; run by Vitest with the repo's built dist/.
 *
 * 1. a warm-up run (writes the baselines on the first call; CI is unset for it; --warmup 0 skips
 *    it when the baselines are there);
 * 2. RUNS runs with the reporter's onTestRunEnd timed from inside the run (where it does all its
 *    work: results folder, plots, HTML, JUnit, summary), next to each run's wall time;
 * 3. with --pairs N: N pairs of whole runs, reporter off then on, and the difference of walls;
 * 4. with --outputs N: N pairs of timed runs, the workers encoding no per-example outputs then
 *    encoding them (outputs.json, for evalgate compare's paired tests), and the differences;
 *    the last run of a pair has the reporter on, so it leaves the folder that is sized;
 * 5. the size of eval-results/: total, per test, by file kind.
 *
 * Run: npm run bench:suite   (builds dist/, then node bench/suite/run.mjs [--runs 2] [--pairs 1] [--outputs 1] [--warmup 0])
 * On 2 shared cores at load average 8-13 one run takes 20-25 minutes: --runs 0 --outputs 1
 * --warmup 0 is the shortest whole measurement (two timed runs, with outputs and without).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { FILES, ROWS, TESTS_PER_FILE, generateSuite } from './generate.mjs'

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name)
  return index > 0 ? Number(process.argv[index + 1]) : fallback
}
const RUNS = argument('--runs', 2)
const PAIRS = argument('--pairs', 0)
const OUTPUT_PAIRS = argument('--outputs', 0)
const WARMUP = argument('--warmup', 1)
const TESTS = FILES * TESTS_PER_FILE

const project = generateSuite()
const vitestBin = join(project, '..', '..', '..', 'node_modules', 'vitest', 'vitest.mjs')
const timingFile = join(project, 'reporter-timing.txt')

/** One whole `vitest run` of the project; returns its wall seconds. */
function vitestRun(mode, outputs = 'on') {
  const env = { ...process.env, EVALGATE_BENCH_REPORTER: mode, EVALGATE_BENCH_TIMING: timingFile, EVALGATE_BENCH_OUTPUTS: outputs }
  delete env.CI
  const start = performance.now()
  execFileSync(process.execPath, [vitestBin, 'run', '--config', join(project, 'vitest.config.ts')], { cwd: project, env, stdio: ['ignore', 'ignore', 'inherit'] })
  return (performance.now() - start) / 1000
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

console.log(`suite: ${TESTS} evaluated tests (${FILES} files), ${ROWS} rows each, slices region, channel, region x channel; intervals on; toMatchBaseline`)
if (WARMUP > 0) console.log(`warm-up run (writes baselines when missing): ${vitestRun('on').toFixed(1)} s`)

const walls = []
const reporterSeconds = []
for (let run = 0; run < RUNS; run += 1) {
  rmSync(timingFile, { force: true })
  walls.push(vitestRun('timed'))
  reporterSeconds.push(Number(readFileSync(timingFile, 'utf8').trim().split('\n')[0]) / 1000)
  console.log(`timed run ${run + 1}: wall ${walls[run].toFixed(1)} s, reporter onTestRunEnd ${reporterSeconds[run].toFixed(2)} s`)
}
const reporter = median(reporterSeconds)
if (RUNS > 0) console.log(`reporter: median ${reporter.toFixed(2)} s of a median ${median(walls).toFixed(1)} s run (${((100 * reporter) / median(walls)).toFixed(0)}%), ${((1000 * reporter) / TESTS).toFixed(0)} ms per test`)

if (PAIRS > 0) {
  const differences = []
  for (let pair = 0; pair < PAIRS; pair += 1) {
    const off = vitestRun('off')
    const on = vitestRun('on')
    differences.push(on - off)
    console.log(`pair ${pair + 1}: reporter on ${on.toFixed(1)} s, off ${off.toFixed(1)} s, difference ${(on - off).toFixed(1)} s`)
  }
  console.log(`whole runs: the reporter adds a median ${median(differences).toFixed(1)} s`)
}

if (OUTPUT_PAIRS > 0) {
  const timed = (outputs) => {
    rmSync(timingFile, { force: true })
    const wall = vitestRun('timed', outputs)
    return { wall, reporter: Number(readFileSync(timingFile, 'utf8').trim().split('\n')[0]) / 1000 }
  }
  const walls = []
  const reporters = []
  for (let pair = 0; pair < OUTPUT_PAIRS; pair += 1) {
    const off = timed('off')
    const on = timed('on')
    walls.push(on.wall - off.wall)
    reporters.push(on.reporter - off.reporter)
    console.log(`outputs pair ${pair + 1}: with outputs wall ${on.wall.toFixed(1)} s, reporter ${on.reporter.toFixed(2)} s; without wall ${off.wall.toFixed(1)} s, reporter ${off.reporter.toFixed(2)} s`)
  }
  console.log(`per-example outputs add a median ${median(walls).toFixed(1)} s to a run (${median(reporters).toFixed(2)} s of it in the reporter)`)
}

// What the reporter wrote.
const byKind = new Map()
let total = 0
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) walk(path)
    else {
      const size = statSync(path).size
      total += size
      const kind = folder.endsWith('eval-results') ? entry.name : entry.name.endsWith('.svg') ? '*.svg (per test)' : `${entry.name} (per test)`
      byKind.set(kind, (byKind.get(kind) ?? 0) + size)
    }
  }
}
walk(join(project, 'eval-results'))
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`
console.log(`eval-results/: ${mb(total)}, ${(total / TESTS / 1e3).toFixed(0)} kB per test`)
for (const [kind, size] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(34)} ${mb(size).padStart(9)}  ${((100 * size) / total).toFixed(0).padStart(3)}%`)
