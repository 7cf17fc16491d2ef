/**
 * `rows 0-49, 120, 200-249 (101 rows)`: row indexes named compactly for error messages.
 */

/** Format sorted or unsorted row indexes as ranges, listing at most `maxRanges` of them. */
export function formatRowRanges(rows: readonly number[], maxRanges = 8): string {
  if (rows.length === 0) return 'no rows'
  const sorted = [...new Set(rows)].sort((a, b) => a - b)
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
