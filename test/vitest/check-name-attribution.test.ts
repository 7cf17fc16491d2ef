/**
 * `toMatchBaseline({ name })` on runs `evaluate()` did not name (adversarial pass 52, M3): two
 * unnamed runs of one test, each checked with a name, were reported as `run 1` / `run 2`, and the
 * second check's within-noise warning was put on the first (unchanged) run, in the terminal, in
 * summary.md and in index.html; the same where the first run was named by `evaluate({ name })`.
 * Each check's warnings now belong to the run it checked, which is titled by the check's name.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from '@vitest/runner'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { evaluate, type Row } from '../../src/index.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { renderSummaryMarkdown } from '../../src/reporter/summary-markdown.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import type { EvalRun } from '../../src/run/types.js'
import { takeBaselineSession } from '../../src/vitest/baseline-files.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { setWorkerOptions } from '../../src/vitest/options.js'
import { feedbackRows, flippingModel } from '../fixtures/projects/shared/feedback-fixture.js'
import { callToMatchBaseline, fakeTest } from '../baselines/matcher-call.js'
import { ci } from '../baselines/ci-switch.js'

vi.mock('std-env', async (importOriginal) => (await import('../baselines/ci-switch.js')).stdEnvWithCiSwitch(importOriginal))

const work = mkdtempSync(join(tmpdir(), 'evalgate-check-names-'))
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  setWorkerOptions(undefined)
})

/** The fixture's model (`good`; `noise`: 2 rows fixed, 3 new mistakes, a drop within noise), unnamed unless `name` is given. */
const runOf = (model: 'good' | 'noise', name?: string): Promise<EvalRun> =>
  evaluate({
    data: feedbackRows() as unknown as Row[],
    targets: 'true_sentiment',
    modelType: 'classifier',
    model: flippingModel(model) as unknown as (rows: Row[]) => string[],
    inputColumns: ['id', 'text', 'category', 'channel'],
    ...(name !== undefined ? { name } : {}),
  })

/**
 * One test checking two runs, `first` (unchanged) and `second`, with the names `names`: written
 * locally from two unchanged runs, then run under CI with `second` re-trained (`noise`).
 */
async function twoChecks(testName: string, first: () => Promise<EvalRun>, names: [string | undefined, string]): Promise<ReportedTest> {
  const root = join(work, testName.replace(/\W/g, '-'))
  setWorkerOptions({ root, baselineDir: '__baselines__', baseline: { tolerance: 0.0005 }, confidence: 'point' })
  const file = join(root, 'named.eval.test.ts')
  const options = (name: string | undefined) => (name === undefined ? {} : { name })
  const run = async (update: 'new' | 'none', second: 'good' | 'noise'): Promise<Test> => {
    const task = fakeTest(file, testName)
    expect(callToMatchBaseline(task, await first(), update, options(names[0])).pass).toBe(true)
    expect(callToMatchBaseline(task, await runOf(second), update, options(names[1])).pass).toBe(true)
    finishBaselineFile(takeBaselineSession(file)!, [{ name: testName, completed: true }])
    return task
  }
  ci.value = false
  await run('new', 'good')
  ci.value = true
  const task = await run('none', 'noise')
  return { file: 'evals/named.eval.test.ts', suitePath: [], name: testName, fullName: testName, state: 'passed', durationMs: 1, errors: [], meta: task.meta.evalgate! }
}

describe("toMatchBaseline({ name }): a check's warnings are on the run it checked, titled by its name", () => {
  test.each([
    ['matcher names', () => runOf('good'), ['p', 'q'], 'p', 'q'],
    ['named', () => runOf('good', 'cand'), [undefined, 'other'], 'cand', 'other'],
  ] as const)('%s', async (testName, first, names, firstTitle, secondTitle) => {
    const reported = await twoChecks(testName, first, [...names])
    const warning = reported.meta!.warnings.find((w) => w.includes('within noise'))!
    expect(warning).toContain(`baseline "${testName} > ${secondTitle}"`)
    // the meta says which run: the second, by its index (its name is the entry's, no run's)
    expect(reported.meta!.runWarnings!.filter((w) => w.message === warning)).toEqual([{ message: warning, runName: secondTitle, runIndex: 1 }])

    const entries = buildReportEntries([reported])
    expect(entries.map((e) => [e.title, e.verdict, e.warnings.length])).toEqual([
      [`${testName} > ${firstTitle}`, 'pass', 0],
      [`${testName} > ${secondTitle}`, 'warn', 1],
    ])
    expect(entries.map((e) => e.folderName)).toEqual([`named.eval.test__${testName.replace(' ', '_')}__${firstTitle}`, `named.eval.test__${testName.replace(' ', '_')}__${secondTitle}`])

    const terminal = renderTerminalTable(entries)
    expect(terminal).toMatch(new RegExp(`^PASS +${testName} > ${firstTitle} `, 'm'))
    expect(terminal).toMatch(new RegExp(`^WARN +${testName} > ${secondTitle} `, 'm'))
    expect(terminal).toContain(` ${testName} > ${secondTitle}: baseline "${testName} > ${secondTitle}": `)
    expect(terminal).not.toContain(`${firstTitle}: baseline`)

    const summary = renderSummaryMarkdown(entries)
    expect(summary).toContain(`| ✅ | ${testName} &gt; ${firstTitle} |`)
    expect(summary).toContain(`| ⚠️ | ${testName} &gt; ${secondTitle} |`)
    expect(summary).toContain(`- **${testName} &gt; ${secondTitle}**: baseline "${testName} &gt; ${secondTitle}": `)
    expect(summary).not.toContain('run 1')
    expect(summary).not.toContain('run 2')

    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    const sectionOf = (anchor: string): string => {
      const start = html.indexOf(`<section class="card run" id="${anchor}"`)
      return html.slice(start, html.indexOf('</section>', start))
    }
    expect(sectionOf(entries[0]!.anchor)).not.toContain('within noise:')
    expect(sectionOf(entries[1]!.anchor)).toContain('within noise:')
    expect(sectionOf(entries[1]!.anchor)).toContain(`${testName} &gt; ${secondTitle}</h2>`)

    expect(buildJunitXml([reported], entries)).toContain(`<property name="${secondTitle}.evalgate.verdict" value="warn"/>`)
  })
})
