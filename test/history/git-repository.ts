/** Builds throw-away git repositories for the history tests and benchmark. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A temporary repository with a helper to commit files as a given author at a given date. */
export interface TestRepository {
  root: string
  git(...args: string[]): string
  commit(files: Record<string, string>, message: string, author: string, date: string): string
}

/** Creates an empty repository in a new temporary folder. */
export function createRepository(prefix = 'evalgate-history-'): TestRepository {
  const root = mkdtempSync(join(tmpdir(), prefix))
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CEILING_DIRECTORIES: tmpdir() }
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' }).trim()
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'test@example.com')
  git('config', 'user.name', 'Test')
  git('config', 'commit.gpgsign', 'false')
  return {
    root,
    git,
    commit(files, message, author, date) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true })
        writeFileSync(join(root, path), content)
      }
      git('add', '-A')
      execFileSync('git', ['commit', '-q', '-m', message, '--author', `${author} <${author.toLowerCase().replace(/\W/g, '')}@example.com>`], {
        cwd: root,
        env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      })
      return git('rev-parse', 'HEAD')
    },
  }
}

/** A baseline entry with one overall metric and one slice metric, each with an interval. */
export function baselineEntry(accuracy: number, sliceF1: number): unknown {
  return {
    modelType: 'classifier',
    exampleCount: 100,
    dataset: { fingerprint: 'f'.repeat(64), rowCount: 100 },
    metrics: {
      accuracy_score: { value: accuracy, greaterIsBetter: true, lower: accuracy - 0.05, upper: accuracy + 0.05, level: 0.95, method: 'wilson' },
    },
    slices: {
      'category=billing': { exampleCount: 40, metrics: { f1_score: { value: sliceF1, greaterIsBetter: true, lower: sliceF1 - 0.1, upper: sliceF1 + 0.1, level: 0.95, method: 'bootstrap' } } },
    },
  }
}

/** A baseline file holding `entries`, written as the store writes it (sorted keys, one value per line). */
export function baselineFile(entries: Record<string, unknown>): string {
  return `${JSON.stringify({ entries, evalgateBaseline: 1 }, null, 2)}\n`
}

/** Runs `action` with `dir` as the working directory (the CLI reads it), restoring it after. */
export async function inDirectory<T>(dir: string, action: () => Promise<T>): Promise<T> {
  const saved = process.cwd()
  process.chdir(dir)
  try {
    return await action()
  } finally {
    process.chdir(saved)
  }
}
