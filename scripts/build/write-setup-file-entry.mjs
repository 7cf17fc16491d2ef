// Writes dist/vitest/setup-file.mts, the setup file the Vitest plugin adds (run by
// `npm run build`, after tsc): a copy of dist/vitest/setup.js under a `.mts` name.
//
// Why: Vitest evaluates a setup file again for every test file (with `isolate: false` one worker
// runs many files), but only if its module runner, not Node, loads it. Vitest inlines the setup
// files it knows when it starts; the plugin adds its own later (in configureVitest), so a `.js`
// file inside node_modules was externalized: Node loaded it once per worker, and the hooks it
// registers (the baseline file's afterAll among them) ran for the first test file only. Vitest
// always transforms, and so evaluates itself, a `.mts` file. Its content is plain JavaScript (the
// transform changes nothing); its imports (./worker-setup.js, …) stay ordinary modules loaded once.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'vitest')
const source = readFileSync(join(dir, 'setup.js'), 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '')
writeFileSync(join(dir, 'setup-file.mts'), `// Written by scripts/build/write-setup-file-entry.mjs from setup.js: the setup file the Vitest plugin adds.\n${source}`)
