/**
 * Vitest `globalSetup`: starts one Playwright Chromium server for the run when its files include
 * one that opens a page (`CHROMIUM_FILES` of test/browser/shared-chromium.ts) and provides its
 * address as `inject('evalgateChromium')` (a failed start provides '', and the files launch their
 * own browser, failing there with Playwright's message). Every project of the run calls this setup; they share
 * the one server (kept on `globalThis`, closed after the last teardown).
 */
import { chromium } from 'playwright-core'
import type { BrowserServer } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { CHROMIUM_FILES, CHROMIUM_LAUNCH, hasChromium } from './shared-chromium.js'

/** Whether the command line's filters can select one of `CHROMIUM_FILES` (no filter selects everything). */
function selectsBrowserTests(argv: string[]): boolean {
  const start = argv.findIndex((arg) => arg === 'run' || arg === 'watch' || arg === 'related')
  const filters = argv.slice(start + 1).filter((arg) => !arg.startsWith('-'))
  return start < 0 || filters.length === 0 || filters.some((filter) => CHROMIUM_FILES.some((file) => file.includes(filter.replace(/^\.\//, ''))))
}

const shared = globalThis as typeof globalThis & { evalgateChromiumServer?: { server: Promise<BrowserServer | undefined>; users: number } }

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const state = (shared.evalgateChromiumServer ??= {
    server: hasChromium && selectsBrowserTests(process.argv) ? chromium.launchServer(CHROMIUM_LAUNCH).catch(() => undefined) : Promise.resolve(undefined),
    users: 0,
  })
  state.users += 1
  const server = await state.server
  project.provide('evalgateChromium', server?.wsEndpoint() ?? '')
  return async () => {
    state.users -= 1
    if (state.users > 0) return
    delete shared.evalgateChromiumServer
    await server?.close()
  }
}
