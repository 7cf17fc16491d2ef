/**
 * Baseline files whose test file no longer exists (moved, renamed or deleted), found at the end
 * of every run in the main process, as Vitest finds obsolete snapshot files: reported locally,
 * removed by `vitest run -u`, and a failure in CI (where nothing is written), as obsolete entries
 * are. Before, such a file was never mentioned and `evalgate history` kept plotting it.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path'
import { escapePath, glob } from 'tinyglobby'
import { isCI } from 'std-env'
import type { Reporter, Vitest } from 'vitest/node'
import { validateBaselineFile } from '../baselines/validate-baseline-file.js'
import type { FileFailure, RunEndFailureSource } from '../reporter/evaluated-test.js'
import { baselinePathFor, resolveUpdateMode } from './baseline-files.js'

/**
 * The test file a baseline file belongs to (the inverse of `baselinePathFor`), or undefined when
 * the path is not one `baselinePathFor` writes.
 * @example testFileOfBaseline('/p/test/__baselines__/a.test.ts.json', '/p', '__baselines__') // '/p/test/a.test.ts'
 */
export function testFileOfBaseline(baselineFile: string, root: string, baselineDir: string): string | undefined {
  if (!baselineFile.endsWith('.json')) return undefined
  baselineDir = folderOf(baselineDir)
  if (isAbsolute(baselineDir)) {
    const inside = relative(baselineDir, baselineFile)
    if (inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined
    return join(root, inside.slice(0, -'.json'.length))
  }
  const folder = dirname(baselineFile)
  // ('.': the baseline files sit beside their test files)
  if (baselineDir === '.') return join(folder, basename(baselineFile, '.json'))
  const suffix = join(sep, baselineDir)
  if (!folder.endsWith(suffix)) return undefined
  return join(folder.slice(0, -suffix.length), basename(baselineFile, '.json'))
}

/**
 * The baseline files under `root` (or in an absolute `baselineDir`) whose test file does not
 * exist, sorted; `node_modules` and dot folders are not searched.
 * @example await findObsoleteBaselineFiles('/p', '__baselines__') // ['/p/old/__baselines__/gone.test.ts.json']
 */
export async function findObsoleteBaselineFiles(root: string, baselineDir: string): Promise<string[]> {
  baselineDir = folderOf(baselineDir)
  const cwd = isAbsolute(baselineDir) ? baselineDir : root
  if (!existsSync(cwd)) return []
  const pattern = isAbsolute(baselineDir) || baselineDir === '.' ? '**/*.json' : `**/${baselineDir.split(sep).join('/')}/*.json`
  const files = await glob(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: false })
  return files
    .map((file) => resolve(file))
    .filter((file) => {
      const test = testFileOfBaseline(file, root, baselineDir)
      return test !== undefined && !existsSync(test) && isBaselineFile(file)
    })
    .sort()
}

/**
 * `baselineDir` as one folder path: `__baselines__/` and `./__baselines__` are `__baselines__`
 * (adversarial pass 64: with a trailing slash no obsolete file was ever found).
 * @example folderOf('__baselines__/') // '__baselines__'
 */
function folderOf(baselineDir: string): string {
  const folder = normalize(baselineDir)
  return folder.length > 1 ? folder.replace(/[\\/]+$/, '') : folder
}

/**
 * Whether `file` is a baseline file: one that carries evalgate's layout key. Other JSON in a
 * baseline folder (an evaluation set kept in `baselineDir: 'data'`, a tool's config, a report
 * below an absolute folder) is never taken for an obsolete baseline file, which `-u` deletes
 * (adversarial pass 64: it deleted the evaluation set). A file that cannot be read is not one.
 */
