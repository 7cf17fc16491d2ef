// End to end: slice values holding &, = and , keep their own slices and round-trip through
// evaluate(), the matchers, the baselines, the reporter's files and the CLI's output, each of
// which reads keys with the slice-key codec (src/run/slice-key.ts).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { SliceRowIndex } from '../../src/baselines/slice-rows.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import { parseBaselineFile } from '../../src/baselines/store.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { buildSliceKey, parseSliceKey, splitUnescaped, unescapeSliceKeyPart } from '../../src/run/slice-key.js'
import type { EvalRun } from '../../src/run/types.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import '../../src/vitest/matcher-types.js'

const DEPTS = ['R&D', 'Sales', 'a,b', 'x=y']
const N = 400
/** Rows the baseline model gets wrong: every 10th row, and 5 more among rows 50..99. */
const baselineWrong = (id: number): boolean => id % 10 === 0 || (id >= 50 && id < 100 && id % 10 === 5)
/** The worse model also misses 20 R&D rows (dept index 0) the baseline gets right. */
const newlyWrong = new Set(Array.from({ length: N }, (_, id) => id).filter((id) => id % 4 === 0 && !baselineWrong(id)).slice(0, 20))
const records = Array.from({ length: N }, (_, id) => {
  const truth = id % 3 === 0 ? 'yes' : 'no'
  const flip = (label: string) => (label === 'yes' ? 'no' : 'yes')
  const base = baselineWrong(id) ? flip(truth) : truth
  return {
    id,
    dept: DEPTS[id % 4],
    // 'a&b=c' on rows 0..49; the cross note=a x b=c covers rows 50..99 (b is 'c' below 100).
    note: id < 50 ? 'a&b=c' : 'a',
    b: id < 100 ? 'c' : 'd',
    truth,
    pred_base: base,
    pred_worse: newlyWrong.has(id) ? flip(truth) : base,
  }
})
const rowsWhere = (keep: (r: (typeof records)[number]) => boolean) => records.filter(keep)
const accuracyOf = (rows: typeof records, column: 'pred_base' | 'pred_worse') => rows.filter((r) => r[column] === r.truth).length / rows.length

const classify = (predictions: string): Promise<EvalRun> =>
  evaluate({
    data: records,
    targets: 'truth',
    predictions,
    modelType: 'classifier',
    slices: ['dept', 'note', ['note', 'b']],
    inputColumns: ['id', 'dept', 'note', 'b'],
    intervals: { resamples: 200 },
  })

let base: EvalRun
let worse: EvalRun
beforeAll(async () => {
  expect.extend(evalgateMatchers)
  base = await classify('pred_base')
  worse = await classify('pred_worse')
})

describe('evaluate', () => {
  test('a value a&b=c and the cross note=a x b=c are two slices with their own rows', () => {
    const single = base.slices['note=a\\&b\\=c']
    const cross = base.slices['note=a&b=c']
    expect(single).toMatchObject({ columns: ['note'], values: ['a&b=c'], exampleCount: 50 })
    expect(cross).toMatchObject({ columns: ['note', 'b'], values: ['a', 'c'], exampleCount: 50 })
    expect(base.slices['note=a']).toMatchObject({ exampleCount: 350 })
    expect(single.metrics.accuracy_score).toBe(accuracyOf(rowsWhere((r) => r.id < 50), 'pred_base'))
  })

  test('every key is the codec’s key of its columns and values, and reads back to them', () => {
    for (const [key, slice] of Object.entries(base.slices)) {
      expect(key).toBe(buildSliceKey(slice.columns, slice.values))
      expect(parseSliceKey(key)).toEqual({ columns: slice.columns, values: slice.values })
    }
    expect(Object.keys(base.slices).filter((key) => key.startsWith('dept='))).toEqual(['dept=R\\&D', 'dept=Sales', 'dept=a\\,b', 'dept=x\\=y'])
  })
})

describe('matchers', () => {
  const rnd = () => accuracyOf(rowsWhere((r) => r.dept === 'R&D'), 'pred_worse')
  test('toHaveSliceMetric reads dept=R&D typed plainly or escaped, and a bare R&D', () => {
    expect(rnd()).toBe(60 / 100)
    expect(worse).toHaveSliceMetric('dept=R&D', 'accuracy_score', { min: 0.6, max: 0.6 })
    expect(worse).toHaveSliceMetric('dept=R\\&D', 'accuracy_score', { min: 0.6, max: 0.6 })
    expect(worse).toHaveSliceMetric('R&D', 'accuracy_score', { min: 0.6, max: 0.6 })
    expect(() => expect(worse).toHaveSliceMetric('dept=R&D', 'accuracy_score', 0.7)).toThrow('accuracy_score[dept=R\\&D]')
  })

  test('the single-column value a&b=c and the cross note=a x b=c are found apart', () => {
    const crossAccuracy = accuracyOf(rowsWhere((r) => r.note === 'a' && r.b === 'c'), 'pred_base')
    const singleAccuracy = accuracyOf(rowsWhere((r) => r.note === 'a&b=c'), 'pred_base')
    expect([singleAccuracy, crossAccuracy]).toEqual([0.9, 0.8])
    expect(base).toHaveSliceMetric('note=a&b=c', 'accuracy_score', { min: crossAccuracy, max: crossAccuracy })
    expect(base).toHaveSliceMetric('note=a\\&b\\=c', 'accuracy_score', { min: singleAccuracy, max: singleAccuracy })
  })

  test('values with , and =; a miss lists the escaped keys', () => {
    expect(base).toHaveSliceMetric('dept=a,b', 'accuracy_score', { min: 0.8, max: 0.8 })
    expect(base).toHaveSliceMetric('dept=x=y', 'accuracy_score', { min: 0.97, max: 0.97 })
    expect(() => expect(base).toHaveSliceMetric('dept=nope&x', 'accuracy_score', 0.5)).toThrow('slices of dept are: dept=R\\&D, dept=Sales, dept=a\\,b, dept=x\\=y')
  })
})

