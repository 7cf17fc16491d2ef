import junitReportDefault from 'junit-report-builder'
import type { Builder, TestCase as JunitCase } from 'junit-report-builder'
import type { FileFailure, ReportEntry, ReportedTest } from './evaluated-test.js'
import { showControls } from './visible-controls.js'
import { UNCHECKED_NOTE } from './report-entries.js'

// The package's CommonJS entry sets `module.exports` to the builder, which Node's ESM loader
// exposes as the default export; its typings describe it as `.default`, so the cast.
const junitReportBuilder = junitReportDefault as unknown as Builder

/**
 * Builds `junit.xml` with junit-report-builder: a `<testsuite>` per test file, a `<testcase>`
 * per test carrying each metric (value and interval bounds) and each baseline value as a
 * `<property>`, and each gate (threshold or baseline check) as its own `<testcase>` named
 * `gate: <title>` so a dashboard shows which gate failed and keeps its history.
 */
export function buildJunitXml(tests: readonly ReportedTest[], entries: readonly ReportEntry[], fileFailures: readonly FileFailure[] = []): string {
  const builder = junitReportBuilder.newBuilder()
  builder.name('evalgate')
  const byTest = new Map<ReportedTest, ReportEntry[]>()
  for (const entry of entries) byTest.set(entry.test, [...(byTest.get(entry.test) ?? []), entry])
  const files = [...new Set([...tests.map((t) => t.file), ...fileFailures.map((f) => f.file)])]
  for (const file of files) {
    const suite = builder.testSuite().name(file)
    const fileTests = tests.filter((t) => t.file === file)
    suite.time(fileTests.reduce((a, t) => a + t.durationMs, 0) / 1000)
    // A failure outside any test (an afterAll hook) fails the run: a failing testcase of its own.
    for (const failure of fileFailures.filter((f) => f.file === file)) {
      suite.testCase().className(file).name('(outside any test)').file(file).time(0).failure(failure.message, 'Error')
    }
    for (const test of fileTests) {
      const testCase = suite.testCase().className(file).name(test.fullName).file(file).time(test.durationMs / 1000)
      if (test.state === 'failed') testCase.failure(test.errors.join('\n\n') || 'test failed', 'AssertionError')
      if (test.state === 'skipped' || test.state === 'pending') testCase.skipped()
      const testEntries = byTest.get(test) ?? []
      for (const entry of testEntries) addRunProperties(testCase, entry, testEntries.length > 1)
      for (const entry of testEntries) {
        for (const gate of entry.gates) {
          const gateCase = suite.testCase().className(`${file} > ${test.fullName}`).name(`gate: ${gate.title}`).file(file).time(0)
          gateCase.property('matcher', gate.matcher).property('kind', gate.kind)
          if (gate.metric !== undefined) gateCase.property('metric', gate.metric)
          if (gate.slice !== undefined) gateCase.property('slice', gate.slice)
          if (gate.value !== undefined) gateCase.property('value', String(gate.value))
          if (gate.threshold !== undefined) gateCase.property('threshold', String(gate.threshold))
          if (gate.withinNoise) gateCase.property('within_noise', 'true')
          if (!gate.pass) gateCase.failure(gate.message, gate.matcher)
          else if (gate.message) gateCase.standardOutput(gate.message)
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

function addRunProperties(testCase: JunitCase, entry: ReportEntry, prefixRun: boolean): void {
  const { run } = entry
  const prefix = prefixRun ? `${run.name ?? `run${entry.runIndex + 1}`}.` : ''
  testCase.property(`${prefix}evalgate.verdict`, entry.verdict)
  if (entry.verdict === 'unchecked') testCase.property(`${prefix}evalgate.verdict_note`, UNCHECKED_NOTE)
  testCase.property(`${prefix}evalgate.results`, entry.folderName)
  testCase.property(`${prefix}evalgate.model_type`, run.modelType)
  testCase.property(`${prefix}evalgate.example_count`, String(run.exampleCount))
  testCase.property(`${prefix}evalgate.dataset_fingerprint`, run.dataset.fingerprint)
  for (const [metric, value] of Object.entries(run.metrics)) {
    testCase.property(`${prefix}${metric}`, String(value))
    const interval = run.intervals[metric]
    if (interval) {
      testCase.property(`${prefix}${metric}.lower`, String(interval.lower))
      testCase.property(`${prefix}${metric}.upper`, String(interval.upper))
    }
  }
  for (const comparison of entry.baselines) {
    testCase.property(`${prefix}baseline.status`, comparison.status)
    for (const row of comparison.rows) {
      const name = `${prefix}baseline.${row.metric}${row.slice ? `[${row.slice}]` : ''}`
      testCase.property(name, row.baseline === null ? '' : String(row.baseline))
      if (row.change !== null) testCase.property(`${name}.change`, String(row.change))
      testCase.property(`${name}.verdict`, row.verdict)
    }
  }
}
