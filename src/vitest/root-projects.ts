/**
 * The plugin at the root of a `test.projects` config. Vitest 4 calls `configureVitest` only for
 * the plugins of the projects it resolved, and with `test.projects` the root config is not one of
 * them: a project inherits the root's plugins only with `extends: true`. So the root plugin did
 * nothing, and a project without `extends: true` failed on `Invalid Chai property: toHaveMetric`.
 * The root plugin's `config` hook (which Vite runs on the root config) therefore adds a plugin to
 * every inline project; its `configureVitest` configures every project that has no evalgate plugin
 * of its own (a project's own `evalgate()` keeps its options), those given by a config file too.
 * Projects given only as config files or folders cannot be reached before Vitest loads them:
 * the plugin says so at startup.
 */
import type { Vite, VitestPluginContext, TestProject } from 'vitest/node'

/** The plugin's name; a project whose plugins hold one with this name is configured by it. */
export const PLUGIN_NAME = 'evalgate'
/** The name of the plugin the root plugin adds to each inline project. */
const FROM_ROOT_NAME = 'evalgate:from-root'

let warnedFileProjects = false

/**
 * Whether `project` carries an evalgate plugin of its own (in its inline config or config file,
 * or inherited from the root with `extends: true`).
 * @example hasOwnEvalgatePlugin(project) // true for { plugins: [evalgate()], test: { ... } }
 */
export function hasOwnEvalgatePlugin(project: TestProject): boolean {
  return project.vite.config.plugins.some((plugin) => plugin.name === PLUGIN_NAME)
}

/**
 * In a config with `test.projects`, adds to every inline project a plugin whose
 * `configureVitest` calls `configure` (once per Vitest start, whichever project Vitest calls it
 * for first); warns when no project is inline. Nothing without `test.projects`.
 *
 * @example reachInlineProjects(config, (context) => configureEveryProject(context, options))
 */
export function reachInlineProjects(config: Vite.UserConfig, configure: (context: VitestPluginContext) => void): void {
  const projects = config.test?.projects
  if (!Array.isArray(projects) || projects.length === 0) return
  const done = new WeakSet<object>()
  const fromRoot: Vite.Plugin = {
    name: FROM_ROOT_NAME,
    configureVitest(context: VitestPluginContext) {
      if (done.has(context.vitest)) return
      done.add(context.vitest)
      configure(context)
    },
  }
  let inline = 0
  for (const project of projects) {
    if (typeof project !== 'object' || project === null || project instanceof Promise) continue
    project.plugins = [...(project.plugins ?? []), fromRoot]
    inline++
  }
  if (inline === 0 && !warnedFileProjects) {
    warnedFileProjects = true
    console.warn(
      `evalgate: the evalgate() plugin is at the root of a test.projects config whose projects are all config files or folders (${projects.map(String).join(', ')}); Vitest runs the root's plugins only in projects with extends: true, so add evalgate() to the plugins of each project's config (or extends: true), or list the projects inline`,
    )
  }
}
