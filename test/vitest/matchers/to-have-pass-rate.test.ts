// toHavePassRate: the share of rows whose per-row score passes a threshold, Wilson interval, and
// a failure that lists the worst rows with their text.
import { beforeAll, describe, expect, test } from 'vitest'
import { evaluate } from '../../../src/evaluate/index.js'
import { linkRunTable, type RunTable } from '../../../src/run/run-table.js'
import type { EvalRun } from '../../../src/run/types.js'
import { evalgateMatchers } from '../../../src/vitest/matchers/index.js'
import { wilsonInterval } from '../../../src/stats/wilson-interval.js'
import '../../../src/vitest/matcher-types.js'
import { handBuiltRun } from '../hand-built-run.js'

function messageOf(fn: () => void): string {
  try {
    fn()
  } catch (error) {
    // eslint-disable-next-line no-control-regex
    return (error as Error).message.replace(/\u001b\[\d+m/g, '')
  }
  throw new Error('expected an error')
}

beforeAll(() => {
  expect.extend(evalgateMatchers)
})

const outputs = ['Paris', 'paris', 'Berlin', 'Rome', 'Madrid', 'Lisbon', 'Oslo', 'Bern', 'Vienna', 'Prague']
const targets = ['Paris', 'Paris', 'Berlin', 'Rome', 'Madrid', 'Lisboa', 'Oslo', 'Bern', 'Wien', 'Prague']
const exact = Float64Array.from(outputs, (o, i) => (o === targets[i] ? 1 : 0))
const toxicity = Float64Array.of(0.1, 0.2, 0.9, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1, 0.1)

/** A question-answering run of 10 rows: 7 exact matches; a slice `region=north` of rows 6-9. */
function qaRun(withTable = true): EvalRun {
  const run = handBuiltRun({ metrics: { 'exact_match/v1': 0.7, 'toxicity/v1/mean': 0.24 }, exampleCount: 10 })
  run.modelType = 'question-answering' as EvalRun['modelType']
  run.greaterIsBetter = { 'exact_match/v1': true, 'toxicity/v1/mean': false }
  run.sliceColumns = ['region']
  run.slices = { 'region=north': { key: 'region=north', columns: ['region'], values: ['north'], exampleCount: 4, metrics: { 'exact_match/v1': 0.75 }, intervals: {}, notes: [] } }
  run.artifacts = [
    {
      name: 'eval_results_table',
      fileName: 'eval_results_table.csv',
      builtin: true,
      content: {
        type: 'rows',
        columns: ['row', 'outputs', 'targets', 'exact_match/v1/score'],
        rows: outputs.map((o, i) => ({ row: i + 1, outputs: o, targets: targets[i], 'exact_match/v1/score': exact[i] })),
      },
    },
  ]
  if (withTable) {
    const table: RunTable = {
      version: 1,
      modelType: 'question-answering',
      rowCount: 10,
      columnNames: [],
      columns: {},
      inputColumns: [],
      encoded: { settings: {}, columns: { outputs, targets, 'exact_match/v1/score': exact, 'toxicity/v1/score': toxicity } },
      slices: { 'region=north': Int32Array.of(6, 7, 8, 9) },
    }
    linkRunTable(run, table)
  }
  return run
}

describe('toHavePassRate', () => {
  test('passes when the share of passing rows reaches min; exact_match finds exact_match/v1/score', () => {
    const run = qaRun()
    expect(run).toHavePassRate('exact_match', { min: 0.7 })
    expect(run).toHavePassRate('exact_match/v1', { min: 0.6 })
    expect(run).not.toHavePassRate('exact_match/v1/score', { min: 0.8 })
  })

  test('a failure names the rule, the count, the Wilson interval and the worst rows with their text', () => {
    const message = messageOf(() => expect(qaRun()).toHavePassRate('exact_match', { min: 0.9 }))
    const { lower, upper } = wilsonInterval(7, 10, 0.95)
    expect(lower).toBeCloseTo(0.3968, 4)
    expect(upper).toBeCloseTo(0.8922, 4)
    expect(message).toContain('pass_rate[exact_match/v1 >= 0.5] should be >= 0.9')
    expect(message).toContain('Received: 0.7')
    expect(message).toContain('Interval: 95% interval [0.3968, 0.8922] (wilson)')
    expect(message).toContain('Examples: 10 examples')
    expect(message).toContain(
      [
        'Passing: 7 of 10 rows (exact_match/v1 >= 0.5)',
        'Worst failing rows:',
        '  row 2: exact_match/v1/score 0, output "paris", target "Paris"',
        '  row 6: exact_match/v1/score 0, output "Lisbon", target "Lisboa"',
        '  row 9: exact_match/v1/score 0, output "Vienna", target "Wien"',
      ].join('\n'),
    )
  })

  test('lower-is-better scores pass below the threshold; worst rows are the highest', () => {
    const run = qaRun()
    // toxicity: rows 3 (0.9) and 6 (0.6) are at or above 0.5 -> 8 of 10 pass
    expect(run).toHavePassRate('toxicity/v1', { min: 0.8 })
    const message = messageOf(() => expect(run).toHavePassRate('toxicity/v1/mean', { min: 0.9, threshold: 0.15 }))
    // below 0.15: the seven rows scoring 0.1
    expect(message).toContain('Passing: 7 of 10 rows (toxicity/v1 < 0.15)')
    expect(message).toContain('Worst failing rows:\n  row 3: toxicity/v1/score 0.9, output "Berlin", target "Berlin"\n  row 6: toxicity/v1/score 0.6, output "Lisbon", target "Lisboa"\n  row 2: toxicity/v1/score 0.2')
  })

  test('a misspelled key is an error naming it, not the whole run in place of the slice', () => {
    expect(messageOf(() => expect(qaRun()).toHavePassRate('exact_match', { min: 0.75, slices: 'region=north' } as never))).toContain(
      'toHavePassRate: unknown option "slices" in the expectation; did you mean "slice"?',
    )
  })

  test('on a slice: the rows of the run table', () => {
    const run = qaRun()
    // rows 7-10: Oslo, Bern, Vienna (miss), Prague -> 3 of 4
    expect(run).toHavePassRate('exact_match', { min: 0.75, slice: 'region=north' })
    expect(messageOf(() => expect(run).toHavePassRate('exact_match', { min: 0.8, slice: 'north' }))).toContain('pass_rate[exact_match/v1 >= 0.5][region=north] should be >= 0.8')
  })

  test('on a slice of a column evaluate() did not declare: its rows grouped from the run table, as the other slice matchers do', async () => {
    const data = outputs.map((output, i) => ({ question: `q${i}`, answer: output, gold: targets[i], flag: i >= 6 ? 'late' : 'early' }))
    const run = await evaluate({ data, modelType: 'question-answering', targets: 'gold', predictions: 'answer', intervals: false })
    // rows 7-10 (flag=late): Oslo, Bern, Vienna (a miss), Prague -> 3 of 4
    expect(run).toHavePassRate('exact_match', { min: 0.75, slice: 'flag=late' })
    expect(messageOf(() => expect(run).toHavePassRate('exact_match', { min: 0.8, slice: 'flag=late' }))).toContain('pass_rate[exact_match/v1 >= 0.5][flag=late] should be >= 0.8')
    expect(messageOf(() => expect(run).toHavePassRate('exact_match', { min: 0.9, slice: 'flag=early' }))).toContain('flag=early')
  })

  test('a classifier or regressor run: the matcher says it is for the per-row scores of the text types', async () => {
    const run = await evaluate({ data: [{ y: 'a', p: 'a' }, { y: 'b', p: 'a' }], modelType: 'classifier', targets: 'y', predictions: 'p', intervals: false })
    expect(messageOf(() => expect(run).toHavePassRate('accuracy_score', { min: 0.5 }))).toBe(
      'toHavePassRate: a classifier run has no per-row scores; the matcher is for the per-row scores of the text, question-answering, text-summarization and retriever types (\'exact_match\', \'rouge1/v1\', \'precision_at_3\'); assert on "accuracy_score" with toHaveMetric',
    )
  })

  test('a run read back from JSON uses its complete eval_results_table', () => {
    const run = JSON.parse(JSON.stringify(qaRun(false))) as EvalRun
    expect(run).toHavePassRate('exact_match', { min: 0.7 })
    expect(messageOf(() => expect(run).toHavePassRate('exact_match', { min: 0.9 }))).toContain('  row 6: exact_match/v1/score 0, output "Lisbon", target "Lisboa"')
  })

  test('mistakes are errors that say what to pass', () => {
    const run = qaRun()
    expect(messageOf(() => expect(run).toHavePassRate('rouge1', { min: 0.5 }))).toBe('toHavePassRate: no per-row scores for "rouge1"; the run has: exact_match/v1/score, toxicity/v1/score')
    expect(messageOf(() => expect(run).toHavePassRate('exact_match', { min: 90 }))).toBe('toHavePassRate: pass { min } with a share between 0 and 1 (0.9 for 90%), received 90')
    expect(messageOf(() => expect(handBuiltRun()).toHavePassRate('exact_match', { min: 0.5 }))).toContain('toHavePassRate: the run has no per-row scores in memory and no complete eval_results_table (modelType classifier)')
    // adversarial pass 67, F5: a near miss of a name the matcher takes gets a suggestion
    expect(messageOf(() => expect(run).toHavePassRate('exact-match', { min: 0.5 }))).toBe('toHavePassRate: no per-row scores for "exact-match"; did you mean "exact_match"? the run has: exact_match/v1/score, toxicity/v1/score')
  })

  // Adversarial pass 67, F5: a retriever's id lists are kept as their JSON in the run table, and
  // the failing rows quoted them again: output "[\"x\",\"y\",\"z\"]".
  test("a retriever's failing rows show its lists as JSON, a QA row's text quoted", async () => {
    const data = Array.from({ length: 8 }, (_, i) => ({ query: `q${i}`, relevant: [`d${i}`, 'e1'], retrieved: i < 2 ? [`d${i}`] : ['x', 'y', 'z'] }))
    const run = await evaluate({ data, targets: 'relevant', predictions: 'retrieved', modelType: 'retriever', k: 3, intervals: false })
    const message = messageOf(() => expect(run).toHavePassRate('precision_at_3', { min: 0.9, threshold: 0.3 }))
    expect(message).toContain('  row 3: precision_at_3/score 0, output ["x","y","z"], target ["d2","e1"]')
    const qa = await evaluate({ data: [{ q: 'a', answer: 'Paris', reply: '["Paris"]' }, { q: 'b', answer: 'Rome', reply: 'Rome' }], targets: 'answer', predictions: 'reply', modelType: 'question-answering', intervals: false })
    expect(messageOf(() => expect(qa).toHavePassRate('exact_match', { min: 0.9 }))).toContain('row 1: exact_match/v1/score 0, output "[\\"Paris\\"]", target "Paris"')
  })
})
