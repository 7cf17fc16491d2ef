/**
 * `within_noise` on a JUnit gate case (adversarial pass 54, finding 6): a toMatchBaseline gate
 * that failed (accuracy_score FAIL p=0.0081) while other rows of the entry fell only within noise
 * carried `<property name="within_noise" value="true"/>` beside its `<failure>`, so a dashboard
 * counting within-noise gates counted a failure. The matcher now marks a baseline check within
 * noise only where it passed (test/baselines/run-checked-twice.test.ts); the property says what
 * the gate says, so a threshold that failed inside the metric's interval keeps it.
 */
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, test } from 'vitest'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import type { GateResult } from '../../src/run/verdicts.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

type Node = Record<string, unknown>

function gateCases(xml: string): Node[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) })
  const cases = (parser.parse(xml) as { testsuites: { testsuite: Node[] } }).testsuites.testsuite.flatMap((suite) => suite.testcase as Node[])
  return cases.filter((c) => String(c.name).startsWith('gate: '))
}

function propertyNames(testCase: Node): string[] {
  return ((testCase.properties as { property?: Node[] } | undefined)?.property ?? []).map((p) => String(p.name))
}

function testWithGates(gates: GateResult[]): ReportedTest {
  const failed = gates.some((g) => !g.pass)
  return {
    file: 'evals/m.eval.test.ts',
    suitePath: [],
    name: 'model',
    fullName: 'model',
    state: failed ? 'failed' : 'passed',
    durationMs: 1,
    errors: failed ? ['accuracy_score regressed'] : [],
    meta: { version: 1, runs: [handBuiltRun()], gates, baselines: [], warnings: [] },
  }
}

describe('junit.xml within_noise', () => {
  test('a threshold gate that failed inside the interval keeps within_noise: its verdict is within noise', () => {
    const failed: GateResult = { kind: 'threshold', matcher: 'toHaveMetric', title: 'accuracy_score >= 0.8', pass: false, withinNoise: true, metric: 'accuracy_score', value: 0.79, threshold: 0.8, message: 'accuracy_score should be >= 0.8', runIndex: 0 }
    const tests = [testWithGates([failed])]
    const [gate] = gateCases(buildJunitXml(tests, buildReportEntries(tests)))
    expect(gate.failure).toBeDefined()
    expect(propertyNames(gate)).toContain('within_noise')
  })

  test('a gate that passed with rows within noise is marked within_noise', () => {
    const passed: GateResult = { kind: 'baseline', matcher: 'toMatchBaseline', title: 'baseline model 1', pass: true, withinNoise: true, message: '1 metric moved within noise', runIndex: 0 }
    const tests = [testWithGates([passed])]
    const [gate] = gateCases(buildJunitXml(tests, buildReportEntries(tests)))
    expect(gate.failure).toBeUndefined()
    expect(propertyNames(gate)).toEqual(['matcher', 'kind', 'within_noise'])
  })
})
