import type { EvalRun } from '../run/types.js'
import type { EvalgateTaskMeta } from '../run/test-meta.js'
import type { BaselineComparison, GateResult } from '../run/verdicts.js'
import type { ReportEntry, ReportedTest, Verdict } from './evaluated-test.js'
import { hasEvalgateMeta } from './collect-tests.js'
import { plainText } from './plain-text.js'
import { safeFileName, uniqueNames } from './safe-file-name.js'

/**
 * Turns the reported tests into one entry per evaluated run, each with its gates, baseline
 * comparisons, warnings, verdict and a unique safe folder name built from file + test name; the
 * second and later tests of one name in one file (`test.each` without `%s`) get `_2`, `_3`, … in
 * the order of the file, so each has its own folder, the same on every run. Where such a name
 * meets another test's (`for same` twice beside `for same 2`, names differing only in characters
 * a folder name drops), each of the clashing entries gets a short hash of its file, title and
 * order instead: every entry keeps its own folder and anchor, whatever the names.
 *
 * @example buildReportEntries(collectReportedTests(testModules)).map((e) => e.folderName) // ['each.eval.test__each_same', 'each.eval.test__each_same_2']
 */
export function buildReportEntries(tests: readonly ReportedTest[]): ReportEntry[] {
  const drafts: Array<Omit<ReportEntry, 'folderName' | 'anchor'> & { key: string; name: string }> = []
  const seen = new Map<string, number>()
  // Every test of a name counts, evaluated or not: its position stays when another stops evaluating.
  const sameName = new Map<string, number>()
  // One eval file run by two Vitest projects: each run is named by its project in every report.
  const severalProjects = new Set(tests.filter(hasEvalgateMeta).map((test) => test.project)).size > 1
  for (const test of tests) {
    const shownProject = severalProjects ? test.project : undefined
    const testKey = JSON.stringify([shownProject ?? null, test.file, test.fullName])
    const testOccurrence = (sameName.get(testKey) ?? 0) + 1
    sameName.set(testKey, testOccurrence)
    if (!hasEvalgateMeta(test)) continue
    const { runs } = test.meta
    const owned = runs.map((run, runIndex) => expectedFailures(test, ownedByRun(test.meta, run, runIndex)))
    // A failed test with several runs, where some run's own check failed: a run whose own checks
    // passed (a second model that met its baseline) is judged on those checks alone, not blamed
    // for the test; a run no completed check of its own involved (the test failed before checking
    // it, or it was only toOutperform's reference) is neither passed nor failed: `unchecked`. So also where the test
    // failed outside evalgate's checks (a throw, a plain expect) after checking one run and
    // before checking another: the unchecked run keeps the failure visible. Where every run was
    // checked, or none, the failure lies elsewhere and every run shows it.
    const checked = runs.map((run, runIndex) => checkedBy(test.meta, run, runIndex, owned[runIndex]))
    const ownCheckFailed = owned.some(failedOwnCheck)
    const blameOwnOnly = test.state === 'failed' && runs.length > 1 && (ownCheckFailed || (checked.includes(false) && checked.includes(true)))
    const shownNames = shownRunNames(runs, owned)
    runs.forEach((run, runIndex) => {
      const shownName = shownNames[runIndex]
      const suffix = runs.length > 1 ? ` > ${shownName ?? `run ${runIndex + 1}`}` : ''
      const title = `${shownProject !== undefined ? `[${shownProject}] ` : ''}${test.fullName}${suffix}`
      const own = owned[runIndex]
      // Where no check of evalgate failed (a plain expect or a throw failed the test), a run it had
      // not checked is failed, not `unchecked`: the failure is no run's check, and "1 not checked,
      // 1 passed" read as no failure at all in every report (adversarial pass 37).
      const unattributed = blameOwnOnly && !ownCheckFailed && !checked[runIndex]
      const judged = blameOwnOnly && !failedOwnCheck(own) && !unattributed ? { ...test, state: 'passed' as const } : test
      // A run only compared with (toOutperform's reference) has no assertion of its own: in a
      // test failed on another run's check it is not checked either, not passed (adversarial pass 56).
      // (a reference whose comparison passed keeps its pass: adversarial pass 58)
      const referenceOnly = own.gates.length === 0 && own.baselines.length === 0 && (test.meta.gates ?? []).some((gate) => !gate.pass && comparedRun(test.meta, gate, run, runIndex))
      const unchecked = blameOwnOnly && (!checked[runIndex] || referenceOnly) && !unattributed
      // Tests of one name (`test.each` without `%s`) are told apart by their order in the file.
      const key = `${test.file} > ${title}`
      const occurrence = (seen.get(key) ?? 0) + 1
      seen.set(key, occurrence)
      const folder = folderNameOf(test.file, test.fullName, runs.length > 1 ? (shownName ?? `run ${runIndex + 1}`) : undefined)
      const name = shownProject !== undefined ? `${safeFileName(shownProject, 24)}__${folder}` : folder
      drafts.push({
        // A key no real test can have: `${key} 2` was test "… 2"'s own key, and one of them was lost.
        key: JSON.stringify([test.file, title, occurrence]),
        name: occurrence === 1 ? name : `${name}_${occurrence}`,
        test,
        run,
        runIndex,
        ...(shownName !== undefined ? { runName: shownName } : {}),
        occurrence: testOccurrence,
        title,
        ...(shownProject !== undefined ? { shownProject } : {}),
        ...own,
        verdict: unchecked ? 'unchecked' : failedAsExpected(test, verdictOf(judged, own.gates, own.baselines, own.warnings)),
      })
    })
  }
  // One title in several files (tests of one name in two folders' eval files): the title names its
  // file, so the summary, the terminal and MLflow tell them apart (adversarial pass 33).
  const filesOf = new Map<string, Set<string>>()
  for (const draft of drafts) filesOf.set(draft.title, (filesOf.get(draft.title) ?? new Set()).add(draft.test.file))
  for (const draft of drafts) if (filesOf.get(draft.title)!.size > 1) draft.title = `${draft.title} (${draft.test.file})`
  const names = uniqueNames(drafts)
  return drafts.map(({ key, name: _name, ...draft }) => {
    const folderName = names.get(key) ?? 'unnamed'
    return { ...draft, folderName, anchor: `run-${folderName}` }
  })
}

