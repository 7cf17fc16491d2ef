/// <reference types="vitest/config" />
/**
 * The evalgate Vitest plugin (`evalgate/vitest`):
 *
 * ```ts
 * import { defineConfig } from 'vitest/config'
 * import { evalgate } from 'evalgate/vitest'
 * export default defineConfig({ plugins: [evalgate({ baseline: { tolerance: 0.01 } })] })
 * ```
 *
 * Through Vitest's `configureVitest` hook it adds the setup file (matchers, run capture,
 * baseline files), the evalgate reporter, and provides the options to the test workers.
 */
import { existsSync } from 'node:fs'
import { ConfigError } from '../errors.js'
import { fileURLToPath } from 'node:url'
import type { TestProject, Vite, Vitest, VitestPluginContext } from 'vitest/node'
import { DEFAULT_WORKER_OPTIONS, PROVIDE_KEY, toWorkerOptions, type EvalgatePluginOptions } from './options.js'
import { EvalgateReporter } from '../reporter/index.js'
import { ObsoleteBaselineFiles } from './obsolete-baseline-files.js'
import { SharedBaselineFiles, registerBaselineProject } from './shared-baseline-files.js'
import { checkPluginOptions } from './plugin-options-check.js'
import { pluginReporterOptions, registerEvalgateReporter } from './reporter-registration.js'
import { PLUGIN_NAME, hasOwnEvalgatePlugin, reachInlineProjects } from './root-projects.js'

export type { EvalgatePluginOptions, EvalgateWorkerOptions, Confidence } from './options.js'
export type { EvalgateMatchers } from './matcher-types.js'
export type { BaselineOptions, MetricGateOptions } from '../baselines/types.js'

/**
 * Absolute path of the setup file the plugin adds: `setup-file.mts`, the built `setup.js` under a
 * name Vitest always transforms and so evaluates for every test file (see
 * `scripts/build/write-setup-file-entry.mjs`); a `.js` file in node_modules it left to Node, which
 * ran it once per worker, so with `isolate: false` only the first test file got its hooks.
 */
export function setupFilePath(): string {
  return fileURLToPath(new URL('./setup-file.mts', import.meta.url))
}

/** Absolute path of `evalgate/setup`, which a config may list itself (then the plugin adds no second one). */
function listedSetupFilePath(): string {
  return fileURLToPath(new URL('./setup.js', import.meta.url))
}

/**
 * Creates the evalgate plugin for `vitest.config.ts`.
 * @example defineConfig({ plugins: [evalgate({ outputDir: 'eval-results' })] })
 */
export function evalgate(options: EvalgatePluginOptions = {}): Vite.Plugin {
  checkPluginOptions(options)
  const plugin: Vite.Plugin = {
    name: PLUGIN_NAME,
    api: { evalgateOptions: options },
    config(config) {
      reachInlineProjects(config, (context) => configureEveryProject(context, options))
    },
    configureVitest(context: VitestPluginContext) {
      configurePluginProject(plugin, options, context)
    },
  }
  return plugin
}

/**
 * `configureVitest` of the evalgate plugin object `plugin` (made with `options`; the CommonJS
 * entry's own object calls it too). Several evalgate() in one project's plugins (the root's,
 * inherited with extends: true, and the project's own; a shared base config's and the
 * project's): the last one configures the project with all their options merged, the later's
 * winning, for the reporter and the workers alike. The reporter took the first one's options and
 * the workers the last one's (adversarial pass 60), and refusing the pair refused the README's
 * per-project baselineDir under extends: true (adversarial pass 62).
 */
export function configurePluginProject(plugin: Vite.Plugin, options: EvalgatePluginOptions, context: VitestPluginContext): void {
  const own = context.project.vite.config.plugins.filter((other) => other.name === PLUGIN_NAME)
  if (own.length > 1 && own.at(-1) !== plugin) return
  const merged = own.length > 1 ? own.reduce<EvalgatePluginOptions>((all, other) => mergeOptions(all, pluginOptionsOf(other)), {}) : options
  configureProject(context.project, context.vitest, merged)
}

