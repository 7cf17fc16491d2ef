import type { TestCase, TestModule } from 'vitest/node'
import type { EvalgateTaskMeta } from '../run/test-meta.js'
import { META_KEY } from '../run/test-meta.js'
import { plainText } from './plain-text.js'
import type { FileFailure, ReportedTest } from './evaluated-test.js'

/**
 * Reads every test of the finished modules into plain `ReportedTest`s, in a stable order (by
 * file path, then the order tests appear in the file), so a normal run and a run rebuilt by
 * `--merge-reports` from shard blobs give the same report. Only `task.meta` is read.
 */
export function collectReportedTests(modules: ReadonlyArray<TestModule>): ReportedTest[] {
  const tests: ReportedTest[] = []
  for (const module of byPath(modules)) {
    for (const testCase of module.children.allTests()) tests.push(reportedTest(testCase, posixPath(module.relativeModuleId)))
  }
  return tests
}

/**
 * The failures of the modules outside their tests (a file's or a suite's `afterAll`, e.g. the
 * obsolete-entry check of a baseline file under CI), in the order of `collectReportedTests`.
 */
export function collectFileFailures(modules: ReadonlyArray<TestModule>): FileFailure[] {
  const failures: FileFailure[] = []
  for (const module of byPath(modules)) {
    const file = posixPath(module.relativeModuleId)
    // Optional calls: hand-made modules (tests, other runners' shims) may lack them.
    const suites = module.children.allSuites?.() ?? []
    const errors = [...(module.errors?.() ?? []), ...[...suites].flatMap((suite) => suite.errors?.() ?? [])]
    for (const error of errors) failures.push({ file, message: plainText(error.message ?? String(error)), ...errorTypeOf([error]) })
  }
  return failures
}

/** Whether a test carries evalgate data. */
export function hasEvalgateMeta(test: ReportedTest): test is ReportedTest & { meta: EvalgateTaskMeta } {
  return test.meta !== undefined && Array.isArray(test.meta.runs)
}

function reportedTest(testCase: TestCase, file: string): ReportedTest {
  const result = testCase.result()
  const diagnostic = testCase.diagnostic()
  const meta = testCase.meta()[META_KEY] as EvalgateTaskMeta | undefined
  const failures = result.state === 'failed' ? (result.errors ?? []) : []
  const errors = failures.map((e) => plainText(e.message ?? String(e)))
  return {
    file,
    suitePath: suitePath(testCase),
    name: testCase.name,
    fullName: testCase.fullName,
    state: result.state,
    durationMs: diagnostic?.duration ?? 0,
    errors,
    ...errorTypeOf(failures),
    meta,
  }
}

/**
 * The kind of the first of `errors` as Vitest serialized them: its name (`TypeError`,
 * `ConfigError`, `AssertionError` of `expect(a).toBe(b)`); `AssertionError` for a failed matcher
 * of `expect.extend` (evalgate's), which Vitest throws as a `JestExtendError` named `Error`;
 * nothing for a thrown value that is not an error (a string).
 * @example errorTypeOf([{ name: 'TypeError', message: 'x is undefined' }]) // { errorType: 'TypeError' }
 */
export function errorTypeOf(errors: readonly unknown[]): { errorType?: string } {
  const first = errors[0] as SerializedFailure | null | undefined
  if (!first || typeof first !== 'object') return {}
  if (first.__vitest_error_context__?.assertionName !== undefined || first.constructor === 'Function<JestExtendError>') return { errorType: 'AssertionError' }
  return typeof first.name === 'string' && first.name.trim() !== '' ? { errorType: plainText(first.name) } : {}
}

/**
 * The parts of Vitest's serialized error that tell its kind: `name`, and for a failed matcher of
 * `expect.extend` the context Vitest adds and the constructor it serializes as text.
 */
type SerializedFailure = { name?: unknown; constructor?: unknown; __vitest_error_context__?: { assertionName?: unknown } }

function suitePath(testCase: TestCase): string[] {
  const names: string[] = []
  let parent = testCase.parent
  while (parent.type === 'suite') {
    names.unshift(parent.name)
    parent = parent.parent
  }
  return names
}

/** The modules by file path, so a normal run and a merged one list them alike. */
function byPath(modules: ReadonlyArray<TestModule>): TestModule[] {
  return [...modules].sort((a, b) => compareText(posixPath(a.relativeModuleId), posixPath(b.relativeModuleId)))
}

function posixPath(path: string): string {
  return path.replace(/\\/g, '/')
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
