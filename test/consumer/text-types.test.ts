// Issue 10's "Done when", from the npm tarball: a project using the shared packed install
// (test/consumer/packed-install.ts) evaluates the retriever, question-answering,
// text-summarization and text types (test/consumer/text-scenarios/text-types.fixture.ts), gates
// each on a baseline written by a local run, passes unchanged under CI=true, and fails under
// CI=true when the retriever returns its second-best document first, the failure naming the metric.
// The two CI runs both start from the local run's baselines and write nothing, so they overlap.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { consumerWorkspace } from './consumer-projects.js'
import { projectUsing, REPO_ROOT, runAsync } from './packed-install.js'

const workspace = consumerWorkspace('text-types')

type JsonResult = { testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[] }

describe.sequential('the text model types gated on baselines in a project made from the npm tarball', () => {
  let project: string
  let baselineFile: string
  /** `vitest run` in the project with the JSON reporter: the status, the output and each test's state and messages. */
  const vitest = async (name: string, ci: boolean, env: Record<string, string> = {}, root = project) => {
    const out = join(root, `${name}.json`)
    const result = await runAsync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json', `--outputFile=${out}`], root, ci, env)
    const tests = (JSON.parse(readFileSync(out, 'utf8')) as JsonResult).testResults.flatMap((file) => file.assertionResults)
    const messages = tests.flatMap((t) => t.failureMessages).join('\n')
    return { ...result, tests, messages, states: Object.fromEntries(tests.map((t) => [t.title, t.status])) }
  }

  /**
   * The two CI runs both start from the local run's baselines: the first of the two tests starts
   * both, the drop in a copy of the project as the local run left it, so they overlap.
   */
  let ciRuns: { ci: ReturnType<typeof vitest>; drop: ReturnType<typeof vitest>; dropBaselineFile: string; before: string } | undefined
  const startCiRuns = () => {
    if (ciRuns) return ciRuns
    const copy = `${project}-drop`
    cpSync(project, copy, { recursive: true })
    const before = readFileSync(baselineFile, 'utf8')
    ciRuns = { before, ci: vitest('ci', true), drop: vitest('drop', true, { EVALGATE_DROP: 'retriever' }, copy), dropBaselineFile: join(copy, '__baselines__/text.test.ts.json') }
    return ciRuns
  }

  beforeAll(() => {
    project = projectUsing(workspace.install, workspace.work, 'text-types')
    cpSync(join(REPO_ROOT, 'test/consumer/text-scenarios/text-types.fixture.ts'), join(project, 'text.test.ts'))
    // Without the evalgate reporter: the checks read Vitest's JSON reporter and the baseline
    // files, never the results folder; the reporter's text-type sections are
    // test/reporter/text-type-sections.test.ts, and it runs in the other consumer projects.
    writeFileSync(
      join(project, 'vitest.config.ts'),
      "import { defineConfig } from 'vitest/config'\nimport { evalgate } from 'evalgate/vitest'\n\nexport default defineConfig({ plugins: [evalgate({ reporter: false })], test: { include: ['text.test.ts'], testTimeout: 120_000 } })\n",
    )
    baselineFile = join(project, '__baselines__/text.test.ts.json')
  })

  test('a local run evaluates each type and writes one baseline entry per type', async () => {
    const local = await vitest('local', false)
    expect(local.status, `${local.output}\n${local.messages}`).toBe(0)
    expect(local.states).toEqual({ retriever: 'passed', 'question-answering': 'passed', 'text-summarization': 'passed', text: 'passed' })
    const entries = JSON.parse(readFileSync(baselineFile, 'utf8')).entries as Record<string, { exampleCount: number; metrics: Record<string, { value: number }> }>
    expect(Object.keys(entries).sort()).toEqual(['question-answering 1', 'retriever 1', 'text 1', 'text-summarization 1'])
    expect(entries['retriever 1'].exampleCount).toBe(200)
    expect(entries['question-answering 1'].exampleCount).toBe(120)
    // the relevant document first for most queries: ndcg well above the drop's 1 / log2(3) = 0.63
    expect(entries['retriever 1'].metrics['ndcg_at_3/mean'].value).toBeGreaterThan(0.85)
  }, 300_000)

  test('under CI=true, unchanged models pass against the baselines and nothing is written', async () => {
    const { before, ci: started } = startCiRuns()
    const ci = await started
    expect(ci.status, `${ci.output}\n${ci.messages}`).toBe(0)
    expect(Object.values(ci.states)).toEqual(['passed', 'passed', 'passed', 'passed'])
    expect(readFileSync(baselineFile, 'utf8')).toBe(before)
  }, 300_000)

  test('under CI=true, a retriever returning its second-best document first fails, naming the metric; the other types pass', async () => {
    const { before, drop: started, dropBaselineFile } = startCiRuns()
    const drop = await started
    expect(drop.status, drop.output).toBe(1)
    expect(drop.states).toEqual({ retriever: 'failed', 'question-answering': 'passed', 'text-summarization': 'passed', text: 'passed' })
    expect(drop.messages).toContain('regressed beyond what is allowed against the baseline entry "retriever 1"')
    expect(drop.messages).toMatch(/\nndcg_at_3\/mean\s.*FAIL/)
    expect(readFileSync(dropBaselineFile, 'utf8')).toBe(before)
  }, 300_000)
})