function isBaselineFile(file: string): boolean {
  try {
    const text = readFileSync(file, 'utf8')
    if (text.includes('"evalgateBaseline"')) return true
    // An empty or cut file evalgate wrote has lost its layout key, which comes last (adversarial
    // pass 66): one named for a test file (`m.test.ts.json`) that is empty or opens as one does.
    return /\.[cm]?[jt]sx?\.json$/.test(file) && (text.trim() === '' || /^\uFEFF?\{\s*"entries"\s*:/.test(text))
  } catch {
    return false
  }
}

/** The layout version of a baseline file newer than this version reads, else undefined (unreadable files too). */
function newerLayoutOf(file: string): number | undefined {
  try {
    return validateBaselineFile(readFileSync(file, 'utf8')).newerVersion
  } catch {
    return undefined
  }
}

/**
 * A reporter of the plugin's own: obsolete baseline files at the end of each run. It is also the
 * evalgate reporter's source of failures outside any test (`failuresAtRunEnd`): in CI each
 * obsolete file is one, so `junit.xml`, `summary.md`, `index.html` and the table say the run
 * failed, as they do for an obsolete entry (adversarial pass 38: they said it passed while the run
 * exited 1). The check runs once per run, whichever of the two reporters asks first.
 */
export class ObsoleteBaselineFiles implements Reporter, RunEndFailureSource {
  private vitest: Vitest | undefined
  /** This run's check, started by the first to ask (this reporter's or the evalgate reporter's run end). */
  private check: Promise<FileFailure[]> | undefined

  constructor(
    private readonly root: string,
    private readonly baselineDir: string,
    /** Whether CI is set (as Vitest decides; injectable for tests). */
    private readonly ci: boolean = isCI,
  ) {}

  /** Whether this reporter already checks `root` with `baselineDir` (one per project root). */
  covers(root: string, baselineDir: string): boolean {
    return this.root === root && this.baselineDir === baselineDir
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  /** A new run (watch mode): check again at its end. */
  onTestRunStart(): void {
    this.check = undefined
  }

  async onTestRunEnd(): Promise<void> {
    await this.failuresAtRunEnd()
  }

  /**
   * The obsolete baseline files as failures outside any test: one per file in CI (named by the
   * baseline file, relative to Vitest's root, with the fix), none otherwise (a line says so
   * locally, as for an obsolete entry; `-u` removes them). Checks, logs and removes once per run.
   */
  failuresAtRunEnd(): Promise<FileFailure[]> {
    this.check ??= this.checkObsoleteFiles()
    return this.check
  }

  private async checkObsoleteFiles(): Promise<FileFailure[]> {
    const obsolete = await findObsoleteBaselineFiles(this.root, this.baselineDir)
    if (obsolete.length === 0) return []
    // Named under Vitest's root, as the reports name them: under a project's own root two
    // packages of a monorepo each had "evals/__baselines__/a.eval.test.ts.json" (adversarial pass 64).
    const reportRoot = this.vitest?.config.root ?? this.root
    const name = (file: string): string => relative(reportRoot, file) || file
    const moves = await this.movedTestFiles(obsolete)
    // Where a test file of the same name lives elsewhere (moved, or the baseline folder changed:
    // adversarial pass 66), the line says where its baseline belongs, before -u removes it.
    const moveHint = (file: string): string => {
      const moved = moves.get(file)
      return moved === undefined ? '' : ` (a test file of its name is ${posixPath(relative(reportRoot, moved.test))}: move it to ${posixPath(relative(reportRoot, moved.baseline))} to keep its baseline)`
    }
    const shown = obsolete.map((file) => `${name(file)}${moveHint(file)}`)
    const mode = resolveUpdateMode(this.vitest?.config.snapshotOptions?.updateSnapshot, this.ci)
    const log = (text: string): void => (this.vitest ? this.vitest.logger.log(text) : void process.stdout.write(`${text}\n`))
    if (mode.state === 'all') {
      // A file of a newer layout is never rewritten nor removed by this version (its test file
      // may be one the newer evalgate's project has and this checkout lacks).
      const layouts = new Map(obsolete.map((file) => [file, newerLayoutOf(file)]))
      const newer = obsolete.filter((file) => layouts.get(file) !== undefined)
      const removed = obsolete.filter((file) => layouts.get(file) === undefined)
      for (const file of removed) unlinkSync(file)
      if (removed.length > 0) log(`evalgate: removed ${removed.length} obsolete baseline file${removed.length === 1 ? '' : 's'} (the test file is gone): ${removed.map(name).join(', ')}`)
      if (newer.length > 0) log(`evalgate: kept ${newer.map(name).join(', ')}: obsolete (the test file is gone) but written by a newer evalgate (baseline format ${layouts.get(newer[0])}), which this version never rewrites or removes; upgrade evalgate, or remove ${newer.length === 1 ? 'it' : 'them'} by hand`)
      return []
    }
    const what = `${obsolete.length} obsolete baseline file${obsolete.length === 1 ? '' : 's'} (the test file ${obsolete.length === 1 ? 'it belongs to no longer exists' : 'they belong to no longer exist'}): ${shown.join(', ')}`
    if (mode.state === 'none') {
      const error = `evalgate: ${what}. ${ciFix(obsolete.length)}`
      if (this.vitest) this.vitest.logger.error(error)
      else process.stderr.write(`${error}\n`)
      process.exitCode = 1
      return obsolete.map((file) => {
        const testFile = testFileOfBaseline(file, this.root, this.baselineDir)
        const gone = testFile === undefined ? 'its test file' : `its test file ${posixPath(relative(reportRoot, testFile) || testFile)}`
        return { file: posixPath(relative(reportRoot, file) || file), message: `obsolete baseline file: ${gone} no longer exists${moveHint(file)}. ${ciFix(1)}`, errorType: 'BaselineError' }
      })
    }
    log(`evalgate: ${what}; \`vitest run -u\` removes ${obsolete.length === 1 ? 'it' : 'them'}, or move ${obsolete.length === 1 ? 'it' : 'them'} beside the moved test file`)
    return []
  }

  /**
   * For each obsolete baseline file whose test file's name is one test file's elsewhere under the
   * root: that test file and the baseline path it has now.
   */
  private async movedTestFiles(obsolete: readonly string[]): Promise<Map<string, { test: string; baseline: string }>> {
    const moves = new Map<string, { test: string; baseline: string }>()
    const gone = new Map(obsolete.flatMap((file) => {
      const test = testFileOfBaseline(file, this.root, this.baselineDir)
      return test === undefined ? [] : [[file, basename(test)] as const]
    }))
    if (gone.size === 0) return moves
    // One search of the root for every name at once.
    const found = await glob([...new Set(gone.values())].map((name) => `**/${escapePath(name)}`), { cwd: this.root, absolute: true, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: false })
    const byName = new Map<string, string[]>()
    for (const path of found.map((f) => resolve(f))) byName.set(basename(path), [...(byName.get(basename(path)) ?? []), path])
    for (const [file, name] of gone) {
      const tests = byName.get(name) ?? []
      if (tests.length === 1) moves.set(file, { test: tests[0], baseline: baselinePathFor(tests[0], this.root, this.baselineDir) })
    }
    return moves
  }
}

/** How to fix `count` obsolete baseline files in CI. */
function ciFix(count: number): string {
  const it = count === 1 ? 'it' : 'them'
  return `Baselines are never written when CI is set: run \`npx vitest run -u\` locally to remove ${it} (or move ${it} beside the moved test file) and commit`
}

function posixPath(path: string): string {
  return path.split(sep).join('/')
}
