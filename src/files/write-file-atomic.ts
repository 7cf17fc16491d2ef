/**
 * Writing a file the user keeps (a baseline, a JUnit file, a cache segment) so that readers see
 * the old content or the new, never half: a temporary file in the same folder, then a rename
 * over the target; the temporary file is removed when anything fails. One implementation for
 * the baselines, the reporter and the prediction cache.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** A hidden temporary name beside `file`, unique per process and call. */
function temporaryPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

/**
 * Writes `content` to `file` atomically, creating its folder.
 *
 * @example await writeFileAtomic('eval-results/junit.xml', xml)
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temporary = temporaryPathFor(file)
  try {
    await writeFile(temporary, content)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/**
 * The synchronous form, for code that must finish before it returns (a test file's baseline,
 * written from an `afterAll` hook).
 *
 * @example writeFileAtomicSync('__baselines__/model.test.ts.json', text)
 */
export function writeFileAtomicSync(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true })
  const temporary = temporaryPathFor(file)
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
