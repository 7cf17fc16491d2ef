/**
 * The CommonJS entry of evalgate/vitest (src/vitest/plugin-commonjs.cts) mirrors the ESM plugin:
 * the same name and the same hooks, so a hook added to src/vitest/plugin.ts without one here
 * fails this test rather than silently missing in CommonJS projects. The packed-install proof is
 * test/consumer/commonjs-project.test.ts.
 */
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { evalgate } from '../../src/vitest/plugin.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const BUILT = join(ROOT, 'dist/vitest/plugin-commonjs.cjs')

test.runIf(existsSync(BUILT))('the built CommonJS entry loads by require and returns a plugin with the ESM plugin’s name and hooks', () => {
  const required = createRequire(import.meta.url)(BUILT) as { evalgate: typeof evalgate; default: typeof evalgate }
  expect(required.default).toBe(required.evalgate)
  const commonjs = required.evalgate({ outputDir: 'x' })
  const esm = evalgate({ outputDir: 'x' })
  expect(commonjs.name).toBe(esm.name)
  expect(Object.keys(commonjs).sort()).toEqual(Object.keys(esm).sort())
})

test('package.json sends require of evalgate/vitest to the CommonJS entry and its types, import to the ESM one', async () => {
  const { default: pkg } = await import('../../package.json', { with: { type: 'json' } })
  expect(pkg.exports['./vitest']).toEqual({
    import: { types: './dist/vitest/plugin.d.ts', default: './dist/vitest/plugin.js' },
    require: { types: './dist/vitest/plugin-commonjs.d.cts', default: './dist/vitest/plugin-commonjs.cjs' },
  })
  // a TypeScript file compiled as CommonJS (module node16, npm init -y's package) reads evalgate's types
  // as CommonJS (TS1479 on the ESM declarations before: adversarial pass 60)
  expect(pkg.exports['.'].require).toEqual({ types: './dist/index.d.cts', default: './dist/index.js' })
  expect(pkg.exports['./reporter'].require).toEqual({ types: './dist/reporter/index.d.cts', default: './dist/reporter/index.js' })
})

test.runIf(existsSync(join(ROOT, 'dist/index.js')))('the built CommonJS declarations re-export the ESM ones', () => {
  expect(readFileSync(join(ROOT, 'dist/index.d.cts'), 'utf8')).toContain("export * from './index.js'")
})
