// Control characters from test names, labels, slice values and notes (issue 11, "output that
// cannot be subverted"): they reach no reporter output raw, and each shows as a visible escape.
import { beforeAll, describe, expect, test } from 'vitest'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import type { ReportContent } from '../../src/reporter/report-files.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { showControls } from '../../src/run/visible-controls.js'
import { binaryMeta } from '../fixtures/reporter/eval-runs.js'

const TITLE_SEQUENCE = '\u001b]0;PWNED\u0007'
const CLEAR_SCREEN = '\u001b[2J'
const HOSTILE_NAME = `churn\u0000 model ${TITLE_SEQUENCE} bell\u0007`
const HOSTILE_VALUE = `web${CLEAR_SCREEN}\u202eevil`
// C0 controls but tab, LF and CR; DEL; C1; bidi overrides and isolates.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

function hostileTest(): ReportedTest {
  const meta = binaryMeta()
  const run = meta.runs[0]
  const [first] = Object.values(run.slices)
  const key = `channel=${HOSTILE_VALUE}`
  run.slices = { ...run.slices, [key]: { ...first, key, columns: ['channel'], values: [HOSTILE_VALUE], notes: [`note with ESC ${CLEAR_SCREEN} and BEL \u0007`] } }
  run.perClass = run.perClass?.map((c, i) => (i === 0 ? { ...c, label: `stay${TITLE_SEQUENCE}` } : c))
  if (run.confusionMatrix) run.confusionMatrix.labels[0] = `stay${TITLE_SEQUENCE}`
  run.notes = [`run note ${CLEAR_SCREEN}`]
  meta.gates = [{ kind: 'slice', matcher: 'toHaveSliceF1', title: `f1_score[${key}] >= 0.9`, pass: false, metric: 'f1_score', slice: key, value: 0.5, threshold: 0.9, message: `\u001b[31mf1_score[${key}]\u001b[39m should be >= 0.9` }]
  return { file: 'test/churn.eval.ts', suitePath: [], name: HOSTILE_NAME, fullName: HOSTILE_NAME, state: 'failed', durationMs: 3, errors: [`AssertionError: ${TITLE_SEQUENCE}failed`], meta }
}

let content: ReportContent

beforeAll(async () => {
  content = await buildReportContent([hostileTest()], { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
})

describe('control characters in reporter output', () => {
  test('no text file the reporter writes holds a raw control character', () => {
    const checked: string[] = []
    for (const [path, value] of content.files) {
      if (!/\.(html|md|xml|csv|svg|json)$/.test(path)) continue
      checked.push(path)
      expect(RAW_CONTROL.exec(value.toString())?.[0], path).toBeUndefined()
    }
    expect(checked.filter((p) => p.endsWith('.csv')).length).toBeGreaterThanOrEqual(3)
    expect(checked.filter((p) => p.endsWith('.svg')).length).toBeGreaterThanOrEqual(4)
    expect(checked).toEqual(expect.arrayContaining(['index.html', 'summary.md', 'junit.xml']))
  })

  test('each shows as a visible escape where the text appears', () => {
    const html = content.files.get('index.html')!.toString()
    expect(html).toContain('churn\\x00 model \\x1b]0;PWNED\\x07 bell\\x07')
    expect(html).toContain('channel=web\\x1b[2J\\u202eevil')
    expect(html).toContain('stay\\x1b]0;PWNED\\x07')
    expect(html).toContain('AssertionError: \\x1b]0;PWNED\\x07failed')
    const summary = content.files.get('summary.md')!.toString()
    expect(summary).toContain('churn\\\\x00 model \\\\x1b\\]0;PWNED\\\\x07 bell\\\\x07')
    const folder = content.entries[0].folderName
    const slices = content.files.get(`${folder}/slices.csv`)!.toString()
    expect(slices).toContain('note with ESC \\x1b[2J and BEL \\x07')
    expect(content.files.get(`${folder}/per_class_metrics.csv`)!.toString()).toContain('stay\\x1b]0;PWNED\\x07')
    expect(renderTerminalTable(content.entries)).toContain('churn\\x00 model \\x1b]0;PWNED\\x07 bell\\x07')
  })

  test('the colours of matcher messages are removed, not shown', () => {
    const html = content.files.get('index.html')!.toString()
    expect(html).toContain('f1_score[channel=web\\x1b[2J\\u202eevil] should be &gt;= 0.9')
    expect(html).not.toContain('\\x1b[31m')
  })

  test('showControls escapes C0, DEL, C1 and bidi controls and keeps tabs and line breaks', () => {
    expect(showControls('a\u0000b\u0007c\u001bd\u007fe\u0085f\u202eg\u2066h\ti\nj\rk')).toBe('a\\x00b\\x07c\\x1bd\\x7fe\\x85f\\u202eg\\u2066h\ti\nj\rk')
  })
})

describe('characters that are not text: lone surrogates, U+FFFE', () => {
  const LONE = '👍 great'.slice(0, 1)
  const named = (name: string): ReportedTest => ({ ...hostileTest(), name, fullName: name, state: 'passed', errors: [] })

  test('a test name with a lone surrogate still gives every file, the half character shown as U+FFFD everywhere', async () => {
    // Was: URIError: URI malformed from index.html's link to the run, and no report at all.
    const report = await buildReportContent([named(`model ${LONE}`)], { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    const [entry] = report.entries
    expect(entry.folderName).toBe('churn.eval__model_\ufffd')
    const html = report.files.get('index.html')!.toString()
    expect(html).toContain('href="#run-churn.eval__model_%EF%BF%BD"')
    expect(html).toContain('model \ufffd')
    expect(report.files.get('summary.md')!.toString()).toContain('model \ufffd')
    expect(report.junitXml).toContain('name="model \ufffd"')
    for (const [path, value] of report.files) {
      if (/\.(html|md|xml|csv|svg)$/.test(path)) expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value.toString()), path).toBe(false)
    }
  })

  test('U+FFFE and U+FFFF, which XML does not allow, show as escapes like \\x01 instead of vanishing from junit.xml', async () => {
    const report = await buildReportContent([named('a\ufffeb\uffffc\u0001d')], { html: true, summary: true, junitInFolder: true, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    expect(report.junitXml).toContain('name="a\\ufffeb\\uffffc\\x01d"')
    expect(report.files.get('index.html')!.toString()).toContain('a\\ufffeb\\uffffc\\x01d')
    expect(report.entries[0].folderName).toBe('churn.eval__abcd')
    expect(showControls(`x${LONE}y\udc4dz👍`)).toBe('x\ufffdy\ufffdz👍')
  })
})
