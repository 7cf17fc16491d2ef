import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'
import type { EvalRun } from '../../src/run/types.js'
import { baselineAndFineTuned } from '../compare/compare-runs-fixture.js'
import { regressorRun } from '../fixtures/reporter/eval-runs.js'

/** Runs `evalgate ...args` in-process from `cwd`; resolves to the exit code and what it printed. */
async function evalgate(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    const code = await runCli(['node', 'evalgate', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
    return { code, stdout, stderr }
  } finally {
    process.chdir(previous)
  }
}

/** A results folder as the reporter writes it: one folder per test, run.json wrapping the run. */
function resultsFolder(runs: EvalRun[]): string {
  const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-cli-'))
  runs.forEach((run, i) => {
    const folder = join(root, 'eval-results', `sentiment.eval.test__${i}_${run.name}`)
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'run.json'), JSON.stringify({ test: { file: 'sentiment.eval.test.ts', name: 'model', fullName: 'sentiment > model', state: 'pass', errors: [] }, verdict: 'pass', run }, null, 2))
  })
  return root
}

describe('evalgate compare', () => {
  test('a results folder: writes index.html and compare.md with the runs\' numbers, first run as reference', async () => {
    const [baseline, tuned] = baselineAndFineTuned()
    const root = resultsFolder([baseline, tuned])
    const { code, stdout, stderr } = await evalgate(root, 'compare', 'eval-results', '--out', 'cmp')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toBe(`wrote ${join(root, 'cmp', 'index.html')} and compare.md: 2 runs compared with run 1 (baseline); same data\n`)
    const html = readFileSync(join(root, 'cmp', 'index.html'), 'utf8')
    expect(html).toContain('<td class="num" data-value="0.7">0.7000 [0.6600, 0.7400]</td><td class="num" data-value="0.8">0.8000 [0.7600, 0.8400]</td>')
    expect(html).toContain(`data-value="${baseline.metrics.accuracy_score}"`)
    const markdown = readFileSync(join(root, 'cmp', 'compare.md'), 'utf8')
    expect(markdown).toContain('| 1 | baseline |')
    expect(markdown).toContain('These runs share their data')
  })

  test('bare EvalRun files (evalgate evaluate --json) in the order given; --markdown prints the Markdown; different data noted', async () => {
    const [baseline, tuned] = baselineAndFineTuned(false)
    const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-cli-'))
    writeFileSync(join(root, 'a.json'), JSON.stringify(baseline))
    writeFileSync(join(root, 'b.json'), JSON.stringify(tuned))
    const { code, stdout } = await evalgate(root, 'compare', 'b.json', 'a.json', '--markdown')
    expect(code).toBe(0)
    expect(stdout).toBe(readFileSync(join(root, 'compare-report', 'compare.md'), 'utf8'))
    expect(stdout).toContain('| 1 | fine-tuned | b.json |')
    expect(stdout).toContain('do not share their data (their dataset fingerprints differ)')
    // Against the fine-tuned run, the baseline's technical-support F1 is 0.1 lower: worse.
    expect(stdout).toMatch(/\| baseline \| slice category=technical\\_support \| f1\\_score \| 0\.8000 \[0\.7600, 0\.8400\] \| 0\.7000 \[0\.6600, 0\.7400\] \| -0\.1000 \| -3\.46 \| 0\.0005 \| unpaired-normal \| worse \|/)
  })

  test('runs whose run and test names are both the same are named by their file', async () => {
    const [baseline, tuned] = baselineAndFineTuned()
    tuned.name = 'baseline'
    const root = resultsFolder([baseline, tuned])
    const { code, stdout } = await evalgate(root, 'compare', 'eval-results', '--markdown')
    expect(code).toBe(0)
    expect(stdout).toContain('| 1 | eval-results/sentiment.eval.test\\_\\_0\\_baseline/run.json |')
  })

  test.each([
    ['not JSON', '{"version": 1,', /^evalgate: bad\.json: not valid JSON \(.+\); pass a run\.json file or a results folder\n$/],
    ['a wrong version', JSON.stringify({ ...baselineAndFineTuned()[0], version: 7 }), /^evalgate: bad\.json: "version" is 7, this evalgate reads version 1; expected an EvalRun/],
    ['no metrics', JSON.stringify({ ...baselineAndFineTuned()[0], metrics: undefined }), /^evalgate: bad\.json: "metrics" is missing or not an object; expected an EvalRun/],
    ['a text metric', JSON.stringify({ ...baselineAndFineTuned()[0], metrics: { f1_score: 'high' } }), /^evalgate: bad\.json: metric "f1_score" is "high", not a number/],
    ['a broken interval', JSON.stringify({ run: { ...baselineAndFineTuned()[0], intervals: { f1_score: { lower: 0.1 } } } }), /^evalgate: bad\.json: interval of "f1_score" needs numeric lower, upper and level/],
    ['no fingerprint', JSON.stringify({ ...baselineAndFineTuned()[0], dataset: {} }), /^evalgate: bad\.json: "dataset\.fingerprint" is missing or not a string/],
  ])('a file with %s: exit 1, one line naming the file and the problem', async (_what, text, message) => {
    const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-cli-'))
    writeFileSync(join(root, 'good.json'), JSON.stringify(baselineAndFineTuned()[0]))
    writeFileSync(join(root, 'bad.json'), text)
    const { code, stdout, stderr } = await evalgate(root, 'compare', 'good.json', 'bad.json')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  test('a missing path, an empty folder, one run only: exit 1 naming the fix; no argument: usage error 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-cli-'))
    mkdirSync(join(root, 'empty'))
    writeFileSync(join(root, 'one.json'), JSON.stringify(baselineAndFineTuned()[0]))
    expect(await evalgate(root, 'compare', 'one.json', 'nope')).toMatchObject({ code: 1, stderr: 'evalgate: nope: no such file or folder; pass run.json files or results folders (e.g. eval-results)\n' })
    expect(await evalgate(root, 'compare', 'one.json', 'empty')).toMatchObject({ code: 1, stderr: 'evalgate: empty: no run.json under this folder; run the tests with the evalgate reporter first, or pass run files\n' })
    expect(await evalgate(root, 'compare', 'one.json')).toMatchObject({ code: 1, stderr: 'evalgate: compare needs two runs or more; got 1 (one.json)\n' })
    expect((await evalgate(root, 'compare')).code).toBe(2)
  })

  test('--out naming a file, or the reporter\'s results folder: usage error 2 before anything is written; another tool\'s JSON is no run (adversarial pass 56)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-cli-'))
    const [a, b] = baselineAndFineTuned()
    writeFileSync(join(root, 'a.json'), JSON.stringify(a))
    writeFileSync(join(root, 'b.json'), JSON.stringify(b))
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }))
    const file = await evalgate(root, 'compare', 'a.json', 'b.json', '--out', 'package.json')
    expect(file.code).toBe(2)
    expect(file.stderr).toMatch(/^error: option '--out <dir>' must be a folder, but \S+package\.json is a file \(or is under one\); pass a folder for index\.html and compare\.md/)
    expect((await evalgate(root, 'compare', 'a.json', 'b.json', '--out', 'package.json/sub')).code).toBe(2)
    mkdirSync(join(root, 'eval-results'))
    writeFileSync(join(root, 'eval-results', '.evalgate-results'), '[]\n')
    writeFileSync(join(root, 'eval-results', 'index.html'), 'the report\n')
    const results = await evalgate(root, 'compare', 'a.json', 'b.json', '--out', 'eval-results')
    expect(results.code).toBe(2)
    expect(results.stderr).toContain("is the evalgate reporter's results folder, whose index.html this would replace")
    expect(readFileSync(join(root, 'eval-results', 'index.html'), 'utf8')).toBe('the report\n')
    // another tool's index.html (a site, the project root of a web app): refused; compare's own folder is rewritten (adversarial pass 58)
    mkdirSync(join(root, 'site'))
    writeFileSync(join(root, 'site', 'index.html'), 'my site\n')
    const site = await evalgate(root, 'compare', 'a.json', 'b.json', '--out', 'site')
    expect(site.code).toBe(2)
    expect(site.stderr).toContain('holds an index.html this command did not write (no compare.md of its own beside it), which it would replace')
    expect(readFileSync(join(root, 'site', 'index.html'), 'utf8')).toBe('my site\n')
    expect((await evalgate(root, 'compare', 'a.json', 'b.json', '--out', 'mine')).code).toBe(0)
    expect((await evalgate(root, 'compare', 'a.json', 'b.json', '--out', 'mine')).code).toBe(0)
    // a site's own compare.md beside its index.html is not compare's (adversarial pass 59)
    writeFileSync(join(root, 'site', 'compare.md'), '# Compare plans (pricing page)\n')
    expect((await evalgate(root, 'compare', 'a.json', 'b.json', '--out', 'site')).code).toBe(2)
    expect(readFileSync(join(root, 'site', 'compare.md'), 'utf8')).toBe('# Compare plans (pricing page)\n')
    const notARun = await evalgate(root, 'compare', 'a.json', 'package.json')
    expect(notARun.code).toBe(1)
    expect(notARun.stderr).toContain('package.json: it has neither "modelType" nor "metrics", so it is no evalgate run')
  })
})

