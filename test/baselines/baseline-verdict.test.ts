import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline, recasedSlices, toComparison } from '../../src/baselines/verdict.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { handBuiltRun, outcomes } from '../vitest/hand-built-run.js'

const rowOf = (verdict: ReturnType<typeof compareWithBaseline>, metric: string, slice?: string) =>
  verdict.rows.find((row) => row.metric === metric && row.slice === slice)!

describe('compareWithBaseline', () => {
  const baselineRun = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0.3 } })
  const entry = createBaselineEntry(baselineRun, { metrics: ['accuracy_score', 'f1_score', 'log_loss'] })

  test('identical runs pass with every row "pass"', () => {
    const verdict = compareWithBaseline(entry, baselineRun)
    expect(verdict.status).toBe('passed')
    expect(verdict.rows.map((row) => row.verdict)).toEqual(['pass', 'pass', 'pass'])
  })

  test('a large drop beyond the tolerance is significant and fails (unpaired test from the intervals)', () => {
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.8, f1_score: 0.88, log_loss: 0.3 } }))
    expect(verdict.status).toBe('failed')
    expect(rowOf(verdict, 'accuracy_score')).toMatchObject({ verdict: 'fail', test: 'unpaired-normal', baseline: 0.9, current: 0.8 })
    expect(rowOf(verdict, 'accuracy_score').pValue).toBeLessThan(0.001)
  })

  test('a small drop within the intervals passes as noise with a warning', () => {
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.89, f1_score: 0.88, log_loss: 0.3 } }))
    expect(verdict.status).toBe('passed')
    expect(rowOf(verdict, 'accuracy_score').verdict).toBe('noise')
    expect(verdict.warnings[0]).toMatch(/^accuracy_score fell from 0\.9000 to 0\.8900 \(-0\.0100, worse\), beyond the allowed drop but within noise \(p=0\.\d+, unpaired-normal, alpha 0\.05 over 3 hypotheses, Holm: 0\.017\)$/)
  })

  test("significance is family-wise over the entry's metrics (Holm); correction: 'none' tests each metric alone", () => {
    // 0.90 -> 0.86 with +-0.03 intervals: one-sided p of about 0.03, between 0.05/3 and 0.05
    const current = handBuiltRun({ metrics: { accuracy_score: 0.86, f1_score: 0.88, log_loss: 0.3 } })
    const holm = compareWithBaseline(entry, current)
    const p = rowOf(holm, 'accuracy_score').pValue!
    expect(p).toBeGreaterThan(0.05 / 3)
    expect(p).toBeLessThan(0.05)
    expect(rowOf(holm, 'accuracy_score').verdict).toBe('noise')
    expect(rowOf(compareWithBaseline(entry, current, { correction: 'none' }), 'accuracy_score').verdict).toBe('fail')
    // two drops: Holm compares the smaller p with 0.05/3, the next with 0.05/2
    const both = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.8, f1_score: 0.835, log_loss: 0.3 } }))
    expect(rowOf(both, 'accuracy_score').verdict).toBe('fail')
    expect(rowOf(both, 'f1_score').pValue).toBeGreaterThan(0.05 / 3)
    expect(rowOf(both, 'f1_score').pValue).toBeLessThan(0.05 / 2)
    expect(rowOf(both, 'f1_score').verdict).toBe('fail')
  })

  test('significance: false gates on the point estimates', () => {
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.89, f1_score: 0.88, log_loss: 0.3 } }), { significance: false })
    expect(rowOf(verdict, 'accuracy_score')).toMatchObject({ verdict: 'fail', test: 'none' })
  })

  test('a drop inside the tolerance passes; lower-is-better metrics fail when they rise', () => {
    const current = handBuiltRun({ metrics: { accuracy_score: 0.89, f1_score: 0.88, log_loss: 0.45 } })
    const verdict = compareWithBaseline(entry, current, { tolerance: 0.02 })
    expect(rowOf(verdict, 'accuracy_score')).toMatchObject({ verdict: 'pass', allowed: '-0.0200 (tolerance)' })
    expect(rowOf(verdict, 'log_loss')).toMatchObject({ verdict: 'fail', greaterIsBetter: false, allowed: '+0.0200 (tolerance)' })
  })

  test('an improvement passes and says that vitest -u would raise the bar', () => {
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.95, f1_score: 0.88, log_loss: 0.2 } }))
    expect(verdict.status).toBe('passed')
    expect(rowOf(verdict, 'accuracy_score').verdict).toBe('improved')
    expect(rowOf(verdict, 'log_loss').verdict).toBe('improved')
    expect(verdict.notes).toEqual(['2 metrics improved (accuracy_score 0.9000 -> 0.9500, log_loss 0.3000 -> 0.2000): `vitest -u` would raise the bar'])
  })

  test('on a failing run the improvements are listed without advising -u, which would store the failures too (adversarial pass 23s)', () => {
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.95, f1_score: 0.5, log_loss: 0.2 } }), { significance: false })
    expect(verdict.status).toBe('failed')
    expect(verdict.notes).toEqual(['2 metrics improved (accuracy_score 0.9000 -> 0.9500, log_loss 0.3000 -> 0.2000) (the failures above still stand: `vitest -u` would store them too)'])
  })

  test('changed data fails too: its improvements are not advised to -u either (adversarial pass 23v)', () => {
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.95, f1_score: 0.9, log_loss: 0.2 }, fingerprint: 'b'.repeat(64) }))
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes.join('\n')).not.toContain('would raise the bar')
    expect(verdict.notes.join('\n')).toContain('improved (accuracy_score 0.9000 -> 0.9500')
    // not "the failures above still stand" where no metric failed (adversarial pass 44)
    expect(verdict.notes.join('\n')).toContain("(on other data than the baseline's, which fails the entry (see above); a rise there may be the rows, not the model)")
    expect(verdict.notes.join('\n')).not.toContain('the failures above still stand')
  })

  test('with allowDataChange an improvement on other data is not advised to -u: the new rows may be the change (adversarial pass 23w)', () => {
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.95, f1_score: 0.9, log_loss: 0.2 }, fingerprint: 'b'.repeat(64) }), { allowDataChange: true })
    expect(verdict.status).toBe('passed')
    expect(verdict.notes.join('\n')).not.toContain('would raise the bar')
    expect(verdict.notes.join('\n')).toContain("on other data than the baseline's, so the change may be the rows, not the model")
  })

  test("MLflow's threshold, minAbsoluteChange and minRelativeChange are hard requirements", () => {
    const current = handBuiltRun({ metrics: { accuracy_score: 0.91, f1_score: 0.88, log_loss: 0.3 } })
    expect(rowOf(compareWithBaseline(entry, current, { threshold: 0.92 }), 'accuracy_score')).toMatchObject({ verdict: 'fail', allowed: '>= 0.92 (threshold), 0 (tolerance)' })
    expect(rowOf(compareWithBaseline(entry, current, { minAbsoluteChange: 0.02 }), 'accuracy_score').verdict).toBe('fail')
    expect(rowOf(compareWithBaseline(entry, current, { minAbsoluteChange: 0.005 }), 'accuracy_score').verdict).toBe('improved')
    expect(rowOf(compareWithBaseline(entry, current, { minRelativeChange: 0.02 }), 'accuracy_score').verdict).toBe('fail')
    expect(rowOf(compareWithBaseline(entry, current, { minRelativeChange: 0.01 }), 'accuracy_score').verdict).toBe('improved')
    expect(rowOf(compareWithBaseline(entry, current, { perMetric: { accuracy_score: { greaterIsBetter: false } } }), 'accuracy_score').verdict).toBe('noise')
  })

  test('a negative minRelativeChange is a share of the baseline value: of 0, nothing (adversarial pass 28: it allowed a rate of 0 to rise by the share itself)', () => {
    const zero = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0 } })
    const rose = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0.08 } })
    const zeroEntry = createBaselineEntry(zero, { metrics: ['accuracy_score', 'f1_score', 'log_loss'] })
    const row = rowOf(compareWithBaseline(zeroEntry, rose, { perMetric: { log_loss: { minRelativeChange: -0.1 } } }), 'log_loss')
    // signed as log_loss moves: a rise of 10% of it would be allowed (white-box review 55: it read -10%)
    expect(row.allowed).toBe('+10% of 0, so none (minRelativeChange)')
    expect(rowOf(compareWithBaseline(entry, baselineRun, { perMetric: { log_loss: { minRelativeChange: -0.05 } } }), 'log_loss').allowed).toBe('+5% (minRelativeChange)')
    expect(rowOf(compareWithBaseline(entry, baselineRun, { perMetric: { accuracy_score: { minRelativeChange: -0.05 } } }), 'accuracy_score').allowed).toBe('-5% (minRelativeChange)')
    expect(row.verdict).toBe('fail')
    // a minAbsoluteChange gives the allowance there
    expect(rowOf(compareWithBaseline(zeroEntry, rose, { perMetric: { log_loss: { minAbsoluteChange: -0.1 } } }), 'log_loss').verdict).toBe('pass')
  })

  test("a served model's error_rate is tracked by default and tested on the failed-row counts (adversarial pass 28: a third of the requests failing passed on the rows answered)", () => {
    // a served run reports both, as evaluate() does: the count is what the test reads
    const served = (errorRate: number) => {
      const run = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, error_count: Math.round(errorRate * 600), error_rate: errorRate } })
      run.greaterIsBetter.error_rate = false
      return run
    }
    const servedEntry = createBaselineEntry(served(0))
    expect(Object.keys(servedEntry.metrics)).toContain('error_rate')
    const failing = rowOf(compareWithBaseline(servedEntry, served(200 / 600)), 'error_rate')
    expect(failing).toMatchObject({ verdict: 'fail', test: 'fisher-exact' })
    expect(failing.pValue).toBeLessThan(1e-50)
    // one transient failure in 600 rows is noise, not a failure
    const once = compareWithBaseline(servedEntry, served(1 / 600))
    expect(rowOf(once, 'error_rate')).toMatchObject({ verdict: 'noise', test: 'fisher-exact' })
    expect(once.status).toBe('passed')
    // an allowed rise is in the null
    expect(rowOf(compareWithBaseline(servedEntry, served(6 / 600), { perMetric: { error_rate: { tolerance: 0.02 } } }), 'error_rate').verdict).toBe('pass')
  })

  test('changed data fails unless allowDataChange, naming rows and fingerprint', () => {
    const changed = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0.3 }, exampleCount: 640, fingerprint: 'b'.repeat(64) })
    const verdict = compareWithBaseline(entry, changed)
    expect(verdict.status).toBe('data-changed')
    expect(verdict.notes[0]).toContain('evaluation data changed: 600 -> 640 rows, fingerprint aaaaaaaaaaaa -> bbbbbbbbbbbb')
    expect(compareWithBaseline(entry, changed, { allowDataChange: true }).status).toBe('passed')
  })

  test('a tracked metric that disappears fails as missing; a new one is reported', () => {
    const current = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88 } })
    const verdict = compareWithBaseline(entry, current, { metrics: ['accuracy_score', 'f1_score', 'log_loss', 'roc_auc'] })
    expect(rowOf(verdict, 'log_loss').verdict).toBe('missing')
    expect(verdict.status).toBe('failed')
    expect(compareWithBaseline(entry, current).status).toBe('failed')
    const added = compareWithBaseline(createBaselineEntry(current, { metrics: ['accuracy_score'] }), current, { metrics: ['accuracy_score', 'f1_score'] })
    expect(rowOf(added, 'f1_score').verdict).toBe('new')
    expect(added.status).toBe('passed')
  })

  test('a stored metric the metrics option now leaves out is not gated, and a note says -u drops it', () => {
    const current = handBuiltRun({ metrics: { accuracy_score: 0.5, f1_score: 0.88 } })
    const verdict = compareWithBaseline(entry, current, { metrics: ['f1_score'] })
    expect(verdict.rows.map((row) => row.metric)).toEqual(['f1_score'])
    expect(verdict.status).toBe('passed')
    expect(verdict.notes).toContain('the entry also holds accuracy_score, log_loss, not compared: the metrics option leaves them out; `vitest -u` drops them from the entry')
  })

  test('a slice that disappears fails as missing; a new one is named in a note; summary.md names the missing slice', () => {
    const slices = { 'category=A': { metrics: { accuracy_score: 0.9 }, exampleCount: 100 }, 'category=B': { metrics: { accuracy_score: 0.9 }, exampleCount: 150 } }
    const stored = createBaselineEntry(handBuiltRun({ metrics: { accuracy_score: 0.9 }, slices }))
    const current = handBuiltRun({ metrics: { accuracy_score: 0.9 }, slices: { 'category=A': slices['category=A'], 'category=C': { metrics: { accuracy_score: 0.9 }, exampleCount: 150 } } })
    const verdict = compareWithBaseline(stored, current, { allowDataChange: true })
    expect(verdict.rows.find((row) => row.slice === 'category=B')).toMatchObject({ metric: '(slice)', verdict: 'missing', baseline: 150 })
    expect(verdict.notes).toContain('slice not in the baseline: category=C; not compared (`vitest -u` adds it)')
    const comparison = toComparison(verdict, 'model 1', '__baselines__/m.json', verdict.status)
    const summary = renderSummaryMarkdown(buildReportEntries([{ file: 'm.test.ts', suitePath: [], name: 'model', fullName: 'model', state: 'failed', durationMs: 1, errors: [], meta: { version: 1, runs: [current], gates: [], baselines: [comparison], warnings: [] } }]))
    expect(summary).toContain('- **model**: slice category=B (baseline n=150) missing from the run')
  })

  test('slices whose values were re-cased: each stays missing, and a note pairs it with its new spelling (adversarial pass 54)', () => {
    const slice = { metrics: { accuracy_score: 0.9 }, exampleCount: 100 }
    const stored = createBaselineEntry(handBuiltRun({ metrics: { accuracy_score: 0.9 }, slices: { 'category=Billing': slice, 'category=Tech  Support': slice, 'category=Other': slice } }))
    const current = handBuiltRun({ metrics: { accuracy_score: 0.9 }, slices: { 'category=billing': slice, 'category=tech support': slice, 'category=Other': slice } })
    const verdict = compareWithBaseline(stored, current, { allowDataChange: true })
    expect(verdict.status).toBe('failed')
    expect(verdict.rows.filter((row) => row.verdict === 'missing').map((row) => row.slice)).toEqual(['category=Billing', 'category=Tech  Support'])
    expect(verdict.notes).toContain(
      'slices category=Billing → category=billing, category=Tech  Support → category=tech support: missing from the run and new in it, each pair differs only in case or spaces, so the slice column\'s values were rewritten (re-cased or re-spaced) and its slices are no longer compared: restore the values, or accept the new ones with `vitest -u` (locally)',
    )
    // a slice gone and another come, not a spelling of it: no such note
    const other = compareWithBaseline(stored, handBuiltRun({ metrics: { accuracy_score: 0.9 }, slices: { 'category=Refunds': slice, 'category=Other': slice } }), { allowDataChange: true })
    expect(other.notes.join('\n')).not.toContain('only in case')
    // two new spellings of one key: which one it became is not clear, so no pair is claimed
    expect(recasedSlices(['a=X'], ['a=x', 'a=x '])).toEqual([])
  })

  test("accuracy uses the exact McNemar test on the stored correctness, also within a slice", () => {
    const n = 200
    const category = Array.from({ length: n }, (_, i) => (i < 100 ? 'billing' : 'product_A'))
    const slices = { 'category=billing': { metrics: { accuracy_score: 0.9 }, exampleCount: 100 }, 'category=product_A': { metrics: { accuracy_score: 0.9 }, exampleCount: 100 } }
    const base = handBuiltRun({ metrics: { accuracy_score: 0.9 }, correct: outcomes(n, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109]), columns: { category }, slices })
    // 12 billing rows newly wrong, 2 fixed: accuracy 0.9 -> 0.8 in billing
    const worse = outcomes(n, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109])
    const current = handBuiltRun({ metrics: { accuracy_score: 0.85 }, correct: worse, columns: { category }, slices: { ...slices, 'category=billing': { metrics: { accuracy_score: 0.8 }, exampleCount: 100 } } })
    const verdict = compareWithBaseline(createBaselineEntry(base, { metrics: ['accuracy_score'] }), current)
    const overall = rowOf(verdict, 'accuracy_score')
    expect(overall.test).toBe('mcnemar-exact')
    // 12 lost, 2 gained: X ~ Binomial(14, 1/2), exact p = P(X >= 12) = (1 + 14 + 91) / 2^14
    expect(overall.pValue).toBeCloseTo(106 / 16384, 14)
    const billing = rowOf(verdict, 'accuracy_score', 'category=billing')
    expect(billing.test).toBe('mcnemar-exact')
    expect(billing.pValue).toBeCloseTo(106 / 16384, 14)
    expect(billing.verdict).toBe('fail')
    expect(rowOf(verdict, 'accuracy_score', 'category=product_A').verdict).toBe('pass')
  })
})
