import junitReportDefault from 'junit-report-builder'
import type { Builder, TestCase as JunitCase } from 'junit-report-builder'
import type { FileFailure, ReportEntry, ReportedTest } from './evaluated-test.js'
import { plainText } from './plain-text.js'
import { showControls } from '../run/visible-controls.js'
import { UNCHECKED_NOTE } from './report-entries.js'
import { baselineEntryName, entryCount } from './baseline-entry-name.js'

// The package's CommonJS entry sets `module.exports` to the builder, which Node's ESM loader
// exposes as the default export; its typings describe it as `.default`, so the cast.
const junitReportBuilder = junitReportDefault as unknown as Builder

/**
 * Builds `junit.xml` with junit-report-builder: a `<testsuite>` per test file, a `<testcase>`
 * per test carrying each metric (value and interval bounds) and each baseline value as a
 * `<property>` (`baseline.<metric>`, `baseline.<entry>.<metric>` where a run has several baseline
 * entries), and each gate (threshold or baseline check) as its own `<testcase>` named
 * `gate: <title>` so a dashboard shows which gate failed and keeps its history. Names, values and
 * messages follow one rule ({@link plainText}): colour sequences removed, other control
 * characters shown as escapes (`\x01`), as in `index.html` and `summary.md` (the XML builder
 * would silently drop them). A failure's `type` is the error's own name (`Error`, `TypeError`,
 * `ConfigError`; `AssertionError` for a failed matcher), so a crash reads apart from a gate.
 * @example buildJunitXml([], []) // '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="evalgate" tests="0" failures="0" errors="0"/>'
 */
export function buildJunitXml(tests: readonly ReportedTest[], entries: readonly ReportEntry[], fileFailures: readonly FileFailure[] = []): string {
  const builder = junitReportBuilder.newBuilder()
  builder.name('evalgate')
  const byTest = new Map<ReportedTest, ReportEntry[]>()
  for (const entry of entries) byTest.set(entry.test, [...(byTest.get(entry.test) ?? []), entry])
  // One test file run by several Vitest projects: a suite per project and file, named by both.
  const severalProjects = new Set(tests.map((t) => t.project)).size > 1
  const projectOf = (test: ReportedTest): string | undefined => (severalProjects ? test.project : undefined)
  const suites = new Map<string, { file: string; project: string | undefined }>()
  for (const test of tests) suites.set(JSON.stringify([projectOf(test) ?? null, test.file]), { file: test.file, project: projectOf(test) })
  for (const failure of fileFailures) if (![...suites.values()].some((s) => s.file === failure.file)) suites.set(JSON.stringify([null, failure.file]), { file: failure.file, project: undefined })
  const failuresShown = new Set<string>()
  for (const { file, project } of suites.values()) {
    const fileName = plainText(project !== undefined ? `[${project}] ${file}` : file)
    const suite = builder.testSuite().name(fileName)
    const fileTests = tests.filter((t) => t.file === file && projectOf(t) === project)
    suite.time(fileTests.reduce((a, t) => a + t.durationMs, 0) / 1000)
    // A failure outside any test (an afterAll hook) fails the run: a failing testcase of its own.
    for (const failure of failuresShown.has(file) ? [] : fileFailures.filter((f) => f.file === file)) {
      suite.testCase().className(fileName).name('(outside any test)').file(plainText(file)).time(0).failure(plainText(failure.message), plainText(failure.errorType ?? 'Error'))
    }
    failuresShown.add(file)
    for (const test of fileTests) {
      const testName = plainText(test.fullName)
      const testCase = suite.testCase().className(fileName).name(testName).file(plainText(file)).time(test.durationMs / 1000)
      if (test.state === 'failed') testCase.failure(plainText(test.errors.join('\n\n')) || 'test failed', plainText(test.errorType ?? 'Error'))
      if (test.state === 'skipped' || test.state === 'pending') testCase.skipped()
      const testEntries = byTest.get(test) ?? []
      for (const entry of testEntries) addRunProperties(testCase, entry, testEntries.length > 1)
      for (const entry of testEntries) {
        for (const gate of entry.gates) {
          const gateCase = suite.testCase().className(`${fileName} > ${testName}`).name(`gate: ${plainText(gate.title)}`).file(plainText(file)).time(0)
          property(gateCase, 'matcher', gate.matcher)
          property(gateCase, 'kind', gate.kind)
          if (gate.metric !== undefined) property(gateCase, 'metric', gate.metric)
          if (gate.slice !== undefined) property(gateCase, 'slice', gate.slice)
          if (gate.value !== undefined) property(gateCase, 'value', String(gate.value))
          if (gate.threshold !== undefined) property(gateCase, 'threshold', String(gate.threshold))
          // Its verdict is within noise: a threshold inside the metric's interval (passed or failed),
          // a baseline check that passed with drops within noise (the matcher sets no more)
          if (gate.withinNoise === true) property(gateCase, 'within_noise', 'true')
          if (gate.expectedFailure === true) property(gateCase, 'expected_failure', 'true')
          if (!gate.pass) gateCase.failure(plainText(gate.message), plainText(gate.matcher))
          else if (gate.message) gateCase.standardOutput(plainText(gate.message))
        }
      }
    }
  }
  // Control characters are not allowed in XML 1.0; outside tab, CR and LF none is markup.
  return showControls(withoutRootSkippedCount(builder.build()))
}

