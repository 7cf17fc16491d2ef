import { relative } from 'node:path'
import type { TestCase, TestModule } from 'vitest/node'
import type { EvalgateTaskMeta } from '../run/test-meta.js'
import { META_KEY } from '../run/test-meta.js'
import { plainText } from './plain-text.js'
import { errorValueText } from './error-value-text.js'
import { redactSecrets } from '../models/redaction.js'
import type { FileFailure, ReportedTest, UnevaluatedFailure } from './evaluated-test.js'

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
    for (const error of errors) failures.push({ file, message: errorText(errorValueText(error) || NO_MESSAGE), ...errorTypeOf([error]) })
  }
  return failures
}

/** What the reports say of an error that holds no text. */
const NO_MESSAGE = '(Vitest recorded no message)'

/** The file an unhandled error is listed under when Vitest names no test file for it. */
export const NO_TEST_FILE = '(no test file)'

/**
 * The errors Vitest caught outside any test (`onTestRunEnd`'s `unhandledErrors`: a timer that
 * throws after its test passed, an unhandled rejection): they fail the run as a file's failure
 * outside its tests does, so they are reported alike, under the test file Vitest names (relative
 * to `root`) or `(no test file)`, with the test that was running when Vitest knows it.
 *
 * An error read back from a `--shard` blob by `--merge-reports` can be a plain object without a
 * message: it reads `Unhandled Error (Vitest recorded no message)`, never `[object Object]`.
 *
 * @example collectUnhandledFailures([{ message: 'late boom', name: 'Error', type: 'Uncaught Exception', VITEST_TEST_PATH: '/p/a.test.ts' }], '/p')
 * // [{ file: 'a.test.ts', message: 'Uncaught Exception: Error: late boom', errorType: 'Error' }]
 */
export function collectUnhandledFailures(errors: ReadonlyArray<unknown>, root: string): FileFailure[] {
  return errors.map((value) => {
    // Any value: a thrown string or number has no fields.
    const error: Record<string, unknown> = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
    const path = typeof error.VITEST_TEST_PATH === 'string' ? relative(root, error.VITEST_TEST_PATH) : ''
    const file = path === '' ? NO_TEST_FILE : posixPath(path)
    const kind = typeof error.type === 'string' ? error.type : 'Unhandled error'
    const name = typeof error.name === 'string' && error.name !== '' ? error.name : undefined
    const during = typeof error.VITEST_TEST_NAME === 'string' ? ` (the latest test that might have caused it: "${error.VITEST_TEST_NAME}")` : ''
    // An error read back from a --shard blob may be a plain object without a message (`{ type: 'Unhandled Error', stacks: [] }`).
    const text = errorValueText(value, ['type', 'name'])
    const what = text === '' ? `${kind}${name === undefined ? '' : `: ${name}`} ${NO_MESSAGE}` : `${kind}: ${name === undefined ? '' : `${name}: `}${text}`
    return { file, message: errorText(`${what}${during}`), ...errorTypeOf([value]) }
  })
}

/**
 * The failed tests that recorded no evaluated run (no `task.meta.evalgate`, or one without runs:
 * `evaluate()` threw before returning), in the order of `tests`: every test of the run, eval file
 * or not, as `collectReportedTests` reads every module (the reporter cannot tell eval files from
 * others). Passed, skipped and pending tests are left out. Reads only what a blob of `--shard`
 * keeps for `--merge-reports`: the state and errors of the test and its `task.meta`. The project
 * is named when the tests come from several Vitest projects (as `junit.xml` names its suites).
 *
 * @example collectUnevaluatedFailures([{ file: 'a.eval.ts', fullName: 'fail mode', state: 'failed', errors: ['HTTP 400 from http://m/predict'], ... }])
 * // [{ file: 'a.eval.ts', title: 'fail mode', message: 'HTTP 400 from http://m/predict' }]
 */
export function collectUnevaluatedFailures(tests: readonly ReportedTest[]): UnevaluatedFailure[] {
  const severalProjects = new Set(tests.map((test) => test.project)).size > 1
  return tests
    .filter((test) => test.state === 'failed' && (test.meta?.runs?.length ?? 0) === 0)
    .map((test) => {
      const shownProject = severalProjects ? test.project : undefined
      return {
        file: test.file,
        title: `${shownProject !== undefined ? `[${shownProject}] ` : ''}${test.fullName}`,
        ...(shownProject !== undefined ? { shownProject } : {}),
        message: withoutStack(test.errors[0] ?? '') || 'test failed',
        ...(test.errorType !== undefined ? { errorType: test.errorType } : {}),
      }
    })
}

/**
 * An error's text as the reports show it: credentials a test's own error may quote (a webhook URL
 * with `user:password@`, `?api_key=`, `Bearer …`, `Password=…`, a `ghp_…` token) hidden as the
 * served models hide theirs (adversarial pass 34), formatting codes removed, controls made visible.
 */
function errorText(message: string): string {
  return plainText(redactSecrets(message, []))
}

/** A message without the stack lines a thrown value's text may carry (`    at fn (file:1:2)`), trimmed. */
function withoutStack(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s+at\s/.test(line))
    .join('\n')
    .trim()
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
  const errors = failures.map((e) => errorText(errorValueText(e)))
  return {
    file,
    suitePath: suitePath(testCase),
    name: testCase.name,
    fullName: testCase.fullName,
    state: result.state,
    durationMs: diagnostic?.duration ?? 0,
    errors,
    ...errorTypeOf(failures),
    // (test doubles of a TestCase may carry no project)
    ...((testCase.project as { name?: string } | undefined)?.name ? { project: testCase.project.name } : {}),
    // (test doubles of a TestCase may carry no options)
    ...((testCase.options as { fails?: boolean } | undefined)?.fails === true ? { expectedToFail: true } : {}),
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