/**
 * The run, other than the entry's own, whose failed assertion a test error is, by its name
 * (`run 2` for an unnamed one); undefined for an error of the entry's own run, of no assertion
 * (a throw), or in a test of one run. A test evaluating runs `a` and `b` that failed on a's MAE
 * showed a's "Received: 1.272" in a red box under `b` (adversarial pass 35).
 * @example otherRunOfError(entryOfB, 'mean_absolute_error should be <= 1 …') // 'a'
 */
export function otherRunOfError(entry: Pick<ReportEntry, 'test' | 'run' | 'runIndex' | 'gates'>, error: string): string | undefined {
  const meta = entry.test.meta
  if (meta === undefined || meta.runs.length <= 1) return undefined
  const text = plainText(error)
  const failed = (meta.gates ?? []).filter((gate) => !gate.pass && gate.message.trim() !== '' && text.includes(plainText(gate.message).trim()))
  if (failed.length === 0) return undefined
  const own = entry.gates.filter((gate) => !gate.pass)
  if (failed.some((gate) => own.some((o) => o.title === plainText(gate.title) && o.message === plainText(gate.message)))) return undefined
  const gate = failed[0]
  const index = gate.runIndex ?? (gate.runName !== undefined ? meta.runs.findIndex((r) => r.name === gate.runName) : 0)
  if (index === entry.runIndex) return undefined
  // As the run's title shows it: its own name, else its check's (toMatchBaseline({ name })).
  return meta.runs[index]?.name ?? gate.runName ?? `run ${index + 1}`
}

const VERDICT_ORDER: Readonly<Record<Verdict, number>> = { fail: 0, unchecked: 1, warn: 2, pass: 3, skip: 4 }

/** What the reports say of a run of a `test.fails` test whose checks failed, as it expected. */
export const EXPECTED_FAILURE_NOTE = 'expected to fail (test.fails): its failed checks are the failure the test expects, so Vitest passes it and they fail nothing'

