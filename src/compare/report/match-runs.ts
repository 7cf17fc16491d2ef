/**
 * Before/after with results folders: `evalgate compare before/eval-results after/eval-results`
 * matches each run of the first folder with the run of the same test in every other folder (test
 * file, full test name and run name; a renamed run takes the place of the same test's unmatched
 * run, in order), so each test is compared with itself, not every run with the first run read.
 */
import type { NamedRun } from './read-run-files.js'

/** Runs of one test across the folders, first folder's first. */
export interface MatchedRuns {
  /** How people read the test: `sentiment.eval.test.ts > model · baseline`. */
  label: string
  runs: NamedRun[]
}

/** What matching the folders' runs gave. */
export interface RunMatching {
  /** Tests found in the first folder and in at least one other, with the same model type. */
  matched: MatchedRuns[]
  /** Runs found in one folder only, or whose counterparts are of another model type, and why. */
  unmatched: Array<{ run: NamedRun; reason: string }>
}

/** The test a run belongs to: file and full name (or, for a bare run, its path in the folder). */
function testOf(run: NamedRun): string {
  if (run.testName === undefined && run.testFile === undefined) return `${run.pathInFolder ?? run.source}`
  return `${run.testFile ?? '?'} > ${run.testName ?? '?'}`
}

/** `test · run name`, `#2` for the second run of the same name. */
function withOccurrence(keys: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return keys.map((key) => {
    const count = (seen.get(key) ?? 0) + 1
    seen.set(key, count)
    return count === 1 ? key : `${key} #${count}`
  })
}

/** Each run's key within its folder: its test and run name (`sentiment.eval.test.ts > model · tuned`). */
function keysOf(runs: readonly NamedRun[]): string[] {
  return withOccurrence(runs.map((run) => `${testOf(run)}${run.run.name !== undefined ? ` · ${run.run.name}` : ''}`))
}

/**
 * The runs of `folder` keyed for matching with `first` (the first folder's keys): by test and
 * run name where the names match; a run whose name matches none (the model was renamed) takes
 * the key of the first folder's unmatched run of the same test, in order.
 */
function keyedLike(first: ReadonlyMap<string, NamedRun>, folder: readonly NamedRun[]): Map<string, NamedRun> {
  const keys = keysOf(folder)
  const keyed = new Map<string, NamedRun>()
  const left: NamedRun[] = []
  folder.forEach((run, i) => (first.has(keys[i]) ? keyed.set(keys[i], run) : left.push(run)))
  const open = [...first].filter(([key]) => !keyed.has(key))
  for (const run of left) {
    const slot = open.findIndex(([, firstRun]) => testOf(firstRun) === testOf(run))
    if (slot === -1) keyed.set(`${keys[folder.indexOf(run)]} (only here)`, run)
    else keyed.set(open.splice(slot, 1)[0][0], run)
  }
  return keyed
}

/**
 * Whether `runs` came from two or more inputs that are all results folders: then they are
 * matched by test (`matchRunsByTest`); explicit run files keep "every run against run 1".
 *
 * @example
 * comparesFolders(await readCompareInputs(['before/eval-results', 'after/eval-results'])) // true
 */
export function comparesFolders(runs: readonly NamedRun[]): boolean {
  const inputs = new Set(runs.map((run) => run.input))
  return inputs.size >= 2 && runs.every((run) => run.fromFolder === true)
}

/**
 * Matches the runs of every folder with the first folder's by test. A test whose runs differ in
 * model type is not compared metric by metric: its runs are listed as unmatched, saying so.
 *
 * @example
 * matchRunsByTest(runs).matched[0].runs // [before's run of a test, after's run of the same test]
 */
export function matchRunsByTest(runs: readonly NamedRun[]): RunMatching {
  const byInput = new Map<number, NamedRun[]>()
  for (const run of runs) byInput.set(run.input ?? 0, [...(byInput.get(run.input ?? 0) ?? []), run])
  const folders = [...byInput.keys()].sort((a, b) => a - b)
  const firstRuns = byInput.get(folders[0])!
  const firstKeys = keysOf(firstRuns)
  const firstKeyed = new Map(firstRuns.map((run, i) => [firstKeys[i], run]))
  const keyed = [firstKeyed, ...folders.slice(1).map((input) => keyedLike(firstKeyed, byInput.get(input)!))]
  const matched: MatchedRuns[] = []
  const unmatched: RunMatching['unmatched'] = []
  const used = new Set<NamedRun>()
  for (const [key, first] of keyed[0]) {
    const others = keyed.slice(1).flatMap((folder) => (folder.has(key) ? [folder.get(key)!] : []))
    if (others.length === 0) continue
    const sameType = others.filter((run) => run.run.modelType === first.run.modelType)
    for (const run of others.filter((other) => !sameType.includes(other))) {
      unmatched.push({ run, reason: `its test's run in ${first.source} is a ${first.run.modelType}, this one a ${run.run.modelType}: runs of different model types are not compared metric by metric` })
      used.add(run)
    }
    if (sameType.length === 0) {
      unmatched.push({ run: first, reason: `the same test's runs in the other folders are of another model type (${others.map((run) => run.run.modelType).join(', ')}): not compared metric by metric` })
      used.add(first)
      continue
    }
    matched.push({ label: key, runs: [first, ...sameType] })
    for (const run of [first, ...sameType]) used.add(run)
  }
  for (const run of runs) {
    if (!used.has(run)) unmatched.push({ run, reason: run.input === folders[0] ? 'no run of the same test in the other folders' : 'no run of the same test in the first folder' })
  }
  return { matched, unmatched }
}
