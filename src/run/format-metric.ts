/**
 * Formats a metric value for people: up to 4 significant decimals, `n/a` when absent or not
 * finite. Files meant for machines (CSV, JSON, JUnit properties) keep full precision instead.
 * Shared by the matchers' messages and the reporter.
 *
 * @example formatMetric(0.912345) // '0.9123'
 */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞'
  const abs = Math.abs(value)
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) return value.toExponential(3)
  if (Number.isInteger(value)) return String(value)
  return String(Number(value.toFixed(4)))
}
