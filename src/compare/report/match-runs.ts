/**
 * Before/after with results folders: `evalgate compare before/eval-results after/eval-results`
 * matches each run of the first folder with the run of the same test in every other folder (test
 * file, full test name and run name; a renamed run takes the place of the same test's unmatched
 * run, in order), so each test is compared with itself, not every run with the first run read.
 * Runs of one test file and name (same-named tests, a test's unnamed runs) pair in order where
 * both folders hold as many, else by the position the reporter recorded in `run.json`; without
 * it (an older evalgate's results) they are listed unmatched: which is which is unknown.
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
  return `${run.project !== undefined ? `[${run.project}] ` : ''}${run.testFile ?? '?'} > ${run.testName ?? '?'}`
}

/** A run's key within its folder, before any `#2`: its test and run name (`sentiment.eval.test.ts > model · tuned`). */
function keyOf(run: NamedRun): string {
  return `${testOf(run)}${run.run.name !== undefined ? ` · ${run.run.name}` : ''}`
}

/** The label of the `index`-th run of a key: the key, then `key #2`, `key #3`, … */
function labelOf(key: string, index: number): string {
  return index === 0 ? key : `${key} #${index + 1}`
}

/**
 * A folder's runs by key, each key's runs in order: by the position the reporter recorded (the
 * test's among same-named tests, the run's among its runs) where every run of the key has one,
 * else as read (path order).
 */
function groupsOf(runs: readonly NamedRun[]): Map<string, NamedRun[]> {
  const groups = new Map<string, NamedRun[]>()
  for (const run of runs) {
    const key = keyOf(run)
    const group = groups.get(key)
    if (group) group.push(run)
    else groups.set(key, [run])
  }
  for (const group of groups.values()) {
    if (group.every((run) => run.position)) group.sort((a, b) => a.position!.occurrence - b.position!.occurrence || a.position!.runIndex - b.position!.runIndex)
  }
  return groups
}

/** What identifies each run of a key's group: its test's occurrence and its rank among that test's runs of the key; undefined where a run recorded no position. */
function identitiesOf(group: readonly NamedRun[]): string[] | undefined {
  if (!group.every((run) => run.position)) return undefined
  const seen = new Map<number, number>()
  return group.map(({ position }) => {
    const rank = (seen.get(position!.occurrence) ?? 0) + 1
    seen.set(position!.occurrence, rank)
    return `${position!.occurrence}:${rank}`
  })
}

/**
 * Pairs the first folder's runs of one key with another folder's: in order where both hold as
 * many; by recorded position where their counts differ because runs were added within a test;
 * where the counts differ and a run recorded no position (results of an older evalgate), or the
 * number of tests of that name changed, which is which is unknown (the reason).
 */
function pairGroup(first: readonly NamedRun[], other: readonly NamedRun[]): Array<[NamedRun, NamedRun]> | 'no-positions' | 'tests-changed' {
  if (first.length === other.length) return first.map((run, i) => [run, other[i]])
  const [ids, otherIds] = [identitiesOf(first), identitiesOf(other)]
  if (!ids || !otherIds) return 'no-positions'
  // Another number of tests of this name: a test added or removed before another shifts every
  // later one's position (adversarial pass 22r: a test inserted first was compared with the
  // old first, a false drop), so positions tell nothing. Runs added within a test keep the test's.
  const tests = (group: readonly NamedRun[]) => [...new Set(group.map((run) => run.position!.occurrence))].sort((a, b) => a - b).join(',')
  if (tests(first) !== tests(other)) return 'tests-changed'
  return first.flatMap((run, i): Array<[NamedRun, NamedRun]> => (otherIds.includes(ids[i]) ? [[run, other[otherIds.indexOf(ids[i])]]] : []))
}

/** The folder a run of a results folder was read from, as given (`before/eval-results`). */
function folderOf(run: NamedRun): string {
  return run.pathInFolder === undefined ? run.source : run.source.slice(0, run.source.length - run.pathInFolder.length - 1)
}

/** Why runs of one key were not paired: the folders hold different numbers of them, and nothing tells which is which. */
function unknownWhich(key: string, here: number, there: number, other: string, why: 'no-positions' | 'tests-changed'): string {
  const runs = (count: number) => `${count} run${count === 1 ? '' : 's'}`
  const because =
    why === 'no-positions'
      ? "results written by an older evalgate, which did not record the test's position in its file?"
      : 'the folders hold runs of different tests of this name (one added, removed or skipped), and tests of one name are told apart only by their order in the file; give them distinct names'
  return `this folder holds ${runs(here)} of "${key}", ${other} holds ${there}: which is which is unknown (${because}), so none of them is compared`
}

/** The first folder's runs by key (`groupsOf`), and by label in the order they were read. */
interface FirstFolder {
  groups: ReadonlyMap<string, readonly NamedRun[]>
  keyed: ReadonlyMap<string, NamedRun>
}

/** The first folder's runs by key and by label (`key`, `key #2`: its place in the key's order), in the order read. */
function firstFolderOf(runs: readonly NamedRun[]): FirstFolder {
  const groups = groupsOf(runs)
  const labels = new Map([...groups].flatMap(([key, group]) => group.map((run, i): [NamedRun, string] => [run, labelOf(key, i)])))
  return { groups, keyed: new Map(runs.map((run) => [labels.get(run)!, run])) }
}

/**
 * The runs of `folder` keyed for matching with `first` (the first folder's runs by key): by test
 * and run name where the names match (`pairGroup`); a run whose name matches none (the model
 * was renamed) takes the key of the first folder's unmatched run of the same test, in order.
 * Runs of a key that cannot be paired get their reason in `reasons` (both folders' runs).
 */
function keyedLike(first: FirstFolder, folder: readonly NamedRun[], reasons: Map<NamedRun, string>): Map<string, NamedRun> {
  const keyed = new Map<string, NamedRun>()
  const taken = new Set<NamedRun>()
  const left: NamedRun[] = []
  for (const [key, runs] of groupsOf(folder)) {
    const firstRuns = first.groups.get(key) ?? []
    const pairs = firstRuns.length === 0 ? [] : pairGroup(firstRuns, runs)
    if (typeof pairs === 'string') {
      for (const run of runs) reasons.set(run, unknownWhich(key, runs.length, firstRuns.length, `the first folder (${folderOf(firstRuns[0])})`, pairs))
      for (const run of firstRuns) {
        taken.add(run)
        if (!reasons.has(run)) reasons.set(run, unknownWhich(key, firstRuns.length, runs.length, folderOf(runs[0]), pairs))
      }
      continue
    }
    for (const [firstRun, run] of pairs) {
      keyed.set(labelOf(key, firstRuns.indexOf(firstRun)), run)
      taken.add(firstRun)
    }
    left.push(...runs.filter((run) => !pairs.some(([, paired]) => paired === run)))
  }
  const open = [...first.keyed].filter(([, run]) => !taken.has(run))
  for (const run of left) {
    const slot = open.findIndex(([, firstRun]) => testOf(firstRun) === testOf(run))
    if (slot !== -1) keyed.set(open.splice(slot, 1)[0][0], run)
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
  const firstFolder = firstFolderOf(byInput.get(folders[0])!)
  const reasons = new Map<NamedRun, string>()
  const keyed = [firstFolder.keyed, ...folders.slice(1).map((input) => keyedLike(firstFolder, byInput.get(input)!, reasons))]
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
    if (used.has(run)) continue
    unmatched.push({ run, reason: reasons.get(run) ?? (run.input === folders[0] ? 'no run of the same test in the other folders' : 'no run of the same test in the first folder') })
  }
  return { matched, unmatched }
}
