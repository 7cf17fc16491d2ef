/**
 * `evalgate compare --markdown` prints at most 60,000 characters, for a pull-request comment
 * (GitHub refuses one above 65,536), cut at a line with one saying how many lines are left out;
 * `compare.md` keeps them all. It printed 1.9 MB for a test of 2,000 slices (adversarial pass 60).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { capMarkdownLines } from '../../src/compare/report/comparison-markdown.js'
import { evaluate } from '../../src/evaluate/index.js'
import { bufferedCli } from '../cli/buffered-cli.js'

describe('the Markdown compare prints', () => {
  test('capMarkdownLines: whole within the limit; else the lines that fit and how many are left out', () => {
    expect(capMarkdownLines('# a\n| x |\n', 100, 'compare.md')).toBe('# a\n| x |\n')
    const doc = `# head\n${Array.from({ length: 50 }, (_, i) => `| row ${i} |`).join('\n')}\n`
    const cut = capMarkdownLines(doc, 200, 'out/compare.md')
    expect(cut.length).toBeLessThanOrEqual(200)
    expect(cut.startsWith('# head\n| row 0 |\n')).toBe(true)
    const kept = cut.split('\n').filter((line) => line.startsWith('| row ')).length
    expect(cut.endsWith(`\n\n… ${50 - kept} more lines in out/compare.md\n`)).toBe(true)
  })

  test('evalgate compare --markdown of runs with 1,500 slices: at most 60,000 characters printed, compare.md whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-compare-cap-'))
    const data = Array.from({ length: 3000 }, (_, i) => ({ y: i % 3 === 0 ? 'a' : 'b', shop: `shop-${i % 1500}` }))
    for (const [name, flip] of [['one', 7], ['two', 5]] as const) {
      const rows = data.map((row, i) => ({ ...row, p: i % flip === 0 ? (row.y === 'a' ? 'b' : 'a') : row.y }))
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['shop'], minSliceSize: 1, intervals: false })))
    }
    const { code, stdout } = await bufferedCli('compare', join(dir, 'one.json'), join(dir, 'two.json'), '--markdown', '--out', join(dir, 'cmp'))
    expect(code).toBe(0)
    expect(stdout.length).toBeLessThanOrEqual(60_000)
    // the folder as named, not an absolute path of the machine (a comment posted from CI)
    expect(stdout).toMatch(new RegExp(`\\n… [\\d,]+ more lines in ${join(dir, 'cmp').replace(/[\\/.]/g, '\\$&')}/compare\\.md and index\\.html\\n$`))
    expect(readFileSync(join(dir, 'cmp', 'compare.md'), 'utf8').length).toBeGreaterThan(100_000)
  }, 120_000)
})
