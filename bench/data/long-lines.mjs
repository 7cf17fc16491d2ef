// Long-line benchmark (issue 11): loading time of one JSON Lines line, and one CSV field, of
// 10 / 20 / 40 MB, with the built loaders (dist/) of this tree and, when given, of another build
// measured in the same run (e.g. the tree before the fix). Linear loading doubles its time when
// the line doubles; the old loaders grew about 4x (quadratic).
//
//   npm run build && node bench/data/long-lines.mjs [--sizes 10,20,40] [--before <dist folder>]
//
// Building the tree before the fix into /tmp/evalgate-before:
//   git archive 3067ba1 | (mkdir -p /tmp/evalgate-before && tar -x -C /tmp/evalgate-before)
//   ln -s "$PWD/node_modules" /tmp/evalgate-before/node_modules
//   (cd /tmp/evalgate-before && npx tsc -p tsconfig.build.json)
//   node bench/data/long-lines.mjs --before /tmp/evalgate-before/dist
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const args = process.argv.slice(2)
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const sizes = (option('--sizes') ?? '10,20,40').split(',').map(Number)
const builds = [['after (this tree)', join(root, 'dist')]]
if (option('--before') !== undefined) builds.unshift(['before', resolve(option('--before'))])

const dataDir = join(root, 'bench', '.data', 'long-lines')
mkdirSync(dataDir, { recursive: true })

/** A file with a short line, one line of `megabytes` MB, and a short line. */
function writeFiles(megabytes) {
  const text = 'lorem ipsum, "dolor" sit amet\n'.repeat(Math.ceil((megabytes * 1e6) / 30)).slice(0, megabytes * 1e6)
  const jsonl = join(dataDir, `line-${megabytes}mb.jsonl`)
  writeFileSync(jsonl, `{"y": 1, "text": "a"}\n${JSON.stringify({ y: 0, text })}\n{"y": 1, "text": "b"}\n`)
  const csv = join(dataDir, `field-${megabytes}mb.csv`)
  writeFileSync(csv, `y,text\n1,a\n0,"${text.replaceAll('"', '""')}"\n1,b\n`)
  return { jsonl, csv }
}

async function time(load, path) {
  const start = process.hrtime.bigint()
  try {
    const data = await load(path)
    if (data.rowCount !== 3) throw new Error(`expected 3 rows, got ${data.rowCount}`)
  } catch (error) {
    return `error: ${error.message.slice(0, 60)}`
  }
  return `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)} s`
}

const rows = []
for (const megabytes of sizes) {
  const files = writeFiles(megabytes)
  for (const [name, dist] of builds) {
    const { loadDataset } = await import(pathToFileURL(join(dist, 'data', 'index.js')).href)
    rows.push([`${megabytes} MB`, name, await time(loadDataset, files.jsonl), await time(loadDataset, files.csv)])
  }
}
rmSync(dataDir, { recursive: true, force: true })
const header = ['line', 'build', 'JSON Lines line', 'CSV field']
const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => row[c].length)))
for (const row of [header, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '))
