/**
 * The CommonJS entry of `evalgate/vitest` (the `require` condition of its export). A project
 * whose package.json says `"type": "commonjs"` (what `npm init -y` writes) has its
 * `vitest.config.ts` bundled by Vite as CommonJS, which `require`s the plugin. The ESM plugin
 * cannot be `require`d even on Node >= 20.19 (its reporter's graph holds a top-level await), so
 * this entry returns the same plugin shape and loads the ESM plugin with `import()` inside
 * Vitest's `configureVitest` hook, which Vitest awaits.
 *
 * ```ts
 * // vitest.config.ts in a CommonJS project: unchanged from the ESM one
 * import { defineConfig } from 'vitest/config'
 * import { evalgate } from 'evalgate/vitest'
 * export default defineConfig({ plugins: [evalgate({ outputDir: 'eval-results' })] })
 * ```
 */
import type { Vite, VitestPluginContext } from 'vitest/node' with { 'resolution-mode': 'import' }
import type { EvalgatePluginOptions } from './options.js' with { 'resolution-mode': 'import' }

/**
 * Creates the evalgate plugin for `vitest.config.ts` (CommonJS projects); the same options and
 * behaviour as the ESM entry, which it loads when Vitest configures the project.
 * @example defineConfig({ plugins: [evalgate({ outputDir: 'eval-results' })] })
 */
function evalgate(options: EvalgatePluginOptions = {}): Vite.Plugin {
  const plugin: Vite.Plugin = {
    name: 'evalgate',
    // Read by another evalgate() in the same project's plugins, which merges the options (plugin.ts).
    api: { evalgateOptions: options },
    // At the root of a test.projects config, the plugin reaches the projects through this hook.
    async config(config): Promise<void> {
      const esm = await import('./plugin.js')
      const hook = esm.evalgate(options).config as (config: Vite.UserConfig) => void
      hook(config)
    },
    // This object, not a fresh ESM one, is what the project's plugins hold: it decides which of several configures.
    async configureVitest(context: VitestPluginContext): Promise<void> {
      const esm = await import('./plugin.js')
      esm.configurePluginProject(plugin, options, context)
    },
  }
  return plugin
}

// `import { evalgate } from 'evalgate/vitest'` and `import evalgate from 'evalgate/vitest'` both work.
evalgate.evalgate = evalgate
evalgate.default = evalgate
export = evalgate
