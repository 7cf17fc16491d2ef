import { describe, expect, test } from 'vitest'
import { changeText, renderBaselineTable } from '../../src/baselines/diff-table.js'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import type { BaselineMetricVerdict } from '../../src/run/verdicts.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const row = (fields: Partial<BaselineMetricVerdict> & Pick<BaselineMetricVerdict, 'metric'>): BaselineMetricVerdict => ({
  baseline: 0.5,
  current: 0.5,
  change: 0,
  allowed: '0 (tolerance)',
  verdict: 'pass',
  greaterIsBetter: true,
  ...fields,
})

describe('renderBaselineTable', () => {
  test('one line per metric with baseline, current, change, allowed and verdict; failing rows first, the rest in order', () => {
    const entry = createBaselineEntry(handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0.3 } }), { metrics: ['accuracy_score', 'f1_score', 'log_loss'] })
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0.45 } }))
    const lines = renderBaselineTable(verdict.rows).split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^metric\s+baseline\s+current\s+change\s+allowed\s+verdict$/)
    // log_loss is the third metric of the entry but the only failing one: it comes first
    expect(lines[1]).toMatch(/^log_loss\s+0\.3000\s+0\.4500\s+\+0\.1500 worse\s+0 \(tolerance\)\s+FAIL p=\S+ unpaired-normal$/)
    expect(lines[2]).toMatch(/^accuracy_score\s+0\.9000\s+0\.9000\s+0\s+0 \(tolerance\)\s+pass$/)
    expect(lines[3]).toMatch(/^f1_score\s+0\.8800\s+0\.8800\s+0\s+0 \(tolerance\)\s+pass$/)
    // columns line up: every row's "baseline" value starts where the header's does
    const column = lines[0].indexOf('baseline')
    for (const line of lines.slice(1)) expect(line.slice(column)).toMatch(/^0\.\d{4}/)
  })

  test('missing metrics and slices are failing rows too; a slice row reads metric[slice]', () => {
    const rows = [
      row({ metric: 'accuracy_score', verdict: 'improved', current: 0.6, change: 0.1 }),
      row({ metric: '(slice)', slice: 'category=billing', baseline: 150, current: null, change: null, allowed: 'must be present', verdict: 'missing' }),
      row({ metric: 'f1_score', slice: 'category=billing', verdict: 'noise', current: 0.49, change: -0.01, pValue: 0.2, test: 'paired-bootstrap' }),
    ]
    const lines = renderBaselineTable(rows).split('\n')
    expect(lines[1]).toMatch(/^\(slice\)\[category=billing\]\s+150\s+n\/a\s+must be present\s+MISSING$/)
    expect(lines[2]).toMatch(/^accuracy_score\s+0\.5000\s+0\.6000\s+\+0\.1000 better\s+0 \(tolerance\)\s+improved$/)
    expect(lines[3]).toMatch(/^f1_score\[category=billing\]\s+0\.5000\s+0\.4900\s+-0\.0100 worse\s+0 \(tolerance\)\s+pass \(within noise\) p=0\.20 paired-bootstrap$/)
  })

  test('a p-value that underflowed to 0 (DeLong z beyond 38) reads p<1e-300, never p=0', () => {
    const lines = renderBaselineTable([row({ metric: 'roc_auc', verdict: 'fail', current: 0.2, change: -0.3, pValue: 0, test: 'paired-delong' })]).split('\n')
    expect(lines[1]).toMatch(/FAIL p<1e-300 paired-delong$/)
  })
})

describe('change words follow the direction', () => {
  test('rose / fell as the number moved, better / worse by the metric', () => {
    expect(changeText({ change: 0.1454, greaterIsBetter: false })).toBe('+0.1454 worse')
    expect(changeText({ change: -0.1454, greaterIsBetter: false })).toBe('-0.1454 better')
    expect(changeText({ change: -0.05, greaterIsBetter: true })).toBe('-0.0500 worse')
    expect(changeText({ change: 2, greaterIsBetter: true })).toBe('+2 better')
    expect(changeText({ change: null, greaterIsBetter: true })).toBe('')
  })

  test('within-noise warnings come smallest p first, so the listed few are the strongest (adversarial pass 25)', () => {
    const entry = createBaselineEntry(handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, log_loss: 0.3 } }), { metrics: ['accuracy_score', 'f1_score', 'log_loss'] })
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.898, f1_score: 0.85, log_loss: 0.305 } }))
    expect(verdict.warnings.map((w) => w.split(' ')[0])).toEqual(['f1_score', 'log_loss', 'accuracy_score'])
    const ps = verdict.warnings.map((w) => Number(/\(p=([\d.e-]+)/.exec(w)![1]))
    expect([...ps].sort((a, b) => a - b)).toEqual(ps)
  })

  test('the within-noise warning of a lower-is-better metric that rose says "rose ... worse", not "fell"', () => {
    const entry = createBaselineEntry(handBuiltRun({ metrics: { accuracy_score: 0.9, log_loss: 0.3343 } }), { metrics: ['accuracy_score', 'log_loss'] })
    const verdict = compareWithBaseline(entry, handBuiltRun({ metrics: { accuracy_score: 0.9, log_loss: 0.3443 } }))
    expect(verdict.warnings).toHaveLength(1)
    expect(verdict.warnings[0]).toMatch(/^log_loss rose from 0\.3343 to 0\.3443 \(\+0\.0100, worse\), beyond the allowed rise but within noise/)
  })
})
