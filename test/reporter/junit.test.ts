import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, test } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { XSS_LABEL } from '../fixtures/reporter/eval-runs.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

const XSD_PATH = fileURLToPath(new URL('../fixtures/reporter/junit-10.xsd', import.meta.url))

/**
 * Jenkins' junit-10.xsd allows `<properties>` on `<testsuite>` only; the per-test properties
 * this reporter writes (the convention of pytest's `record_property`, Jenkins' JUnit plugin and
 * Testmo) need one addition: `properties` as a child of `testcase`. Everything else is checked
 * against the schema as published.
 */
function schemaWithTestcaseProperties(): string {
  const xsd = readFileSync(XSD_PATH, 'utf8')
  const anchor = '<xs:element ref="skipped"/>'
  expect(xsd.split(anchor)).toHaveLength(2)
  return xsd.replace(anchor, `<xs:element ref="properties"/>\n                    ${anchor}`)
}

function junitXml(): string {
  const tests = fixtureReportedTests()
  return buildJunitXml(tests, buildReportEntries(tests))
}

type Node = Record<string, unknown>
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])

function parse(xml: string): Node[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) })
  const doc = parser.parse(xml) as { testsuites: { testsuite: Node[] } }
  return doc.testsuites.testsuite
}

function properties(testCase: Node): Record<string, string> {
  const props = asArray((testCase.properties as { property?: Node[] } | undefined)?.property)
  return Object.fromEntries(props.map((p) => [String(p.name), String(p.value)]))
}

describe('junit.xml', () => {
  test('validates against the JUnit XSD (junit-10 with testcase properties)', async () => {
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: junitXml() }], schema: [{ fileName: 'junit-10.xsd', contents: schemaWithTestcaseProperties() }] })
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  test('the schema check can fail: a testcase without a name is rejected', async () => {
    const broken = junitXml().replace(/<testcase classname="test\/churn.eval.ts" name="[^"]*"/, '<testcase classname="test/churn.eval.ts"')
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: broken }], schema: [{ fileName: 'junit-10.xsd', contents: schemaWithTestcaseProperties() }] })
    expect(result.valid).toBe(false)
  })

  test('a suite per test file, a case per test, each gate its own case', () => {
    const suites = parse(junitXml())
    expect(suites.map((s) => s.name)).toEqual(['test/sentiment.eval.ts', 'test/churn.eval.ts', 'test/prices.eval.ts', 'test/intents.eval.ts'])
    const sentiment = asArray(suites[0].testcase as Node[])
    expect(sentiment.map((c) => c.name)).toEqual([
      'sentiment > classifies feedback',
      'gate: accuracy_score >= 0.6',
      'gate: f1_score[category=technical_support] >= 0.8',
      `gate: confusion(negative -> ${XSS_LABEL}) <= 0.2`,
      'sentiment > plain unit test',
    ])
    expect(suites[0].tests).toBe('5')
    expect(suites[0].failures).toBe('2')
    const failedGate = sentiment[2]
    expect((failedGate.failure as Node).message).toMatch(/^expected f1_score of slice category=technical_support to be >= 0.8, got 0\.\d{4} <script>alert\(2\)<\/script>$/)
    expect((failedGate.failure as Node).type).toBe('toHaveSliceF1')
    expect(sentiment[1].failure).toBeUndefined()
    // Terminal colours of matcher messages do not reach the XML.
    expect(sentiment[1]['system-out']).toMatch(/^accuracy_score 0\.\d{4} >= 0\.6$/)
    expect(properties(failedGate)).toMatchObject({ matcher: 'toHaveSliceF1', slice: 'category=technical_support', threshold: '0.8' })
  })

  test('metrics, intervals and baseline values are properties of the test case', () => {
    const tests = fixtureReportedTests()
    const run = tests[0].meta!.runs[0]
    const props = properties(asArray(parse(junitXml())[0].testcase as Node[])[0])
    expect(Number(props.accuracy_score)).toBe(run.metrics.accuracy_score)
    expect(Number(props['accuracy_score.lower'])).toBe(run.intervals.accuracy_score.lower)
    expect(Number(props['accuracy_score.upper'])).toBe(run.intervals.accuracy_score.upper)
    expect(Number(props['baseline.accuracy_score'])).toBeCloseTo(run.metrics.accuracy_score + 0.05, 12)
    expect(props['baseline.accuracy_score.change']).toBe('-0.05')
    expect(props['baseline.accuracy_score.verdict']).toBe('fail')
    expect(props['baseline.f1_score[category=technical_support].verdict']).toBe('fail')
    expect(props['baseline.status']).toBe('failed')
    expect(props['evalgate.verdict']).toBe('fail')
    expect(props['evalgate.example_count']).toBe('600')
    // A plain test carries no evalgate properties.
    const plain = asArray(parse(junitXml())[0].testcase as Node[])[4]
    expect(plain.properties).toBeUndefined()
  })
})
