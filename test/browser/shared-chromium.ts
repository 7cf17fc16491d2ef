/**
 * One headless Chromium for the files that open the HTML report (test/reporter/html-*.test.ts,
 * test/compare/example-compare.test.ts, test/compare/compare-report.test.ts), instead of one launch per file: a launch costs about
 * 3 s of CPU, a connection almost none. The Vitest `globalSetup` (test/browser/global-setup.ts)
 * starts a Playwright browser server when the run selects one of `CHROMIUM_FILES` and provides
 * its address as `inject('evalgateChromium')`; `sharedChromium()` connects to it, or launches a
 * browser of its own when there is none (a config without the globalSetup). Each file opens its
 * own context (`browser.newContext()`): contexts share no cookies, storage, routes or pages.
 */
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The browser server's WebSocket address; '' when none was started. */
    evalgateChromium: string
  }
}

/** Debian's chromium package; the browser tests are skipped when it is absent. */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** Every launch's flags: headless, no sandbox or GPU, nothing fetched in the background. */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}

/** The test files that open a page. */
export const CHROMIUM_FILES = ['test/reporter/html-in-chromium.test.ts', 'test/reporter/html-layout-in-chromium.test.ts', 'test/reporter/html-plot-images.test.ts', 'test/compare/example-compare.test.ts', 'test/compare/compare-report.test.ts']

/** The shared browser when the globalSetup started one, else a fresh one; `close()` disconnects from the shared one and closes a fresh one. */
export async function sharedChromium(): Promise<Browser> {
  const endpoint = inject('evalgateChromium') ?? ''
  return endpoint ? chromium.connect(endpoint) : chromium.launch(CHROMIUM_LAUNCH)
}
