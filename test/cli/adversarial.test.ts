/**
 * The adversarial corpus (test/fixtures/adversarial/, written by its generate.mjs; long lines are
 * generated here) through the CLI and evaluate(): every case ends in a result or a clear error,
 * nothing hangs, and no control character (C0 but the line feed, DEL, C1) reaches CLI output.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { bufferedCli as cli } from './buffered-cli.js'
import { escapeControlCharacters } from '../../src/cli/escape-control.js'
import { loadDataset } from '../../src/data/index.js'
import { EvalgateError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { tempFolder } from '../data/temp-files.js'

const folder = tempFolder('adversarial')
afterAll(() => folder.remove())

const corpus = (name: string): string => `test/fixtures/adversarial/${name}`
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/


/** The CLI on `file` as text and as JSON: exit 0 or 1, one line of error on 1, no control character. */
async function expectContainedCli(args: string[]): Promise<Array<{ code: number; stdout: string; stderr: string }>> {
  const results = [await cli('evaluate', ...args, '--min-slice-size', '1'), await cli('evaluate', ...args, '--min-slice-size', '1', '--json')]
  for (const result of results) {
    expect([0, 1]).toContain(result.code)
    expect(result.stdout).not.toMatch(CONTROL)
    expect(result.stderr).not.toMatch(CONTROL)
    if (result.code === 1) expect(result.stderr).toMatch(/^evalgate: .+\n$/)
  }
  return results
}

/** evaluate() on the same file: a run or an EvalgateError. */
async function evaluateOutcome(file: string, options: { targets: string; predictions: string; slices?: string[] }): Promise<EvalRun | EvalgateError> {
  try {
    return await evaluate({ data: await loadDataset(file), modelType: 'classifier', intervals: false, minSliceSize: 1, ...options })
  } catch (error) {
    expect(error).toBeInstanceOf(EvalgateError)
    return error as EvalgateError
  }
}

