/** Relative-tolerance comparison for metric parity tests (scikit-learn parity is 1e-9 relative). */
import { expect } from 'vitest'

/** Default relative tolerance of parity tests. */
export const PARITY_RTOL = 1e-9

/**
 * Assert `actual` equals `expected` to `rtol` relative (|a - e| <= rtol * max(|a|, |e|)), with an
 * absolute floor of 1e-12 so values that are 0 in sklearn (and ±1e-17 here) compare equal.
 * NaN equals only NaN. The message names what was compared.
 */
export function expectClose(actual: number, expected: number, what: string, rtol: number = PARITY_RTOL): void {
  if (Number.isNaN(expected)) {
    expect(actual, `${what}: expected NaN`).toBeNaN()
    return
  }
  expect(typeof actual, `${what}: not a number`).toBe('number')
  const diff = Math.abs(actual - expected)
  const bound = Math.max(rtol * Math.max(Math.abs(actual), Math.abs(expected)), 1e-12)
  if (!(diff <= bound)) {
    expect.fail(`${what}: got ${actual}, scikit-learn ${expected} (difference ${diff}, allowed ${bound})`)
  }
}

/** {@link expectClose} over two arrays of the same length. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, rtol: number = PARITY_RTOL): void {
  expect(actual.length, `${what}: length`).toBe(expected.length)
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${what}[${i}]`, rtol)
}
