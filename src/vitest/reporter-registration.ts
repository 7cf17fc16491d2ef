/**
 * One evalgate reporter per results folder. The plugin adds its reporter to `test.reporters`,
 * which may already name it (`'evalgate/reporter'`, `['evalgate/reporter', { ... }]` or a path
 * to the module, as the README shows for the reporter alone); and each project of a
 * `test.projects` config may carry the plugin. Two reporters writing one folder race: each
 * replaces the folder by rename at the end of the run, and the second fails with ENOTEMPTY or
 * ENOENT, failing CI with every test passed. So a named entry becomes the plugin's reporter
 * (its own options win over the plugin's), later duplicates of a folder are dropped, and a second
 * project asking for another `outputDir` is told that one report covers every project.
 */
import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Vitest } from 'vitest/node'
import { EvalgateReporter, type ReporterOptions } from '../reporter/index.js'
import { DEFAULT_WORKER_OPTIONS, type EvalgatePluginOptions } from './options.js'

/** Who asked for each reporter the plugin made: a project's name, or `test.reporters`. */
const origins = new WeakMap<EvalgateReporter, string>()
/** Vitest instances already told that a `test.reporters` entry's outputDir wins over the plugin's. */
const toldEntryWins = new WeakSet<Vitest>()

/** The reporter module's files in this package, built and source (both ship), real paths. */
function reporterModuleFiles(): string[] {
  const packageRoot = fileURLToPath(new URL('../../', import.meta.url))
  const files: string[] = []
  for (const file of ['dist/reporter/index.js', 'src/reporter/index.ts']) {
    try {
      files.push(realpathSync(resolve(packageRoot, file)))
    } catch {
      // not in this copy of the package
    }
  }
  return files
}

/** Whether a `test.reporters` module name or path names the evalgate reporter. */
function namesEvalgateReporter(name: string, root: string): boolean {
  if (name === 'evalgate/reporter') return true
  if (!name.startsWith('.') && !isAbsolute(name)) return false
  try {
    return reporterModuleFiles().includes(realpathSync(resolve(root, name)))
  } catch {
    return false
  }
}

/** The folder a reporter writes, absolute. */
function outputDirOf(reporter: EvalgateReporter, root: string): string {
  return resolve(root, reporter.options.outputDir ?? 'eval-results')
}

/** The reporter options the plugin's options give (`outputDir` beside `reporter`). */
export function pluginReporterOptions(options: EvalgatePluginOptions): ReporterOptions {
  return { ...(options.reporter || {}), ...(options.outputDir !== undefined ? { outputDir: options.outputDir } : {}), ...(options.baselineDir !== undefined ? { baselineDir: options.baselineDir } : {}) }
}

/**
 * Adds the plugin's reporter for `projectName` to `vitest.config.reporters`, unless one is there:
 * an entry naming the evalgate reporter becomes an instance made with the plugin's reporter
 * options overridden by the entry's own; two instances writing one folder keep the first; a
 * reporter already there writing another folder than this project's `outputDir` stays, with a
 * warning naming both. `options.reporter === false` adds none (a named entry still becomes one
 * instance, with its own options).
 *
 * @example registerEvalgateReporter(vitest, 'evals', { outputDir: 'eval-results' })
 */
export function registerEvalgateReporter(vitest: Vitest, projectName: string, options: EvalgatePluginOptions): void {
  const root = vitest.config.root
  const reporters = vitest.config.reporters as unknown[]
  const base = options.reporter === false ? {} : pluginReporterOptions(options)
  for (let i = 0; i < reporters.length; i++) {
    const entry = reporters[i]
    const [name, entryOptions] = Array.isArray(entry) ? entry : [entry, {}]
    if (typeof name !== 'string' || !namesEvalgateReporter(name, root)) continue
    const reporter = new EvalgateReporter({ ...base, ...((entryOptions ?? {}) as ReporterOptions) })
    origins.set(reporter, 'test.reporters')
    reporters[i] = reporter
  }
  // Two reporters writing one folder: the first writes it.
  const folders = new Set<string>()
  for (let i = 0; i < reporters.length; i++) {
    const reporter = reporters[i]
    if (!(reporter instanceof EvalgateReporter)) continue
    const folder = outputDirOf(reporter, root)
    if (!folders.has(folder)) {
      folders.add(folder)
      continue
    }
    reporters.splice(i--, 1)
    vitest.logger.warn(`evalgate: the evalgate reporter was registered twice for ${relative(root, folder) || '.'}; one writes it (the plugin adds it: test.reporters need not name it too)`)
  }
  if (options.reporter === false) return
  const existing = reporters.find((reporter): reporter is EvalgateReporter => reporter instanceof EvalgateReporter)
  if (existing === undefined) {
    const reporter = new EvalgateReporter(base)
    origins.set(reporter, `project "${projectName}"`)
    reporters.push(reporter)
    return
  }
  // Another project's runs reach the same reporter: its baseline folder joins the embedded history.
  existing.addBaselineDir(options.baselineDir ?? DEFAULT_WORKER_OPTIONS.baselineDir)
  const wanted = resolve(root, base.outputDir ?? 'eval-results')
  const written = outputDirOf(existing, root)
  const shown = (folder: string): string => relative(root, folder) || '.'
  if (wanted !== written && origins.get(existing) === 'test.reporters') {
    // The entry's options win over the plugin's (README): said once, not once per project.
    if (!toldEntryWins.has(vitest)) {
      toldEntryWins.add(vitest)
      vitest.logger.warn(`evalgate: the evalgate reporter named in test.reporters writes ${shown(written)}; the plugin's outputDir ${shown(wanted)} is not used (the entry's own options win)`)
    }
  } else if (wanted !== written && origins.get(existing) !== `project "${projectName}"`) {
    vitest.logger.warn(
      `evalgate: project "${projectName}" sets outputDir ${shown(wanted)}, but the evalgate reporter (from ${origins.get(existing) ?? 'test.reporters'}) writes ${shown(written)}: one report covers every project, in ${shown(written)}; set outputDir once (in the root config's evalgate(), or the same in every project)`,
    )
  }
}
