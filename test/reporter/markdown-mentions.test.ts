// summary.md and compare.md are posted as pull-request comments (the README suggests it): a test
// name, label, slice value or error message holding `@octocat` or `@org/team` must notify no one,
// and still read `@octocat` (a zero-width space after the `@`, as Renovate does); compare.md shows
// bidi controls as escapes as summary.md does (adversarial pass 23t).
import { describe, expect, test } from 'vitest'
import { markdownCell, renderComparisonMarkdown } from '../../src/compare/report/comparison-markdown.js'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { md, renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { namedRuns } from '../compare/compare-runs-fixture.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

/** An `@` not followed by the zero-width space: a mention GitHub would notify. */
const LIVE_MENTION = /@(?!&#8203;)/

describe('@mentions from the data in the Markdown files', () => {
  test('md() and markdownCell() put a zero-width space after each @, after their escaping', () => {
    // GitHub renders $...$ as math and ~~...~~ as strikethrough (adversarial pass 33)
    expect(md('$x^2$ $$y$$ ~~s~~')).toBe('\\$x^2\\$ \\$\\$y\\$\\$ \\~\\~s\\~\\~')
    expect(md('ping @octocat & @org/team')).toBe('ping @&#8203;octocat &amp; @&#8203;org/team')
    expect(markdownCell('$x$ ~~s~~')).toBe('\\$x\\$ \\~\\~s\\~\\~')
    expect(markdownCell('ping @octocat & @org/team')).toBe('ping @&#8203;octocat \\& @&#8203;org/team')
  })

  test('summary.md: a test name and an error message with mentions notify no one', () => {
    const reported: ReportedTest = {
      file: 'm.test.ts', suitePath: [], name: 'model for @octocat', fullName: 'model for @octocat', state: 'failed', durationMs: 1,
      errors: ['ask @org/team'],
      meta: { version: 1, runs: [handBuiltRun({ name: 'run @octocat' })], gates: [{ kind: 'threshold', matcher: 'toHaveMetric', title: 'accuracy @org/team', pass: false, message: 'accuracy_score[seg=@octocat] should be >= 0.99' }], baselines: [], warnings: [] },
    }
    const summary = renderSummaryMarkdown(buildReportEntries([reported]))
    expect(summary).toContain('@&#8203;octocat')
    expect(summary).not.toMatch(LIVE_MENTION)
  })

  test('compare.md: run names and labels with mentions notify no one; U+202E and ESC are shown as escapes', () => {
    const runs = namedRuns()
    runs[1].name = 'tuned by @octocat\u202e\u001b[2J'
    runs[1].run.confusionMatrix!.labels[0] = '@org/team'
    runs[0].run.confusionMatrix!.labels[0] = '@org/team'
    const markdown = renderComparisonMarkdown(compareRuns(runs))
    // The escape's backslash is itself escaped, so the page reads \u202e\x1b[2J
    expect(markdown).toContain('tuned by @&#8203;octocat\\\\u202e\\\\x1b\\[2J')
    expect(markdown).toContain('@&#8203;org/team')
    expect(markdown).not.toMatch(LIVE_MENTION)
    // eslint-disable-next-line no-control-regex -- what compare.md may not hold raw
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
  })
})
