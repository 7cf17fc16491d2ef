// Joins the modules that `evalgate evaluate` loads into one file, in place of
// dist/cli/evaluate-command.js (run by `npm run build`, after tsc).
//
// Why: Node's ESM loader costs about a millisecond per module on the machines we measured on
// (resolving, reading, linking), and the evaluate path is ~140 small modules: a sixth to a
// quarter of the whole command's CPU time at 200,000 rows (bench/engine/README.md). One file
// loads in a fraction of that. Only the evaluate command's own graph is joined, and these stay
// real imports, so that every module with identity or a file path of its own is loaded once:
// - packages and Node built-ins;
// - dist/errors.js and dist/cli/usage-error.js (the CLI's exit code is decided with `instanceof`
//   on their classes: a second copy of UsageError inside the bundle made usage errors exit 1 as
//   "unexpected error" instead of 2);
// - everything loaded on demand (the text, QA and summarization kernels, which find their data
//   files beside themselves through import.meta.url; hyparquet).
// The library entry points (dist/index.js, the Vitest plugin and reporter) are left as tsc
// wrote them. rolldown is the bundler Vite itself is built on (a pinned dev dependency).
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = join(root, 'dist')
const entry = join(dist, 'cli', 'evaluate-command.js')
const keptAsImports = [join(dist, 'errors.js'), join(dist, 'cli', 'usage-error.js'), join(dist, 'metrics', 'text') + '/', join(dist, 'model-types', 'question-answering', 'qa-row-scores.js'), join(dist, 'model-types', 'text-summarization', 'summarization-row-scores.js')]

const bundle = await rolldown({
  input: entry,
  platform: 'node',
  // Each module with tsc's source map, so the bundle's map names the TypeScript sources in src/
  // (what the package ships), not the intermediate dist/ files.
  plugins: [
    {
      name: 'tsc-source-maps',
      load(id) {
        if (!id.startsWith(dist) || !id.endsWith('.js') || !existsSync(`${id}.map`)) return null
        return { code: readFileSync(id, 'utf8'), map: JSON.parse(readFileSync(`${id}.map`, 'utf8')) }
      },
    },
  ],
  external: (id, importer, isResolved) => {
    if (!id.startsWith('.') && !id.startsWith('/')) return true // packages and node: built-ins
    const path = isResolved || importer === undefined ? id : join(dirname(importer), id)
    return keptAsImports.some((kept) => (kept.endsWith('/') ? path.startsWith(kept) : path === kept))
  },
})
// Written beside dist/cli (the same depth), so the source map's relative paths hold once moved there.
const out = join(dist, '.cli-bundle')
const { output } = await bundle.write({ dir: out, format: 'esm', sourcemap: true, entryFileNames: 'evaluate-command.js' })
await bundle.close()
// One file is expected (nothing the evaluate path imports on demand is joined into it).
const files = output.map((item) => item.fileName).sort()
if (files.join(',') !== 'evaluate-command.js,evaluate-command.js.map') throw new Error(`bundle-evaluate-command: expected one file and its map, got ${files.join(', ')}`)
for (const file of files) renameSync(join(out, file), join(dist, 'cli', file))
rmSync(out, { recursive: true })
