/**
 * The `--out <dir>` folder of `evalgate compare` and `evalgate history`: a path naming a file (or
 * under one), or the reporter's own results folder, is a usage error (exit code 2) found before
 * anything is read or written (adversarial pass 56: compare stopped on `ENOTDIR` as an unexpected
 * error, and overwrote the report's `index.html` when given `eval-results`).
 */
import { mkdir, open, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { RESULTS_MARKER } from '../reporter/results-folder.js'
import { UsageError } from './usage-error.js'

/**
 * Throws a `UsageError` where `out` is an existing file, the evalgate reporter's results folder
 * (its marker file is there), or a folder holding an `index.html` that this command did not write
 * (no `companion` beside it: `compare.md`, `history.json`; adversarial pass 58: `--out site` and
 * `--out .` replaced a web page); `files` names what the command writes (`index.html and compare.md`).
 */
export async function refuseOutputFolder(out: string, files: string, companion: OwnFile): Promise<void> {
  const found = await stat(out).catch(() => undefined)
  if (found && !found.isDirectory()) throw outIsAFile(out, files)
  if (!found) return
  const exists = async (name: string): Promise<boolean> => (await stat(join(out, name)).catch(() => undefined)) !== undefined
  if (await exists(RESULTS_MARKER)) {
    throw new UsageError(`option '--out <dir>': ${out} is the evalgate reporter's results folder, whose index.html this would replace; pass another folder for ${files}`)
  }
  // the companion by its content, not its name alone (adversarial pass 59: a site's own compare.md let its index.html be replaced)
  if ((await exists('index.html')) && !(await startsAs(join(out, companion.name), companion.signature))) {
    throw new UsageError(`option '--out <dir>': ${out} holds an index.html this command did not write (no ${companion.name} of its own beside it), which it would replace; pass another folder for ${files}`)
  }
}

/** A file the command writes beside its index.html, and how its text begins. */
export interface OwnFile {
  name: string
  /** The text it opens with (`# evalgate compare`, `{"evalgateHistory":`). */
  signature: string
}

/** Whether the file at `path` opens with `signature` (false when it cannot be read). */
async function startsAs(path: string, signature: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined)
  if (handle === undefined) return false
  try {
    const buffer = Buffer.alloc(Buffer.byteLength(signature))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return buffer.subarray(0, bytesRead).toString('utf8') === signature
  } finally {
    await handle.close()
  }
}

/** Makes the output folder (and its parents); a file in the way is a `UsageError`, as {@link refuseOutputFolder}'s. */
export async function makeOutputFolder(out: string, files: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' || code === 'ENOTDIR') throw outIsAFile(out, files)
    throw error
  }
}

function outIsAFile(out: string, files: string): UsageError {
  return new UsageError(`option '--out <dir>' must be a folder, but ${out} is a file (or is under one); pass a folder for ${files} (new or existing), or move the file`)
}
