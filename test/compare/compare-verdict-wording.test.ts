/**
 * What the compare page says of its verdicts (adversarial pass 38): for paired runs the verdict is
 * Holm's over the run's family, but "Changes at a glance" said "two-sided p < 0.05" beside a
 * p 0.0014 row reading "no clear change"; and the "z (+ = better)" column was n/a in every row,
 * since paired tests give no z.
 */
import { describe, expect, test } from 'vitest'
import { renderComparisonMarkdown } from '../../src/compare/report/comparison-markdown.js'
import { formatChangeCell, verdictWords } from '../../src/compare/report/comparison-cells.js'
import type { MetricChange } from '../../src/compare/report/run-comparison.js'
import type { NamedRun } from '../../src/compare/report/read-run-files.js'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { evaluate } from '../../src/evaluate/index.js'
import { renderComparePage } from '../../src/reporter/compare-page.js'
import { decodeRunOutputs, encodeRunOutputs } from '../../src/reporter/run-outputs.js'
import type { EvalRun } from '../../src/run/types.js'
import { namedRuns } from './compare-runs-fixture.js'

/** A run as `evalgate compare` reads it from a results folder: run.json and outputs.json, through JSON. */
function fromDisk(name: string, run: EvalRun): NamedRun {
  return { name, source: `${name}/run.json`, run: JSON.parse(JSON.stringify(run)) as EvalRun, outputs: decodeRunOutputs(JSON.parse(JSON.stringify(encodeRunOutputs(run))), `${name}/outputs.json`) }
}

/** Two regressors on the same 200 rows: run 2 shares run 1's rows and outputs, so it is tested paired. */
async function pairedRuns(): Promise<NamedRun[]> {
  const data = Array.from({ length: 200 }, (_, i) => ({ id: i, y: (i % 17) / 4, region: i % 2 === 0 ? 'east' : 'west' }))
  const model = (noise: number) => (rows: Array<Record<string, unknown>>) => rows.map((r, i) => (r.y as number) + noise * (((i * 7) % 11) - 5))
  const evaluateWith = (noise: number) => evaluate({ data, targets: 'y', modelType: 'regressor', slices: ['region'], inputColumns: ['id', 'region'], model: model(noise), intervals: { resamples: 100, rowResamples: 100 } })
  return [fromDisk('before', await evaluateWith(0.1)), fromDisk('after', await evaluateWith(0.2))]
}

const glanceSubtitle = (html: string): string => /id="glance"[^>]*><h2>Changes at a glance<\/h2><p class="meta">([^<]*)<\/p>/.exec(html)?.[1] ?? ''
const largestSubtitle = (html: string): string => /id="largest-changes"[^>]*><h2>[^<]*<\/h2><p class="meta">([^<]*)<\/p>/.exec(html)?.[1] ?? ''

describe('the compare page on paired runs', () => {
  test("the subtitles say the verdict is after Holm's correction over the run's family, and no z column", async () => {
    const comparison = compareRuns(await pairedRuns())
    expect(comparison.testing[1]?.paired).toBe(true)
    expect(comparison.largestChanges.length).toBeGreaterThan(0)
    expect(comparison.largestChanges.every(({ change }) => change.z === undefined)).toBe(true)
    const html = await renderComparePage(comparison)
    expect(glanceSubtitle(html)).toContain("with its verdict, after Holm&#39;s correction over the run&#39;s family of tests at 0.05 (a row&#39;s two-sided p below 0.05 can still be not significant after the correction), as the note above says")
    expect(glanceSubtitle(html)).not.toContain('p &lt; 0.05')
    expect(largestSubtitle(html)).toContain("after Holm&#39;s correction over the run&#39;s family of tests at 0.05")
    expect(html).not.toContain('z (+ = better)')
    const largest = /<table class="cmp largest">[\s\S]*?<\/table>/.exec(html)![0]
    expect(largest).not.toContain('>n/a<')
    // every row has as many cells as the header
    const heads = (largest.match(/<th>/g) ?? []).length
    for (const row of largest.match(/<tr data-scope[\s\S]*?<\/tr>/g) ?? []) expect((row.match(/<td/g) ?? []).length).toBe(heads)
    const markdown = renderComparisonMarkdown(comparison)
    expect(markdown).toContain('| run | scope | metric | run 1 | this run | change | p (two-sided) | test | verdict |')
  }, 60_000)
})

describe('the compare page on unpaired runs', () => {
  test('the z column stays, and the verdict rule is the two-sided p', async () => {
    const comparison = compareRuns(namedRuns())
    expect(comparison.testing[1]?.paired).toBe(false)
    const html = await renderComparePage(comparison)
    expect(html).toContain('<th>z (+ = better)</th>')
    expect(glanceSubtitle(html)).toContain('with its verdict, at two-sided p &lt; 0.05, as the note above says')
    expect(renderComparisonMarkdown(comparison)).toContain('| change | z | p (two-sided) |')
  }, 60_000)
})

// Adversarial pass 67, F7: a slice's drop of 0.20 with p 0.0051 read "no clear change", beside a
// gate that failed it (one entry's family, one-sided): a p below the level that Holm's correction
// does not reject now says so.
describe('a change whose p is below 0.05 but not below Holm\'s level', () => {
  const change = (pValue: number, holm?: MetricChange['holm']): MetricChange => ({ change: -0.1978, pValue, verdict: 'no clear change', test: 'paired-mean', ...(holm ? { holm } : {}) })

  test('reads "not significant after correcting for N tests"; other no-clear-change rows keep their words', () => {
    expect(verdictWords(change(0.0051, { level: 0.0022, familySize: 24 }))).toBe('not significant after correcting for 24 tests')
    expect(formatChangeCell(change(0.0051, { level: 0.0022, familySize: 24 }))).toBe('-0.1978 (p 0.0051, not significant after correcting for 24 tests)')
    expect(verdictWords(change(0.2, { level: 0.0022, familySize: 24 }))).toBe('no clear change')
    expect(verdictWords(change(0.0051))).toBe('no clear change')
    expect(verdictWords(change(0.0051, { level: 0.05, familySize: 3, leftOut: true }))).toBe('no clear change')
    expect(verdictWords({ ...change(0.0051, { level: 0.0022, familySize: 24 }), verdict: 'worse' })).toBe('worse')
  })
})