/** Writes `runs` into `<root>/<folder>` as the reporter does, each under its own test (file, full name). */
const copy = (run: EvalRun): EvalRun => structuredClone(run)

function testsFolder(root: string, folder: string, runs: Array<{ file: string; test: string; run: EvalRun; occurrence?: number }>): void {
  runs.forEach(({ file, test, run, occurrence }, i) => {
    const dir = join(root, folder, `${file}__${i}`)
    mkdirSync(dir, { recursive: true })
    // occurrence and runIndex as the reporter records them; older reporters wrote neither.
    const position = occurrence === undefined ? {} : { runIndex: 0 }
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ test: { file, name: test, fullName: test, ...(occurrence === undefined ? {} : { occurrence }), state: 'pass', errors: [] }, ...position, verdict: 'pass', run }))
  })
}

describe('evalgate compare with two results folders (before/after)', () => {
  test('runs are matched by test across the folders: the classifier with the classifier, the regressor with the regressor; unmatched runs listed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-folders-'))
    const [baseline, tuned] = baselineAndFineTuned()
    const regBefore = regressorRun()
    const regAfter = regressorRun()
    regAfter.metrics.mean_absolute_error += 0.5
    // The regressor's test comes first in the before folder, last in the after folder: matching is by test, not by order.
    testsFolder(root, 'before', [
      { file: 'a-reg.eval.test.ts', test: 'prices', run: regBefore },
      { file: 'b-clf.eval.test.ts', test: 'sentiment', run: baseline },
    ])
    testsFolder(root, 'after', [
      { file: 'b-clf.eval.test.ts', test: 'sentiment', run: tuned },
      { file: 'c-new.eval.test.ts', test: 'new model', run: structuredClone(tuned) },
      { file: 'a-reg.eval.test.ts', test: 'prices', run: regAfter },
    ])
    const { code, stdout, stderr } = await evalgate(root, 'compare', 'before', 'after', '--out', 'cmp')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toBe(`wrote ${join(root, 'cmp', 'index.html')} and compare.md: 2 tests matched across 2 folders, each compared with its run in before; 1 run unmatched (listed in compare.md)\n`)
    const markdown = readFileSync(join(root, 'cmp', 'compare.md'), 'utf8')
    const sections = markdown.split(/^## /m)
    const reg = sections.find((section) => section.startsWith('a-reg.eval.test.ts \\> prices'))!
    const clf = sections.find((section) => section.startsWith('b-clf.eval.test.ts \\> sentiment'))!
    expect(reg).toContain('| 1 | before | before/a-reg.eval.test.ts\\_\\_0/run.json | regressor |')
    expect(reg).toContain('| 2 | after | after/a-reg.eval.test.ts\\_\\_2/run.json | regressor |')
    expect(reg).toContain(`| overall | mean\\_absolute\\_error | 17.252 [15.709, 18.795] | 17.752 [15.709, 18.795] | +0.5000 (p 0.7019, no clear change) |`)
    expect(clf).toContain('| 2 | after | after/b-clf.eval.test.ts\\_\\_0/run.json | classifier |')
    expect(clf).toMatch(/\| slice category=technical\\_support \| f1\\_score \| 0\.7000 \[0\.6600, 0\.7400\] \| 0\.8000 \[0\.7600, 0\.8400\] \| \+0\.1000 \| 3\.46 \| 0\.0005 \| unpaired-normal \| better \|/)
    expect(markdown).not.toContain('model type classifier -\\> regressor')
    expect(markdown).toContain('## Unmatched runs\n\n- after/c-new.eval.test.ts\\_\\_1/run.json: no run of the same test in the first folder\n')
    const index = readFileSync(join(root, 'cmp', 'index.html'), 'utf8')
    expect(index).toContain('<a href="1-a-reg.eval.test.ts-prices/index.html">a-reg.eval.test.ts &gt; prices</a>')
    // Styled as the comparison pages below it, under the same Content-Security-Policy (it was unstyled; adversarial pass 35).
    expect(index).toContain('<style>')
    expect(index).toContain("Content-Security-Policy")
    expect(index).toContain('<header class="top">')
    expect(readFileSync(join(root, 'cmp', '2-b-clf.eval.test.ts-sentiment-baseline', 'index.html'), 'utf8')).toContain('0.8000 [0.7600, 0.8400]')
  })

  test("same-named tests: an older evalgate's one folder for two (no position recorded) is paired with neither, each listed with the reason; recorded positions pair the right runs", async () => {
    const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-folders-'))
    // Unnamed runs, as a test.each without %s evaluates them: only the test's name tells them apart.
    const [baseline, tuned] = baselineAndFineTuned().map(({ name: _name, ...run }) => run as EvalRun)
    // The older release kept one folder for both `dup > same` tests, holding the second's run.
    testsFolder(root, 'old', [
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(tuned) },
      { file: 'b.eval.test.ts', test: 'model', run: copy(baseline) },
    ])
    testsFolder(root, 'new', [
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(baseline), occurrence: 1 },
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(tuned), occurrence: 2 },
      { file: 'b.eval.test.ts', test: 'model', run: copy(baseline), occurrence: 1 },
    ])
    const { code, stdout } = await evalgate(root, 'compare', 'old', 'new', '--markdown')
    expect(code).toBe(0)
    expect(stdout).toContain('# evalgate compare: 1 test matched across old, new')
    expect(stdout).not.toMatch(/^## a\.eval/m)
    const why = (here: number, other: string, there: number) =>
      `holds ${here} run${here === 1 ? '' : 's'} of "a.eval.test.ts \\> dup \\> same", ${other} holds ${there}: which is which is unknown (results written by an older evalgate, which did not record the test's position in its file?), so none of them is compared`
    expect(stdout).toContain(`- old/a.eval.test.ts\\_\\_0/run.json: this folder ${why(1, 'new', 2)}`)
    expect(stdout).toContain(`- new/a.eval.test.ts\\_\\_0/run.json: this folder ${why(2, 'the first folder (old)', 1)}`)
    expect(stdout).toContain(`- new/a.eval.test.ts\\_\\_1/run.json: this folder ${why(2, 'the first folder (old)', 1)}`)
    // Both folders written by this version, holding runs of different tests of that name (one
    // skipped, or one inserted before the others, which shifts their positions: adversarial pass
    // 22r got a false drop from a test inserted first): none is compared, each says why.
    testsFolder(root, 'later', [{ file: 'a.eval.test.ts', test: 'dup > same', run: copy(tuned), occurrence: 2 }])
    const recorded = await evalgate(root, 'compare', 'new', 'later', '--markdown')
    expect(recorded.code).toBe(1)
    expect(recorded.stderr).toContain(
      'later/a.eval.test.ts__0/run.json (this folder holds 1 run of "a.eval.test.ts > dup > same", the first folder (new) holds 2: which is which is unknown (the folders hold runs of different tests of this name (one added, removed or skipped), and tests of one name are told apart only by their order in the file; give them distinct names), so none of them is compared)',
    )
    testsFolder(root, 'inserted', [
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(tuned), occurrence: 1 },
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(baseline), occurrence: 2 },
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(tuned), occurrence: 3 },
    ])
    const inserted = await evalgate(root, 'compare', 'new', 'inserted', '--markdown')
    expect(inserted.stdout).not.toMatch(/^## a\.eval/m)
    expect(inserted.stdout + inserted.stderr).toContain('which is which is unknown (the folders hold runs of different tests of this name')
    // As many runs on both sides, nothing recorded: paired in order, as before.
    testsFolder(root, 'old2', [
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(baseline) },
      { file: 'a.eval.test.ts', test: 'dup > same', run: copy(tuned) },
    ])
    const inOrder = await evalgate(root, 'compare', 'old2', 'new', '--markdown')
    expect(inOrder.stdout).toContain('## a.eval.test.ts \\> dup \\> same \\#2')
    expect(inOrder.stdout).toMatch(/\| 1 \| old2 \| old2\/a\.eval\.test\.ts\\_\\_1\/run\.json \| classifier [^\n]*\n\| 2 \| new \| new\/a\.eval\.test\.ts\\_\\_1\/run\.json/)
  })

  test('the same test as another model type in the other folder: not compared metric by metric, listed with the reason; no match at all: exit 1', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-folders-'))
    const [baseline, tuned] = baselineAndFineTuned()
    testsFolder(root, 'before', [
      { file: 'clf.eval.test.ts', test: 'model', run: baseline },
      { file: 'x.eval.test.ts', test: 'switched', run: structuredClone(baseline) },
    ])
    testsFolder(root, 'after', [
      { file: 'clf.eval.test.ts', test: 'model', run: tuned },
      { file: 'x.eval.test.ts', test: 'switched', run: regressorRun() },
    ])
    const { code, stdout } = await evalgate(root, 'compare', 'before', 'after', '--markdown')
    expect(code).toBe(0)
    expect(stdout).toContain('# evalgate compare: 1 test matched across before, after')
    expect(stdout).toContain('- before/x.eval.test.ts\\_\\_1/run.json: the same test\'s runs in the other folders are of another model type (regressor): not compared metric by metric')
    expect(stdout).toContain('- after/x.eval.test.ts\\_\\_1/run.json: its test\'s run in before/x.eval.test.ts\\_\\_1/run.json is a classifier, this one a regressor: runs of different model types are not compared metric by metric')
    expect(stdout).not.toMatch(/^## x\.eval/m)
    testsFolder(root, 'other', [{ file: 'y.eval.test.ts', test: 'unrelated', run: tuned }])
    const none = await evalgate(root, 'compare', 'other', 'before')
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/^evalgate: no test has runs in two of the folders \(other, before\): runs of results folders are matched by test file, full test name and run name/)
  })
})
