/**
 * A long gate message (a baseline gate listing 48 drops within noise and 24 improvements, from an
 * adversarial pass's 200,000-row project) filled a screen of index.html in monospace: its first
 * 400 characters are shown, the whole message folded under them, escaped in both.
 */
import { describe, expect, test } from 'vitest'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

function gatedTest(message: string): ReportedTest {
  const gate = { kind: 'baseline' as const, matcher: 'toMatchBaseline', title: 'baseline big 1', pass: true, withinNoise: true, message, runIndex: 0 }
  return { file: 'm.test.ts', suitePath: [], name: 'big', fullName: 'big', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [handBuiltRun()], gates: [gate], baselines: [], warnings: [] } }
}
const html = (message: string) => renderHtmlReport(buildReportEntries([gatedTest(message)]).map((entry) => ({ entry, plots: [], files: [] })))

describe("a gate's message in index.html", () => {
  test('a short one is shown whole; a long one shows its start and folds the whole, escaped', () => {
    expect(html('24 metrics improved')).toContain('<div class="msg">24 metrics improved</div>')
    const long = `<b>x</b> ${Array.from({ length: 80 }, (_, i) => `f1_score[region=r${i}] fell from 0.87 to 0.86, within noise;`).join(' ')}`
    const page = html(long)
    expect(page).toContain('<details><summary>the whole message (')
    expect(page).not.toContain('<b>x</b>')
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt; f1_score[region=r0]')
    const shown = /<div class="msg">([^<]*) …<\/div>/.exec(page)![1]!
    expect(shown.length).toBeLessThanOrEqual(420)
  })
})
