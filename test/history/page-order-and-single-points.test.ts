/**
 * The history page after adversarial pass 35: a removed entry was listed above the live entry
 * that replaced it (entries are read in name order), and a chart of one point showed its
 * interval's ends on the axis but not its value.
 */
import { describe, expect, test } from 'vitest'
import { renderHistoryPage } from '../../src/history/history-page.js'
import { renderHistoryChart } from '../../src/history/history-chart.js'
import { builtHistory } from './built-history.js'

describe('history page', () => {
  test('live entries come first, removed ones after them', () => {
    const history = builtHistory(2, 1, 0, { entry: (k) => ['sentiment model 1', 'sentiment model v2 1'][k]! })
    history.entries[0]!.removed = { commit: 'd'.repeat(40), date: '2026-01-02T00:00:00+00:00', author: 'a', message: 'rename + update' }
    const html = renderHistoryPage(history)
    const live = html.indexOf('data-entry="sentiment model v2 1"')
    const removed = html.indexOf('data-entry="sentiment model 1"')
    expect(live).toBeGreaterThan(0)
    expect(removed).toBeGreaterThan(live)
  })

  test("a chart of one point shows the point's value beside it, not only the interval's ends", () => {
    const svg = renderHistoryChart('accuracy_score', [{ commit: '0ea7a20'.padEnd(40, '0'), date: '2026-12-04', author: 'a', message: 'm', metric: { value: 0.8367, lower: 0.7933, upper: 0.8754 } }])
    expect(svg).toMatch(/<text class="value"[^>]*>0\.8367<\/text>/)
    // A chart of several points keeps its axis only.
    const two = renderHistoryChart('accuracy_score', [0.8, 0.81].map((value, i) => ({ commit: String(i).repeat(40), date: '2026-12-04', author: 'a', message: 'm', metric: { value } })))
    expect(two).not.toContain('class="value"')
  })
})

describe("the history page's slices", () => {
  test('a slice with no metric at any commit gets no bare heading but a count in one line; tab and carriage return read apart (adversarial pass 65)', () => {
    const history = builtHistory(1, 2, 3, { slice: (s) => ['seg=\t=1+1', 'seg=\r=1+1', 'seg=small'][s]! })
    for (const point of history.entries[0]!.points) point.slices['seg=small']!.metrics = {}
    const html = renderHistoryPage(history)
    expect(html).not.toContain('data-slice="seg=small"')
    expect(html).toContain('1 slice has no metric at any commit (fewer rows than minSliceSize): seg=small</p>')
    expect(html).toContain('>Slice seg=\\t=1+1</h3>')
    expect(html).toContain('>Slice seg=\\r=1+1</h3>')
  })
})
