// Writes dist/index.d.cts and dist/reporter/index.d.cts (run by `npm run build`, after tsc): the types of `evalgate` (and `evalgate/reporter`) for a
// TypeScript file compiled as CommonJS (`module: node16` in a package without `"type": "module"`,
// what `npm init -y` writes). Resolved through the `require` condition, the ESM declarations
// (dist/index.d.ts) are refused there (TS1479, "cannot be imported with 'require'"), although
// Node >= 20.19 requires the package and Vitest transforms the test file anyway. A `.d.cts` that
// re-exports them is read as CommonJS, as Vitest's own index.d.cts is.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist')
// the main entry and evalgate/reporter (whose ReporterOptions a config may import as a type)
for (const entry of ['index', 'reporter/index']) {
  writeFileSync(join(dist, `${entry}.d.cts`), "// Written by scripts/build/write-commonjs-types.mjs: evalgate's types for CommonJS TypeScript (module node16).\nexport * from './index.js'\n")
}
