/**
 * The human message inside an error response body, whatever the server's convention:
 * MLflow `{"error_code", "message"}`, KServe `{"error": "..."}`, OpenAI
 * `{"error": {"message": "..."}}`, FastAPI `{"detail": ...}`, or plain text.
 */

const MAX_MESSAGE_LENGTH = 500

/**
 * Extract a short message from a response body (text as received). `redact` scrubs credentials
 * and runs before the message is shortened, so a secret cut in half by the limit cannot leak.
 *
 * @example
 * responseBodyMessage('{"error": {"message": "bad key sk-1"}}', (t) => t.replace('sk-1', '[redacted]')) // 'bad key [redacted]'
 */
export function responseBodyMessage(body: string, redact: (text: string) => string = (text) => text): string {
  const text = body.trim()
  if (text === '') return '(empty body)'
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return truncate(redact(text))
  }
  const found = findMessage(parsed)
  return truncate(redact(found ?? text))
}

function findMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  for (const key of ['message', 'error', 'detail', 'error_message', 'msg']) {
    const item = record[key]
    if (typeof item === 'string' && item !== '') {
      const code = typeof record.error_code === 'string' ? `${record.error_code}: ` : ''
      return code + item
    }
    if (typeof item === 'object' && item !== null) {
      const nested = findMessage(Array.isArray(item) ? item[0] : item)
      if (nested !== undefined) return nested
    }
  }
  return undefined
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ')
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}…` : oneLine
}
