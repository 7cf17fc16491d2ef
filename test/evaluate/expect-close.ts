import { expect } from 'vitest'

/** Asserts |actual - expected| <= 1e-9 relative (absolute 1e-12 near zero), naming `what`. */
export function expectClose(actual: number | undefined, expected: number, what: string, relative = 1e-9): void {
  expect(actual, `${what} is missing`).toBeTypeOf('number')
  const a = actual as number
  const tolerance = Math.max(relative * Math.max(Math.abs(a), Math.abs(expected)), 1e-12)
  if (!(Math.abs(a - expected) <= tolerance)) {
    expect.fail(`${what}: got ${a}, expected ${expected} (difference ${a - expected}, tolerance ${tolerance})`)
  }
}
