export { formatMetric } from '../run/format-metric.js'

/**
 * Formats a change with its sign, e.g. `+0.0123` or `-0.0400`; `±0` when unchanged; `n/a` when absent.
 *
 * @example formatChange(-0.04) // '-0.0400'
 */
export function formatChange(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a'
  if (value === 0) return '±0'
  const text = Math.abs(value) < 1e-4 && value !== 0 ? value.toExponential(2) : value.toFixed(4)
  return value > 0 ? `+${text}` : text
}

/**
 * Formats a fraction as a percentage with one decimal.
 *
 * @example formatPercent(0.1234) // '12.3%'
 */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  return `${(value * 100).toFixed(1)}%`
}
