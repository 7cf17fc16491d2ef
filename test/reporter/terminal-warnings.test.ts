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
  test("a WARN run's warning is printed under the table on one line: a list's metrics follow its colon, their details stay in the report", () => {
    const ungated = 'baseline "text gen 1": non_empty_output_rate is tracked by default but not in the baseline entry (written before it was tracked, or before the run had it), so not gated'
    const noisy = [
      'baseline "noisy 1": 5 metrics moved beyond what is allowed but within noise:',
      '  - f1_score fell from 0.8000 to 0.7900 (-0.0100, worse), beyond the allowed drop but within noise (p=0.2, mcnemar-exact, alpha 0.05)',
      '  - mean_absolute_error[category=on line] rose from 3.9410 to 4.0182 (+0.0772, worse), beyond the allowed drop but within noise (p=0.25, paired-mean, alpha 0.05)',
      '  - token_count/v1/mean changed from 17.666 to 16.534 (-1.1320), beyond the allowed change but within noise (p=0.3, paired-mean, alpha 0.05)',
      '  … and 2 more; every one is in the evalgate report\'s baseline comparison',
    ].join('\n')
    const entries = buildReportEntries([warnedTest('text gen', [ungated]), warnedTest('noisy', [noisy])])
    expect(entries.map((entry) => entry.verdict)).toEqual(['warn', 'warn'])
    const terminal = renderTerminalTable(entries, 'eval-results/index.html')
    expect(terminal).toContain(` text gen: ${ungated}`)
    // Was: the first line alone, ending in a colon with nothing after it (adversarial pass 23s).
    expect(terminal).toContain(' noisy: baseline "noisy 1": 5 metrics moved beyond what is allowed but within noise: f1_score, mean_absolute_error[category=on line], token_count/v1/mean and 2 more\n')
    expect(terminal).not.toContain('fell from 0.8000')
  })

  test('a list whose items are not metrics does not leave its colon dangling', () => {
    const entries = buildReportEntries([warnedTest('odd', ['2 things happened:\n  - one thing\n  - another'])])
    const terminal = renderTerminalTable(entries)
    expect(terminal).toContain(' odd: 2 things happened\n')
    expect(terminal).not.toMatch(/:\s*$/m)
  })

  test('at most eight lines, then how many more and where; a long warning is clipped', () => {
    const entries = buildReportEntries(Array.from({ length: 11 }, (_, i) => warnedTest(`model ${i}`, [`warning ${i} ${'x'.repeat(400)}`])))
    const lines = renderTerminalTable(entries, 'eval-results/index.html').split('\n').filter((line) => / model \d+: warning/.test(line))
    expect(lines).toHaveLength(8)
    expect(lines.every((line) => line.length <= 320)).toBe(true)
    expect(renderTerminalTable(entries, 'eval-results/index.html')).toContain(' … and 3 more warnings in eval-results/index.html')
  })
})
