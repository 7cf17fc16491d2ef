/**
 * The terminal table marked a run WARN without saying why: a drop within noise, or a metric the
 * baseline entry cannot gate (an entry of an earlier version without non_empty_output_rate,
 * upgrade pass 22p), was only in summary.md and index.html. Each warning's first line now follows
 * the table, at most eight, then how many more and where.
 */
import { describe, expect, test } from 'vitest'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

function warnedTest(name: string, warnings: string[]): ReportedTest {
  return { file: 'm.test.ts', suitePath: [], name, fullName: name, state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [handBuiltRun()], gates: [], baselines: [], warnings } }
}

describe('warnings under the terminal table', () => {
  test("a WARN run's warning is printed under the table, its first line only", () => {
    const ungated = 'baseline "text gen 1": non_empty_output_rate is tracked by default but not in the baseline entry (written before it was tracked, or before the run had it), so not gated'
    const entries = buildReportEntries([warnedTest('text gen', [ungated]), warnedTest('noisy', ['baseline "noisy 1": 2 metrics fell beyond the tolerance but within noise:\n  - f1_score fell\n  - accuracy_score fell'])])
    expect(entries.map((entry) => entry.verdict)).toEqual(['warn', 'warn'])
    const terminal = renderTerminalTable(entries, 'eval-results/index.html')
    expect(terminal).toContain(` text gen: ${ungated}`)
    expect(terminal).toContain(' noisy: baseline "noisy 1": 2 metrics fell beyond the tolerance but within noise:')
    expect(terminal).not.toContain('f1_score fell')
  })

  test('at most eight lines, then how many more and where; a long warning is clipped', () => {
    const entries = buildReportEntries(Array.from({ length: 11 }, (_, i) => warnedTest(`model ${i}`, [`warning ${i} ${'x'.repeat(400)}`])))
    const lines = renderTerminalTable(entries, 'eval-results/index.html').split('\n').filter((line) => / model \d+: warning/.test(line))
    expect(lines).toHaveLength(8)
    expect(lines.every((line) => line.length <= 320)).toBe(true)
    expect(renderTerminalTable(entries, 'eval-results/index.html')).toContain(' … and 3 more warnings in eval-results/index.html')
  })
})
