/** A command line that cannot run as written (exit code 2), found after commander parsed it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
