/**
 * Checks that a folder is inside a complete (not shallow) git work tree before its history is
 * read, so that each failure gets its own message and fix instead of a git error.
 */
import { HistoryError } from './history-error.js'
import { runGit, tryGitSync } from './git-process.js'

/** The work tree that holds the folder. */
export interface GitWorkTree {
  /** Absolute path of the work tree's top folder. */
  root: string
  /** `HEAD`'s commit, or undefined in a repository without commits. */
  head: string | undefined
  /** A shallow clone read anyway (`allowShallow`): its history is cut off. */
  shallow: boolean
}

/**
 * Resolves the work tree that holds `cwd`. Rejects with a `HistoryError`: `git-not-found`,
 * `not-a-work-tree` (no repository, or a bare one), or `shallow-clone` (the history is cut off,
 * so the points would silently start at the cut) unless `allowShallow` is set.
 */
export async function openWorkTree(cwd: string, options: { git?: string; allowShallow?: boolean } = {}): Promise<GitWorkTree> {
  let answer: string
  try {
    answer = (await runGit(['rev-parse', '--is-inside-work-tree', '--show-toplevel', '--is-shallow-repository'], { cwd, git: options.git })).toString('utf8')
  } catch (error) {
    if (error instanceof HistoryError && error.code === 'git-failed') {
      throw new HistoryError('not-a-work-tree', `${cwd} is not inside a git work tree (${error.message}); run evalgate history inside the clone that holds the __baselines__ folders`, { cause: error })
    }
    throw error
  }
  const [inside, root, shallow] = answer.trim().split('\n')
  if (inside !== 'true' || !root) {
    throw new HistoryError('not-a-work-tree', `${cwd} is not inside a git work tree (a bare repository or a .git folder); run evalgate history inside the clone that holds the __baselines__ folders`)
  }
  if (shallow === 'true' && !options.allowShallow) {
    throw new HistoryError(
      'shallow-clone',
      `${root} is a shallow clone, so the history of the baseline files is cut off; fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0) or pass --allow-shallow to draw only the commits present`,
    )
  }
  const head = tryGitSync(['rev-parse', '--verify', '--quiet', 'HEAD'], root, options.git)
  return { root, head: head || undefined, shallow: shallow === 'true' }
}

/**
 * Whether `cwd` is inside a git work tree (false when git is missing). Synchronous and cheap:
 * the reporter asks it to decide whether `index.html` links the history page.
 */
export function isInsideGitWorkTree(cwd: string): boolean {
  return tryGitSync(['rev-parse', '--is-inside-work-tree'], cwd) === 'true'
}