/**
 * junit-report-builder writes a `skipped` count on `<testsuites>`, which the common JUnit
 * schema (Jenkins' junit-10.xsd) does not allow there; the counts stay on each `<testsuite>`.
 */
function withoutRootSkippedCount(xml: string): string {
  return xml.replace(/^(<testsuites\b[^>]*?) skipped="\d+"/m, '$1')
}

/** A `<property>` with its name and value as plain text (see {@link buildJunitXml}). */
function property(testCase: JunitCase, name: string, value: string): void {
  testCase.property(plainText(name), plainText(value))
}

function addRunProperties(testCase: JunitCase, entry: ReportEntry, prefixRun: boolean): void {
  const { run } = entry
  const prefix = prefixRun ? `${entry.runName ?? run.name ?? `run${entry.runIndex + 1}`}.` : ''
  property(testCase, `${prefix}evalgate.verdict`, entry.verdict)
  if (entry.verdict === 'unchecked') property(testCase, `${prefix}evalgate.verdict_note`, UNCHECKED_NOTE)
  property(testCase, `${prefix}evalgate.results`, entry.folderName)
  property(testCase, `${prefix}evalgate.model_type`, run.modelType)
  property(testCase, `${prefix}evalgate.example_count`, String(run.exampleCount))
  property(testCase, `${prefix}evalgate.dataset_fingerprint`, run.dataset.fingerprint)
  for (const [metric, value] of Object.entries(run.metrics)) {
    property(testCase, `${prefix}${metric}`, String(value))
    const interval = run.intervals[metric]
    if (interval) {
      property(testCase, `${prefix}${metric}.lower`, String(interval.lower))
      property(testCase, `${prefix}${metric}.upper`, String(interval.upper))
    }
  }
  // A run checked by several entries (`sliced` and `overall`): each entry's names hold its name
  // (`baseline.overall.status`), as one testcase repeating `baseline.status` and
  // `baseline.accuracy_score.verdict` once per entry read "passed / noise" on a dashboard keeping
  // one value per name while the overall entry had failed (adversarial pass 54). A run of one
  // entry keeps the names without it, so existing dashboards keep working.
  const qualify = entryCount(entry.baselines) > 1
  for (const comparison of entry.baselines) {
    const base = `${prefix}baseline.${qualify ? `${baselineEntryName(comparison)}.` : ''}`
    property(testCase, `${base}status`, comparison.status)
    // Baseline values and changes of matched rows (changed data): of which rows, for a dashboard.
    if (comparison.comparedOn !== undefined) property(testCase, `${base}compared_on`, comparison.comparedOn)
    for (const row of comparison.rows) {
      const name = `${base}${row.metric}${row.slice ? `[${row.slice}]` : ''}`
      property(testCase, name, row.baseline === null ? '' : String(row.baseline))
      if (row.change !== null) property(testCase, `${name}.change`, String(row.change))
      property(testCase, `${name}.verdict`, row.verdict)
    }
  }
}
