/**
 * Reads many git blobs through one `git cat-file --batch` process, so that thousands of
 * baseline versions cost one process instead of one `git show` each. The output is parsed as
 * it arrives and each blob handed on before the next is read: a baseline file can hold
 * megabytes of stored predictions per version, and a team's history thousands of versions, so
 * holding them all at once ran a 2 GB heap out of memory.
 */
import { streamGit } from './git-process.js'
import { HistoryError } from './history-error.js'

/** One blob of `streamBlobs`: its object id and its contents as UTF-8 text (`undefined`: git does not have it). */
export interface StreamedBlob {
  oid: string
  text: string | undefined
}

/**
 * Yields the blobs named by `oids` in that order (a name given twice is read twice), each as
 * soon as git has written it; git waits while the caller works on one, so one blob (plus a pipe's
 * worth of bytes) is held at a time however many are read.
 *
 * @example for await (const blob of streamBlobs(root, [before, after])) entriesOf(blob.text)
 */
export async function* streamBlobs(root: string, oids: readonly string[], git?: string): AsyncGenerator<StreamedBlob> {
  if (oids.length === 0) return
  const reader = streamGit(['cat-file', '--batch'], { cwd: root, git, input: `${oids.join('\n')}\n` })
  const parser = new CatFileBatchParser()
  let finished = false
  try {
    try {
      for await (const chunk of reader.stdout) yield* parser.push(chunk as Buffer)
    } catch (error) {
      await reader.done
      throw error
    }
    await reader.done
    parser.end()
    finished = true
  } finally {
    // The caller stopped early (or failed): end git rather than leave it writing to a full pipe.
    if (!finished) reader.stop()
  }
}

/**
 * Parses `git cat-file --batch` output (`<oid> <type> <size>\n<content>\n` per object,
 * `<name> missing\n` for an unknown one) into `into`, keyed by object id.
 *
 * @example parseCatFileBatch(output, blobs)
 */
export function parseCatFileBatch(output: Buffer, into: Map<string, string>): void {
  const parser = new CatFileBatchParser()
  for (const blob of parser.push(output)) if (blob.text !== undefined) into.set(blob.oid, blob.text)
  parser.end()
}

/**
 * Parses `git cat-file --batch` output chunk by chunk: the unread bytes are `chunks`, the first
 * read from `offset`; a blob's chunks are joined once it is whole, and what is read is skipped
 * by moving `offset` (never by copying the rest, which made one large output quadratic).
 */
class CatFileBatchParser {
  private chunks: Buffer[] = []
  private offset = 0
  /** Unread bytes in `chunks`. */
  private length = 0
  /** The header of the object whose contents are being read. */
  private pending: { oid: string; size: number; header: string } | undefined

  /** Adds `chunk` and returns the objects it completed. */
  push(chunk: Buffer): StreamedBlob[] {
    this.chunks.push(chunk)
    this.length += chunk.length
    const out: StreamedBlob[] = []
    for (;;) {
      if (!this.pending) {
        const buffer = this.joined()
        const end = buffer.indexOf(10, this.offset)
        if (end < 0) return out
        const header = buffer.toString('utf8', this.offset, end)
        this.take(end + 1 - this.offset)
        const parts = header.split(' ')
        if (parts[1] === 'missing' || parts.length !== 3) {
          if (parts[1] === 'missing') out.push({ oid: parts[0]!, text: undefined })
          continue
        }
        const size = Number(parts[2])
        if (!Number.isInteger(size) || size < 0) throw truncated(header)
        this.pending = { oid: parts[0]!, size, header }
      }
      // The contents and the newline after them; not whole yet: wait for more, the chunks unjoined.
      if (this.length < this.pending.size + 1) return out
      const buffer = this.joined()
      out.push({ oid: this.pending.oid, text: buffer.toString('utf8', this.offset, this.offset + this.pending.size) })
      this.take(this.pending.size + 1)
      this.pending = undefined
    }
  }

  /** Throws when the output ended inside an object. */
  end(): void {
    if (this.pending) throw truncated(this.pending.header)
  }

  /** The unread bytes as one buffer, read from `offset`. */
  private joined(): Buffer {
    if (this.chunks.length > 1) {
      this.chunks = [Buffer.concat([this.chunks[0]!.subarray(this.offset), ...this.chunks.slice(1)])]
      this.offset = 0
    }
    return this.chunks[0] ?? Buffer.alloc(0)
  }

  private take(count: number): void {
    this.offset += count
    this.length -= count
    if (this.length === 0) {
      // Drop the read bytes (a read blob's among them) rather than keep them until the next chunk.
      this.chunks = []
      this.offset = 0
    }
  }
}

function truncated(header: string): HistoryError {
  return new HistoryError('git-failed', `git cat-file --batch returned a truncated object (${header}); run git fsck in the repository`)
}
