/**
 * summary.md fits a pull-request comment. 60 tests x 30 slices with regressions gave 1,223,620
 * characters (one line per failing slice row), appended as such to $GITHUB_STEP_SUMMARY, which
 * GitHub drops beyond 1 MiB; a PR comment holds 65,536. Now: at most MAX_SUMMARY_CHARACTERS, the
 * table, failing tests and overall regressions first, each cut list ending in "… N more".
 */
import { describe, expect, test } from 'vitest'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { MAX_SUMMARY_CHARACTERS, renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import type { BaselineMetricVerdict } from '../../src/run/verdicts.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const METRICS = ['accuracy_score', 'f1_score', 'precision_score']
const SLICES = Array.from({ length: 30 }, (_, i) => `region=area_${i}`)

const row = (metric: string, slice?: string): BaselineMetricVerdict => ({
  metric,
  ...(slice ? { slice } : {}),
  baseline: 0.9,
  current: 0.8,
  change: -0.1,
  allowed: '-0.02 (tolerance)',
  verdict: 'fail',
  greaterIsBetter: true,
})

/** A test whose run regressed on every metric, overall and in each of 30 slices, and failed a threshold. */
function regressedTest(i: number, state: ReportedTest['state'] = 'failed'): ReportedTest {
  const fullName = `model number ${i}`
  const failed = state === 'failed'
  return {
    file: 'evals/b.eval.test.ts',
    suitePath: [],
    name: fullName,
    fullName,
    state,
    durationMs: 1,
    errors: failed ? ['regressed'] : [],
    meta: {
      version: 1,
      runs: [handBuiltRun()],
      gates: [
        { kind: 'threshold', matcher: 'toHaveMetric', title: 'accuracy_score >= 0.95', pass: !failed, message: 'accuracy_score 0.9 is below 0.95' },
        { kind: 'baseline', matcher: 'toMatchBaseline', title: `baseline ${fullName} 1`, pass: !failed, message: 'regressed' },
      ],
      baselines: [
        {
          key: `${fullName} 1`,
          file: 'evals/__baselines__/b.eval.test.ts.json',
          status: failed ? 'failed' : 'passed',
          notes: [],
          rows: failed ? [...METRICS.map((m) => row(m)), ...SLICES.flatMap((s) => METRICS.map((m) => row(m, s)))] : [],
        },
      ],
      warnings: failed ? ['accuracy_score = 0.9 against >= 0.89: the verdict is within noise'] : [],
    },
  }
}

const section = (summary: string, heading: string) => {
  const start = summary.indexOf(`### ${heading}`)
  return start < 0 ? '' : summary.slice(start, summary.indexOf('\n\n', summary.indexOf('\n\n', start) + 2))
}

describe('summary.md fits a pull-request comment', () => {
  test('60 tests x 30 slices with regressions: within the budget, the table, failed gates and overall regressions whole, slice rows counted', () => {
    const summary = renderSummaryMarkdown(buildReportEntries(Array.from({ length: 60 }, (_, i) => regressedTest(i))), 'index.html')
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS)
    expect(MAX_SUMMARY_CHARACTERS).toBeLessThan(65_536)
    for (let i = 0; i < 60; i++) expect(summary).toContain(`| ❌ | model number ${i} |`)
    expect(section(summary, 'Failed gates').match(/^- \*\*/gm)).toHaveLength(120)
    const regressions = section(summary, 'Baseline regressions')
    const listed = regressions.split('\n').filter((line) => line.startsWith('- **'))
    const overall = listed.filter((line) => !line.includes(' ['))
    // every overall row (3 per test), before any slice row
    expect(overall).toHaveLength(180)
    expect(listed.slice(0, 180)).toEqual(overall)
    const slicesShown = listed.length - 180
    expect(regressions).toMatch(new RegExp(`\\n- … ${60 * 90 - slicesShown} more in the full report \\(index\\.html\\)$`))
    // later sections still show up, if only as their count
    expect(summary).toMatch(/### Warnings\n\n(- \*\*[^\n]*\n)*- … \d+ more in the full report \(index\.html\)\n/)
    expect(summary.endsWith('\nFull report: `index.html`\n')).toBe(true)
  })

  test('2,000 runs: failed runs first in the table, the rest counted in its last row; every section present', () => {
    const tests = Array.from({ length: 2000 }, (_, i) => regressedTest(i, i % 100 === 99 ? 'failed' : 'passed'))
    const summary = renderSummaryMarkdown(buildReportEntries(tests), 'index.html')
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS)
    const rows = summary.split('\n').filter((line) => /^\| (❌|✅) \|/.test(line))
    expect(rows.slice(0, 20).every((line) => line.startsWith('| ❌ |'))).toBe(true)
    expect(summary).toContain(`| | … ${2000 - rows.length} more runs in the full report (index.html) | | | |`)
    for (const heading of ['Failed gates', 'Baseline regressions', 'Warnings']) expect(summary).toContain(`### ${heading}\n\n`)
    // the table takes at most half the room: the 20 failed tests' 40 failed gates are all listed
    expect(section(summary, 'Failed gates').match(/^- \*\*/gm)).toHaveLength(40)
  })

  test('without index.html the count points to the results folder; a small summary is not cut', () => {
    const summary = renderSummaryMarkdown(buildReportEntries(Array.from({ length: 60 }, (_, i) => regressedTest(i))))
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS)
    expect(summary).toMatch(/- … \d+ more in the results folder\n/)
    const small = renderSummaryMarkdown(buildReportEntries([regressedTest(1)]), 'index.html')
    expect(small).not.toContain(' more in the full report')
    expect(section(small, 'Baseline regressions').split('\n').filter((line) => line.startsWith('- **'))).toHaveLength(93)
  })

  test('a single item longer than the room is cut with an ellipsis, not dropped: a 120,000-character message, a 75,000-character test name', () => {
    // Was: only "… 1 more in the full report" and no name at all.
    const message = `Uncaught Exception: Error: ${'m'.repeat(120_000)}`
    const failures = renderSummaryMarkdown([], 'index.html', [{ file: 'evals/a.eval.test.ts', message }])
    expect(failures.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS)
    expect(failures).toMatch(/\n- \*\*evals\/a\.eval\.test\.ts\*\*: Uncaught Exception: Error: m{1000,}…\n/)
    expect(failures).not.toContain(' more in the full report')
    const long = { ...regressedTest(1), name: 'n'.repeat(75_000), fullName: 'n'.repeat(75_000) }
    const summary = renderSummaryMarkdown(buildReportEntries([long]), 'index.html')
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS)
    expect(summary).toMatch(/\n\| ❌ \| n{1000,}… \|\n/)
    expect(section(summary, 'Failed gates')).toMatch(/\n- \*\*n{100,}…\*\*/)
    // after a row that fits, too
    const two = renderSummaryMarkdown(buildReportEntries([regressedTest(2), long]), 'index.html')
    expect(two.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS)
    expect(two).toContain('| ❌ | model number 2 |')
    expect(two).toMatch(/\n\| ❌ \| n{1000,}… \|\n/)
  })

  test('an item whose title fits the section but whose text the room cannot reach is only counted, never cut inside its title (adversarial pass 65)', () => {
    // tests failed without evaluating fill most of the budget; the failures outside any test,
    // a 250-character file name each, get what is left, at every size of what is left
    const file = `evals/${'long name '.repeat(24)}.eval.test.ts`
    let onlyCounted = 0
    for (let filled = 100; filled <= 220; filled += 2) {
      const unevaluated = Array.from({ length: filled }, (_, i) => ({ file: 'evals/a.eval.test.ts', title: `t${i}`, message: 'x'.repeat(480 + (i % 7)) }))
      const summary = renderSummaryMarkdown([], 'index.html', [{ file, message: `boom ${'y'.repeat(70_000)}` }], unevaluated)
      expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARACTERS)
      const outside = section(summary, '❌ Failed outside any test')
      for (const line of outside.split('\n').filter((l) => l.startsWith('- **'))) expect(line, `${filled} tests failed without evaluating`).toMatch(/^- \*\*[^*]+\*\*: boom y+…$/)
      if (!outside.includes('- **') && outside.includes('- … 1 more')) onlyCounted++
    }
    expect(onlyCounted).toBeGreaterThan(0)
  })

  test('with no evaluated run, a failure outside any test heads the summary: the run failed', () => {
    const summary = renderSummaryMarkdown([], undefined, [{ file: 'evals/a.eval.test.ts', message: 'Uncaught Exception: TypeError: boom' }])
    expect(summary.split('\n')[2]).toBe('❌ 1 failure outside any test · no test evaluated a model in this run')
    expect(summary).toContain('### ❌ Failed outside any test (1)\n\n- **evals/a.eval.test.ts**: Uncaught Exception: TypeError: boom\n')
    expect(renderSummaryMarkdown([])).toBe('## evalgate · model evaluation\n\nNo test evaluated a model in this run.\n')
  })
})