/** A plain object of options (not a list, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The options an evalgate plugin was made with (`api.evalgateOptions`), or none for another plugin of that name. */
function pluginOptionsOf(plugin: unknown): EvalgatePluginOptions {
  const api = (plugin as { api?: { evalgateOptions?: EvalgatePluginOptions } }).api
  return api?.evalgateOptions ?? {}
}

/**
 * `later` over `earlier`, key by key at every level of plain objects (`baseline.tolerance` of one,
 * `baseline.significance` of the other); a value given as undefined leaves the earlier one.
 * @example mergeOptions({ outputDir: 'a', baseline: { tolerance: 0.1 } }, { baselineDir: 'b' }) // { outputDir: 'a', baseline: { tolerance: 0.1 }, baselineDir: 'b' }
 */
export function mergeOptions<T extends object>(earlier: T, later: T): T {
  const out: Record<string, unknown> = { ...(earlier as Record<string, unknown>) }
  for (const [key, value] of Object.entries(later)) {
    if (value === undefined) continue
    const before = out[key]
    out[key] = isRecord(before) && isRecord(value) ? mergeOptions(before, value) : value
  }
  return out as T
}

/**
 * The plugin at the root of a `test.projects` config (see `root-projects.ts`): every project
 * without an evalgate plugin of its own gets the setup file, the root's options and the reporter.
 */
function configureEveryProject({ vitest }: VitestPluginContext, options: EvalgatePluginOptions): void {
  for (const project of vitest.projects) {
    if (!hasOwnEvalgatePlugin(project)) configureProject(project, vitest, options)
  }
}

/** The plugin options each project was configured with (another set for the same project is refused: {@link configureProject}). */
const configuredWith = new WeakMap<TestProject, EvalgatePluginOptions>()

/** The setup file, the options for the workers, the obsolete-baseline check and the reporter, for one project. */
function configureProject(project: TestProject, vitest: Vitest, options: EvalgatePluginOptions): void {
  // The evalgate() plugins of one project are merged before (configurePluginProject): a second,
  // different set reaching the same project by another path would give the reporter one set and
  // the workers another (adversarial pass 60), so it is an error naming the options that differ.
  // The same options twice do no harm.
  const earlier = configuredWith.get(project)
  if (earlier !== undefined) {
    const differing = differingOptions(earlier, options)
    if (differing.length === 0) return
    // The options' names only: their values may hold a credential (an MLflow tracking URI with a password; adversarial pass 62)
    throw new ConfigError(
      'plugin-twice',
      `evalgate: the plugin is added twice to ${project.name ? `project "${project.name}"` : 'this Vitest config'} with different options (they differ in ${differing.join(', ')}), as when a shared base config and the project's own config each add evalgate(); one would silently replace the other: keep one evalgate() in plugins, with the options you mean`,
    )
  }
  configuredWith.set(project, options)
  const perFile = setupFilePath()
  if (!existsSync(perFile)) {
    throw new Error(`evalgate: setup file ${perFile} is missing; build the package (npm run build) before using the plugin`)
  }
  const setup = setupFileFor(project, perFile)
  const setupFiles = project.config.setupFiles
  if (!setupFiles.includes(setup) && !setupFiles.includes(listedSetupFilePath())) setupFiles.push(setup)
  project.provide(PROVIDE_KEY, toWorkerOptions(options, project.config.root))
  // Baseline files whose test file is gone: one check per project root and baseline folder.
  const baselineDir = options.baselineDir ?? DEFAULT_WORKER_OPTIONS.baselineDir
  // Baseline files two projects would share (one test file in both, one baseline folder).
  registerBaselineProject(project, project.config.root, baselineDir)
  if (!vitest.config.reporters.some((r) => r instanceof SharedBaselineFiles)) vitest.config.reporters.push(new SharedBaselineFiles())
  if (!vitest.config.reporters.some((r) => r instanceof ObsoleteBaselineFiles && r.covers(project.config.root, baselineDir))) {
    vitest.config.reporters.push(new ObsoleteBaselineFiles(project.config.root, baselineDir))
  }
  if (vitest.config.reporters.some(isBlobReporter)) {
    // A blob run (`--shard=1/2 --reporter=blob`) is one part of a report that
    // `vitest --merge-reports` writes: writing eval-results/ here too would race the other
    // shards for the folder and export or summarise every run twice.
    // the folder the plugin's options name (adversarial pass 58: it always said eval-results/)
    const folder = `${(pluginReporterOptions(options).outputDir ?? 'eval-results').replace(/[\\/]+$/, '')}/`
    if (options.reporter !== false) vitest.logger.log(`evalgate: the blob reporter is on, so ${folder} is written by \`vitest --merge-reports\`, not by this run`)
    return
  }
  registerEvalgateReporter(vitest, project.name, options)
  connectObsoleteBaselineChecks(vitest)
}

