import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs'
import { cp, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path'

/** Marker file that says a folder was written by this reporter and may be replaced. */
export const RESULTS_MARKER = '.evalgate-results'

const MARKER_HEADING = 'Written by the evalgate reporter; replaced on every run.'
const MANIFEST_HEADING = 'Its entries (anything else here belongs to another tool and is kept):'
/** Names of evalgate's files another tool's file took this run: evalgate's again once that tool stops writing them. */
const YIELDED_HEADING = 'Left to another tool this run:'

/** The files of a results folder, by path relative to it (always `/`-separated, never `..`). */
export type ResultFiles = Map<string, string | Buffer>

/** What the results folder was when the run started (`resultsFolderState`). */
export interface ResultsFolderState {
  /** The folder existed, held entries other than `others`' and had no marker: never evalgate's. */
  foreign: boolean
  /** When the run started (ms): an entry of evalgate's changed since then was written by another tool. */
  startedAt: number
}

/** How `writeResultsFolder` treats what other tools keep in the folder. */
export interface ResultsFolderOptions {
  /** The folder as the run found it; without it a non-empty folder without marker is refused. */
  before?: ResultsFolderState
  /** Top-level entries other configured tools write into the folder (name → who writes it). */
  others?: ReadonlyMap<string, string>
  /** Told of each of evalgate's files left out because another tool's file has its name. */
  warn?: (text: string) => void
}

/**
 * The state of the results folder at the start of a run, for `writeResultsFolder`.
 *
 * @example const before = resultsFolderState('eval-results', new Map([['vitest.json', "Vitest's json reporter"]]))
 */
export function resultsFolderState(outputDir: string, others: ReadonlyMap<string, string> = new Map(), now = Date.now()): ResultsFolderState {
  const target = resolve(outputDir)
  let entries: string[] = []
  try {
    entries = readdirSync(target)
  } catch {
    // Missing (or not a folder: writing will say so).
  }
  return { foreign: isForeign(entries, others), startedAt: now }
}

/** The refusal of an `outputDir` that is a file, when the reporter starts (adversarial pass 58: every test ran, then `ENOTDIR`). */
export function notAFolderError(outputDir: string): Error {
  return new Error(`evalgate reporter: outputDir "${outputDir}" is a file (or is under one), not a folder; choose another outputDir, or move the file`)
}

/**
 * The refusal of an `outputDir` that is not empty and was never evalgate's: thrown when the
 * reporter starts (before any test, adversarial pass 56: it came after every test had run, and
 * the run's report was lost) and again when it writes, should the folder have become so since.
 */
export function foreignFolderError(outputDir: string): Error {
  return new Error(`evalgate reporter: refusing to replace "${outputDir}": it is not empty and was not written by evalgate (no ${RESULTS_MARKER} file). Choose another outputDir or remove the folder.`)
}

/**
 * Writes the results folder as a whole: every file goes into a fresh sibling folder first, which
 * then replaces the old one by rename, so a crash never leaves half a report. What other tools
 * wrote into the folder (Vitest's `--outputFile.json`, a coverage report) is carried over into
 * the new folder, never lost: an entry is evalgate's when the marker file lists it and it has not
 * changed since the run started (an older version's marker lists nothing: its entries are its
 * files and run folders, and whatever did not change after it was written). One of evalgate's files whose name another tool's file takes
 * (Vitest's `junit.xml`) is left out with a warning. Refuses to replace a folder that existed
 * before the run, is not empty and was never evalgate's (no marker file), or that contains the
 * working directory. A symbolic link as `outputDir` is kept: the folder it points to is the one
 * replaced (the swap happens beside it), so the report appears where the link leads. What a run
 * killed mid-swap left beside the folder is recovered first (`recoverInterruptedWrites`).
 *
 * @example await writeResultsFolder('eval-results', files, { before, others, warn: console.warn })
 */
export async function writeResultsFolder(outputDir: string, files: ResultFiles, options: ResultsFolderOptions = {}): Promise<string> {
  assertReplaceable(resolve(outputDir))
  const target = followLinks(resolve(outputDir))
  assertReplaceable(target)
  await mkdir(dirname(target), { recursive: true })
  // One writer at a time: two runs swapping the same folder at once crashed the slower one
  // (ENOTEMPTY) and left the user's notes in its old folder (adversarial pass 23w).
  const release = await lockFolder(target)
  try {
    return await writeLocked(outputDir, target, files, options)
  } finally {
    await release()
  }
}

/** The lock beside the folder: `<folder>.evalgate-lock`, holding the writer's process id and when it took it. */
const LOCK_WAIT_MS = 120_000

async function lockFolder(target: string): Promise<() => Promise<void>> {
  const lock = `${target}.evalgate-lock`
  const started = Date.now()
  for (;;) {
    try {
      const handle = await open(lock, 'wx')
      await handle.writeFile(`${process.pid} ${Date.now()}\n`)
      await handle.close()
      return () => rm(lock, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (await staleLock(lock)) {
      await rm(lock, { force: true })
      continue
    }
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new Error(`evalgate reporter: another run has been writing ${target} for over ${LOCK_WAIT_MS / 1000} s (${lock}); if no other run is going, remove that file`)
    }
    await new Promise((done) => setTimeout(done, 50))
  }
}

/**
 * Whether a lock's writer is gone (killed): its process no longer runs (`writerRunning`), or the lock is empty and was made over ten seconds ago (killed between
 * creating it and writing its owner). A lock already removed counts as stale: try again.
 */
async function staleLock(lock: string): Promise<boolean> {
  const [pid, time] = (await readFile(lock, 'utf8').catch(() => '')).trim().split(' ').map(Number)
  if (pid !== undefined && time !== undefined && Number.isFinite(pid) && Number.isFinite(time)) return !writerRunning({ pid, time })
  const made = await stat(lock).then((found) => found.mtimeMs).catch(() => undefined)
  return made === undefined || Date.now() - made > 10_000
}

async function writeLocked(outputDir: string, target: string, files: ResultFiles, options: ResultsFolderOptions): Promise<string> {
  const others = options.others ?? new Map<string, string>()
  await recoverInterruptedWrites(target, others)
  const entries = existsSync(target) ? await readdir(target) : []
  if (options.before ? options.before.foreign : isForeign(entries, others)) {
    throw foreignFolderError(outputDir)
  }
  const owned = await ownedEntries(target, entries, others, options.before?.startedAt)
  const kept = entries.filter((name) => !owned.has(name))
  const { written, yielded } = withoutClashes(files, new Set([...kept, ...others.keys()]), others, outputDir, options.warn)
  const stamp = `${process.pid}-${Date.now().toString(36)}`
  const staging = `${target}.evalgate-tmp-${stamp}`
  const old = `${target}.evalgate-old-${stamp}`
  try {
    await writeFilesInto(staging, written)
    for (const name of kept) await cp(join(target, name), join(staging, name), { recursive: true, preserveTimestamps: true })
    await writeFile(join(staging, RESULTS_MARKER), markerText(written, yielded))
    if (existsSync(target)) await rename(target, old)
    await rename(staging, target)
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    if (!existsSync(target) && existsSync(old)) await rename(old, target)
    throw error
  }
  await moveLateEntries(old, target, owned)
  await rm(old, { recursive: true, force: true })
  return resolve(outputDir)
}

/**
 * Finishes what a run killed while writing the folder left beside it
 * (`<folder>.evalgate-tmp-<pid>-<time>`, `<folder>.evalgate-old-<pid>-<time>`). Called under the
 * folder's lock: every writer makes these under it, so one found now is a killed writer's (a
 * writer still going holds the lock). Releases before this one named them `.tmp-` / `.old-` without `evalgate-`: those are
 * left to the user, as a user's `eval-results.old-1-markdown` could not be told from them
 * (adversarial pass 23v). A staging folder
 * is removed (the old folder was still in place, or is restored next); an old folder is put back
 * when the folder itself is missing (killed between the two renames), else what it holds that is
 * not evalgate's and not in the folder (the user's notes, another tool's late file) is moved in
 * and the rest removed.
 */
async function recoverInterruptedWrites(target: string, others: ReadonlyMap<string, string>): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dirname(target))
  } catch {
    return
  }
  const prefix = `${basename(target)}.`
  const leftovers = names.flatMap((name) => {
    const leftover = name.startsWith(prefix) ? leftoverOf(name.slice(prefix.length)) : undefined
    return leftover !== undefined ? [{ path: join(dirname(target), name), ...leftover }] : []
  })
  for (const staging of leftovers.filter((l) => l.kind === 'tmp')) await rm(staging.path, { recursive: true, force: true })
  // The newest old folder first: the one to restore when the folder is missing.
  for (const old of leftovers.filter((l) => l.kind === 'old').sort((a, b) => b.time - a.time)) {
    if (!existsSync(target)) {
      await rename(old.path, target)
      continue
    }
    const entries = await readdir(old.path)
    await moveLateEntries(old.path, target, await ownedEntries(old.path, entries, others))
    await rm(old.path, { recursive: true, force: true })
  }
}

