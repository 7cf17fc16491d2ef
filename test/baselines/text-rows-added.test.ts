// Rows added to (or removed from) the data of a text-type run that tracks a custom metric: the
// rows the baseline also holds are matched by their keys and the custom metric recomputed on them
// from the stored outputs. The baseline's side had the rows it does not hold filled with '', and a
// retriever's custom metric read every cell of the column as JSON, so every run crashed, `-u`
// included: `custom metric "mrr" threw: Unexpected end of JSON input` (adversarial pass 43, F2).
// A row the baseline does not hold is never handed to a metric.
import { describe, expect, test } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { BaselineFileSession } from '../../src/baselines/session.js'
import { validateBaselineFile } from '../../src/baselines/validate-baseline-file.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { BASELINE_FILE_VERSION, type BaselineEntry } from '../../src/baselines/types.js'
import { defineMetric, evaluate } from '../../src/index.js'
import type { EvalRun } from '../../src/run/types.js'

const TYPES = ['retriever', 'question-answering', 'text-summarization', 'text'] as const
type TextType = (typeof TYPES)[number]

interface Row extends Record<string, unknown> {
  id: number
  query: string
  gold: string
  relevant: string[]
}

const rows = (count: number): Row[] => Array.from({ length: count }, (_, id) => ({ id, query: `query ${id} ${['north', 'south', 'east'][id % 3]}`, gold: `${id % 7} kg`, relevant: [`d${id % 5}`] }))
/** Each row's output: a ranked id list (the relevant one at rank 1-4) or a text with a unit in two rows of three. */
const listOf = (id: number): string[] => { const list = [`n${id}a`, `n${id}b`, `n${id}c`]; list.splice(id % 4, 0, `d${id % 5}`); return list }
const textOf = (id: number): string => (id % 3 === 0 ? `about ${id % 7}` : `${id % 7} kg`)

/** Reads every output as its type hands it to a custom metric: a retriever's as a list (throws on anything else), a text's as a non-empty string. */
const firstHit = defineMetric({
  name: 'first_hit',
  greaterIsBetter: true,
  fn: (table) => {
    let sum = 0
    for (let i = 0; i < table.rowCount; i++) {
      const output = table.predictions[i] as unknown
      if (table.modelType === 'retriever') {
        if (!Array.isArray(output)) throw new Error(`row ${i}: not a list: ${JSON.stringify(output)}`)
        const found = output.findIndex((d) => (table.targets?.[i] as unknown as string[]).includes(d as string))
        sum += found < 0 ? 0 : 1 / (found + 1)
      } else {
        if (typeof output !== 'string' || output === '') throw new Error(`row ${i}: no output: ${JSON.stringify(output)}`)
        sum += /\bkg\b/.test(output) ? 1 : 0
      }
    }
    return sum / table.rowCount
  },
})

const run = (type: TextType, data: Row[]): Promise<EvalRun> =>
  evaluate({
    data,
    modelType: type,
    ...(type === 'text' ? {} : { targets: type === 'retriever' ? 'relevant' : 'gold' }),
    model: (batch: Row[]) => batch.map((row) => (type === 'retriever' ? listOf(row.id) : textOf(row.id))),
    inputColumns: ['query'],
    extraMetrics: [firstHit],
    intervals: false,
  })

/** The entry as it comes back from the baseline file (JSON), checked as the store checks it. */
const stored = (entry: BaselineEntry): BaselineEntry => {
  const checked = validateBaselineFile(JSON.stringify({ evalgateBaseline: BASELINE_FILE_VERSION, entries: { e: entry } }))
  expect(checked.problems).toEqual([])
  return checked.file.entries.e!
}

describe.each(TYPES)('a %s run with a custom metric, rows added or removed', (type) => {
  const all = rows(240)
  describe.each([undefined, ['query']])('row keys %j', (rowKeyColumns) => {
    test('rows appended: the custom metric is compared on the rows the baseline holds, in every mode', async () => {
      const base = await run(type, all.slice(0, 200))
      const entry = stored(createBaselineEntry(base, rowKeyColumns ? { rowKeyColumns } : {}))
      expect(entry.outputTexts).toHaveLength(200)
      const current = await run(type, all)
      for (const options of [{}, { allowDataChange: true }, ...(rowKeyColumns ? [{ allowDataChange: true, rowKeyColumns }] : [])]) {
        const verdict = compareWithBaseline(entry, current, options)
        const row = verdict.rows.find((r) => r.metric === 'first_hit' && r.slice === undefined)!
        // the same model on the same 200 rows: the baseline's value and the run's on them are the base run's
        expect(row.baseline).toBeCloseTo(base.metrics.first_hit!, 12)
        expect(row.current).toBeCloseTo(base.metrics.first_hit!, 12)
      }
    })

    test('rows removed: the custom metric is compared on the rows both hold', async () => {
      const base = await run(type, all)
      const entry = stored(createBaselineEntry(base, rowKeyColumns ? { rowKeyColumns } : {}))
      const fewer = await run(type, all.slice(40))
      const verdict = compareWithBaseline(entry, fewer, { allowDataChange: true })
      const row = verdict.rows.find((r) => r.metric === 'first_hit' && r.slice === undefined)!
      expect(row.baseline).toBeCloseTo(fewer.metrics.first_hit!, 12)
      expect(row.current).toBeCloseTo(fewer.metrics.first_hit!, 12)
      expect(verdict.status).toBe('passed')
    })
  })
})

describe('`vitest -u` never fails on the old entry', () => {
  // The metric now refuses an output format the stored entry still holds ('legacy' answers): the
  // comparison throws on the baseline's side only, and -u must still accept the current run.
  let strict = false
  const refusesLegacy = defineMetric({
    name: 'refuses_legacy',
    greaterIsBetter: true,
    fn: (table) => {
      for (let i = 0; i < table.rowCount; i++) if (strict && table.predictions[i] === 'legacy') throw new Error(`row ${i}: legacy output`)
      return 1
    },
  })
  const answer = (legacy: boolean) => (data: Row[]) =>
    evaluate({ data, targets: 'gold', modelType: 'question-answering', inputColumns: ['query'], model: (batch: Row[]) => batch.map((row) => (legacy && row.id < 5 ? 'legacy' : textOf(row.id))), extraMetrics: [refusesLegacy], intervals: false })

  test('a custom metric that throws on the stored outputs: a plain run throws, -u rewrites the entry with a note', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'evalgate-text-rows-')), '__baselines__/t.test.ts.json')
    const seed = new BaselineFileSession(path, 't.json', { state: 'new', requested: 'new', ci: false, optedIn: false })
    expect(seed.check('qa', await answer(true)(rows(50)), {}).status).toBe('written')
    seed.finish([{ name: 'qa', completed: true }])
    strict = true
    const now = await answer(false)(rows(60))
    const plain = new BaselineFileSession(path, 't.json', { state: 'new', requested: 'new', ci: false, optedIn: false })
    expect(() => plain.check('qa', now, { allowDataChange: true })).toThrow(/custom metric "refuses_legacy" threw: row 0: legacy output/)
    const update = new BaselineFileSession(path, 't.json', { state: 'all', requested: 'all', ci: false, optedIn: false })
    const check = update.check('qa', now, {})
    expect(check.status).toBe('updated')
    expect(check.notes.join('\n')).toMatch(/^the run was not compared with the stored entry: recomputing a custom metric on the baseline's stored outputs failed \(custom metric "refuses_legacy" threw: row 0: legacy output/m)
    expect(update.finish([{ name: 'qa', completed: true }]).written).toBe(true)
  })
})
