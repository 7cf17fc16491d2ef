// Bounded metrics of the text types (adversarial pass 32): a threshold, an allowed drop or a margin
// of 85 on exact_match, ROUGE or ndcg@k passed silently (85 met nothing, a tolerance of 5 let any
// drop through) where accuracy's asked "did you mean 0.85?"; toOutperform took a metric with no
// better direction (a token count) as greater-is-better.
import { beforeAll, describe, expect, test } from 'vitest'
import { evaluate } from '../../src/index.js'
import { metricRange } from '../../src/metrics/index.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import { resolveBaselineOptions } from '../../src/vitest/matchers/baseline-options.js'
import '../../src/vitest/matcher-types.js'

beforeAll(() => {
  expect.extend(evalgateMatchers)
})

const qaRows = Array.from({ length: 40 }, (_, i) => ({ q: `question ${i}`, answer: `answer ${i % 7}`, good: `answer ${i % 7}`, short: i % 3 === 0 ? 'x' : `answer ${i % 7}`, long: `answer ${i % 7} and a great many more words besides` }))
const qa = (column: string) => evaluate({ data: qaRows, targets: 'answer', predictions: column, modelType: 'question-answering', intervals: false })
const retrieverRows = Array.from({ length: 30 }, (_, i) => ({ query: `q${i}`, relevant: [`d${i}`], hits: [`d${i}`, 'other', 'more'] }))

describe('the ranges of the text types\' metrics', () => {
  test('exact match, SQuAD, ROUGE, toxicity and @k aggregates lie in [0, 1]; token counts and grade levels are unbounded', () => {
    for (const name of ['exact_match/v1', 'non_empty_output_rate', 'squad_f1/v1/mean', 'rougeLsum/v1/p90', 'toxicity/v1/ratio', 'ndcg_at_3/mean', 'precision_at_10/variance']) expect(metricRange(name)).toEqual([0, 1])
    for (const name of ['token_count/v1/mean', 'flesch_kincaid_grade_level/v1/p90', 'ari_grade_level/v1/mean', 'ndcg_at_0/mean', 'my_metric']) expect(metricRange(name)).toBeUndefined()
  })

  test('a threshold of 85 on exact_match asks for 0.85; on a token count it is a threshold like any other', async () => {
    const run = await qa('good')
    expect(() => expect(run).toHaveMetric('exact_match/v1', 85)).toThrow('toHaveMetric: threshold 85 for exact_match/v1 is out of range: exact_match/v1 lies between 0 and 1; did you mean 0.85? (thresholds are fractions, not percentages)')
    expect(run).toHaveMetric('token_count/v1/mean', { max: 85 })
  })

  test('a tolerance as wide as the range lets no drop fail: an error for question answering and the retriever too', async () => {
    const run = await qa('good')
    expect(() => resolveBaselineOptions(run, {}, { tolerance: 5 })).toThrow('tolerance 5 allows exact_match/v1 (between 0 and 1) to fall by 5, so the gate could never fail; did you mean 0.05?')
    expect(() => resolveBaselineOptions(run, {}, { minAbsoluteChange: -2 })).toThrow('minAbsoluteChange -2 allows exact_match/v1 (between 0 and 1) to fall by 2')
    const retrieved = await evaluate({ data: retrieverRows, targets: 'relevant', predictions: 'hits', modelType: 'retriever', intervals: false })
    expect(() => resolveBaselineOptions(retrieved, {}, { perMetric: { 'ndcg_at_3/mean': { tolerance: 1.5 } } })).toThrow('tolerance 1.5 allows ndcg_at_3/mean (between 0 and 1) to fall by 1.5')
    expect(resolveBaselineOptions(run, {}, { tolerance: 0.05 }).tolerance).toBe(0.05)
  })

  test('toOutperform: a margin of 5 on exact_match asks for 0.05; a metric with no better direction is refused', async () => {
    const good = await qa('good')
    const short = await qa('short')
    expect(good).toOutperform(short, { metric: 'exact_match/v1' })
    expect(() => expect(good).toOutperform(short, { metric: 'exact_match/v1', margin: 5 })).toThrow('toOutperform: margin 5 for exact_match/v1 is out of range: exact_match/v1 differences lie between 0 and 1; did you mean 0.05?')
    const long = await qa('long')
    expect(() => expect(long).toOutperform(short, { metric: 'token_count/v1/mean' })).toThrow(
      'toOutperform: token_count/v1/mean has no better direction (it describes the outputs, not how good they are), so neither model can outperform the other on it; check its value with toHaveMetric, or compare on a metric with a direction, e.g. ',
    )
    expect(() => expect(long).not.toOutperform(short, { metric: 'token_count/v1/p90' })).toThrow('token_count/v1/p90 has no better direction')
  })
})

describe('thresholds the gate and toHavePassRate take (adversarial pass 34: out of range, they passed silently on a lower-is-better metric)', () => {
  test("toMatchBaseline's threshold on a bounded metric asks for the fraction", async () => {
    const run = await qa('good')
    expect(() => resolveBaselineOptions(run, {}, { perMetric: { 'exact_match/v1': { threshold: 85 } } })).toThrow('threshold 85 for exact_match/v1 is out of range: exact_match/v1 lies between 0 and 1; did you mean 0.85?')
    expect(() => resolveBaselineOptions(run, {}, { threshold: -0.5 })).toThrow('threshold -0.5 for exact_match/v1 is out of range')
    expect(resolveBaselineOptions(run, {}, { perMetric: { 'token_count/v1/mean': { threshold: 85 } } }).perMetric).toBeDefined()
  })

  test("toHavePassRate's row threshold on a score in [0, 1] asks for the fraction; a token count takes any", async () => {
    const run = await qa('good')
    expect(() => expect(run).toHavePassRate('exact_match', { min: 0.5, threshold: 50 })).toThrow('toHavePassRate: threshold 50 for exact_match/v1 is out of range: exact_match/v1 lies between 0 and 1; did you mean 0.5?')
    expect(run).toHavePassRate('exact_match', { min: 0.5, threshold: 0.5 })
  })
})