/** A write (staging, then the swap) takes seconds; a lock this old is stale whoever has its process id now. */
const STALE_AFTER_MS = 3_600_000

/** What a name after `<folder>.` says of a leftover: staging or old folder and when it was made (to restore the newest); undefined for any other name (a user's). */
function leftoverOf(suffix: string): { kind: 'tmp' | 'old'; time: number } | undefined {
  const match = /^evalgate-(tmp|old)-\d+-([0-9a-z]{8,9})$/.exec(suffix)
  return match === null ? undefined : { kind: match[1] as 'tmp' | 'old', time: parseInt(match[2]!, 36) }
}

/**
 * Whether the run that took a lock may still be writing: its process runs and started before
 * it took the lock. A container gives every run the same process id (16 in a fresh namespace),
 * so this process's own id is the writer only for a lock taken since it started.
 */
function writerRunning(lock: { pid: number; time: number }): boolean {
  if (Date.now() - lock.time > STALE_AFTER_MS) return false
  if (lock.pid === process.pid) return lock.time >= Date.now() - process.uptime() * 1000
  try {
    process.kill(lock.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The most links followed in a chain (the operating systems' own limit is about 40). */
const MAX_LINKS = 40

/**
 * The path a symbolic link (or chain of them) leads to, its target need not exist yet; any
 * other path unchanged. Only the last segment is followed: a rename there replaces the real
 * folder and keeps the link.
 */
function followLinks(path: string): string {
  let current = path
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let isLink = false
    try {
      isLink = lstatSync(current).isSymbolicLink()
    } catch {
      return current
    }
    if (!isLink) return current
    current = resolve(dirname(current), readlinkSync(current))
  }
  throw new Error(`evalgate reporter: outputDir "${path}" is a chain of more than ${MAX_LINKS} symbolic links (a loop?); point it at a folder`)
}

/** A non-empty folder without marker, holding something no configured tool writes there. */
function isForeign(entries: readonly string[], others: ReadonlyMap<string, string>): boolean {
  return entries.length > 0 && !entries.includes(RESULTS_MARKER) && entries.some((name) => !others.has(name) && !PLACEHOLDER_FILES.has(name))
}

/**
 * Files that keep an empty folder in git, or that a desktop leaves in any folder: a results folder
 * holding only these is not another tool's (adversarial pass 58: a committed `eval-results/.gitkeep`
 * stopped every run); they are kept, as other tools' files are.
 */
const PLACEHOLDER_FILES: ReadonlySet<string> = new Set(['.gitkeep', '.gitignore', '.keep', '.DS_Store', 'Thumbs.db', 'desktop.ini'])

/**
 * The top-level entries of the old folder that are evalgate's: those its marker lists, less what
 * the config says other tools write there and what changed since the run started and after the
 * marker was written (another tool wrote it during this run; what another evalgate process wrote
 * during this run is evalgate's). A marker of an older version lists none: then the entries
 * shaped like what those versions wrote (`olderVersionOutput`: their four files and run folders
 * holding `run.json`), whenever dated; anything else (the user's notes) is kept as another tool's.
 */
async function ownedEntries(target: string, entries: readonly string[], others: ReadonlyMap<string, string>, startedAt?: number): Promise<Set<string>> {
  if (!entries.includes(RESULTS_MARKER)) return new Set()
  const listed = manifestOf(await readFile(join(target, RESULTS_MARKER), 'utf8'))
  const owned = new Set<string>([RESULTS_MARKER])
  const candidates = entries.filter((name) => name !== RESULTS_MARKER && !others.has(name))
  if (listed === undefined) {
    // An older marker: what those versions wrote, whenever dated (a user's notes copied with
    // `cp -r` can be dated before the marker, adversarial pass 22r; a git checkout dates every
    // entry after it).
    for (const name of candidates) if (await olderVersionOutput(target, name)) owned.add(name)
    return owned
  }
  // evalgate writes the marker after its entries: one changed later was changed by another tool
  // (another evalgate process that wrote the folder during this run listed its own entries).
  const markerWritten = (await stat(join(target, RESULTS_MARKER))).mtimeMs
  for (const name of candidates) {
    if (!listed.has(name)) continue
    const changed = (await stat(join(target, name))).mtimeMs
    if (changed > markerWritten && startedAt !== undefined && changed >= startedAt) continue
    owned.add(name)
  }
  return owned
}

/** The top-level files versions without a list in their marker wrote (besides the run folders). */
const OLDER_VERSION_FILES: ReadonlySet<string> = new Set(['index.html', 'junit.xml', 'summary.md', 'history.json'])

/** Whether a top-level entry is what an older version wrote: one of its files, or a run folder (holding `run.json`). */
async function olderVersionOutput(target: string, name: string): Promise<boolean> {
  if (OLDER_VERSION_FILES.has(name)) return true
  try {
    return (await stat(join(target, name, 'run.json'))).isFile()
  } catch {
    return false
  }
}

/** The marker file: what it is, then evalgate's top-level entries and those it left to another tool, one a line. */
function markerText(files: ResultFiles, yielded: readonly string[]): string {
  const lines = [MARKER_HEADING, MANIFEST_HEADING, ...[...topLevelNames(files)].sort()]
  if (yielded.length > 0) lines.push(YIELDED_HEADING, ...yielded)
  return `${lines.join('\n')}\n`
}

/** The names a marker file lists (its entries and those left to another tool); undefined for an older marker. */
function manifestOf(text: string): Set<string> | undefined {
  const lines = text.split('\n')
  const start = lines.indexOf(MANIFEST_HEADING)
  return start < 0 ? undefined : new Set(lines.slice(start + 1).filter((line) => line !== '' && line !== YIELDED_HEADING))
}

function topLevelNames(files: ResultFiles): Set<string> {
  return new Set([...files.keys()].map((path) => path.split('/')[0]))
}

/** The files without those whose top-level name another tool's entry has (`yielded`), each clash told once. */
function withoutClashes(
  files: ResultFiles,
  taken: ReadonlySet<string>,
  others: ReadonlyMap<string, string>,
  outputDir: string,
  warn?: (text: string) => void,
): { written: ResultFiles; yielded: string[] } {
  const clashes = [...topLevelNames(files)].filter((name) => taken.has(name))
  for (const name of clashes) {
    const who = others.get(name) ?? 'another tool'
    warn?.(
      `evalgate reporter: ${join(outputDir, name)} is written by ${who}, so evalgate's ${name} is not written there (the other file is kept). Point that tool's output elsewhere (for a Vitest reporter another outputFile, e.g. --outputFile.junit=reports/junit.xml), or give evalgate another outputDir.`,
    )
  }
  return { written: new Map([...files].filter(([path]) => !clashes.includes(path.split('/')[0]))), yielded: clashes.sort() }
}

/** Entries another tool put into the old folder while the new one was being written: moved over. */
async function moveLateEntries(old: string, target: string, owned: ReadonlySet<string>): Promise<void> {
  if (!existsSync(old)) return
  const present = new Set(await readdir(target))
  for (const name of await readdir(old)) {
    if (!owned.has(name) && !present.has(name)) await rename(join(old, name), join(target, name))
  }
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
