/**
 * Row numbers for a note: all of up to five, else the first five and how many more.
 *
 * @example
 * rowList([3, 8]) // '3, 8'
 * rowList([1, 2, 3, 4, 5, 6, 7]) // '1, 2, 3, 4, 5 and 2 more'
 */
export function rowList(rows: readonly number[]): string {
  return rows.length <= 5 ? rows.join(', ') : `${rows.slice(0, 5).join(', ')} and ${rows.length - 5} more`
}
