/**
 * Vitest `globalSetup`: provides a name unique to this test run as `inject('evalgateTestRun')` and
 * starts `sharedPackedInstall` (test/consumer/packed-install.ts) in the background: the npm pack
 * and install run as child processes while the test files run, and a consumer test file that
 * needs the install before it is ready waits on its lock. Nothing is started when the command
 * line names test files and none of them is under test/consumer/ (a run of one unit test file
 * does not pack); a consumer test file then packs itself, so a filter this misreads costs time,
 * never correctness. The teardown waits for a pack still running and removes the run's record.
 */
import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { runRecord, sharedPackedInstall } from './packed-install.js'

declare module 'vitest' {
  export interface ProvidedContext {
    evalgateTestRun: string
  }
}

/** Whether the files this run selects can include test/consumer/ (no filter selects everything). */
function selectsConsumerTests(argv: string[]): boolean {
  const start = argv.findIndex((arg) => arg === 'run' || arg === 'watch' || arg === 'related')
  const filters = argv.slice(start + 1).filter((arg) => !arg.startsWith('-'))
  return start < 0 || filters.length === 0 || filters.some((filter) => filter.includes('consumer') || 'test/consumer/'.startsWith(filter.replace(/^\.\//, '')))
}

export default function setup(project: TestProject): () => Promise<void> {
  // the same for every project of the run (each runs this setup): this process and its start time
  const run = `${process.pid}-${Math.round(performance.timeOrigin)}`
  project.provide('evalgateTestRun', run)
  // A failure here is not reported here: the consumer test files make the same call and fail with it.
  const started = selectsConsumerTests(process.argv) ? sharedPackedInstall(run).catch(() => '') : Promise.resolve('')
  return async () => {
    await started
    rmSync(runRecord(run), { force: true })
  }
}
