/**
 * The metrics a text-type baseline tracks by default: the reference-based means and toxicity, not
 * the grade levels of the outputs, where the outputs have references. A better QA model whose
 * answers used longer words failed its baseline on ari_grade_level.
 */
import { describe, expect, test } from 'vitest'
import { trackedMetricNames } from '../../src/baselines/entry.js'
import { evaluate } from '../../src/evaluate/index.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import '../../src/vitest/matcher-types.js'

expect.extend(evalgateMatchers)

const rows = Array.from({ length: 40 }, (_, i) => ({ id: i, question: `q${i}`, answer: i % 2 ? 'Paris' : 'Berlin', reply: i % 3 ? 'Paris' : 'insufficient information available' }))

describe('default tracked metrics of text types', () => {
  test('question answering tracks exact match, not the grade levels; the text type tracks the grade levels', async () => {
    const qa = await evaluate({ data: rows, targets: 'answer', predictions: 'reply', modelType: 'question-answering', intervals: false })
    const tracked = trackedMetricNames(qa, {})
    expect(tracked).toContain('exact_match/v1')
    expect(tracked.some((name) => /grade_level/.test(name))).toBe(false)
    expect(Object.keys(qa.metrics).some((name) => /grade_level/.test(name))).toBe(true)
    const text = await evaluate({ data: rows, predictions: 'reply', modelType: 'text', intervals: false })
    expect(trackedMetricNames(text, {}).some((name) => /^ari_grade_level\//.test(name))).toBe(true)
  })

  // Upgrade pass 22p: an entry written by an earlier version kept a QA model's grade levels, and a
  // better model (more right answers, in longer words) failed CI on ari_grade_level.
  test("an earlier version's entry holding a QA run's grade levels does not gate them, with a note; other stored metrics are compared", async () => {
    const { createBaselineEntry } = await import('../../src/baselines/entry.js')
    const { compareWithBaseline } = await import('../../src/baselines/verdict.js')
    // wrong answers: 'no' before, one long word after; right answers: 50% before, 60% after
    const qaRows = Array.from({ length: 200 }, (_, i) => ({ id: i, question: `q${i}`, answer: i % 2 ? 'Paris' : 'Berlin' }))
    const answered = (rightEvery: number, wrong: string) => qaRows.map((row, i) => ({ ...row, reply: i % 10 < rightEvery ? row.answer : wrong }))
    const baseline = await evaluate({ data: answered(5, 'no'), targets: 'answer', predictions: 'reply', modelType: 'question-answering', intervals: false })
    const entry = createBaselineEntry(baseline, { metrics: trackedMetricNames(baseline, {}).concat('ari_grade_level/v1/mean', 'flesch_kincaid_grade_level/v1/mean') })
    const current = await evaluate({ data: answered(6, 'incomprehensibilities'), targets: 'answer', predictions: 'reply', modelType: 'question-answering', intervals: false })
    expect(current.metrics['exact_match/v1']).toBeGreaterThan(baseline.metrics['exact_match/v1'])
    expect(current.metrics['ari_grade_level/v1/mean']).toBeGreaterThan(baseline.metrics['ari_grade_level/v1/mean'] + 3)
    const verdict = compareWithBaseline(entry, current)
    expect(verdict.status).toBe('passed')
    expect(verdict.rows.map((row) => row.metric)).not.toContain('ari_grade_level/v1/mean')
    expect(verdict.notes).toContain(
      "the entry also holds ari_grade_level/v1/mean, flesch_kincaid_grade_level/v1/mean, not compared: grade levels describe a question-answering run's outputs without judging them (a better model may answer in longer words), so they are gated only when the metrics option names them (the entry was written by an earlier version); `vitest -u` drops them from the entry",
    )
    // named in `metrics`, they are gated as before
    expect(compareWithBaseline(entry, current, { metrics: ['exact_match/v1', 'ari_grade_level/v1/mean'] }).status).toBe('failed')
    // any other stored metric is still compared: one the run no longer has is missing, and fails
    const custom = createBaselineEntry(baseline, { metrics: ['exact_match/v1', 'concise_rate'] })
    custom.metrics.concise_rate = { value: 0.5, greaterIsBetter: true }
    expect(compareWithBaseline(custom, current).rows.find((row) => row.metric === 'concise_rate')?.verdict).toBe('missing')
  })

  test('toOutperform on a text type without { metric } says to name one (was: metric "mean_absolute_error" not found)', async () => {
    const qa = await evaluate({ data: rows, targets: 'answer', predictions: 'reply', modelType: 'question-answering', intervals: false })
    expect(() => expect(qa).toOutperform(qa)).toThrow("toOutperform on a question-answering run needs { metric }: there is no single default metric for this type; e.g. 'exact_match/v1'")
    // a text run without a toxicity scorer: its one directed metric is the share of non-empty outputs (the hint said "e.g. (none)")
    const text = await evaluate({ data: rows.map((row) => ({ reply: row.reply })), predictions: 'reply', modelType: 'text', intervals: false })
    expect(() => expect(text).toOutperform(text)).toThrow("toOutperform on a text run needs { metric }: there is no single default metric for this type; e.g. 'non_empty_output_rate'")
  })
})

describe('custom metrics on text types', () => {
  test('the table says its model type and holds outputs, targets and scores; the baseline keeps the outputs, so it is compared paired (else a note says why not)', async () => {
    const { defineMetric } = await import('../../src/evaluate/index.js')
    const { createBaselineEntry } = await import('../../src/baselines/entry.js')
    const { compareWithBaseline } = await import('../../src/baselines/verdict.js')
    const seen: string[] = []
    const concise = defineMetric({
      name: 'concise_rate',
      greaterIsBetter: true,
      fn: (table) => {
        seen.push(table.modelType)
        if (table.modelType !== 'question-answering') return Number.NaN
        expect(Object.keys(table.scores)).toContain('exact_match/v1')
        return table.predictions.filter((p) => String(p).split(' ').length <= 2).length / table.rowCount
      },
    })
    const qa = await evaluate({ data: rows, targets: 'answer', predictions: 'reply', modelType: 'question-answering', extraMetrics: [concise], intervals: false })
    expect(seen[0]).toBe('question-answering')
    expect(qa.metrics.concise_rate).toBeCloseTo(26 / 40, 12)
    const wordier = rows.map((row, i) => (i % 2 === 0 ? { ...row, reply: 'it is Paris' } : row))
    const worse = await evaluate({ data: wordier, targets: 'answer', predictions: 'reply', modelType: 'question-answering', extraMetrics: [concise], intervals: false })
    const entry = createBaselineEntry(qa)
    const verdict = compareWithBaseline(entry, worse, { metrics: ['concise_rate'], allowDataChange: true })
    expect(verdict.rows.find((r) => r.metric === 'concise_rate' && r.slice === undefined)?.test).toBe('paired-resample')
    expect(verdict.notes.join('\n')).not.toContain('not the outputs')
    // An entry without them (an earlier version's, or above the caps): unpaired, and the note says why.
    delete entry.outputTexts
    const older = compareWithBaseline(entry, worse, { metrics: ['concise_rate'], allowDataChange: true })
    expect(older.notes.join('\n')).toContain('the question-answering baseline entry stores the per-row scores but not the outputs: an earlier evalgate wrote it, or its outputs were above the 2 MB it stores (this run\'s are 523 bytes, 40 rows)')
    expect(older.notes.join('\n')).not.toContain('stores no per-example predictions')
  })
})
