/**
 * Reads and writes baseline files. Reads are synchronous because matchers are; a write goes to
 * a temporary file in the same folder and is renamed over the old one, so a crash never leaves
 * half a baseline. What a valid file is lives in `validate-baseline-file.ts`; a file that is
 * not valid is a `BaselineError` (`baseline-corrupt`) naming the file, the entry, the line and
 * what is wrong, and a file that cannot be written one (`baseline-unwritable`) naming the
 * baseline file and the fix, never the temporary file.
 */
import { readFileSync, rmSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { BaselineError } from '../errors.js'
import { writeFileAtomicSync } from '../files/write-file-atomic.js'
import { stableStringify } from './stable-json.js'
import { readableVersionsText, type BaselineFile } from './types.js'
import { describeBaselineProblem, validateBaselineFile, type BaselineProblem, type ValidatedBaselineFile } from './validate-baseline-file.js'

/** How to repair a corrupt file, shown in the error. */
export const CORRUPT_BASELINE_FIX = 'fix the file by hand (e.g. resolve a merge conflict), or run `npx vitest run -u` locally to write it again'

/**
 * The corrupt-baseline error: the file, the problem (entry, line, what), that it was left
 * untouched and how to fix it.
 * @example corruptBaselineError('a.json', { entry: 'x 1', line: 4, what: 'is not an object' }).code // 'baseline-corrupt'
 */
export function corruptBaselineError(file: string, problem: BaselineProblem, options?: { cause?: unknown }): BaselineError {
  return new BaselineError('baseline-corrupt', `baseline file ${file} is not a valid evalgate baseline ${describeBaselineProblem(problem)}; it was left untouched: ${CORRUPT_BASELINE_FIX}`, options)
}

/**
 * The error of a baseline file written by a newer evalgate (a layout version this one does not
 * read): never rewritten, `-u` included, since that would drop what this version does not know.
 * @example newerBaselineError('a.json', 3).code // 'baseline-newer'
 */
export function newerBaselineError(file: string, version: number): BaselineError {
  return new BaselineError(
    'baseline-newer',
    `baseline file ${file} was written by a newer evalgate (baseline format ${version}; this version reads formats ${readableVersionsText('and')}) and was left untouched: upgrade evalgate in this project (\`npm install -D evalgate@latest\`, or the version your team uses) and run again`,
  )
}

/**
 * Parses and validates the text of a baseline file; `file` is only used in error messages.
 * Throws the newer-baseline error of a file written by a newer evalgate, else the corrupt-baseline
 * error of the first problem.
 * @example parseBaselineFile('{"entries":{},"evalgateBaseline":1}', 'a.json').entries // {}
 */
export function parseBaselineFile(text: string, file: string): BaselineFile {
  const validated = validateBaselineFile(text)
  if (validated.newerVersion !== undefined) throw newerBaselineError(file, validated.newerVersion)
  if (validated.problems.length > 0) throw corruptBaselineError(file, validated.problems[0])
  return validated.file
}

const UNWRITABLE: Record<string, string> = {
  EACCES: 'permission denied: the baseline folder or file is read-only',
  EPERM: 'operation not permitted: the baseline folder or file is read-only or locked',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file is in the way of the baseline folder',
  EEXIST: 'a file is in the way of the baseline folder',
  EISDIR: 'a folder is in the way of the baseline file',
  ENOSPC: 'the disk is full',
}

/**
 * The error of a baseline file that cannot be written, naming the baseline file (not the
 * temporary file the write went through), the reason and the fix.
 */
export function unwritableBaselineError(path: string, error: unknown): BaselineError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error'
  const reason = UNWRITABLE[code] ?? (error instanceof Error ? error.message : String(error))
  const folder = basename(dirname(path))
  return new BaselineError(
    'baseline-unwritable',
    `baseline file ${path} cannot be written (${code}: ${reason}): make the folder ${folder} and the file writable (e.g. \`chmod -R u+w ${folder}\`, or remove what is in the way), then run again; a job that must not write baselines runs with CI set`,
    { cause: error },
  )
}

/**
 * The error of a folder at a baseline file's path (adversarial pass 52: `cannot be read: EISDIR`
 * without a fix, and `-u` failed the same way): the same in every mode, since no run can read or
 * write the file until the folder is gone. Names the path once (the session shows it relative).
 * @example folderInTheWayError('__baselines__/a.test.ts.json').code // 'baseline-unreadable'
 */
export function folderInTheWayError(path: string, cause?: unknown): BaselineError {
  return new BaselineError(
    'baseline-unreadable',
    `baseline file ${path} is a folder, not a file (EISDIR), so the baseline can be neither read nor written: remove the folder or rename it (move anything you need out of it first), then run again; evalgate keeps each test file's baseline entries in one file at that path`,
    { cause },
  )
}

/** Reads and writes baseline files on disk. */
export class BaselineStore {
  constructor(
    /** Writes a file atomically; replaceable so tests can simulate a file system that refuses. */
    private readonly writeFile: (path: string, content: string) => void = writeFileAtomicSync,
  ) {}

  /**
   * The parsed file, or undefined when it does not exist. Throws `BaselineError` when it is corrupt.
   * @example new BaselineStore().read('__baselines__/model.test.ts.json')?.entries
   */
  read(path: string): BaselineFile | undefined {
    const text = this.readText(path)
    return text === undefined ? undefined : parseBaselineFile(text, path)
  }

  /**
   * The file's text and its validation (valid entries plus problems), or undefined when it does
   * not exist: what `-u` needs to repair a malformed file.
   */
  readValidated(path: string): { text: string; validated: ValidatedBaselineFile } | undefined {
    const text = this.readText(path)
    return text === undefined ? undefined : { text, validated: validateBaselineFile(text) }
  }

  /** The raw text, undefined when absent; `baseline-unreadable` for any other read error. */
  readText(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8')
    } catch (error) {
      // absent, or a file where a folder of the path should be (writing says so)
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
      if (code === 'EISDIR') throw folderInTheWayError(path, error)
      throw new BaselineError('baseline-unreadable', `baseline file ${path} cannot be read: ${(error as Error).message}`, { cause: error })
    }
  }

  /**
   * Writes the file atomically (temporary file in the same folder, then rename), creating the
   * folder when needed. An empty entry set removes the file. Throws `baseline-unwritable` when
   * the folder or file cannot be written.
   */
  write(path: string, file: BaselineFile): void {
    try {
      if (Object.keys(file.entries).length === 0) rmSync(path, { force: true })
      else this.writeFile(path, stableStringify(file))
    } catch (error) {
      throw unwritableBaselineError(path, error)
    }
  }
}
