/**
 * One eval file run by two Vitest projects (a matrix of model sizes): every report names the
 * project of each run, which the terminal table alone did before (adversarial pass 26: the HTML
 * report, JUnit and the summary showed two rows of one name, and the second run's folder was
 * `_2`).
 */
import { describe, expect, test } from 'vitest'
import { matchRunsByTest } from '../../src/compare/report/match-runs.js'
import type { NamedRun } from '../../src/compare/report/read-run-files.js'
import { buildJunitXml } from '../../src/reporter/junit.js'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

const [churn] = fixtureReportedTests().filter((t) => t.file === 'test/churn.eval.ts')
const matrix = [
  { ...churn, name: 'model', fullName: 'model', project: 'small' },
  { ...churn, name: 'model', fullName: 'model', project: 'large' },
]

describe('tests of one name in two files (adversarial pass 33: the summary and the terminal showed "x" passing beside "x" failing)', () => {
  test('each title names its file; a name in one file only is left alone', async () => {
    const twoFiles = [
      { ...churn, file: 'evals/a/m.eval.test.ts', name: 'x', fullName: 'x' },
      { ...churn, file: 'evals/b/m.eval.test.ts', name: 'x', fullName: 'x' },
      { ...churn, file: 'evals/b/m.eval.test.ts', name: 'y', fullName: 'y' },
    ]
    const entries = buildReportEntries(twoFiles)
    expect(entries.map((e) => e.title)).toEqual(['x (evals/a/m.eval.test.ts)', 'x (evals/b/m.eval.test.ts)', 'y'])
    const content = await buildReportContent(twoFiles, { html: false, summary: true, junitInFolder: false, maxMisclassifiedRows: 5, maxCurveClasses: 2 })
    const summary = [...content.files].find(([path]) => path === 'summary.md')?.[1].toString() ?? ''
    expect(summary).toContain('| x (evals/a/m.eval.test.ts) |')
    expect(summary).toContain('| x (evals/b/m.eval.test.ts) |')
    // a long name is cut before the file, which stays in view in the terminal
    const long = 'a very long test name that goes on and on describing the case'
    const longTwo = twoFiles.map((t) => ({ ...t, name: long, fullName: long }))
    const table = renderTerminalTable(buildReportEntries(longTwo.slice(0, 2)))
    expect(table).toContain('a/m.eval.test.ts)')
    expect(table).toContain('b/m.eval.test.ts)')
  })
})

describe('runs of several Vitest projects', () => {
  test('each entry is titled and foldered by its project; one project alone is not named', () => {
    const entries = buildReportEntries(matrix)
    expect(entries.map((e) => e.title)).toEqual(['[small] model', '[large] model'])
    expect(entries.map((e) => e.folderName)).toEqual(['small__churn.eval__model', 'large__churn.eval__model'])
    expect(entries.map((e) => e.occurrence)).toEqual([1, 1])
    const alone = buildReportEntries([matrix[0]])
    expect(alone.map((e) => [e.title, e.folderName, e.shownProject])).toEqual([['model', 'churn.eval__model', undefined]])
  })

  test('JUnit has a suite per project and file; the summary and the HTML report name the projects', async () => {
    const xml = buildJunitXml(matrix, buildReportEntries(matrix))
    expect(xml).toContain('<testsuite name="[small] test/churn.eval.ts"')
    expect(xml).toContain('<testsuite name="[large] test/churn.eval.ts"')
    expect(xml).toContain('classname="[large] test/churn.eval.ts" name="model"')
    const content = await buildReportContent(matrix, { html: true, summary: true, junitInFolder: false, maxMisclassifiedRows: 5, maxCurveClasses: 2 })
    const text = (name: string) => [...content.files].find(([path]) => path === name)?.[1].toString() ?? ''
    // Markdown escapes the brackets
    expect(text('summary.md')).toContain('| \\[large\\] model |')
    expect(text('summary.md')).toContain('| \\[small\\] model |')
    expect(text('index.html')).toContain('[large] model')
  })

  test('run.json records the project, and evalgate compare pairs each project\'s run with the same project\'s, whatever the order read', async () => {
    const content = await buildReportContent(matrix, { html: false, summary: false, junitInFolder: false, maxMisclassifiedRows: 5, maxCurveClasses: 2 })
    const written = [...content.files].filter(([path]) => path.endsWith('/run.json')).map(([path, text]) => [path, JSON.parse(text.toString()).test.project])
    expect(written).toEqual([
      ['small__churn.eval__model/run.json', 'small'],
      ['large__churn.eval__model/run.json', 'large'],
    ])
    const run = matrix[0].meta!.runs[0]
    const named = (input: number, project: string, accuracy: number): NamedRun => ({
      name: 'model',
      testName: 'model',
      testFile: 'test/churn.eval.ts',
      project,
      position: { occurrence: 1, runIndex: 0 },
      input,
      fromFolder: true,
      pathInFolder: `${project}__churn.eval__model/run.json`,
      source: `folder${input}/${project}__churn.eval__model/run.json`,
      run: { ...run, metrics: { ...run.metrics, accuracy_score: accuracy } },
    })
    // the second folder is read large first: paired by test name alone, small would meet large
    const { matched } = matchRunsByTest([named(0, 'small', 0.9), named(0, 'large', 0.8), named(1, 'large', 0.81), named(1, 'small', 0.91)])
    expect(matched.map((m) => [m.label, m.runs.map((r) => r.run.metrics.accuracy_score)])).toEqual([
      ['[small] test/churn.eval.ts > model', [0.9, 0.91]],
      ['[large] test/churn.eval.ts > model', [0.8, 0.81]],
    ])
  })
})