describe('baselines', () => {
  test('slice rows are the rows holding the slice’s values', () => {
    const rows = new SliceRowIndex(base).rows('dept=R\\&D')!
    expect(Array.from(rows)).toEqual(records.filter((r) => r.dept === 'R&D').map((r) => r.id))
    expect(Array.from(new SliceRowIndex(base).rows('note=a&b=c')!)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i))
  })

  test('a stored baseline keeps the escaped keys, and the R&D drop is tested paired on its rows', () => {
    const text = stableStringify({ evalgateBaseline: 1, entries: { 'awkward slices': createBaselineEntry(base) } })
    const entry = parseBaselineFile(text, 'awkward.baseline.json').entries['awkward slices']
    expect(Object.keys(entry.slices)).toContain('dept=R\\&D')
    expect(Object.keys(entry.slices)).toContain('note=a\\&b\\=c')
    const verdict = compareWithBaseline(entry, worse)
    const rnd = verdict.rows.find((row) => row.metric === 'accuracy_score' && row.slice === 'dept=R\\&D')!
    expect(rnd).toMatchObject({ baseline: 0.8, current: 0.6, verdict: 'fail', test: 'mcnemar-exact' })
    const sales = verdict.rows.find((row) => row.metric === 'accuracy_score' && row.slice === 'dept=Sales')!
    expect(sales).toMatchObject({ baseline: 0.98, current: 0.98, verdict: 'pass' })
  })
})

describe("the reporter's files", () => {
  test('slices.csv holds each key and its columns and values, which read back through the codec', async () => {
    const content = await buildReportContent(
      [{ file: 'test/awkward.eval.ts', suitePath: [], name: 'awkward', fullName: 'awkward', state: 'passed', durationMs: 1, errors: [], meta: { version: 1, runs: [base], gates: [], baselines: [], warnings: [] } }],
      { html: true, summary: true, junitInFolder: false, maxMisclassifiedRows: 5, maxCurveClasses: 5 },
    )
    const csvPath = [...content.files.keys()].find((path) => path.endsWith('/slices.csv'))!
    const rows = parse(content.files.get(csvPath)!.toString(), { columns: true }) as Array<Record<string, string>>
    expect(rows.map((row) => row.slice)).toEqual(Object.keys(base.slices))
    for (const row of rows) {
      const { columns, values } = parseSliceKey(row.slice)
      expect(splitUnescaped(row.columns, '&').map(unescapeSliceKeyPart)).toEqual(columns)
      expect(splitUnescaped(row.values, '&').map(unescapeSliceKeyPart)).toEqual(values)
      expect(base.slices[row.slice].values).toEqual(values)
    }
    const runJson = JSON.parse(content.files.get(csvPath.replace('slices.csv', 'run.json'))!.toString())
    expect(Object.keys(runJson.run.slices)).toEqual(Object.keys(base.slices))
    expect(content.files.get('index.html')!.toString()).toContain('dept=R\\&amp;D')
  })
})

describe("the CLI's output", () => {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const evalgate = (...args: string[]) => {
    if (!existsSync(`${root}/dist/cli/main.js`)) throw new Error('dist/cli/main.js is missing: run npm run build first')
    return spawnSync(process.execPath, ['dist/cli/main.js', 'evaluate', 'test/run/fixtures/awkward-slices.csv', '--targets', 'target', '--predictions', 'predicted', '--min-slice-size', '1', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, EVALGATE_REPORT_RSS: '' },
    })
  }

  test('--json: the run’s slice keys read back to the CSV’s values', () => {
    const { status, stdout, stderr } = evalgate('--slice', 'dept', '--json')
    expect(stderr).toBe('')
    expect(status).toBe(0)
    const run = JSON.parse(stdout) as EvalRun
    expect(Object.keys(run.slices).map((key) => parseSliceKey(key).values[0])).toEqual(['R&D', 'Sales', 'a,b', 'x=y'])
    // rows 0, 4, 8 are R&D and row 0 is wrong; rows 3, 7, 11 (x=y) are all right
    expect(run.slices['dept=R\\&D'].metrics.accuracy_score).toBe(2 / 3)
    expect(run.slices['dept=x\\=y'].metrics.accuracy_score).toBe(1)
  })

  test('the text report prints the escaped keys; --slice takes a \\, inside a column name', () => {
    const { status, stdout } = evalgate('--slice', 'dept,target')
    expect(status).toBe(0)
    expect(stdout).toMatch(/^\s*dept=R\\&D&target=ham\s+2\s/m)
    expect(stdout).toMatch(/^\s*dept=a\\,b&target=spam\s+1\s/m)
    const missing = evalgate('--slice', 'dept\\,target')
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toContain('slice column "dept,target" not found')
  })
})
