/**
 * A threshold is shown as the test wrote it, and the value judged against it with the digits that
 * tell the two apart (adversarial pass 38: f1 0.846311 against a threshold of 0.84632 read
 * `0.8463` against `>= 0.8463` in the baseline table, the matcher's headline, the noise warning,
 * summary.md, index.html and the JUnit case name).
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { renderBaselineTable } from '../../src/baselines/diff-table.js'
import { evaluate } from '../../src/evaluate/index.js'
import { formatBound, formatMetricFixedApart } from '../../src/run/format-metric.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import '../../src/vitest/matcher-types.js'

beforeAll(() => {
  expect.extend(evalgateMatchers)
})

// 377 of 400 right: accuracy 0.9425
const rows = Array.from({ length: 400 }, (_, i) => ({ y: i % 3 ? 'a' : 'b', p: i < 23 ? (i % 3 ? 'b' : 'a') : i % 3 ? 'a' : 'b' }))

describe('a threshold beside the value it judges', () => {
  test('formatBound shows a bound as written; formatMetricFixedApart adds digits only where the two would read alike', () => {
    expect(formatBound(0.84632)).toBe('0.84632')
    expect(formatBound(0.85)).toBe('0.85')
    expect(formatBound(1 / 3)).toBe('0.333333333333')
    expect(formatBound(2e-7)).toBe('2.000e-7')
    expect(formatMetricFixedApart(0.846311, 0.84632)).toBe('0.84631')
    expect(formatMetricFixedApart(0.9, 0.85)).toBe('0.9000')
    expect(formatMetricFixedApart(0.9, undefined)).toBe('0.9000')
  })

  test('the baseline table and its allowed text: 0.9425 against >= 0.94251, not 0.9425 against >= 0.9425', async () => {
    const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(run.metrics.accuracy_score).toBe(0.9425)
    const verdict = compareWithBaseline(createBaselineEntry(run), run, { perMetric: { accuracy_score: { threshold: 0.94251 } }, metrics: ['accuracy_score'] })
    expect(verdict.status).toBe('failed')
    const row = verdict.rows.find((r) => r.metric === 'accuracy_score')!
    expect(row.allowed).toContain('>= 0.94251 (threshold)')
    expect(row.threshold).toBe(0.94251)
    expect(renderBaselineTable(verdict.rows)).toMatch(/accuracy_score +0\.9425 +0\.9425 +0 +>= 0\.94251 \(threshold\)/)
    // the baseline beside it too, so an unchanged value reads alike on both sides (pass 40: 0.8463 → 0.84631, ±0)
    const near = { metric: 'f1_score', baseline: 0.846311, current: 0.846311, change: 0, allowed: '>= 0.84632 (threshold)', verdict: 'fail' as const, greaterIsBetter: true, threshold: 0.84632 }
    expect(renderBaselineTable([near])).toMatch(/f1_score +0\.84631 +0\.84631 +0 +>= 0\.84632/)
    // a value that differs at the display precision keeps its fixed form
    const shownApart = compareWithBaseline(createBaselineEntry(run), run, { perMetric: { accuracy_score: { threshold: 0.95 } }, metrics: ['accuracy_score'] })
    expect(renderBaselineTable(shownApart.rows)).toMatch(/accuracy_score +0\.9425 +0\.9425 +0 +>= 0\.95 \(threshold\)/)
  })

  test("toHaveMetric's headline, title and warning show the threshold as written and the value apart from it", async () => {
    const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(() => expect(run).toHaveMetric('accuracy_score', 0.94251)).toThrow(/accuracy_score should be >= 0\.94251\n[\s\S]*Received: .*0\.9425\b/)
    expect(() => expect(run).toHaveMetric('accuracy_score', 0.94249)).not.toThrow()
    const near = { ...run, metrics: { ...run.metrics, accuracy_score: 0.846311 } }
    expect(() => expect(near).toHaveMetric('accuracy_score', 0.84632)).toThrow(/should be >= 0\.84632\n[\s\S]*Received: .*0\.84631/)
  })
})
