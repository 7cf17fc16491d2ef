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

  test('toOutperform on a text type without { metric } says to name one (was: metric "mean_absolute_error" not found)', async () => {
    const qa = await evaluate({ data: rows, targets: 'answer', predictions: 'reply', modelType: 'question-answering', intervals: false })
    expect(() => expect(qa).toOutperform(qa)).toThrow("toOutperform on a question-answering run needs { metric }: there is no single default metric for this type; e.g. 'exact_match/v1'")
  })
})
