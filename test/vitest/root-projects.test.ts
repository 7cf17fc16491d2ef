/**
 * The plugin at the root of a test.projects config reaches the inline projects through its
 * config hook (Vitest runs configureVitest only for projects' plugins); projects given only as
 * files are named in a startup warning. (The real-process check is in plugin-wiring.e2e.test.ts.)
 */
import type { Vite, VitestPluginContext } from 'vitest/node'
import { expect, test, vi } from 'vitest'
import { reachInlineProjects } from '../../src/vitest/root-projects.js'

test('every inline project gets one plugin whose configureVitest configures once per Vitest', () => {
  const first = { test: { name: 'unit' } }
  const second = { plugins: [{ name: 'other' }], test: { name: 'evals' } }
  const config = { test: { projects: ['packages/*', first, second] } } as unknown as Vite.UserConfig
  const configure = vi.fn()
  reachInlineProjects(config, configure)
  const added = (first as { plugins?: Vite.Plugin[] }).plugins ?? []
  expect(added.map((plugin) => plugin.name)).toEqual(['evalgate:from-root'])
  expect(second.plugins.map((plugin) => plugin.name)).toEqual(['other', 'evalgate:from-root'])
  const context = { vitest: {} } as VitestPluginContext
  const hook = added[0].configureVitest as (context: VitestPluginContext) => void
  hook(context)
  hook(context)
  expect(configure).toHaveBeenCalledTimes(1)
})

test('projects given only as files or folders: a warning naming them and the fix; none without test.projects', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  reachInlineProjects({ test: {} } as Vite.UserConfig, vi.fn())
  expect(warn).not.toHaveBeenCalled()
  reachInlineProjects({ test: { projects: ['packages/*'] } } as Vite.UserConfig, vi.fn())
  expect(warn).toHaveBeenCalledWith(
    'evalgate: the evalgate() plugin is at the root of a test.projects config whose projects are all config files or folders (packages/*); Vitest runs the root\'s plugins only in projects with extends: true, so add evalgate() to the plugins of each project\'s config (or extends: true), or list the projects inline',
  )
  warn.mockRestore()
})
