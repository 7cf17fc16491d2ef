/**
 * Lists the commits that changed baseline files, in one `git log` pass: for each commit its
 * hash, author date, author, subject and the blobs of every baseline file before and after.
 */
import { runGit } from './git-process.js'

/** The pathspec of every baseline file in the work tree. */
export const BASELINE_PATHSPEC = ':(glob)**/__baselines__/*.json'

/** One baseline file changed by a commit: the blob before and after (undefined when absent). */
export interface BaselineFileChange {
  /** Path from the work tree's top folder. */
  path: string
  before: string | undefined
  after: string | undefined
}

/** One commit that changed at least one baseline file. */
export interface BaselineCommit {
  commit: string
  /** Author date, ISO 8601 with offset. */
  date: string
  author: string
  /** The first line of the message. */
  message: string
  changes: BaselineFileChange[]
}

const RECORD = '\x1e'
const FIELD = '\x1f'
const NULL_OID = /^0+$/

/**
 * The commits that changed a baseline file, oldest first (`git log --reverse --topo-order`).
 * Merge commits are skipped as git log does without `-m`: their changes are the changes of the
 * commits they merge.
 *
 * @param pathspecs git pathspecs, default every `__baselines__/*.json` of the work tree.
 * @param range the revisions to list, default `HEAD` (all of its history); `<old>..HEAD` lists
 *   only the commits since `<old>` (an incremental read).
 */
export async function listBaselineCommits(root: string, pathspecs: readonly string[] = [BASELINE_PATHSPEC], git?: string, range = 'HEAD'): Promise<BaselineCommit[]> {
  const output = await runGit(
    [
      '-c', 'core.quotePath=false',
      'log', '--reverse', '--topo-order', '--no-renames', '--raw', '--no-abbrev', '--no-color',
      `--format=${RECORD}%H${FIELD}%aI${FIELD}%an${FIELD}%s`,
      range, '--', ...pathspecs,
    ],
    { cwd: root, git },
  )
  return parseBaselineLog(output.toString('utf8'))
}

/**
 * Parses the output of the `git log` call above.
 *
 * @example parseBaselineLog('\x1eabc\x1f2026-01-01T00:00:00+00:00\x1fAda\x1fbaseline\n\n:000000 100644 0000 1111 A\ta/__baselines__/t.json\n')
 */
export function parseBaselineLog(text: string): BaselineCommit[] {
  const commits: BaselineCommit[] = []
  for (const record of text.split(RECORD)) {
    if (record.trim() === '') continue
    const newline = record.indexOf('\n')
    const header = newline < 0 ? record : record.slice(0, newline)
    const [commit, date, author, message] = header.split(FIELD)
    if (!commit || date === undefined) continue
    const changes: BaselineFileChange[] = []
    for (const line of (newline < 0 ? '' : record.slice(newline + 1)).split('\n')) {
      if (!line.startsWith(':')) continue
      const tab = line.indexOf('\t')
      if (tab < 0) continue
      const fields = line.slice(1, tab).split(' ')
      const before = fields[2]
      const after = fields[3]
      changes.push({
        path: unquotePath(line.slice(tab + 1)),
        before: before && !NULL_OID.test(before) ? before : undefined,
        after: after && !NULL_OID.test(after) ? after : undefined,
      })
    }
    commits.push({ commit, date, author: author ?? '', message: message ?? '', changes })
  }
  return commits
}

/** git quotes a path holding a quote, backslash or control character, C style, even with quotePath off. */
function unquotePath(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path
  const bytes: number[] = []
  const body = path.slice(1, -1)
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 }
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'))
      continue
    }
    const next = body[i + 1] ?? ''
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8))
      i += 3
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0))
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}
