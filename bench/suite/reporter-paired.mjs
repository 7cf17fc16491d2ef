/**
 * The suite's reporter work, paired in one process: the reporter of two builds of evalgate (e.g.
 * the base commit's and this one's) turns the suite's 100 tests into the results folder
 * (`buildReportContent`: run.json, outputs.json, CSVs, artifacts, plots, index.html, junit.xml,
 * summary.md, in memory) and writes it to a temporary folder, the builds alternating, median of
 * --rounds. Prints each build's time per test, the ratio, and the bytes per test by file kind.
 *
 * The tests are those of a suite run made with the "before" build (bench/suite/run.mjs, outputs
 * on; --results, default bench/.data/suite/eval-results): each run.json gives the test, the run,
 * its gates and baseline comparisons, and outputs.json its per-example outputs. The "after"
 * build gets the same runs with the curves its own engine draws from those outputs
 * (`classifierCurves` over the stored targets and probabilities; the only part of a run the two
 * builds compute differently), so evaluating 100 runs twice (minutes each on a busy machine) is
 * not needed. A machine shared with other jobs moves both builds alike within a round, so the
 * ratio holds where whole-run walls spread by 2x.
 *
 * Run: node bench/suite/reporter-paired.mjs --before <dist> --after dist [--results <folder>] [--rounds 3]
 * A build of another commit: mkdir -p bench/.data/base && git archive <commit> src tsconfig.json
 * tsconfig.build.json | tar -x -C bench/.data/base && (cd bench/.data/base && ../../../node_modules/.bin/tsc -p tsconfig.build.json)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { projectDir } from './generate.mjs'

const option = (name, fallback) => {
  const index = process.argv.indexOf(name)
  return index > 0 ? process.argv[index + 1] : fallback
}
const BUILDS = { before: resolve(option('--before', 'bench/.data/base/dist')), after: resolve(option('--after', 'dist')) }
const RESULTS = resolve(option('--results', join(projectDir, 'eval-results')))
const ROUNDS = Number(option('--rounds', 3))

/** The suite run's tests: run.json and outputs.json of every run folder, in folder order. */
function storedTests() {
  if (!existsSync(RESULTS)) throw new Error(`${RESULTS}: no suite results; run node bench/suite/run.mjs with the "before" build first`)
  const tests = []
  for (const entry of readdirSync(RESULTS, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const stored = JSON.parse(readFileSync(join(RESULTS, entry.name, 'run.json'), 'utf8'))
    const outputsPath = join(RESULTS, entry.name, 'outputs.json')
    if (!existsSync(outputsPath)) throw new Error(`${outputsPath}: missing; the suite run must write outputs (EVALGATE_BENCH_OUTPUTS on)`)
    if (stored.run.artifacts.some((a) => a.builtin && a.content.type === 'rows' && a.content.rows.length === 0 && (a.notes ?? []).some((n) => n.includes('left out of run.json')))) {
      throw new Error(`${entry.name}/run.json: written by a build that leaves the misclassified rows out; take a results folder of the "before" build`)
    }
    tests.push({ stored, outputs: JSON.parse(readFileSync(outputsPath, 'utf8')) })
  }
  return tests
}

/** One build's reporter, with the tests as that build's engine would hand them over. */
async function load(name, dist, stored) {
  const { buildReportContent } = await import(pathToFileURL(join(dist, 'reporter', 'report-files.js')).href)
  const { writeResultsFolder } = await import(pathToFileURL(join(dist, 'reporter', 'results-folder.js')).href)
  const { decodeRunOutputs } = await import(pathToFileURL(join(dist, 'reporter', 'run-outputs.js')).href)
  const { classifierCurves } = await import(pathToFileURL(join(dist, 'model-types', 'classifier', 'classifier-curves.js')).href)
  const tests = stored.map(({ stored: { test, run, gates, baselines, warnings }, outputs }) => {
    let ownRun = run
    if (name === 'after') {
      const decoded = decodeRunOutputs(outputs, test.fullName)
      const notes = run.notes.filter((note) => !note.startsWith('ROC and precision-recall curves'))
      const curves = classifierCurves(run.labels, undefined, decoded.targetIndex, decoded.probabilities, notes)
      ownRun = { ...run, curves, notes }
    }
    const meta = { version: 1, runs: [ownRun], gates, baselines, warnings, outputs: [outputs] }
    return { file: test.file, suitePath: test.fullName.split(' > ').slice(0, -1), name: test.name, fullName: test.fullName, state: test.state, durationMs: 0, errors: test.errors, meta }
  })
  const options = { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10, generatedAt: '2026-12-02T00:00:00.000Z' }
  return {
    name,
    tests: tests.length,
    /** The reporter's work: every file in memory, then written; returns ms and the files. */
    async report() {
      const out = join(mkdtempSync(join(tmpdir(), `evalgate-suite-${name}-`)), 'eval-results')
      const begin = performance.now()
      const content = await buildReportContent(tests, options)
      await writeResultsFolder(out, content.files)
      const ms = performance.now() - begin
      rmSync(join(out, '..'), { recursive: true, force: true })
      return { ms, files: content.files }
    },
  }
}

const stored = storedTests()
const TESTS = stored.length
console.log(`${TESTS} tests from ${RESULTS}; before ${BUILDS.before}, after ${BUILDS.after}`)
const builds = [await load('before', BUILDS.before, stored), await load('after', BUILDS.after, stored)]
await builds[0].report() // warm: the charting runtime, parsed plot shapes, JIT
await builds[1].report()
const times = { before: [], after: [] }
let files = {}
for (let round = 0; round < ROUNDS; round += 1) {
  for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
    const { ms, files: written } = await build.report()
    times[build.name].push(ms)
    files[build.name] = written
  }
  console.log(`round ${round + 1}: before ${(times.before[round] / 1000).toFixed(2)} s, after ${(times.after[round] / 1000).toFixed(2)} s`)
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1]
const perTest = (name) => median(times[name]) / TESTS
console.log(`reporter per test, median of ${ROUNDS}: before ${perTest('before').toFixed(1)} ms, after ${perTest('after').toFixed(1)} ms; ${(perTest('before') / perTest('after')).toFixed(2)}x`)

const kindOf = (path) => (!path.includes('/') ? path : path.endsWith('.svg') ? '*.svg' : path.slice(path.indexOf('/') + 1))
const sizes = (map) => {
  const byKind = new Map()
  for (const [path, content] of map) byKind.set(kindOf(path), (byKind.get(kindOf(path)) ?? 0) + Buffer.byteLength(content))
  return byKind
}
const before = sizes(files.before)
const after = sizes(files.after)
const total = (byKind) => [...byKind.values()].reduce((a, b) => a + b, 0)
const kB = (bytes) => `${(bytes / TESTS / 1e3).toFixed(1)} kB`
console.log(`bytes per test: before ${kB(total(before))}, after ${kB(total(after))} (${(total(before) / total(after)).toFixed(1)}x smaller)`)
for (const kind of [...before.keys()].sort((a, b) => before.get(b) - before.get(a))) {
  console.log(`  ${kind.padEnd(28)} ${kB(before.get(kind)).padStart(10)} -> ${kB(after.get(kind) ?? 0).padStart(10)}`)
}
