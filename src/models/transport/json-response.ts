/**
 * A response body read as JSON. Python's `json` module (and so MLflow, KServe's Python servers,
 * FastAPI) writes non-finite floats as bare `NaN`, `Infinity` and `-Infinity`, which JSON.parse
 * refuses: one NaN made the whole batch fail as "not JSON" (adversarial pass 36). When JSON.parse
 * fails and the text holds such a token outside strings, the text is read by JSON5 (a superset of
 * JSON that reads them as NaN / ±Infinity), so only the rows holding them fail, each naming NaN.
 *
 * Why JSON5 (the `json5` package, no dependencies, 2.2.3) and not a hand-written reader: it is
 * the well-kept parser for this superset. It is about 14x slower than JSON.parse (a 1.4 MB
 * answer: 26 ms against 360 ms), so it is only the fallback: JSON.parse stays the fast path, and
 * JSON5 runs only after it failed and a pre-check found a bare token outside strings (so JSON5's
 * other leniencies, comments and single quotes, never make a broken answer readable). It is
 * imported then, not when evalgate loads.
 */
/** JSON strings (escapes included): blanked before looking for bare tokens. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g
/** A bare NaN / Infinity / -Infinity where a JSON value may stand. */
const BARE_NON_FINITE = /(?:^|[[,:\s])-?(?:NaN|Infinity)(?=[\s,\]}]|$)/

/**
 * Parse a response body; throws (as JSON.parse does) when it is not JSON, or JSON with bare
 * non-finite numbers.
 *
 * @example
 * await parseJsonResponse('{"predictions": [0.5, NaN]}') // { predictions: [0.5, NaN] }
 */
export async function parseJsonResponse(text: string): Promise<unknown> {
  try {
    return JSON.parse(text)
  } catch (error) {
    if (!hasBareNonFinite(text)) throw error
    try {
      const { default: JSON5 } = await import('json5')
      return JSON5.parse(text)
    } catch {
      throw error
    }
  }
}

/** Whether `text` holds a bare NaN, Infinity or -Infinity outside JSON strings. */
export function hasBareNonFinite(text: string): boolean {
  return BARE_NON_FINITE.test(text.replace(JSON_STRING, '""'))
}
