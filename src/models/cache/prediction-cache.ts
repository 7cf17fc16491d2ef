/**
 * Content-addressed prediction cache on disk.
 *
 * Layout: `<cacheDir>/<adapter>-<namespace[0..16]>/<segment>.jsonl`. A namespace folder holds
 * the answers of one model configuration (see cache-key.ts); each segment file holds up to
 * `segmentSize` per-row entries, one JSON line each: `{"k": key, "a": answer, "c": checksum}`.
 *
 * Why segments rather than one file per row: 100k rows would be 100k tiny files (slow to write,
 * to list and to delete, and hard on small-inode filesystems); why not one file per request
 * batch keyed by its rows: a re-run with other batch boundaries (a new batch size, rows added,
 * a partial earlier run) would miss. Entries stay per row, so any subset of rows is reused;
 * segments only group their storage. A segment is written once, atomically (temp + rename).
 *
 * Every entry carries a checksum over its key and answer. An unreadable line or a checksum
 * mismatch is counted as corrupt, never used (the row is fetched again), and the segment is
 * rewritten without it, so the fresh answer replaces it.
 */
import { randomBytes } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { cacheEntryChecksum } from './cache-key.js'
import { writeFileAtomic } from '../../files/write-file-atomic.js'

const SEGMENT_SUFFIX = '.jsonl'
/** Pending answers are written once the oldest is this old (a segment file per 10 s at most, besides the full ones). */
export const FLUSH_AFTER_MS = 10_000
const HEADER_FORMAT = 'evalgate-prediction-cache'

export interface PredictionCacheOptions {
  /** Root folder of the cache. */
  dir: string
  /** Adapter kind, used in the folder name so a human can tell folders apart. */
  adapter: string
  /** From `cacheNamespace`. */
  namespace: string
  /** Credential-free description written in each segment's header line, for humans. */
  description: Record<string, unknown>
  /** Entries per segment file (default 1000). */
  segmentSize?: number
}

interface StoredEntry {
  k: string
  a: unknown
  c: string
}

/** The cache of one model configuration. Call `load()` before `get()`, `flush()` at the end. */
export class PredictionCache {
  readonly folder: string
  /** Corrupt entries found by `load()` (unreadable lines, checksum mismatches, unreadable files). */
  corruptEntries = 0
  /**
   * Set when the cache folder cannot be read or written. The cache then degrades (misses, no
   * writes) instead of failing an evaluation whose predictions were already paid for.
   */
  problem: string | undefined
  private readonly entries = new Map<string, unknown>()
  private pending: StoredEntry[] = []
  /** When the oldest pending answer arrived (`Date.now()`). */
  private pendingSince = 0
  private readonly segmentSize: number
  private loaded = false

  constructor(private readonly options: PredictionCacheOptions) {
    this.folder = path.join(options.dir, `${safeName(options.adapter)}-${options.namespace.slice(0, 16)}`)
    this.segmentSize = options.segmentSize ?? 1000
  }

  /** Read every segment of this namespace; corrupt entries are counted and their segments rewritten. */
  async load(): Promise<void> {
    if (this.loaded) return
    this.loaded = true
    let names: string[]
    try {
      names = (await readdir(this.folder)).filter((name) => name.endsWith(SEGMENT_SUFFIX)).sort()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problem = `cannot read ${this.folder}: ${errorMessage(error)}`
      return
    }
    for (const name of names) await this.loadSegment(path.join(this.folder, name))
  }

  /** The stored answer for `key`, or undefined. */
  get(key: string): { answer: unknown } | undefined {
    return this.entries.has(key) ? { answer: this.entries.get(key) } : undefined
  }

  /**
   * Remember an answer; written by `flush()`, or once `segmentSize` answers are pending, or the
   * oldest pending one is {@link FLUSH_AFTER_MS} old: a run interrupted (Ctrl-C, a CI job
   * cancelled, a killed worker) loses at most that much of the answers it paid for (adversarial
   * pass 33: 1,106 rows into a slow server, Ctrl-C kept 1,000 and a kill none).
   */
  async put(key: string, answer: unknown): Promise<void> {
    this.entries.set(key, answer)
    if (this.pending.length === 0) this.pendingSince = Date.now()
    this.pending.push({ k: key, a: answer, c: cacheEntryChecksum(key, answer) })
    if (this.pending.length >= this.segmentSize || Date.now() - this.pendingSince >= FLUSH_AFTER_MS) await this.flush()
  }

  /** Write pending answers as one new segment. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return
    const entries = this.pending
    this.pending = []
    if (this.problem !== undefined) return
    const name = `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}${SEGMENT_SUFFIX}`
    try {
      await writeFileAtomic(path.join(this.folder, name), this.segmentText(entries))
    } catch (error) {
      this.problem = `cannot write to ${this.folder}: ${errorMessage(error)}`
    }
  }

  private segmentText(entries: readonly StoredEntry[]): string {
    const header = { format: HEADER_FORMAT, namespace: this.options.namespace, model: this.options.description }
    return [header, ...entries].map((line) => JSON.stringify(line)).join('\n') + '\n'
  }

  private async loadSegment(file: string): Promise<void> {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      this.corruptEntries++
      return
    }
    const lines = text.split('\n').filter((line) => line.trim() !== '')
    const good: StoredEntry[] = []
    let corrupt = 0
    let headerSeen = false
    for (const line of lines) {
      let parsed: unknown
      try {
        parsed = JSON.parse(line)
      } catch {
        corrupt++
        continue
      }
      if (!headerSeen && isHeader(parsed)) {
        headerSeen = true
        continue
      }
      if (isValidEntry(parsed)) good.push(parsed)
      else corrupt++
    }
    // Segments load oldest first, so the newest answer for a row wins: a row requested again
    // (its older answer did not decode) is read from its fresh entry, not the stale one.
    for (const entry of good) this.entries.set(entry.k, entry.a)
    if (corrupt === 0 && headerSeen) return
    this.corruptEntries += corrupt === 0 ? 1 : corrupt
    // Never leave a corrupt entry behind to be counted again: keep only the good ones.
    try {
      if (good.length === 0) await rm(file, { force: true })
      else await writeFileAtomic(file, this.segmentText(good))
    } catch (error) {
      this.problem = `cannot rewrite corrupt segment ${file}: ${errorMessage(error)}`
    }
  }
}

function isHeader(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === HEADER_FORMAT
}

function isValidEntry(value: unknown): value is StoredEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Partial<StoredEntry>
  if (typeof entry.k !== 'string' || typeof entry.c !== 'string' || !('a' in entry)) return false
  return cacheEntryChecksum(entry.k, entry.a) === entry.c
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)
}
