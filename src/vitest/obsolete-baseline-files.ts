/**
 * Baseline files whose test file no longer exists (moved, renamed or deleted), found at the end
 * of every run in the main process, as Vitest finds obsolete snapshot files: reported locally,
 * removed by `vitest run -u`, and a failure in CI (where nothing is written), as obsolete entries
 * are. Before, such a file was never mentioned and `evalgate history` kept plotting it.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { glob } from 'tinyglobby'
import { isCI } from 'std-env'
import type { Reporter, Vitest } from 'vitest/node'
import { validateBaselineFile } from '../baselines/validate-baseline-file.js'
import { resolveUpdateMode } from './baseline-files.js'

/**
 * The test file a baseline file belongs to (the inverse of `baselinePathFor`), or undefined when
 * the path is not one `baselinePathFor` writes.
 * @example testFileOfBaseline('/p/test/__baselines__/a.test.ts.json', '/p', '__baselines__') // '/p/test/a.test.ts'
 */
export function testFileOfBaseline(baselineFile: string, root: string, baselineDir: string): string | undefined {
  if (!baselineFile.endsWith('.json')) return undefined
  if (isAbsolute(baselineDir)) {
    const inside = relative(baselineDir, baselineFile)
    if (inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined
    return join(root, inside.slice(0, -'.json'.length))
  }
  const folder = dirname(baselineFile)
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
  const cwd = isAbsolute(baselineDir) ? baselineDir : root
  if (!existsSync(cwd)) return []
  const pattern = isAbsolute(baselineDir) ? '**/*.json' : `**/${baselineDir.split(sep).join('/')}/*.json`
  const files = await glob(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: false })
  return files
    .map((file) => resolve(file))
    .filter((file) => {
      const test = testFileOfBaseline(file, root, baselineDir)
      return test !== undefined && !existsSync(test)
    })
    .sort()
}

/** The layout version of a baseline file newer than this version reads, else undefined (unreadable files too). */
function newerLayoutOf(file: string): number | undefined {
  try {
    return validateBaselineFile(readFileSync(file, 'utf8')).newerVersion
  } catch {
    return undefined
  }
}

/** A reporter of the plugin's own: obsolete baseline files at the end of each run. */
export class ObsoleteBaselineFiles implements Reporter {
  private vitest: Vitest | undefined

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

  async onTestRunEnd(): Promise<void> {
    const obsolete = await findObsoleteBaselineFiles(this.root, this.baselineDir)
    if (obsolete.length === 0) return
    const shown = obsolete.map((file) => relative(this.root, file) || file)
    const mode = resolveUpdateMode(this.vitest?.config.snapshotOptions?.updateSnapshot, this.ci)
    const log = (text: string): void => (this.vitest ? this.vitest.logger.log(text) : void process.stdout.write(`${text}\n`))
    if (mode.state === 'all') {
      // A file of a newer layout is never rewritten nor removed by this version (its test file
      // may be one the newer evalgate's project has and this checkout lacks).
      const layouts = new Map(obsolete.map((file) => [file, newerLayoutOf(file)]))
      const newer = obsolete.filter((file) => layouts.get(file) !== undefined)
      const removed = obsolete.filter((file) => layouts.get(file) === undefined)
      for (const file of removed) unlinkSync(file)
      const name = (file: string): string => relative(this.root, file) || file
      if (removed.length > 0) log(`evalgate: removed ${removed.length} obsolete baseline file${removed.length === 1 ? '' : 's'} (the test file is gone): ${removed.map(name).join(', ')}`)
      if (newer.length > 0) log(`evalgate: kept ${newer.map(name).join(', ')}: obsolete (the test file is gone) but written by a newer evalgate (baseline format ${layouts.get(newer[0])}), which this version never rewrites or removes; upgrade evalgate, or remove ${newer.length === 1 ? 'it' : 'them'} by hand`)
      return
    }
    const what = `${obsolete.length} obsolete baseline file${obsolete.length === 1 ? '' : 's'} (the test file ${obsolete.length === 1 ? 'it belongs to no longer exists' : 'they belong to no longer exist'}): ${shown.join(', ')}`
    if (mode.state === 'none') {
      const error = `evalgate: ${what}. Baselines are never written when CI is set: run \`npx vitest run -u\` locally to remove ${obsolete.length === 1 ? 'it' : 'them'} (or move ${obsolete.length === 1 ? 'it' : 'them'} beside the moved test file) and commit`
      if (this.vitest) this.vitest.logger.error(error)
      else process.stderr.write(`${error}\n`)
      process.exitCode = 1
      return
    }
    log(`evalgate: ${what}; \`vitest run -u\` removes ${obsolete.length === 1 ? 'it' : 'them'}, or move ${obsolete.length === 1 ? 'it' : 'them'} beside the moved test file`)
  }
}
