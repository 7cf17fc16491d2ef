/**
 * Vitest `globalSetup`: packs and installs evalgate once (test/consumer/packed-install.ts) before
 * the test files start, and provides the folder as `inject('evalgatePackedInstall')`. Skipped
 * (providing '') when the command line names test files and none of them is under
 * test/consumer/: a run of one unit test file does not pack. A consumer test that finds '' calls
 * `packedInstall()` itself, so a filter this misreads costs time, never correctness.
 */
import type { TestProject } from 'vitest/node'
import { packedInstall } from './packed-install.js'

declare module 'vitest' {
  export interface ProvidedContext {
    evalgatePackedInstall: string
  }
}

/** Whether the files this run selects can include test/consumer/ (no filter selects everything). */
function selectsConsumerTests(argv: string[]): boolean {
  const start = argv.findIndex((arg) => arg === 'run' || arg === 'watch' || arg === 'related')
  const filters = argv.slice(start + 1).filter((arg) => !arg.startsWith('-'))
  return start < 0 || filters.length === 0 || filters.some((filter) => filter.includes('consumer') || 'test/consumer/'.startsWith(filter.replace(/^\.\//, '')))
}

export default function setup(project: TestProject): void {
  project.provide('evalgatePackedInstall', selectsConsumerTests(process.argv) ? packedInstall() : '')
}