describe('adversarial corpus through the CLI and evaluate()', () => {
  test('terminal escapes in labels, slice values and a column name: escaped in tables, JSON keeps the data', async () => {
    const [text, json] = await expectContainedCli([corpus('terminal-escapes.csv'), '--targets', 'y', '--predictions', 'p', '--slice', 'seg\x1b[2J'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('ok\\u001b]0;PWNED\\u0007')
    expect(text.stdout).toContain('seg\\u001b[2J=b\\u009b31m')
    expect(text.stdout).toContain('seg\\u001b[2J=c\\u000d')
    // the columns are as wide as what is printed: every row of the slice table starts its second
    // column at one place (adversarial pass 65: sized from the raw labels, rows were shifted)
    const lines = text.stdout.split('\n')
    const sliceRows = lines.filter((line) => line.startsWith('seg\\u001b[2J='))
    const header = lines.findIndex((line) => line.startsWith('slice '))
    expect(sliceRows.length).toBeGreaterThan(1)
    expect(new Set([lines[header], lines[header + 1], ...sliceRows].map((line) => line.search(/ {2}\S/))).size).toBe(1)
    const run = JSON.parse(json.stdout) as EvalRun
    expect(run.labels).toEqual(['no\x1b[2J', 'ok\x1b]0;PWNED\x07'])
    const direct = await evaluateOutcome(corpus('terminal-escapes.csv'), { targets: 'y', predictions: 'p', slices: ['seg\x1b[2J'] })
    expect(direct).toMatchObject({ metrics: { accuracy_score: 4 / 6 } })
  })

  test('the one-line error escapes a hostile column name', async () => {
    const [text] = await expectContainedCli([corpus('terminal-escapes.csv'), '--targets', 'y\x1b]0;PWNED\x07', '--predictions', 'p'])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('targets column "y\\u001b]0;PWNED\\u0007" not found')
  })

  test('NUL, BEL, ESC, DEL and C1 in JSON Lines keys and values; a predicted label no target holds warns', async () => {
    const [text, json] = await expectContainedCli([corpus('control-bytes.jsonl'), '--targets', 'label\x00', '--predictions', 'pred', '--slice', 'grp\x07'])
    expect(text.code).toBe(0)
    expect(text.stderr).toContain('evalgate: warning: predictions column "pred": label "c\\u001b" (1 row, first row 4) never occurs in targets column "label\\u0000"')
    expect(text.stdout).toContain('grp\\u0007=y\\u0085')
    expect((JSON.parse(json.stdout) as EvalRun).labels).toEqual(['a\x00', 'b\x07', 'c\x1b'])
    const direct = await evaluateOutcome(corpus('control-bytes.jsonl'), { targets: 'label\x00', predictions: 'pred' })
    expect(direct).toMatchObject({ metrics: { accuracy_score: 0.5 } })
  })

  test('invalid UTF-8 labels: an error naming the file, line and column', async () => {
    const [text] = await expectContainedCli([corpus('invalid-utf8.csv'), '--targets', 'y', '--predictions', 'p'])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain(`${corpus('invalid-utf8.csv')}: line 2, row 1, column "y": the bytes 0xC3 are not UTF-8`)
    expect(await evaluateOutcome(corpus('invalid-utf8.csv'), { targets: 'y', predictions: 'p' })).toMatchObject({ code: 'DATASET_INVALID_UTF8' })
  })

  test('NaN targets: an error naming the row and the column', async () => {
    const [text] = await expectContainedCli([corpus('nan-targets.csv'), '--targets', 'y', '--predictions', 'p'])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('targets column "y": row 2 (file line 3) is NaN, a missing value, not a label')
    expect(await evaluateOutcome(corpus('nan-targets.csv'), { targets: 'y', predictions: 'p' })).toMatchObject({ code: 'INVALID_LABEL' })
  })

  test('formula-like cells are labels and slice values like any other', async () => {
    const [text, json] = await expectContainedCli([corpus('formula-cells.csv'), '--targets', 'y', '--predictions', 'p', '--slice', 'source'])
    expect(text.code).toBe(0)
    const run = JSON.parse(json.stdout) as EvalRun
    expect(run.labels).toEqual(["+cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid/x","click")'])
    expect(Object.keys(run.slices).sort()).toEqual(['source=-2+3', 'source=@SUM(A1)', 'source=\\=1+2'])
    expect(run.metrics.accuracy_score).toBeCloseTo(2 / 3, 12)
  })

  test('an unterminated quote: an error naming the line, not a hang', async () => {
    const [text] = await expectContainedCli([corpus('unterminated-quote.csv'), '--targets', 'y', '--predictions', 'p'])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('the record starting on line 3 has a quoted field that is never closed')
  })

  test('700 distinct numeric targets without --model-type: an error asking for it, not a 700-class run', async () => {
    const [text] = await expectContainedCli([corpus('many-numeric-targets.csv'), '--targets', 'y', '--predictions', 'p'])
    expect(text.code).toBe(1)
    expect(text.stderr).toBe(
      'evalgate: targets column "y" holds 700 distinct numbers: as a classifier that is 700 classes, which is more likely a regression target; pass --model-type regressor, or --model-type classifier if they are class labels\n',
    )
    const regressor = await cli('evaluate', corpus('many-numeric-targets.csv'), '--targets', 'y', '--predictions', 'p', '--model-type', 'regressor', '--json')
    expect(regressor.code).toBe(0)
    expect((JSON.parse(regressor.stdout) as EvalRun).metrics.mean_absolute_error).toBeCloseTo(2, 12)
  })

  test('a 4 MB line full of escapes (JSON Lines and CSV): a result, escaped', async () => {
    const hostile = `${'\x1b[2J\x07\x00'.repeat(1_000_000)}`
    const jsonl = folder.write('long.jsonl', `${JSON.stringify({ y: 'a', p: 'a', text: hostile })}\n${JSON.stringify({ y: 'b', p: 'a', text: 'x' })}\n`)
    const csv = folder.write('long.csv', `y,p,text\na,a,"${hostile}"\nb,a,x\n`)
    for (const file of [jsonl, csv]) {
      const [text] = await expectContainedCli([file, '--targets', 'y', '--predictions', 'p'])
      expect(text.code).toBe(0)
      expect(await evaluateOutcome(file, { targets: 'y', predictions: 'p' })).toMatchObject({ metrics: { accuracy_score: 0.5 } })
    }
  })

  test('a line feed in a label or a slice value: written \\n, every table row on one line', async () => {
    const csv = folder.write('line-feed.csv', 'y,p,seg\n"two\nlines",a,"x\ny"\na,a,"x\ny"\na,"two\nlines",z\n')
    const [text, json] = await expectContainedCli([csv, '--targets', 'y', '--predictions', 'p', '--slice', 'seg'])
    expect(text.code).toBe(0)
    const lines = text.stdout.split('\n')
    // The confusion matrix: one row per label, the label written with a visible \n.
    expect(lines.filter((line) => /^two\\nlines\s+\d+\s+\d+$/.test(line))).toHaveLength(1)
    expect(lines.filter((line) => /^seg=x\\ny\s+2\s/.test(line))).toHaveLength(1)
    expect(text.stdout).toContain('labels: a, two\\nlines')
    expect(lines.some((line) => /^(lines|y)\b/.test(line))).toBe(false)
    expect((JSON.parse(json.stdout) as EvalRun).labels).toEqual(['a', 'two\nlines'])
  })
})

describe('escapeControlCharacters', () => {
  test('escapes C0 (but the line feed), DEL and C1 visibly; JSON stays JSON', () => {
    expect(escapeControlCharacters('a\x1b]0;PWNED\x07\tb\r\n\x7f\u0085\u009b')).toBe('a\\u001b]0;PWNED\\u0007\\u0009b\\u000d\n\\u007f\\u0085\\u009b')
    const json = JSON.stringify({ 'k\x7f': 'v\u009b\x1b' })
    expect(JSON.parse(escapeControlCharacters(json))).toEqual({ 'k\x7f': 'v\u009b\x1b' })
    expect(escapeControlCharacters('plain ünïcode — 日本\n')).toBe('plain ünïcode — 日本\n')
    // bidi overrides and isolates reorder what a terminal shows
    expect(escapeControlCharacters('a\u202eevil\u2066b\u2069')).toBe('a\\u202eevil\\u2066b\\u2069')
  })
})
