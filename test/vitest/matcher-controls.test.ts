// Names from the data (slice values, labels, metric and run names) in the matchers' failure
// messages and errors: control and bidi characters are shown as escapes (`\x1b`, `\u202e`), so a
// value cannot retitle or clear the terminal or CI log that prints a failure (adversarial pass 23t).
import { beforeAll, describe, expect, test } from 'vitest'
import { renderBaselineTable } from '../../src/baselines/diff-table.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import '../../src/vitest/matcher-types.js'
import { handBuiltRun } from './hand-built-run.js'

/** A slice value that retitles the terminal, rings its bell, clears it, turns it red and reverses the line. */
const HOSTILE = 'web\u001b]0;PWNED\u0007\u001b[2J\u001b[31m\u202e'
const SHOWN = 'web\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[31m\\u202e'
/** A class label that paints the terminal's background. */
const LABEL = 'neg\u001b[41m'

/** The failure message (or the thrown error's message) of `check`. */
function messageOf(check: () => void): string {
  try {
    check()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the check to fail')
}

/** Throws when `text` holds a raw control from the data (the matcher's own colours are `ESC[<n>m` outside it). */
function expectNoRawDataControls(text: string): void {
  expect(text).not.toContain('\u0007')
  expect(text).not.toContain('\u202e')
  expect(text).not.toContain('\u001b]0;')
  expect(text).not.toContain('\u001b[2J')
  expect(text).not.toContain('\u001b[41m')
}

beforeAll(() => {
  expect.extend(evalgateMatchers)
})

describe('failure messages show the data\'s control characters as escapes', () => {
  const run = () => {
    const built = handBuiltRun({ slices: { [`category=${HOSTILE}`]: { metrics: { accuracy_score: 0.5, f1_score: 0.5 }, exampleCount: 200 }, 'category=ok': { metrics: { accuracy_score: 0.9, f1_score: 0.9 }, exampleCount: 200 } } })
    built.confusionMatrix = { labels: [LABEL, 'pos'], counts: [[80, 20], [10, 90]] }
    return built
  }

  test('toHaveSliceF1 and toHaveSliceMetric name the slice with its controls visible', () => {
    const f1 = messageOf(() => expect(run()).toHaveSliceF1(`category=${HOSTILE}`, 0.99))
    expect(f1).toContain(`f1_score[category=${SHOWN}] should be >= 0.99`)
    expect(f1).toContain(`examples in slice category=${SHOWN}`)
    expectNoRawDataControls(f1)
    expectNoRawDataControls(messageOf(() => expect(run()).toHaveSliceMetric(`category=${HOSTILE}`, 'accuracy_score', 0.99)))
  })

  test('toHaveConfusionRate names the label with its controls visible', () => {
    const message = messageOf(() => expect(run()).toHaveConfusionRate({ actual: LABEL, predicted: 'pos', max: 0.01 }))
    expect(message).toContain('confusion_rate[neg\\x1b[41m->pos] should be <= 0.01')
    expectNoRawDataControls(message)
  })

  test('toHaveSliceGap lists the slices with their controls visible', () => {
    const message = messageOf(() => expect(run()).toHaveSliceGap({ column: 'category', metric: 'accuracy_score', max: 0.01 }))
    expect(message).toContain(`worst category=${SHOWN}`)
    expectNoRawDataControls(message)
  })

  test('an error naming data (a slice or label not found, listing those that exist) shows the controls too', () => {
    const missing = messageOf(() => expect(run()).toHaveSliceF1('category=nope', 0.5))
    expect(missing).toContain(`category=${SHOWN}`)
    expectNoRawDataControls(missing)
    const label = messageOf(() => expect(run()).toHaveConfusionRate({ actual: 'x', predicted: 'pos', max: 0.1 }))
    expect(label).toContain('labels are: neg\\x1b[41m, pos')
    expectNoRawDataControls(label)
  })

  test("toMatchBaseline's table shows a slice row's controls as escapes, its columns still lined up", () => {
    const row = { baseline: 0.9, current: 0.5, change: -0.4, allowed: '0 (tolerance)', verdict: 'fail' as const, greaterIsBetter: true }
    const lines = renderBaselineTable([{ ...row, metric: 'accuracy_score', slice: `seg=${HOSTILE}` }, { ...row, metric: 'accuracy_score' }]).split('\n')
    expect(lines[1].startsWith(`accuracy_score[seg=${SHOWN}]  0.9000`)).toBe(true)
    expect(lines[2].indexOf('0.9000')).toBe(lines[1].indexOf('0.9000'))
    expectNoRawDataControls(lines.join('\n'))
  })
})
