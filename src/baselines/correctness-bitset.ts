/**
 * Per-example correctness as a compact bitset: 600 examples take 100 base64 characters.
 */
import { BaselineError } from '../errors.js'
import type { StoredCorrectness } from './types.js'

/**
 * Encodes 0/1 outcomes as a base64 bitset (bit `i` in byte `i >> 3`, position `i & 7`).
 * @example encodeCorrectness(Uint8Array.of(1, 0, 1)).bits // 'BQ=='
 */
export function encodeCorrectness(correct: ArrayLike<number>): StoredCorrectness {
  const bytes = new Uint8Array(Math.ceil(correct.length / 8))
  for (let i = 0; i < correct.length; i++) if (correct[i]) bytes[i >> 3] |= 1 << (i & 7)
  return { encoding: 'bitset-base64', length: correct.length, bits: Buffer.from(bytes).toString('base64') }
}

/**
 * Decodes a stored bitset back to one byte (0/1) per example.
 * @example decodeCorrectness({ encoding: 'bitset-base64', length: 3, bits: 'BQ==' }) // Uint8Array [1, 0, 1]
 */
export function decodeCorrectness(stored: StoredCorrectness): Uint8Array {
  if (stored.encoding !== 'bitset-base64' || typeof stored.bits !== 'string' || !Number.isInteger(stored.length) || stored.length < 0) {
    throw new BaselineError('baseline-corrupt', "the baseline entry's stored correctness cannot be read: expected { encoding: 'bitset-base64', length, bits }; run `vitest -u` locally to write the entry again")
  }
  const bytes = Buffer.from(stored.bits, 'base64')
  if (bytes.length !== Math.ceil(stored.length / 8)) {
    throw new BaselineError('baseline-corrupt', `the baseline entry's stored correctness cannot be read: the bitset holds ${bytes.length} bytes, expected ${Math.ceil(stored.length / 8)} for ${stored.length} examples; run \`vitest -u\` locally to write the entry again`)
  }
  const out = new Uint8Array(stored.length)
  for (let i = 0; i < stored.length; i++) out[i] = (bytes[i >> 3] >> (i & 7)) & 1
  return out
}
