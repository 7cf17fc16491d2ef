import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**', '**/.tmp/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // one `npm pack` + install of evalgate per run, shared by the test/consumer/ files
    globalSetup: ['test/consumer/global-setup.ts'],
  },
})
