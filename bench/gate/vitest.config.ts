import { defineConfig } from 'vitest/config'

/** The paired tests' simulations, run on demand: npx vitest run --config bench/gate/vitest.config.ts */
export default defineConfig({
  test: {
    include: ['bench/gate/**/*.sim.ts'],
    testTimeout: 3_600_000,
    disableConsoleIntercept: true,
  },
})
