/**
 * Runs git with an argument array (never a shell string) and collects its standard output as
 * bytes. Missing git and failing commands become `HistoryError`s that say what to do.
 */
import { spawn, spawnSync } from 'node:child_process'
import { HistoryError } from './history-error.js'

/** Options of one git call. */
export interface GitCallOptions {
  /** Working directory of the git process. */
  cwd: string
  /** Bytes written to git's standard input (then closed). */
  input?: string | Buffer
  /** The git executable, default `git` (tests point it at a missing file). */
  git?: string
}

/**
 * Runs `git <args>` in `options.cwd` and resolves to its standard output. Rejects with a
 * `HistoryError` (`git-not-found` when the executable is missing, `git-failed` with git's own
 * message otherwise).
 *
 * @example await runGit(['rev-parse', 'HEAD'], { cwd: '.' }) // <Buffer 31 61 65 ...>
 */
export async function runGit(args: readonly string[], options: GitCallOptions): Promise<Buffer> {
  const git = streamGit(args, options)
  const out: Buffer[] = []
  try {
    for await (const chunk of git.stdout) out.push(chunk as Buffer)
  } catch (error) {
    // A git that could not start ends its output with an error; `done` says why in words.
    await git.done
    throw error
  }
  await git.done
  return Buffer.concat(out)
}

/** A running git process whose standard output is read as it arrives (`streamGit`). */
export interface GitStream {
  /** git's standard output, chunk by chunk; git waits while a chunk is not read (pipe back-pressure). */
  stdout: AsyncIterable<Buffer>
  /** Resolves when git exits with code 0; rejects as `runGit` does otherwise. */
  done: Promise<void>
  /** Ends git early (the reader stopped before the end of its output). */
  stop(): void
}

/**
 * Starts `git <args>` in `options.cwd` with its output read as a stream, for output too large to
 * hold at once (`git cat-file --batch` of thousands of blobs). Errors as in `runGit`, through `done`.
 *
 * @example const git = streamGit(['cat-file', '--batch'], { cwd: '.', input: 'HEAD\n' }); for await (const chunk of git.stdout) use(chunk); await git.done
 */
export function streamGit(args: readonly string[], options: GitCallOptions): GitStream {
  const child = spawn(options.git ?? 'git', [...args], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: gitEnv() })
  const err: Buffer[] = []
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  child.stdin.on('error', () => {
    // git exited before reading all of its input; the exit code says why.
  })
  const done = new Promise<void>((resolvePromise, rejectPromise) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      rejectPromise(error.code === 'ENOENT' ? gitNotFound(options.git, error) : new HistoryError('git-failed', `git ${args[0]} could not start: ${error.message}`, { cause: error }))
    })
    child.on('close', (code) => {
      if (code === 0 || stopped) resolvePromise()
      else {
        const message = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? ''
        rejectPromise(new HistoryError('git-failed', `git ${args[0]} failed (exit code ${code}): ${message || 'no message'}`))
      }
    })
  })
  // Rejections are read through `done`; this keeps an early failure from being unhandled meanwhile.
  done.catch(() => undefined)
  child.stdin.end(options.input ?? '')
  let stopped = false
  const stop = (): void => {
    stopped = true
    if (child.exitCode === null) child.kill()
  }
  return { stdout: child.stdout, done, stop }
}

/**
 * Runs `git <args>` synchronously; resolves to its trimmed output, or `undefined` when git is
 * missing or the command fails. For cheap questions (is this a work tree?) asked by the reporter.
 */
export function tryGitSync(args: readonly string[], cwd: string, git = 'git'): string | undefined {
  const result = spawnSync(git, [...args], { cwd, encoding: 'utf8', env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] })
  if (result.error || result.status !== 0) return undefined
  return result.stdout.trim()
}

function gitNotFound(git: string | undefined, cause: unknown): HistoryError {
  return new HistoryError(
    'git-not-found',
    `git was not found (looked for "${git ?? 'git'}" on PATH); evalgate history reads the baseline files' history with git: install git, or run where it is on PATH`,
    { cause },
  )
}

/** The environment for git: the user's, with prompts and pagers off and messages in English. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' }
}