/** Whether `test` is marked `test.fails` and failed as it expects (Vitest then passes it). */
export function failsAsExpected(test: ReportedTest): boolean {
  return test.expectedToFail === true && test.state === 'passed'
}

/**
 * A run's checks as the reports show them in a `test.fails` test that passed: its failed checks
 * are the expected failure, shown as such (`expectedFailure`) and failing nothing, with a warning
 * that says so. Vitest passes such a test; the reports called its run failed, JUnit had a failed
 * case and summary.md "1 run failed" on a green job (adversarial pass 64).
 */
function expectedFailures<T extends { gates: GateResult[]; warnings: string[] }>(test: ReportedTest, own: T): T {
  if (!failsAsExpected(test) || own.gates.every((gate) => gate.pass)) return own
  return { ...own, gates: own.gates.map((gate) => (gate.pass ? gate : { ...gate, pass: true, expectedFailure: true })), warnings: [...own.warnings, EXPECTED_FAILURE_NOTE] }
}

/** The verdict of a run of a `test.fails` test that passed: a failed baseline check warns, as its failed gate does. */
function failedAsExpected(test: ReportedTest, verdict: Verdict): Verdict {
  return verdict === 'fail' && failsAsExpected(test) ? 'warn' : verdict
}

/** What the reports say of an `unchecked` run. */
export const UNCHECKED_NOTE = 'not checked: no assertion on this run completed (the test failed before checking it, or the run was only compared with in a comparison that failed), so it neither passed nor failed'

/**
 * Items ordered failed runs first, then unchecked runs, runs with warnings, passed and skipped
 * ones; the order of the tests is kept within each verdict (a stable sort).
 *
 * @example failedFirst(items, (item) => item.entry.verdict)
 */
export function failedFirst<T>(items: readonly T[], verdictOf: (item: T) => Verdict): T[] {
  return items.map((item, index) => ({ item, index })).sort((a, b) => VERDICT_ORDER[verdictOf(a.item)] - VERDICT_ORDER[verdictOf(b.item)] || a.index - b.index).map(({ item }) => item)
}

/**
 * A readable folder name: test file name (without folders and `.ts`/`.js`), test name and, when
 * a test evaluated several runs, the run name, each part made safe and capped on its own, joined
 * by `__`; e.g. `sentiment.eval.test__customer_feedback_sentiment__tfidf-logreg`.
 */
export function folderNameOf(file: string, testName: string, runName?: string): string {
  const base = file.split('/').pop() ?? file
  const parts = [safeFileName(base.replace(/\.[cm]?[jt]sx?$/, ''), 32), safeFileName(testName, runName === undefined ? 64 : 44)]
  if (runName !== undefined) parts.push(safeFileName(runName, 28))
  return parts.join('__')
}

/**
 * Each run's name as the reports show it: its own (`evaluate({ name })`), else the one name its
 * baseline checks gave its entries (`toMatchBaseline({ name: 'candidate' })` on an unnamed run:
 * the user's name for it, where `run 2` was shown); undefined where it has neither, or that name
 * is another run's of the test (its row is then `run <n>`).
 * @example shownRunNames([unnamedRun], [{ baselines: [{ runName: 'candidate', ... }] }]) // ['candidate']
 */
function shownRunNames(runs: readonly EvalRun[], owned: ReadonlyArray<{ baselines: readonly BaselineComparison[] }>): Array<string | undefined> {
  const given = runs.map((run, runIndex) => {
    if (run.name !== undefined) return { name: run.name, own: true }
    const names = new Set(owned[runIndex]!.baselines.map((b) => b.runName).filter((name): name is string => name !== undefined))
    return names.size === 1 ? { name: [...names][0]!, own: false } : undefined
  })
  return given.map((shown) => (shown === undefined || (!shown.own && given.filter((other) => other?.name === shown.name).length > 1) ? undefined : shown.name))
}

/**
 * Gates, baselines and warnings of one run: matched by run name, else by the index of the run
 * the check was made on (`runIndex`); checks recorded without either (older results) go to the
 * first run, as do warnings no matcher tied to a run.
 */
