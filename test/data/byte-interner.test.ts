/** ByteInterner: the code given before to the same bytes, through its quick cache and its table. */
import { describe, expect, test } from 'vitest'
import { ByteInterner } from '../../src/data/byte-interner.js'

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8')

describe('ByteInterner', () => {
  test('values that share a quick-cache slot (same length, first, middle and last bytes) each get their own code', () => {
    const interner = new ByteInterner()
    const values = ['a1c2e', 'a3c4e', 'a5c6e', '', 'x']
    const stored = values.map((_, i) => 10 + i)
    values.forEach((value, i) => interner.set(bytes(value), 0, bytes(value).length, stored[i]))
    // Alternating lookups (each one evicts the other from the shared slot), at offsets in a larger buffer.
    const line = Buffer.from('__a1c2e__a3c4e__a5c6e__x__', 'utf8')
    for (let round = 0; round < 3; round++) {
      expect(interner.get(line, 2, 7)).toBe(stored[0])
      expect(interner.get(line, 9, 14)).toBe(stored[1])
      expect(interner.get(line, 16, 21)).toBe(stored[2])
      expect(interner.get(line, 23, 24)).toBe(stored[4])
      expect(interner.get(line, 0, 0)).toBe(stored[3])
    }
    // Same slot, never stored: not found, even right after a neighbour was cached.
    expect(interner.get(bytes('a7c8e'), 0, 5)).toBe(-1)
    expect(interner.get(bytes('a1c2f'), 0, 5)).toBe(-1)
    expect(interner.get(bytes('a1c2'), 0, 4)).toBe(-1)
  })
})
