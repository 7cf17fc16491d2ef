// Long plot labels stay distinct (adversarial pass 14e: a 7-class confusion matrix read
// `very_long_label_n…` seven times, 12 slice bars all `store=Supermarché Großsta…`), the full label
// stays in the SVG (aria-label) and the report says where the full names are; per-class F1 bars
// are not drawn red by a cut-off nobody set.
import { describe, expect, test } from 'vitest'
import type { ConfusionMatrix, SliceResult } from '../../src/run/types.js'
import { confusionMatrixSpec } from '../../src/reporter/plots/confusion-matrix.js'
import { distinctShortLabels } from '../../src/reporter/plots/distinct-labels.js'
import { sliceBarsSpec } from '../../src/reporter/plots/slice-bars.js'
import { renderVegaSvg } from '../../src/reporter/plots/vega-svg.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { manyClassMeta } from '../fixtures/reporter/eval-runs.js'

const LONG_CLASSES = Array.from({ length: 7 }, (_, i) => `very_long_label_name_for_category_number_${i}_with_extra_words`)
const STORES = ['Nord', 'Süd', 'Ost', 'West', 'Mitte', 'Hafen', 'Altstadt', 'Flughafen', 'Bahnhof', 'Messe', 'Uni', 'Zoo'].map((n) => `store=Supermarché Großstadt Filiale ${n}`)

/** The texts of the tick labels of each axis, in the order the SVG draws the axes. */
function axisLabels(svg: string): string[][] {
  const groups = [...svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/g)].map((m) => m[1])
  return groups.map((group) => [...group.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1]))
}

function matrix(labels: string[]): ConfusionMatrix {
  return { labels, counts: labels.map((_, i) => labels.map((_, j) => (i === j ? 10 : 1))) }
}

function slices(keys: string[]): SliceResult[] {
  return keys.map((key, i) => ({ key, exampleCount: 50, metrics: { accuracy_score: 0.5 + i / 40 }, intervals: {}, notes: [] }) as unknown as SliceResult)
}

describe('distinctShortLabels', () => {
  test('labels that differ only in the middle keep the part that differs, within the limit', () => {
    const short = distinctShortLabels(LONG_CLASSES, 18)
    expect(new Set(short).size).toBe(7)
    short.forEach((text, i) => {
      expect([...text].length).toBeLessThanOrEqual(18)
      expect(text).toContain(String(i))
    })
  })

  test('labels that differ at their end keep their end; labels that fit are kept whole', () => {
    const short = distinctShortLabels([...STORES, 'store=B'], 26)
    expect(new Set(short).size).toBe(13)
    expect(short[0]).toMatch(/Nord$/)
    expect(short[12]).toBe('store=B')
  })

  test('labels that differ in many places are numbered', () => {
    const labels = ['aXbbbbbbbbbbbbbbbbbbbbbbbbbbYc', 'aYbbbbbbbbbbbbbbbbbbbbbbbbbbXc']
    const short = distinctShortLabels(labels, 10)
    expect(new Set(short).size).toBe(2)
    short.forEach((text) => expect([...text].length).toBeLessThanOrEqual(10))
  })
})

