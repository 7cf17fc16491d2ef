/**
 * Reads many git blobs through `git cat-file --batch`, a few hundred per process, so that
 * thousands of baseline versions cost a handful of processes instead of one `git show` each.
 */
import { runGit } from './git-process.js'
import { HistoryError } from './history-error.js'

/** Object names per `git cat-file --batch` process. */
const BATCH_SIZE = 500

/**
 * Reads the blobs named by `oids` (duplicates read once) and resolves to their contents as
 * UTF-8 text; an object git does not have is absent from the map.
 */
export async function readBlobs(root: string, oids: Iterable<string>, git?: string): Promise<Map<string, string>> {
  const unique = [...new Set(oids)]
  const blobs = new Map<string, string>()
  for (let start = 0; start < unique.length; start += BATCH_SIZE) {
    const batch = unique.slice(start, start + BATCH_SIZE)
    const output = await runGit(['cat-file', '--batch'], { cwd: root, git, input: `${batch.join('\n')}\n` })
    parseCatFileBatch(output, blobs)
  }
  return blobs
}

/**
 * Parses `git cat-file --batch` output (`<oid> <type> <size>\n<content>\n` per object,
 * `<name> missing\n` for an unknown one) into `into`, keyed by object id.
 */
export function parseCatFileBatch(output: Buffer, into: Map<string, string>): void {
  let at = 0
  while (at < output.length) {
    const end = output.indexOf(10, at)
    if (end < 0) break
    const header = output.toString('utf8', at, end)
    at = end + 1
    const parts = header.split(' ')
    if (parts[1] === 'missing' || parts.length !== 3) continue
    const size = Number(parts[2])
    if (!Number.isInteger(size) || at + size > output.length) {
      throw new HistoryError('git-failed', `git cat-file --batch returned a truncated object (${header}); run git fsck in the repository`)
    }
    into.set(parts[0]!, output.toString('utf8', at, at + size))
    at += size + 1
  }
}
