/**
 * The column of a JSON record (one line of JSON Lines, or an element of a JSON array) that held
 * bytes that are not UTF-8: `text` is the record decoded with U+FFFD in their place, and the
 * first key or string value holding U+FFFD names the column. Undefined when the text is not
 * JSON or no such column is found. Runs only on the error path.
 */
export function fieldWithReplacement(text: string): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return recordFieldWithReplacement(value)
}

/** The key of `record` whose name or (string) value holds U+FFFD, if any. */
export function recordFieldWithReplacement(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined
  for (const [key, cell] of Object.entries(record)) {
    if (key.includes('\uFFFD') || (typeof cell === 'string' && cell.includes('\uFFFD'))) return key
  }
  return undefined
}
