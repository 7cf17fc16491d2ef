/**
 * JUnit names and failure types. A test named with control characters came out as
 * `name="fails with  and [31mred[0m"` (the XML builder drops characters XML does not allow,
 * leaving the colour codes' residue) while its message showed `\x01`; and every failure was
 * `type="AssertionError"`, a thrown `new Error('boom')` too, so CI could not tell a crash from a
 * failed gate. Now names follow the messages' rule (colours removed, other controls as `\x01`)
 * and a failure's type is its error's name.
 */
import { XMLParser } from 'fast-xml-parser'
import type { TestModule } from 'vitest/node'
import { describe, expect, test } from 'vitest'
import { collectFileFailures, collectReportedTests, errorTypeOf } from '../../src/reporter/collect-tests.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'

type Node = Record<string, unknown>

function testCases(xml: string): Node[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) })
  return (parser.parse(xml) as { testsuites: { testsuite: Node[] } }).testsuites.testsuite.flatMap((suite) => suite.testcase as Node[])
}

/** A module of failed tests, each with the errors Vitest serialized (shapes as Vitest 4.1 hands them to reporters). */
function moduleOf(file: string, tests: Array<{ name: string; errors: unknown[] }>, moduleErrors: unknown[] = []): TestModule {
  const module = { type: 'module' }
  const cases = tests.map((t) => ({
    name: t.name,
    fullName: t.name,
    parent: module,
    result: () => ({ state: 'failed', errors: t.errors }),
    diagnostic: () => ({ duration: 1 }),
    meta: () => ({}),
  }))
  return Object.assign(module, { relativeModuleId: file, errors: () => moduleErrors, children: { *allTests() { yield* cases }, allSuites: () => [] } }) as unknown as TestModule
}

// What Vitest 4.1 serializes (seen in a reporter's onTestRunEnd).
const THROWN = { name: 'Error', message: 'boom', stack: 'Error: boom' }
const TYPE_ERROR = { name: 'TypeError', message: "Cannot read properties of undefined (reading 'x')" }
const CONFIG_ERROR = { name: 'ConfigError', message: 'slices column "region" not found' }
const TO_BE = { name: 'AssertionError', message: 'expected 1 to be 2 // Object.is equality', actual: '1', expected: '2' }
const EXTEND_MATCHER = { name: 'Error', message: 'accuracy_score regressed', constructor: 'Function<JestExtendError>', __vitest_error_context__: { assertionName: 'toMatchBaseline' } }
const STRING = { message: 'just a string' }

describe('junit.xml failure types', () => {
  test("each failure's type is its error's name; a failed matcher of expect.extend (evalgate's) is an AssertionError", () => {
    const modules = [
      moduleOf(
        'evals/t.eval.ts',
        [
          { name: 'thrown', errors: [THROWN] },
          { name: 'type error', errors: [TYPE_ERROR] },
          { name: 'config', errors: [CONFIG_ERROR] },
          { name: 'toBe', errors: [TO_BE] },
          { name: 'baseline', errors: [EXTEND_MATCHER] },
          { name: 'soft then thrown', errors: [TO_BE, THROWN] },
          { name: 'a string', errors: [STRING] },
        ],
        [{ name: 'TypeError', message: 'afterAll broke' }],
      ),
    ]
    const tests = collectReportedTests(modules)
    const xml = buildJunitXml(tests, buildReportEntries(tests), collectFileFailures(modules))
    const types = Object.fromEntries(testCases(xml).map((c) => [c.name, (c.failure as Node | undefined)?.type]))
    expect(types).toEqual({
      '(outside any test)': 'TypeError',
      thrown: 'Error',
      'type error': 'TypeError',
      config: 'ConfigError',
      toBe: 'AssertionError',
      baseline: 'AssertionError',
      'soft then thrown': 'AssertionError',
      'a string': 'Error',
    })
  })

  test('errorTypeOf: the name, AssertionError for a JestExtendError, nothing without a name', () => {
    expect(errorTypeOf([TYPE_ERROR])).toEqual({ errorType: 'TypeError' })
    expect(errorTypeOf([EXTEND_MATCHER])).toEqual({ errorType: 'AssertionError' })
    expect(errorTypeOf([{ ...EXTEND_MATCHER, __vitest_error_context__: undefined }])).toEqual({ errorType: 'AssertionError' })
    expect(errorTypeOf([STRING])).toEqual({})
    expect(errorTypeOf([])).toEqual({})
    expect(errorTypeOf([{ name: 'Bad\u001b[31mName' }])).toEqual({ errorType: 'BadName' })
  })
})

describe('junit.xml names', () => {
  const NAME = 'fails with \u0001 and \u001b[31mred\u001b[0m'

  test('a test name loses its colours and shows other control characters as escapes, as its message does', () => {
    const modules = [moduleOf('evals/c\u0007.eval.ts', [{ name: NAME, errors: [{ name: 'Error', message: 'boom \u001b[31mRED\u001b[39m \u0001 end' }] }])]
    const tests = collectReportedTests(modules)
    const xml = buildJunitXml(tests, buildReportEntries(tests))
    const [testCase] = testCases(xml)
    expect(testCase.name).toBe('fails with \\x01 and red')
    expect(testCase.classname).toBe('evals/c\\x07.eval.ts')
    expect((testCase.failure as Node).message).toBe('boom RED \\x01 end')
    expect(xml).not.toContain('[31m')
  })

  test('gate names, slices and run properties follow the same rule', () => {
    const meta = binaryMeta()
    meta.gates = [{ kind: 'slice', matcher: 'toHaveSliceF1', title: 'f1_score[region=\u001b[1mnorth\u001b[22m\u0002] >= 0.9', pass: false, slice: 'region=north\u0002', message: 'too low' }]
    meta.runs[0].name = 'cand\u0003'
    const tests = [{ file: 'evals/g.eval.ts', suitePath: [], name: NAME, fullName: NAME, state: 'failed' as const, durationMs: 1, errors: ['too low'], meta }]
    const xml = buildJunitXml(tests, buildReportEntries(tests))
    const cases = testCases(xml)
    expect(cases.map((c) => c.name)).toEqual(['fails with \\x01 and red', 'gate: f1_score[region=north\\x02] >= 0.9'])
    expect(cases[1].classname).toBe('evals/g.eval.ts > fails with \\x01 and red')
    const props = ((cases[1].properties as Node).property as Node[]).map((p) => [p.name, p.value])
    expect(props).toContainEqual(['slice', 'region=north\\x02'])
    expect(xml).not.toMatch(/\[1m|\[22m/)
  })
})
