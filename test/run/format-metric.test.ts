// The one number formatter (issue 9): display and fixed-width forms, precision by size.
import { describe, expect, test } from 'vitest'
import { formatChange, formatMetric, formatMetricApart, formatMetricFixed, formatPercent } from '../../src/run/format-metric.js'

describe('formatMetric (display form)', () => {
  test('four decimals below 1, trailing zeros dropped', () => {
    expect(formatMetric(0.05623305820455804)).toBe('0.0562')
    expect(formatMetric(0.9)).toBe('0.9')
    expect(formatMetric(-0.12345)).toBe('-0.1235')
  })

  test('five significant digits from 1 on: values around 10,000 show no decimals', () => {
    expect(formatMetric(1.234567)).toBe('1.2346')
    expect(formatMetric(123.4567)).toBe('123.46')
    expect(formatMetric(9876.54321)).toBe('9876.5')
    expect(formatMetric(10234.5678)).toBe('10235')
    expect(formatMetric(-48211.91)).toBe('-48212')
  })

  test('integers as they are; scientific notation for the tiny and the huge; n/a and ∞', () => {
    expect(formatMetric(1500)).toBe('1500')
    expect(formatMetric(0)).toBe('0')
    expect(formatMetric(0.0000123)).toBe('1.230e-5')
    expect(formatMetric(2.5e7 + 0.5)).toBe('2.500e+7')
    expect(formatMetric(null)).toBe('n/a')
    expect(formatMetric(Number.NaN)).toBe('n/a')
    expect(formatMetric(-Infinity)).toBe('-∞')
  })

  test('large whole numbers in scientific notation like other large values (was: 1.126e+14 → 562949953421312)', () => {
    expect(formatMetric(562949953421312)).toBe('5.629e+14')
    expect(formatMetricFixed(562949953421312)).toBe('5.629e+14')
    expect(formatMetric(-3000000)).toBe('-3.000e+6')
    // Small integers stay as they are.
    expect(formatMetric(999999)).toBe('999999')
    expect(formatMetricFixed(42)).toBe('42')
  })
})

describe('formatMetricFixed and formatChange (fixed-width form)', () => {
  test('trailing zeros kept, same precision rule', () => {
    expect(formatMetricFixed(0.9)).toBe('0.9000')
    expect(formatMetricFixed(12.5)).toBe('12.500')
    expect(formatMetricFixed(10234.5678)).toBe('10235')
    expect(formatMetricFixed(7)).toBe('7')
  })

  test('changes carry their sign', () => {
    expect(formatChange(-0.04)).toBe('-0.0400')
    expect(formatChange(0.0123)).toBe('+0.0123')
    expect(formatChange(1250.25)).toBe('+1250.3')
    expect(formatChange(0)).toBe('±0')
    expect(formatChange(undefined)).toBe('n/a')
    expect(formatPercent(0.1234)).toBe('12.3%')
  })
})

describe('formatMetricApart', () => {
  test('adds digits only when the rounded value would read as the other one', () => {
    expect(formatMetricApart(0.849961, 0.85)).toBe('0.84996')
    expect(formatMetricApart(0.7123456, 0.85)).toBe('0.7123')
    expect(formatMetricApart(0.85, 0.85)).toBe('0.85')
  })
})

describe('formatPValue', () => {
  test('an exact 0 is 0, not 0.0 (adversarial pass 39: p=0.0 paired-delong)', async () => {
    const { formatPValue } = await import('../../src/run/format-metric.js')
    expect(formatPValue(0)).toBe('<1e-300')
    expect(formatPValue(0.00081234)).toBe('0.00081')
    expect(formatPValue(4.9e-91)).toBe('4.9e-91')
    expect(formatPValue(0.0123456, 3)).toBe('0.0123')
    const { formatPClause } = await import('../../src/run/format-metric.js')
    expect(formatPClause(0)).toBe('p<1e-300')
    expect(formatPClause(0.00081234)).toBe('p=0.00081')
  })
  test('digitsApart: enough digits that a p not below its Holm level never prints as that level (adversarial pass 48: p=0.0016, Holm: 0.0016)', async () => {
    const { digitsApart } = await import('../../src/run/format-metric.js')
    expect(digitsApart(0.001649, 0.001613)).toBe(3)
    expect(digitsApart(0.02, 0.0029)).toBe(2)
    expect(digitsApart(0.05, 0.05)).toBe(6)
  })
})
