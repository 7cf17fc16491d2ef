// Placeholder so the plugin compiles; the reporter helper replaces this file.
import type { Reporter } from 'vitest/reporters'

export interface ReporterOptions {
  /** Results folder, default `eval-results`. */
  outputDir?: string
}

export class EvalgateReporter implements Reporter {
  constructor(readonly options: ReporterOptions = {}) {}
  onInit(): void {}
}

export default EvalgateReporter
