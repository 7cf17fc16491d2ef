/**
 * The history of a baseline folder other than `__baselines__` (the plugin's `baselineDir`, as the
 * README advises for two projects: `__baselines__/<project>`), and of a shallow clone read
 * anyway. Both were read as nothing, or as a whole history, without a word: `evalgate history`
 * printed "0 baseline entries" and the report said no entry was committed (adversarial pass 60,
 * findings 3 and 9).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import { baselineLayout } from '../../src/history/baseline-log.js'
import { readBaselineHistory } from '../../src/history/read-history.js'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { fixtureReportedTests } from '../reporter/report-fixture-tests.js'
import { fakeTestModules, fakeVitest } from './fake-vitest.js'
import { baselineEntry, baselineFile, createRepository, inDirectory } from './git-repository.js'

const FILE = 'test/__baselines__/small/sentiment.eval.ts.json'
const ENTRY = 'sentiment > classifies feedback'

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await inDirectory(cwd, () => runCli(['node', 'evalgate', 'history', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }))
  return { code, stdout, stderr }
}

describe('a baseline folder of another name', () => {
  const repo = createRepository()
  repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.8, 0.7) }) }, 'first baseline', 'Ada', '2026-01-01T10:00:00+00:00')
  repo.commit({ [FILE]: baselineFile({ [ENTRY]: baselineEntry(0.83, 0.7) }) }, 'better model', 'Bob', '2026-01-03T10:00:00+00:00')

  test('the layout: its files, and the test file each belongs to', () => {
    const layout = baselineLayout('./__baselines__/small/')
    expect(layout.folder).toBe('__baselines__/small')
    expect(layout.isBaselineFile(FILE)).toBe(true)
    expect(layout.isBaselineFile('test/__baselines__/sentiment.eval.ts.json')).toBe(false)
    expect(layout.testFileOf(FILE)).toBe('test/sentiment.eval.ts')
    expect(() => baselineLayout('/abs/baselines')).toThrow(/is not a folder name beside the test files/)
    expect(() => baselineLayout('../up')).toThrow(/is not a folder name beside the test files/)
  })

  test('readBaselineHistory with its baselineDir reads it; without, nothing', async () => {
    const history = await readBaselineHistory({ cwd: repo.root, baselineDir: '__baselines__/small' })
    expect(history.entries.map((entry) => [entry.testFile, entry.points.map((point) => point.metrics.accuracy_score?.value)])).toEqual([['test/sentiment.eval.ts', [0.8, 0.83]]])
    expect(history.baselineDirs).toEqual(['__baselines__/small'])
    expect((await readBaselineHistory({ cwd: repo.root })).entries).toEqual([])
  })

  test('evalgate history --baseline-dir reads it; without, the empty page says how to name the folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'evalgate-history-dir-'))
    const named = await cli(repo.root, '--baseline-dir', '__baselines__/small', '--out', join(out, 'named'))
    expect(named).toMatchObject({ code: 0, stderr: '' })
    expect(named.stdout).toContain('1 baseline entry, 2 points from 2 commits')
    const plain = await cli(repo.root, '--out', join(out, 'plain'))
    expect(plain.code).toBe(0)
    expect(plain.stderr).toBe("evalgate: warning: no commit changed a baseline file (__baselines__/*.json) in the history of HEAD; the page is empty; if the plugin's baselineDir is another folder, pass it: --baseline-dir <folder>\n")
    expect(readFileSync(join(out, 'plain', 'index.html'), 'utf8')).toContain('evalgate history --baseline-dir &lt;folder&gt;')
    const absolute = await cli(repo.root, '--baseline-dir', '/abs', '--out', join(out, 'abs'))
    expect(absolute.code).toBe(1)
    expect(absolute.stderr).toContain('is not a folder name beside the test files')
  })

  test('two projects\' folders: evalgate history --baseline-dir twice, and the reporter of both projects, read both (adversarial pass 62)', async () => {
    const other = 'test/model-baselines/sentiment.eval.ts.json'
    repo.commit({ [other]: baselineFile({ [ENTRY]: baselineEntry(0.6, 0.5) }) }, 'large project', 'Cy', '2026-01-05T10:00:00+00:00')
    const both = await cli(repo.root, '--baseline-dir', '__baselines__/small', '--baseline-dir', 'model-baselines', '--out', mkdtempSync(join(tmpdir(), 'evalgate-history-two-')))
    expect(both).toMatchObject({ code: 0, stderr: '' })
    expect(both.stdout).toContain('2 baseline entries, 3 points from 3 commits')
    const reporter = new EvalgateReporter({ outputDir: 'eval-results-two', terminal: false, baselineDir: '__baselines__/small' })
    reporter.addBaselineDir('model-baselines')
    reporter.onInit(fakeVitest([], repo.root))
    await reporter.onTestRunEnd(fakeTestModules(fixtureReportedTests().filter((test) => test.fullName === ENTRY)))
    const history = JSON.parse(readFileSync(join(repo.root, 'eval-results-two', 'history.json'), 'utf8')) as { entries: Array<{ baselineFile: string }> }
    expect(history.entries.map((entry) => entry.baselineFile)).toEqual([FILE, other])
  })

  test("the reporter embeds the history of the plugin's baselineDir", async () => {
    const reporter = new EvalgateReporter({ outputDir: 'eval-results', terminal: false, baselineDir: '__baselines__/small' })
    reporter.onInit(fakeVitest([], repo.root))
    await reporter.onTestRunEnd(fakeTestModules(fixtureReportedTests().filter((test) => test.fullName === ENTRY)))
    const html = readFileSync(join(repo.root, 'eval-results', 'index.html'), 'utf8')
    const section = html.slice(html.indexOf('id="history"'), html.indexOf('</section>', html.indexOf('id="history"')))
    expect(section).toContain('data-metric="accuracy_score"')
    // the entry names its baseline file, so the project's folder (two projects share a test file)
    expect(section).toContain(`<code>${FILE}</code>`)
    expect(section).not.toContain('No baseline entry of these tests is committed yet')
  })
})

test('a shallow clone read with --allow-shallow says the history is cut off, on the terminal, in history.json and on the page', async () => {
  const repo = createRepository()
  const file = 'test/__baselines__/sentiment.eval.ts.json'
  for (const [i, accuracy] of [0.7, 0.75, 0.8].entries()) repo.commit({ [file]: baselineFile({ [ENTRY]: baselineEntry(accuracy, 0.7) }) }, `baseline ${i}`, 'Ada', `2026-01-0${i + 1}T10:00:00+00:00`)
  const clone = mkdtempSync(join(tmpdir(), 'evalgate-shallow-note-'))
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.root}`, clone])
  const run = await cli(clone, '--allow-shallow', '--out', join(clone, 'h'))
  expect(run.code).toBe(0)
  expect(run.stderr).toContain('evalgate: warning: Read from a shallow clone (--allow-shallow): the history is cut off')
  expect(JSON.parse(readFileSync(join(clone, 'h', 'history.json'), 'utf8'))).toMatchObject({ shallow: true })
  expect(readFileSync(join(clone, 'h', 'index.html'), 'utf8')).toContain('Read from a shallow clone (--allow-shallow): the history is cut off')
})
