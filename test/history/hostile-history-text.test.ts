// Strings from git and the baseline files (authors, commit messages, entry and slice names) on
// the history pages and the history charts the reporter embeds: control and bidi characters are
// shown as escapes, and every page carries the report's Content-Security-Policy (adversarial pass 23t).
import { describe, expect, test } from 'vitest'
import { chartPointOf, renderHistoryChart } from '../../src/history/history-chart.js'
import { renderHistoryPages } from '../../src/history/history-page.js'
import type { BaselineHistory } from '../../src/history/types.js'
import { builtHistory } from './built-history.js'

const HOSTILE = '\u001b]0;PWNED\u0007\u001b[2J\u202e'
const SHOWN = '\\x1b]0;PWNED\\x07\\x1b[2J\\u202e'
// eslint-disable-next-line no-control-regex -- the characters no page may hold raw
const RAW_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self' file:; base-uri 'none'; form-action 'none'">`

/** A history of `entries` entries over `commits` points, every name from git and the data hostile. */
function hostileHistory(entries: number, commits: number, slices: number): BaselineHistory {
  return builtHistory(entries, commits, slices, {
    author: `Mallory${HOSTILE}`,
    message: () => `fix${HOSTILE}`,
    metric: `acc${HOSTILE}`,
    slice: (s) => `seg=${s}${HOSTILE}`,
    entry: (k) => `model ${k}${HOSTILE}`,
  })
}

describe('the history pages', () => {
  test('index.html shows authors, messages, entry, metric and slice names with their controls as escapes, under the CSP', () => {
    const { index, slicePages } = renderHistoryPages(hostileHistory(1, 3, 2))
    expect(slicePages).toEqual([])
    expect(index).not.toMatch(RAW_CONTROLS)
    expect(index).toContain(`model 0${SHOWN}`)
    expect(index).toContain(`Mallory${SHOWN}`)
    expect(index).toContain(`seg=1${SHOWN}`)
    expect(index).toContain(POLICY)
  })

  test('the slice pages of a large history carry no raw control either, and the same policy', () => {
    // 2 entries x 400 points x (1 + 15 x 2) charts = 24,800 dots: above the 20,000 one page draws.
    const { index, slicePages } = renderHistoryPages(hostileHistory(2, 400, 15))
    expect(slicePages.length).toBe(2)
    for (const html of [index, ...slicePages.map((page) => page.html)]) {
      expect(html).not.toMatch(RAW_CONTROLS)
      expect(html.slice(0, html.indexOf('</head>'))).toContain(POLICY)
    }
  })

  test("a chart the reporter embeds has its accessible name and dots' tooltips escaped", () => {
    const history = hostileHistory(1, 2, 0)
    const points = history.entries[0]!.points.map((point) => chartPointOf(point, Object.values(point.metrics)[0]!))
    const svg = renderHistoryChart(`acc${HOSTILE}`, points)
    expect(svg).toContain(`aria-label="acc${SHOWN}"`)
    expect(svg).toContain(`Mallory${SHOWN}`)
    expect(svg).not.toMatch(RAW_CONTROLS)
  })
})
