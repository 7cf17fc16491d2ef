/**
 * `rows 1-50, 121, 201-250 (101 rows)`: rows named compactly for error messages. Rows are
 * numbered from 1, as in every other evalgate message (the first data row of a file is row 1).
 */

/**
 * Format row indexes (from 0, sorted or not) as row numbers (from 1) in ranges, listing at most
 * `maxRanges` of them.
 *
 * @example
 * formatRowRanges([0, 1, 2, 5]) // 'rows 1-3, 6 (4 rows)'
 */
export function formatRowRanges(rows: readonly number[], maxRanges = 8): string {
  if (rows.length === 0) return 'no rows'
  const sorted = [...new Set(rows)].map((row) => row + 1).sort((a, b) => a - b)
  const ranges: string[] = []
  let start = sorted[0]
  let previous = start
  const close = (): void => {
    ranges.push(start === previous ? `${start}` : `${start}-${previous}`)
  }
  for (let i = 1; i < sorted.length; i++) {
    const row = sorted[i]
    if (row === previous + 1) {
      previous = row
      continue
    }
    close()
    start = row
    previous = row
  }
  close()
  const shown = ranges.length > maxRanges ? [...ranges.slice(0, maxRanges), `… ${ranges.length - maxRanges} more ranges`] : ranges
  const noun = sorted.length === 1 ? 'row' : 'rows'
  return `${noun} ${shown.join(', ')}${sorted.length > 1 ? ` (${sorted.length} rows)` : ''}`
}
