import { EvalgateError } from '../errors.js'

/**
 * The history of the baseline files cannot be read: git is missing, the folder is not a git
 * work tree, or the clone is shallow. `code` is one of `git-not-found`, `not-a-work-tree`,
 * `shallow-clone`, `git-failed`.
 */
export class HistoryError extends EvalgateError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.name = 'HistoryError'
  }
}
