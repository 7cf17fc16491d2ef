import { evaluate } from '../../src/evaluate/index.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'

/** The error `evaluate(options)` throws (with its code); fails the test when it does not throw. */
export async function evaluateFailure(options: EvaluateOptions): Promise<Error & { code: string }> {
  try {
    await evaluate(options)
  } catch (error) {
    return error as Error & { code: string }
  }
  throw new Error('evaluate() did not throw')
}