function ownedByRun(
  meta: EvalgateTaskMeta,
  run: EvalRun,
  runIndex: number,
): { gates: GateResult[]; baselines: BaselineComparison[]; warnings: string[] } {
  const belongs = belongsTo(meta, run, runIndex)
  const scoped = meta.runWarnings ?? []
  const warnings = (meta.warnings ?? []).filter((message) => {
    const about = scoped.filter((w) => w.message === message)
    return about.length === 0 ? belongs({}) : about.some(belongs)
  })
  return {
    gates: (meta.gates ?? []).filter(belongs).map((g) => ({ ...g, title: plainText(g.title), message: plainText(g.message) })),
    baselines: (meta.baselines ?? []).filter(belongs).map((b) => ({ ...b, notes: b.notes.map(plainText) })),
    warnings: warnings.map(plainText),
  }
}

/**
 * Whether a check (or warning) names `run`: by the index of the run it checked, recorded where
 * its name does not find the run (an unnamed run, or `toMatchBaseline({ name })` naming the entry
 * otherwise), else by run name, else (older results) the first run.
 */
function belongsTo(meta: EvalgateTaskMeta, run: EvalRun, runIndex: number): (check: { runName?: string; runIndex?: number }) => boolean {
  const names = new Set(meta.runs.map((r) => r.name).filter((n): n is string => n !== undefined))
  return (check) => {
    if (meta.runs.length <= 1) return true
    if (check.runIndex !== undefined && check.runIndex < meta.runs.length) return check.runIndex === runIndex
    if (check.runName !== undefined && names.has(check.runName)) return check.runName === run.name
    return runIndex === 0
  }
}

/**
 * Whether a completed check involved the run: one of its own, or a comparison that used it as
 * the other run (toOutperform's reference). An outperform gate from an older version names no
 * other run; in a test of two runs it can only be the one it does not belong to.
 */
function checkedBy(meta: EvalgateTaskMeta, run: EvalRun, runIndex: number, own: { gates: readonly GateResult[]; baselines: readonly BaselineComparison[] }): boolean {
  if (own.gates.length > 0 || own.baselines.length > 0) return true
  return (meta.gates ?? []).some((gate) => comparedRun(meta, gate, run, runIndex))
}

/** Whether `gate` compared its run with `run` (`toOutperform`'s other run). */
function comparedRun(meta: EvalgateTaskMeta, gate: GateResult, run: EvalRun, runIndex: number): boolean {
  if (gate.comparedRunName !== undefined) return gate.comparedRunName === run.name
  if (gate.comparedRunIndex !== undefined) return gate.comparedRunIndex === runIndex
  return gate.kind === 'outperform' && meta.runs.length === 2
}

/** Whether a run's own gates or baseline checks failed (a missing or data-changed entry fails in CI). */
function failedOwnCheck(own: { gates: readonly GateResult[]; baselines: readonly BaselineComparison[] }): boolean {
  return own.gates.some((g) => !g.pass) || own.baselines.some((b) => b.status === 'failed' || b.status === 'missing' || b.status === 'data-changed' || b.status === 'definition-changed')
}

/**
 * The verdict of a run: `fail` when the test failed or a gate or baseline check failed, `warn`
 * when something passed only within noise, changed data or left warnings, `skip` for skipped
 * tests, otherwise `pass`.
 */
export function verdictOf(
  test: ReportedTest,
  gates: readonly GateResult[],
  baselines: readonly BaselineComparison[],
  warnings: readonly string[],
): Verdict {
  if (test.state === 'skipped' || test.state === 'pending') return 'skip'
  if (test.state === 'failed') return 'fail'
  if (gates.some((g) => !g.pass) || baselines.some((b) => b.status === 'failed')) return 'fail'
  if (
    warnings.length > 0 ||
    gates.some((g) => g.withinNoise === true) ||
    baselines.some((b) => b.status === 'data-changed' || b.status === 'definition-changed' || b.status === 'missing' || b.rows.some((r) => r.verdict === 'noise'))
  ) {
    return 'warn'
  }
  return 'pass'
}
