/**
 * Lists the commits that changed baseline files, in one `git log` pass: for each commit its
 * hash, author date, author, subject and the blobs of every baseline file before and after.
 */
import { runGit } from './git-process.js'
import { HistoryError } from './history-error.js'

/** The plugin's default baseline folder, beside each test file. */
export const DEFAULT_BASELINE_DIR = '__baselines__'

/**
 * Where the baseline files of a baseline folder are (the plugin's `baselineDir`, relative: a
 * folder of that path beside each test file, `__baselines__` or `__baselines__/<project>`): the
 * pathspec of every one of them in the work tree, whether a path is one, and the test file it
 * belongs to. An absolute `baselineDir` (one folder for every test file) is refused: its files
 * carry the test files' paths from the project root, which the history does not know.
 */
export interface BaselineLayout {
  /** The folder, with `/` separators (`__baselines__/small`). */
  folder: string
  pathspec: string
  isBaselineFile(path: string): boolean
  /** `src/a.test.ts` for `src/__baselines__/a.test.ts.json`. */
  testFileOf(path: string): string
}

/**
 * The layout of `baselineDir` (default `__baselines__`).
 * @example baselineLayout('__baselines__/small').testFileOf('evals/__baselines__/small/a.test.ts.json') // 'evals/a.test.ts'
 */
export function baselineLayout(baselineDir: string = DEFAULT_BASELINE_DIR): BaselineLayout {
  const folder = baselineDir.split('\\').join('/').replace(/^(\.\/)+/, '').replace(/\/+$/, '')
  if (folder === '' || folder.startsWith('/') || /^[A-Za-z]:\//.test(folder) || folder.split('/').includes('..')) {
    throw new HistoryError('baseline-dir', `the baseline folder ${JSON.stringify(baselineDir)} is not a folder name beside the test files (such as __baselines__ or __baselines__/<project>); the history reads baseline folders of that kind only`)
  }
  const escaped = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const path = new RegExp(`(^|/)${escaped}/[^/]+\\.json$`)
  const inFolder = new RegExp(`(^|/)${escaped}/`)
  return {
    folder,
    pathspec: `:(glob)**/${folder.replace(/[*?[\]\\]/g, '\\$&')}/*.json`,
    isBaselineFile: (file) => path.test(file),
    testFileOf: (file) => file.replace(inFolder, '$1').replace(/\.json$/, ''),
  }
}

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
 * The commits that changed a baseline file, oldest first (`git log --reverse --topo-order
 * --full-history`): every commit of every merged branch that changed one, each parent before
 * its children, a side branch's commits just before the merge that brings them in. A merge
 * commit is listed with its changes against its first parent (`--diff-merges=first-parent`), so
 * a merge whose result differs from the branch it was made on (the side branch's baselines, or
 * a conflict fix re-baselined with `-u`) is a point, and the last point is `HEAD`'s value.
 * Only baseline files are read, whatever the pathspecs name (`examples/` narrows the history to
 * the baseline files under `examples/`, not to every file there); a commit that changed none is
 * left out, as is a merge whose diff against its first parent is empty.
 *
 * @param pathspecs git pathspecs, default every baseline file of `layout` in the work tree.
 * @param range the revisions to list, default `HEAD` (all of its history); `<old>..HEAD` lists
 *   only the commits since `<old>` (an incremental read).
 * @param layout the baseline folder's layout (default `__baselines__`).
 */
export async function listBaselineCommits(root: string, pathspecs?: readonly string[], git?: string, range = 'HEAD', layout: BaselineLayout = baselineLayout()): Promise<BaselineCommit[]> {
  const output = await runGit(
    [
      '-c', 'core.quotePath=false',
      'log', '--reverse', '--topo-order', '--full-history', '--diff-merges=first-parent', '--no-renames', '--raw', '--no-abbrev', '--no-color',
      `--format=${RECORD}%H${FIELD}%aI${FIELD}%an${FIELD}%s`,
      range, '--', ...(pathspecs ?? [layout.pathspec]),
    ],
    { cwd: root, git },
  )
  return parseBaselineLog(output.toString('utf8'))
    .map((commit) => ({ ...commit, changes: commit.changes.filter((change) => layout.isBaselineFile(change.path)) }))
    .filter((commit) => commit.changes.length > 0)
}

/**
 * Rejects with a `HistoryError` (`pathspec-unmatched`) naming every pathspec that names no file
 * in the history of `HEAD` (a typo, or a path from the wrong folder: pathspecs are read from the
 * top of the work tree). `shown[i]` is how the user wrote `pathspecs[i]` (default: as given).
 *
 * @example await checkPathspecsMatch('.', [':(top)exmaples/'], ['exmaples/']) // rejects: exmaples/ matched no file …
 */
export async function checkPathspecsMatch(root: string, pathspecs: readonly string[], shown: readonly string[] = pathspecs, git?: string): Promise<void> {
  const found = await Promise.all(pathspecs.map(async (spec) => (await runGit(['log', '-1', '--format=%H', 'HEAD', '--', spec], { cwd: root, git })).toString('utf8').trim() !== ''))
  const unmatched = shown.filter((_, i) => !found[i])
  if (unmatched.length === 0) return
  throw new HistoryError(
    'pathspec-unmatched',
    `${unmatched.join(', ')} matched no file in the history of HEAD; pathspecs are read from the top of the work tree (not the working directory): check the path, or leave it out to read every __baselines__/*.json`,
  )
}

/**
 * The commits of the first-parent chain of `range` (the branch as it was, merge by merge,
 * without the commits of the branches it merged).
 *
 * @example const mainLine = await listFirstParentCommits('.') // Set { '1ae…', … }
 */
export async function listFirstParentCommits(root: string, git?: string, range = 'HEAD'): Promise<Set<string>> {
  const output = await runGit(['rev-list', '--first-parent', range], { cwd: root, git })
  return new Set(output.toString('utf8').split('\n').filter((line) => line !== ''))
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
