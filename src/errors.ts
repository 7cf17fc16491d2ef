/**
 * Errors for people. Every evalgate error says what is wrong, where (column, row, value) and
 * how to fix it. `code` is stable so callers and tests can branch on it.
 */
export class EvalgateError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'EvalgateError'
    this.code = code
  }
}

/** The evaluation data is unusable: empty, a column missing, a bad cell. */
export class DatasetError extends EvalgateError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'DatasetError'
  }
}

/** Predictions, scores or probabilities are unusable (count, NaN, range, unknown label). */
export class PredictionError extends EvalgateError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'PredictionError'
  }
}

/** The options passed to evaluate() or a matcher contradict each other or the data. */
export class ConfigError extends EvalgateError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'ConfigError'
  }
}

/** The model (function or served model) failed. */
export class ModelError extends EvalgateError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'ModelError'
  }
}

/** A stored baseline file cannot be read or would be lost. */
export class BaselineError extends EvalgateError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'BaselineError'
  }
}

/** `a, b, c` for listing the columns that do exist. */
export function listNames(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ')
}
