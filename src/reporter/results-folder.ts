import { existsSync } from 'node:fs'
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, parse, relative, resolve, sep } from 'node:path'

/** Marker file that says a folder was written by this reporter and may be replaced. */
export const RESULTS_MARKER = '.evalgate-results'

/** The files of a results folder, by path relative to it (always `/`-separated, never `..`). */
export type ResultFiles = Map<string, string | Buffer>

/**
 * Writes the results folder as a whole: every file goes into a fresh sibling folder first, which
 * then replaces the old one by rename, so a crash never leaves half a report. Refuses to replace
 * a folder that is not a previous results folder (no marker file) and is not empty, or that
 * contains the working directory.
 */
export async function writeResultsFolder(outputDir: string, files: ResultFiles): Promise<string> {
  const target = resolve(outputDir)
  assertReplaceable(target)
  if (existsSync(target)) {
    const entries = await readdir(target)
    if (entries.length > 0 && !entries.includes(RESULTS_MARKER)) {
      throw new Error(
        `evalgate reporter: refusing to replace "${outputDir}": it is not empty and was not written by evalgate (no ${RESULTS_MARKER} file). Choose another outputDir or remove the folder.`,
      )
    }
  }
  await mkdir(dirname(target), { recursive: true })
  const stamp = `${process.pid}-${Date.now().toString(36)}`
  const staging = `${target}.tmp-${stamp}`
  const old = `${target}.old-${stamp}`
  try {
    await writeFilesInto(staging, files)
    await writeFile(join(staging, RESULTS_MARKER), 'Written by the evalgate reporter; replaced on every run.\n')
    if (existsSync(target)) await rename(target, old)
    await rename(staging, target)
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    if (!existsSync(target) && existsSync(old)) await rename(old, target)
    throw error
  }
  await rm(old, { recursive: true, force: true })
  return target
}

/** Writes files under `root`, checking that no path escapes it. */
async function writeFilesInto(root: string, files: ResultFiles): Promise<void> {
  await mkdir(root, { recursive: true })
  for (const [path, content] of files) {
    const full = resolve(root, path)
    const rel = relative(root, full)
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..') || parse(rel).root !== '') {
      throw new Error(`evalgate reporter: refusing to write "${path}" outside the results folder`)
    }
    await mkdir(dirname(full), { recursive: true })
    await writeFile(full, content)
  }
}

function assertReplaceable(target: string): void {
  const cwd = process.cwd()
  const rel = relative(target, cwd)
  if (parse(target).root === target || rel === '' || !rel.startsWith('..')) {
    throw new Error(`evalgate reporter: outputDir "${target}" is the file-system root or contains the working directory; choose a dedicated folder such as eval-results/`)
  }
}