describe('plot tick labels', () => {
  test('a 7-class confusion matrix of long names shows 7 distinct names on each axis, the full name as aria-label', async () => {
    const svg = await renderVegaSvg(confusionMatrixSpec(matrix(LONG_CLASSES), false))
    const axes = axisLabels(svg)
    expect(axes).toHaveLength(2)
    for (const labels of axes) {
      expect(labels).toHaveLength(7)
      expect(new Set(labels).size).toBe(7)
    }
    for (const label of LONG_CLASSES) expect(svg).toContain(`aria-label="${label}"`)
  })

  test('22 classes (smaller labels): distinct, and never cut again by Vega at its label limit (a cut form keeps the label\'s end)', async () => {
    const labels = Array.from({ length: 22 }, (_, i) => (i % 3 === 0 ? `класс-${i}` : i % 3 === 1 ? `very_long_label_name_for_category_number_${i}_with_extra_words` : `c${i}`))
    const svg = await renderVegaSvg(confusionMatrixSpec(matrix(labels), true))
    for (const texts of axisLabels(svg)) {
      expect(new Set(texts).size).toBe(22)
      for (const text of texts) expect(text).not.toMatch(/…$/)
    }
  })

  test('12 slices of one long prefix show 12 distinct keys', async () => {
    const svg = await renderVegaSvg(sliceBarsSpec(slices(STORES), 'accuracy_score', 0.7, true))
    // The value axis first, then the slice axis.
    const labels = axisLabels(svg)[1]
    expect(labels).toHaveLength(12)
    expect(new Set(labels).size).toBe(12)
  })

  test('a long label with emoji is cut between code points, within the limit Vega measures in UTF-16 units, so no half of a pair becomes U+FFFD (adversarial pass 65)', async () => {
    const emoji = STORES.map((key, i) => (i === 0 ? `col<b>"x"|\`\\=@=😀 emoji 👨‍👩‍👧 ${key}` : key))
    const svg = await renderVegaSvg(sliceBarsSpec(slices(emoji), 'accuracy_score', 0.7, true))
    expect(svg).not.toContain('\uFFFD')
    for (const label of distinctShortLabels(['😀😀😀😀😀😀😀😀😀😀😀😀 end', 'plain'], 10)) {
      expect(label.length).toBeLessThanOrEqual(10)
      expect(label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    }
  })

  test('labels from the data stay escaped once shortened', async () => {
    const hostile = STORES.map((key, i) => (i === 0 ? `${key} <script>alert(1)</script>` : key))
    const svg = await renderVegaSvg(sliceBarsSpec(slices(hostile), 'accuracy_score', 0.7, true))
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;/script&gt;')
  })
})

describe('report', () => {
  function reported(): ReportedTest {
    const meta = manyClassMeta()
    // Every class below 0.5, as in a hard 25-class task: nothing failed.
    for (const row of meta.runs[0].perClass!) row.f1 = 0.3
    return { file: 'evals/intents.eval.ts', suitePath: [], name: 'intents', fullName: 'intents', state: 'passed', durationMs: 1, errors: [], meta }
  }

  test('says under the confusion matrix that long class names are shortened and where the full ones are', async () => {
    const content = await buildReportContent([reported()], { html: true, summary: false, junitInFolder: false, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    const html = content.files.get('index.html')!.toString()
    expect(html).toMatch(/confusion_matrix\.svg<\/a> · Long class names are shortened \(… marks a cut\); the full ones are in the Per class table\./)
  })

  test('per-class F1 bars below 0.5 are not drawn as failing when nothing failed', async () => {
    const content = await buildReportContent([reported()], { html: true, summary: false, junitInFolder: false, maxMisclassifiedRows: 20, maxCurveClasses: 10 })
    const html = content.files.get('index.html')!.toString()
    const perClass = /<table class="per-class">.*?<\/table>/s.exec(html)![0]
    expect(perClass).toContain('class="bar"')
    expect(perClass).not.toMatch(/class="bar [^"]+"/)
    expect(html).not.toContain('.bar.low')
  })
})

describe('slice bars of many slices', () => {
  test('the worst 50 and every failed slice are drawn, with a note saying how many of how many (2,000 bars drew a 48,071 px image: adversarial pass 60)', async () => {
    const { renderRunPlots, MAX_SLICE_BARS } = await import('../../src/reporter/plots/run-plots.js')
    const { handBuiltRun } = await import('../vitest/hand-built-run.js')
    const run = handBuiltRun({ metrics: { accuracy_score: 0.8 } })
    run.greaterIsBetter = { accuracy_score: true }
    run.sliceColumns = ['shop']
    run.slices = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`shop=s${i}`, { key: `shop=s${i}`, columns: ['shop'], values: [`s${i}`], exampleCount: 40, metrics: { accuracy_score: 0.5 + (i % 200) / 400 + i / 1e6 }, intervals: {}, notes: [] }]),
    ) as unknown as typeof run.slices
    const plots = await renderRunPlots(run, { failedSlices: new Set(['shop=s399']) })
    const bars = plots.find((plot) => plot.fileName === 'slices.svg')!
    expect(bars.note).toContain(`Showing the ${MAX_SLICE_BARS + 1} worst and failed of 400 slices; every slice is in the Slices table and slices.csv.`)
    // the failed slice, the best of all, is drawn; a passing slice beyond the worst 50 is not
    expect(bars.svg).toContain('shop=s399')
    expect(bars.svg).not.toContain('shop=s398')
    // every slice failed: the worst 100 are drawn, not 400
    const all = await renderRunPlots(run, { failedSlices: new Set(Object.keys(run.slices)) })
    expect(all.find((plot) => plot.fileName === 'slices.svg')!.note).toContain(`Showing the ${2 * MAX_SLICE_BARS} worst and failed of 400 slices`)
  }, 60_000)
})
