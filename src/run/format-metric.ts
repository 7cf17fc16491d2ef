/**
 * The one place numbers are formatted for people (matchers' messages, the reporter's HTML,
 * Markdown and terminal table; the CLI and baseline verdicts should use it too). Files meant for
 * machines (CSV, JSON, JUnit properties) keep full precision instead.
 *
 * Precision follows the size of the value: five significant digits for values of 1 and more
 * (`1.2346`, `123.46`, `10235`), four decimals below 1 (`0.0562`), scientific notation below
 * 1e-4 and from 1e6 on. So a regression error of about 10,000 never shows four decimals, and a
 * rate never shows twelve.
 *
 * Two forms: {@link formatMetric} (display: trailing zeros dropped, integers as they are) for
 * prose, and {@link formatMetricFixed} (fixed width: trailing zeros kept) for table columns and
 * changes, so columns line up.
 */

const SMALL = 1e-4
const LARGE = 1e6

/** Decimals shown for a value of this size: 4 below 10, then one fewer per digit, 0 from 10,000. */
function decimalsFor(abs: number): number {
  if (abs < 1) return 4
  const digits = Math.floor(Math.log10(abs)) + 1
  return Math.max(0, Math.min(4, 5 - digits))
}

function special(value: number | null | undefined): string | undefined {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞'
  return undefined
}

/**
 * Display form of a metric value: precision by size (see the module comment), trailing zeros
 * dropped, integers below 1e6 as they are (counts; larger ones in scientific notation like any
 * value that large, so `1.126e+14 → 5.629e+14` reads as one scale), `n/a` when absent or NaN,
 * `∞` when infinite.
 *
 * @example formatMetric(0.05623305820455804) // '0.0562'
 * @example formatMetric(10234.5678) // '10235'
 * @example formatMetric(0.9) // '0.9'
 * @example formatMetric(562949953421312) // '5.629e+14'
 */
export function formatMetric(value: number | null | undefined): string {
  const text = special(value)
  if (text !== undefined) return text
  const v = value as number
  if (Number.isInteger(v) && Math.abs(v) < LARGE) return String(v)
  const abs = Math.abs(v)
  if (abs < SMALL || abs >= LARGE) return v.toExponential(3)
  return String(Number(v.toFixed(decimalsFor(abs))))
}

/**
 * Fixed-width form of a metric value: the same precision as {@link formatMetric}, trailing zeros
 * kept (`0.9000`), so values of one size line up in a column. Integers below 1e6 stay integers.
 *
 * @example formatMetricFixed(0.9) // '0.9000'
 * @example formatMetricFixed(12345.678) // '12346'
 */
export function formatMetricFixed(value: number | null | undefined): string {
  const text = special(value)
  if (text !== undefined) return text
  const v = value as number
  if (Number.isInteger(v) && Math.abs(v) < LARGE) return String(v)
  const abs = Math.abs(v)
  if (abs < SMALL || abs >= LARGE) return v.toExponential(3)
  return v.toFixed(decimalsFor(abs))
}

/**
 * A change with its sign in fixed-width form: `+0.0123`, `-0.0400`, `+125.3`; `±0` when
 * unchanged; `n/a` when absent.
 *
 * @example formatChange(-0.04) // '-0.0400'
 */
export function formatChange(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a'
  if (value === 0) return '±0'
  const text = formatMetricFixed(value)
  return value > 0 ? `+${text}` : text
}

/**
 * A fraction as a percentage with one decimal.
 *
 * @example formatPercent(0.1234) // '12.3%'
 */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  return `${(value * 100).toFixed(1)}%`
}

/**
 * `value` in display form, with as many more decimals as it takes (up to 12) to tell it apart
 * from `other` when both would print the same: `0.84996` against a threshold of `0.85` prints
 * `0.84996`, not `0.85`.
 *
 * @example formatMetricApart(0.849961, 0.85) // '0.84996'
 */
export function formatMetricApart(value: number, other: number | undefined): string {
  const shown = formatMetric(value)
  if (other === undefined || value === other || !Number.isFinite(value) || !Number.isFinite(other) || shown !== formatMetric(other)) return shown
  for (let digits = 5; digits <= 12; digits++) {
    const a = Number(value.toPrecision(digits))
    if (a !== Number(other.toPrecision(digits))) return String(a)
  }
  return String(value)
}

/**
 * A bound the test wrote (a threshold, a margin, a maximum gap) as written: up to 12 significant
 * digits, so `0.84632` is shown `0.84632`, never rounded to the display precision of values,
 * where it would read like a value it is not (adversarial pass 38: `0.8463` against `>= 0.8463`
 * failed). Very large and very small bounds as {@link formatMetric} shows them.
 *
 * @example formatBound(0.84632) // '0.84632'
 * @example formatBound(0.85) // '0.85'
 */
export function formatBound(value: number): string {
  const text = special(value)
  if (text !== undefined) return text
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < SMALL || abs >= LARGE)) return formatMetric(value)
  return String(Number(value.toPrecision(12)))
}

/**
 * {@link formatMetricFixed}, with more digits (as {@link formatMetricApart}) when it would print
 * the same as `other` (a threshold the value is judged against) while the two differ.
 *
 * @example formatMetricFixedApart(0.846311, 0.84632) // '0.84631'
 * @example formatMetricFixedApart(0.9, 0.85) // '0.9000'
 */
export function formatMetricFixedApart(value: number | null | undefined, other: number | undefined): string {
  const shown = formatMetricFixed(value)
  if (typeof value !== 'number' || other === undefined || value === other || !Number.isFinite(value) || !Number.isFinite(other)) return shown
  if (shown !== formatMetricFixed(other) && formatMetric(value) !== formatMetric(other)) return shown
  return formatMetricApart(value, other)
}

/**
 * A p-value with `digits` significant digits; exactly 0, a normal tail beyond double precision
 * (DeLong's z above 38), as `<1e-300`, which is true, where `0` (or `0.0`, adversarial pass 39)
 * is not: no p-value is 0.
 *
 * @example formatPValue(0.00081234) // '0.00081'
 * @example formatPValue(0) // '<1e-300'
 */
export function formatPValue(p: number, digits = 2): string {
  return p === 0 ? '<1e-300' : p.toPrecision(digits)
}

/**
 * Significant digits (2 to 6) that show `p` and `level` apart: a p not below its level must not
 * print as equal to it.
 *
 * @example digitsApart(0.001649, 0.001613) // 3 ('0.00165' and '0.00161')
 * @example digitsApart(0.02, 0.0029) // 2
 */
export function digitsApart(p: number, level: number): number {
  let digits = 2
  while (digits < 6 && p.toPrecision(digits) === level.toPrecision(digits)) digits++
  return digits
}

/**
 * `p=` and the p-value, or `p<1e-300` for one that underflowed to 0 ({@link formatPValue}).
 *
 * @example formatPClause(0.00081234) // 'p=0.00081'
 * @example formatPClause(0) // 'p<1e-300'
 */
export function formatPClause(p: number, digits = 2): string {
  return p === 0 ? 'p<1e-300' : `p=${formatPValue(p, digits)}`
}
