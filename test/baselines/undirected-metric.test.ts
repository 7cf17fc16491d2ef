/**
 * A metric without a better direction named in `metrics` (adversarial pass 23s): token_count had
 * `greaterIsBetter` unset and the gate read it as greater-is-better, so outputs tripled in length
 * passed as "+2.92 (better)" and truncated ones failed as "worse". It is now tested two-sided, as
 * `evalgate compare` tests changes (twice the smaller one-sided p): a significant change either
 * way beyond the allowed change fails, and the row and message say `changed`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from '@vitest/runner'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { renderBaselineTable } from '../../src/baselines/diff-table.js'
import type { BaselineUpdateState } from '../../src/baselines/types.js'
import type { EvalRun } from '../../src/run/types.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { evalgateMeta } from '../../src/vitest/task-meta.js'
import { callToMatchBaseline, fakeTest } from './matcher-call.js'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { validateBaselineFile } from '../../src/baselines/validate-baseline-file.js'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'
import { ci } from './ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('./ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-undirected-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

const words = ['the', 'order', 'will', 'arrive', 'within', 'three', 'working', 'days', 'after', 'confirmation', 'of', 'payment']
const random = createRandom(11)
const rows = Array.from({ length: 400 }, (_, id) => ({
  id,
  topic: id % 3 === 0 ? 'b' : 'a',
  text: `${Array.from({ length: 12 + Math.floor(random.uniform() * 10) }, () => words[Math.floor(random.uniform() * words.length)]).join(' ')}.`,
}))
const hit = rows.map(() => random.uniform() < 0.1)
type Variant = 'same' | 'longer' | 'shorter'
const outputs = (variant: Variant): string[] =>
  rows.map((row, i) => (!hit[i] || variant === 'same' ? row.text : variant === 'longer' ? `${row.text} ${row.text} ${row.text}` : `${row.text.split(' ').slice(0, 3).join(' ')}.`))
const run = (variant: Variant) => {
  const out = outputs(variant)
  return evaluate({ data: rows, modelType: 'text', inputColumns: ['id', 'topic'], slices: ['topic'], model: (batch) => batch.map((r) => out[r.id as number]) })
}
const metrics = ['token_count/v1/mean', 'non_empty_output_rate']

describe('a metric without a better direction, named in metrics', () => {
  test('is stored without a direction, and a file holding it is valid', async () => {
    const entry = createBaselineEntry(await run('same'), { metrics })
    expect(entry.metrics['token_count/v1/mean'].greaterIsBetter).toBeNull()
    expect(entry.metrics.non_empty_output_rate.greaterIsBetter).toBe(true)
    expect(validateBaselineFile(JSON.stringify({ evalgateBaseline: 2, entries: { 'e 1': entry } })).problems).toEqual([])
  })

  test('outputs three times as long fail as changed (was: passed as better); truncated ones fail as changed, not worse', async () => {
    const entry = createBaselineEntry(await run('same'), { metrics })
    for (const variant of ['longer', 'shorter'] as const) {
      const verdict = compareWithBaseline(entry, await run(variant), { metrics })
      expect(verdict.status).toBe('failed')
      const row = verdict.rows.find((r) => r.metric === 'token_count/v1/mean' && r.slice === undefined)!
      expect(row).toMatchObject({ verdict: 'fail', greaterIsBetter: null, test: 'paired-mean' })
      expect(verdict.notes.join('\n')).not.toContain('improved')
      const table = renderBaselineTable(verdict.rows)
      expect(table).toMatch(variant === 'longer' ? /\ntoken_count\/v1\/mean\s+\S+\s+\S+\s+\+\d+\.\d+ changed\s+0 \(tolerance\)\s+FAIL/ : /\ntoken_count\/v1\/mean\s+\S+\s+\S+\s+-\d+\.\d+ changed\s+0 \(tolerance\)\s+FAIL/)
      expect(table).not.toMatch(/token_count\S*\s+\S+\s+\S+\s+\S+ (better|worse)/)
    }
    expect(compareWithBaseline(entry, await run('same'), { metrics }).status).toBe('passed')
  })

  test('the p-value is two-sided: twice the smaller one-sided p, as evalgate compare reports it', async () => {
    const entry = createBaselineEntry(await run('same'), { metrics })
    const current = await run('longer')
    const twoSided = compareWithBaseline(entry, current, { metrics, correction: 'none' }).rows.find((r) => r.metric === 'token_count/v1/mean' && r.slice === undefined)!
    const rose = compareWithBaseline(entry, current, { metrics, correction: 'none', perMetric: { 'token_count/v1/mean': { greaterIsBetter: false } } }).rows.find((r) => r.metric === 'token_count/v1/mean' && r.slice === undefined)!
    expect(rose.verdict).toBe('fail')
    expect(twoSided.pValue).toBeCloseTo(Math.min(1, 2 * rose.pValue!), 12)
  })

  test('tolerance applies both ways; a change within noise warns as changed', async () => {
    const entry = createBaselineEntry(await run('same'), { metrics })
    for (const variant of ['longer', 'shorter'] as const) {
      const verdict = compareWithBaseline(entry, await run(variant), { metrics, tolerance: 5 })
      expect(verdict.status).toBe('passed')
      expect(verdict.rows.find((r) => r.metric === 'token_count/v1/mean' && r.slice === undefined)).toMatchObject({ verdict: 'pass', allowed: '±5 (tolerance)' })
    }
    const loose = compareWithBaseline(entry, await run('longer'), { metrics, minAbsoluteChange: -1, significance: 1e-12, correction: 'none' })
    expect(loose.rows.find((r) => r.metric === 'token_count/v1/mean' && r.slice === undefined)).toMatchObject({ verdict: 'noise', allowed: '±1 (minAbsoluteChange)' })
    expect(loose.warnings.join('\n')).toMatch(/^token_count\/v1\/mean changed from \d+\.\d+ to \d+\.\d+ \(\+\d+\.\d+; no better direction, tested both ways\), beyond the allowed change but within noise/m)
  })

  test('an entry an earlier version wrote (greaterIsBetter: true for token_count) is tested both ways too', async () => {
    const entry = createBaselineEntry(await run('same'), { metrics })
    entry.metrics['token_count/v1/mean'].greaterIsBetter = true
    const verdict = compareWithBaseline(entry, await run('longer'), { metrics })
    expect(verdict.rows.find((r) => r.metric === 'token_count/v1/mean' && r.slice === undefined)).toMatchObject({ verdict: 'fail', greaterIsBetter: null })
  })

  test('a threshold on it is refused with the fix; without metrics naming it, it stays ungated', async () => {
    const entry = createBaselineEntry(await run('same'), { metrics })
    const current = await run('longer')
    expect(() => compareWithBaseline(entry, current, { metrics, perMetric: { 'token_count/v1/mean': { threshold: 20 } } })).toThrow(
      /threshold applies to token_count\/v1\/mean, which has no better direction .*greaterIsBetter: false.*toHaveMetric\("token_count\/v1\/mean", \{ min, max \}\)/,
    )
    const defaults = createBaselineEntry(await run('same'))
    expect(Object.keys(defaults.metrics)).not.toContain('token_count/v1/mean')
    expect(compareWithBaseline(defaults, current).rows.some((r) => r.metric === 'token_count/v1/mean')).toBe(false)
  })
})

describe('what the user reads', () => {
  const call = (task: Test, current: EvalRun, update: BaselineUpdateState) => callToMatchBaseline(task, current, update, { metrics })

  test('the failure says the metric changed (not regressed), and the terminal table says (changed), not (better)', async () => {
    const root = join(work, 'p')
    setWorkerOptions({ root, baselineDir: '__baselines__', baseline: {}, confidence: 'point', runOutputs: true })
    const file = join(root, 'tok.test.ts')
    ci.value = false
    expect(call(fakeTest(file, 'tok'), await run('same'), 'new').pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: 'tok', completed: true }])
    // Layout 3: the release before this one reads 2, and would take the null for a corrupt entry
    // (its -u "repair" stored it as greater-is-better); it refuses a file of layout 3 instead.
    expect(JSON.parse(readFileSync(join(root, '__baselines__', 'tok.test.ts.json'), 'utf8')).evalgateBaseline).toBe(3)
    ci.value = true
    const task = fakeTest(file, 'tok')
    const current = await run('longer')
    const { pass, message } = call(task, current, 'none')
    takeBaselineSession(file)
    expect(pass).toBe(false)
    expect(message.split('\n\n')[1]).toMatch(/^1 metric \(3 rows: overall and in 2 slices\) without a better direction changed beyond what is allowed against the baseline entry "tok 1"/)
    expect(message).not.toContain('regressed')
    const meta = evalgateMeta(task)
    const [entry] = buildReportEntries([{ file: 'tok.test.ts', suitePath: [], name: 'tok', fullName: 'tok', state: 'failed', durationMs: 1, errors: [], meta: { ...meta, runs: [current] } }])
    const terminal = renderTerminalTable([entry])
    expect(terminal).toMatch(/token_count\/v1\/mean \+\d+\.\d+ \(changed\)/)
    expect(terminal).not.toMatch(/token_count\/v1\/mean \S+ \(better\)/)
  })
})
