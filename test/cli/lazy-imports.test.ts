import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'

// Start-up cost (issue 13): the CLI loads a command's modules only when that command runs, and
// the reporter loads the charting runtime only when a plot is drawn. Each case runs the built
// dist/ in a fresh Node process whose module loader logs every URL it loads.
const root = fileURLToPath(new URL('../..', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'evalgate-lazy-imports-'))
const hooks = join(work, 'log-loads.mjs')
writeFileSync(hooks, `import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  appendFileSync(process.env.EVALGATE_LOAD_LOG, url + '\\n')
  return next(url, context)
}
`)
const register = join(work, 'register.mjs')
writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
afterAll(() => rmSync(work, { recursive: true, force: true }))

let runs = 0
/** The URLs loaded by `node <args>` (from the repo root), and its stdout. */
function loadsOf(args: string[]): { loaded: string[]; stdout: string } {
  const log = join(work, `loads-${(runs += 1)}.txt`)
  writeFileSync(log, '')
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, EVALGATE_LOAD_LOG: log } })
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return { loaded: readFileSync(log, 'utf8').split('\n').filter(Boolean), stdout: result.stdout }
}

const heavy = [/\/node_modules\/vega/, /\/node_modules\/hyparquet\//, /\/node_modules\/js-tiktoken\//, /\/dist\/evaluate\//, /\/dist\/data\//, /\/dist\/history\//]

describe('lazy imports', () => {
  test('evalgate evaluate --help loads commander and the CLI, not the engine, the readers, the tokenizer or the history reader', () => {
    const { loaded, stdout } = loadsOf(['dist/cli/main.js', 'evaluate', '--help'])
    expect(stdout).toContain('Usage: evalgate evaluate')
    expect(loaded.some((url) => url.includes('/node_modules/commander/'))).toBe(true)
    expect(loaded.filter((url) => heavy.some((pattern) => pattern.test(url)))).toEqual([])
  })

  test('evalgate evaluate loads the engine when it runs, joined into one file by the build', () => {
    const { loaded, stdout } = loadsOf(['dist/cli/main.js', 'evaluate', 'test/fixtures/data/binary-scores.csv', '--targets', 'target', '--predictions', 'predicted', '--scores', 'score', '--json'])
    expect(JSON.parse(stdout).exampleCount).toBeGreaterThan(0)
    // scripts/build/bundle-evaluate-command.mjs: the engine's modules are inside evaluate-command.js.
    expect(loaded.some((url) => url.endsWith('/dist/cli/evaluate-command.js'))).toBe(true)
    expect(loaded.filter((url) => /\/dist\/(evaluate|data|stats|metrics\/(?!text\/)|model-types)\//.test(url))).toEqual([])
    expect(loaded.some((url) => /\/node_modules\/(vega|hyparquet|js-tiktoken)/.test(url))).toBe(false)
  })

  test('the reporter loads vega on the first plot drawn, not when imported', () => {
    const script = `
      import { appendFileSync } from 'node:fs'
      const mark = (text) => appendFileSync(process.env.EVALGATE_LOAD_LOG, text + '\\n')
      await import('./dist/reporter/index.js')
      const { renderVegaSvg } = await import('./dist/reporter/plots/vega-svg.js')
      mark('--- drawing')
      const svg = await renderVegaSvg({ width: 20, height: 20, marks: [{ type: 'rect', encode: { enter: { x: { value: 0 }, y: { value: 0 }, width: { value: 5 }, height: { value: 5 } } } }] })
      process.stdout.write(svg.slice(0, 4))
    `
    const { loaded, stdout } = loadsOf(['--input-type=module', '-e', script])
    expect(stdout).toBe('<svg')
    const drawing = loaded.indexOf('--- drawing')
    expect(drawing).toBeGreaterThan(0)
    expect(loaded.slice(0, drawing).some((url) => url.includes('/dist/reporter/'))).toBe(true)
    expect(loaded.slice(0, drawing).filter((url) => /\/node_modules\/vega/.test(url))).toEqual([])
    expect(loaded.slice(drawing).some((url) => /\/node_modules\/vega\//.test(url))).toBe(true)
  })
})