/**
 * The options two sets of plugin options differ in, by path (`baseline.tolerance`,
 * `reporter.mlflow`), whatever the order of their keys; none when they are alike.
 * @example differingOptions({ outputDir: 'a' }, { outputDir: 'b' }) // ['outputDir']
 */
export function differingOptions(a: unknown, b: unknown, path = ''): string[] {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    return keys.flatMap((key) => differingOptions(a[key], b[key], path === '' ? key : `${path}.${key}`))
  }
  const same = typeof a === 'function' || typeof b === 'function' ? a === b : JSON.stringify(a) === JSON.stringify(b)
  return same ? [] : [path || '(the options)']
}

/**
 * Each evalgate reporter of the run awaits every project root's obsolete-baseline check before it
 * writes, so an obsolete baseline file that fails a CI run is named in every report (as a failure
 * outside any test); Vitest calls both reporters' `onTestRunEnd` at once, in either order (a
 * `test.reporters` entry naming the evalgate reporter comes before the check).
 */
function connectObsoleteBaselineChecks(vitest: Vitest): void {
  const reporters = vitest.config.reporters as unknown[]
  const checks = reporters.filter((reporter): reporter is ObsoleteBaselineFiles => reporter instanceof ObsoleteBaselineFiles)
  for (const reporter of reporters) {
    if (reporter instanceof EvalgateReporter) for (const check of checks) reporter.addRunEndFailureSource(check)
  }
}

/** Projects already told that their `server.deps.external` hands the setup file to Node. */
const toldExternal = new WeakSet<TestProject>()

/**
 * The setup file for `project`: `setup-file.mts`, unless a `test.server.deps.external` pattern
 * (and no `inline` one) matches it. Node would then load it, and Node 20 cannot load a `.mts`
 * file at all, so the project gets `setup.js` (as before the `.mts` entry; a config with
 * `external: [/node_modules/]` failed to start): Node runs it once per worker, which is enough
 * with isolation on; with `isolate: false` the files after a worker's first would get no
 * baseline hooks, and a warning names the pattern and the `inline` entry that fixes it.
 */
function setupFileFor(project: TestProject, perFile: string): string {
  const deps = project.config.server?.deps
  const matches = (patterns: ReadonlyArray<string | RegExp> | true | undefined): (string | RegExp) | undefined => {
    if (patterns === undefined) return undefined
    if (patterns === true) return '(true)'
    return patterns.find((pattern) => (typeof pattern === 'string' ? perFile.includes(`/node_modules/${pattern}`) : pattern.test(perFile)))
  }
  const external = matches(deps?.external)
  if (external === undefined || matches(deps?.inline) !== undefined) return perFile
  if (project.config.isolate === false && !toldExternal.has(project)) {
    toldExternal.add(project)
    console.warn(
      `[evalgate] test.server.deps.external pattern ${String(external)} matches evalgate's setup file, so Node loads it once per worker; with isolate: false the test files after a worker's first get no evalgate hooks: their new or updated baseline entries are not written (the reports still say "written"; existing entries are compared) and runs of concurrent tests are not attributed. Add /evalgate\\/dist\\/vitest\\/setup-file\\.mts$/ to test.server.deps.inline (or narrow the external pattern).`,
    )
  }
  return listedSetupFilePath()
}

/** Whether a resolved `test.reporters` entry is Vitest's blob reporter (by name or instance). */
function isBlobReporter(reporter: unknown): boolean {
  if (Array.isArray(reporter)) return reporter[0] === 'blob'
  return reporter === 'blob' || (typeof reporter === 'object' && reporter !== null && reporter.constructor.name === 'BlobReporter')
}

export default evalgate
