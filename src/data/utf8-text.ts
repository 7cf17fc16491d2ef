import { isUtf8 } from 'node:buffer'

/**
 * Thrown by `addCsvField` for bytes that are not UTF-8; the loader, which knows the file, the
 * line and the column, turns it into a DatasetError. (Decoding would replace them with U+FFFD,
 * and two different labels would become one.)
 */
export class InvalidUtf8Cell extends Error {
  constructor(readonly bytes: Uint8Array) {
    super('invalid UTF-8')
  }
}

/**
 * Decodes `buffer[start, end)` as UTF-8, or throws InvalidUtf8Cell. Fast: the bytes are checked
 * only when the decoded text holds U+FFFD (the replacement for invalid bytes, rare in data).
 */
export function decodeUtf8(buffer: Buffer, start: number, end: number): string {
  const text = buffer.toString('utf8', start, end)
  if (text.includes('\uFFFD') && !isUtf8(buffer.subarray(start, end))) throw new InvalidUtf8Cell(buffer.subarray(start, end))
  return text
}

/** The first bytes of a cell that is not UTF-8, in hex (`0xC3`), for messages. */
export function describeInvalidBytes(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 16), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ')
  return bytes.length > 16 ? `${shown} ...` : shown
}
