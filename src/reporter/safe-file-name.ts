import { createHash } from 'node:crypto'
import { wellFormed } from '../run/visible-controls.js'

const MAX_LENGTH = 80
/** ANSI terminal sequences (colours `ESC [ 31 m`, other CSI, OSC up to BEL or ST), removed whole, not just their ESC. */
// eslint-disable-next-line no-control-regex
const TERMINAL_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]/g
/** File systems limit a name to 255 bytes; stay well below (leaves room for hash suffixes). */
const MAX_BYTES = 180

/**
 * Turns any text (a test file path, a test name, an artifact name) into one safe path segment:
 * no separators, no `..`, no control characters, no characters Windows forbids, none that
 * change a URL's meaning (`#` fragment, `%` escape, `?` query), no ANSI colour sequences (a
 * coloured name keeps its words, not `[31m`), no leading dot, never empty, at most 80 characters. Letters of any script are kept (NFC-normalised); a lone surrogate becomes U+FFFD, as in every other output; the noncharacters U+FFFE/U+FFFF go, as control characters do.
 *
 * @example safeFileName('../../etc/passwd') // 'etc_passwd'
 * @example safeFileName('hash#frag 50%25 ?q') // 'hash_frag_50_25_q'
 * @example safeFileName('fails with \u0001 and \u001b[31mred\u001b[0m') // 'fails_with_and_red'
 */
export function safeFileName(text: string, maxLength = MAX_LENGTH): string {
  let name = wellFormed(text)
    .normalize('NFC')
    .replace(TERMINAL_SEQUENCES, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g, '')
    .replace(/[\\/:*?"<>|#%\s]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/_+/g, '_')
    .replace(/^[._-]+|[._\s]+$/g, '')
  // Windows reserved device names.
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `_${name}`
  name = capLength(name, maxLength)
  name = name.replace(/[._\s]+$/g, '')
  return name === '' ? 'unnamed' : name
}

/** Cuts whole code points (never half a surrogate pair) to `maxLength` UTF-16 units and MAX_BYTES UTF-8 bytes. */
function capLength(name: string, maxLength: number): string {
  const points = Array.from(name)
  let length = name.length
  let bytes = Buffer.byteLength(name)
  while (points.length > 0 && (length > maxLength || bytes > MAX_BYTES)) {
    const last = points.pop() as string
    length -= last.length
    bytes -= Buffer.byteLength(last)
  }
  return points.join('')
}

/** A short, stable hash of a text (8 hex digits of sha256). */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8)
}

/**
 * Gives each key a unique safe folder name. Names stay readable; when two keys sanitise to the
 * same name (case-insensitively, for case-insensitive file systems), each gets a short hash of
 * its full key as suffix, so the mapping does not depend on the order tests finished in.
 *
 * @example uniqueSafeNames(['a/b', 'a:b']) // Map { 'a/b' => 'a_b-1c2d3e4f', 'a:b' => 'a_b-5a6b7c8d' }
 */
export function uniqueSafeNames(keys: readonly string[], maxLength = MAX_LENGTH): Map<string, string> {
  return uniqueNames(keys.map((key) => ({ key, name: safeFileName(key, maxLength - 9) })))
}

/**
 * Makes already-safe names unique: every name shared (case-insensitively) by several keys gets
 * `-` and a short hash of its key appended; in the unlikely case that such a name equals another
 * one still (a test named like a hashed name), the hash is taken again with a counter until every
 * name differs. Keys are expected to be distinct; a repeated key keeps its first name.
 *
 * @example uniqueNames([{ key: 'a', name: 'x' }, { key: 'b', name: 'X' }]) // Map { 'a' => 'x-<hash of a>', 'b' => 'X-<hash of b>' }
 */
export function uniqueNames(items: ReadonlyArray<{ key: string; name: string }>): Map<string, string> {
  const base = new Map<string, string>()
  const byName = new Map<string, string[]>()
  for (const { key, name } of items) {
    if (base.has(key)) continue
    base.set(key, name)
    const folded = name.toLowerCase()
    byName.set(folded, [...(byName.get(folded) ?? []), key])
  }
  const result = new Map<string, string>()
  const taken = new Set<string>()
  for (const [key, name] of base) {
    if ((byName.get(name.toLowerCase())?.length ?? 0) > 1) continue
    result.set(key, name)
    taken.add(name.toLowerCase())
  }
  for (const [key, name] of base) {
    if (result.has(key)) continue
    let unique = `${name}-${shortHash(key)}`
    for (let attempt = 2; taken.has(unique.toLowerCase()); attempt++) unique = `${name}-${shortHash(`${key}\n${attempt}`)}`
    result.set(key, unique)
    taken.add(unique.toLowerCase())
  }
  return new Map([...base.keys()].map((key) => [key, result.get(key) as string]))
}
