// `evalgate compare` on text, question-answering, summarization and retriever runs (adversarial
// pass 16h: every such run was rejected, `"modelType" is "retriever", not classifier or
// regressor; expected an EvalRun`, and one in a results folder failed the whole compare). The run
// files keep every row's scores in eval_results_table, so a mean of scores gets the paired test.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { baselineAndFineTuned } from '../compare/compare-runs-fixture.js'
import { bufferedCli } from './buffered-cli.js'

/** `evalgate ...args` in this process, run from `cwd`. */
async function evalgate(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    return await bufferedCli(...args)
  } finally {
    process.chdir(previous)
  }
}

const root = mkdtempSync(join(tmpdir(), 'evalgate-compare-text-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
// 60 queries; model "good" ranks the relevant document first on every row, "worse" on 1 row in 4
const lines = Array.from({ length: 60 }, (_, i) =>
  JSON.stringify({ query: `q${i}`, relevant: [`d${i}`], good: [`d${i}`, 'x', 'y'], worse: i % 4 === 0 ? [`d${i}`, 'x', 'y'] : ['x', 'y', 'z'], answer: `a${i}`, reply: `a${i}`, wrong: i % 3 === 0 ? `a${i}` : '' }),
)
writeFileSync(join(root, 'rows.jsonl'), `${lines.join('\n')}\n`)

async function evaluated(file: string, ...args: string[]): Promise<void> {
  const { code, stdout, stderr } = await evalgate(root, 'evaluate', 'rows.jsonl', '--json', ...args)
  expect(stderr).toBe('')
  expect(code).toBe(0)
  writeFileSync(join(root, file), stdout)
}

describe('evalgate compare of text-type runs', () => {
  test('two retriever runs from evaluate --json: compared, each mean of scores with the paired test', async () => {
    await evaluated('r1.json', '--model-type', 'retriever', '--targets', 'relevant', '--predictions', 'good')
    await evaluated('r2.json', '--model-type', 'retriever', '--targets', 'relevant', '--predictions', 'worse')
    const { code, stdout, stderr } = await evalgate(root, 'compare', 'r1.json', 'r2.json', '--markdown')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('| 2 | r2.json | r2.json | retriever | 60 |')
    // Paired tests give no z: the column is left out (it was n/a in every row).
    expect(stdout).toContain('| change | p (two-sided) | test | verdict |')
    expect(stdout).toMatch(/\| r2\.json \| overall \| precision\\_at\\_3\/mean \| 0\.3333 \(no interval\) \| 0\.0833 \[[^\]]+\] \| -0\.2500 \| 0\.0\d+ \| paired-mean \| worse \|/)
    expect(stdout).toContain('no paired test for precision\\_at\\_3/p90, recall\\_at\\_3/p90, ndcg\\_at\\_3/p90: a retriever run file keeps the per-row scores, not the outputs, so an aggregate other than a mean of scores cannot be recomputed on resampled rows; no interval is stored for the unpaired test either, so untested.')
  })

  test('question-answering runs; a run file keeping only the first rows of its scores is compared unpaired, saying why', async () => {
    await evaluated('qa1.json', '--model-type', 'question-answering', '--targets', 'answer', '--predictions', 'reply')
    await evaluated('qa2.json', '--model-type', 'question-answering', '--targets', 'answer', '--predictions', 'wrong')
    const { code, stdout } = await evalgate(root, 'compare', 'qa1.json', 'qa2.json', '--markdown')
    expect(code).toBe(0)
    expect(stdout).toMatch(/\| qa2\.json \| overall \| exact\\_match\/v1 \| 1 \[[^\]]+\] \| 0\.3333 \[[^\]]+\] \| -0\.6667 \| 0\.0\d+ \| paired-mean \| worse \|/)
    const data = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const short = await evaluate({ data, targets: 'answer', predictions: 'wrong', modelType: 'question-answering', maxArtifactRows: 10 })
    writeFileSync(join(root, 'qa-short.json'), JSON.stringify(short))
    const unpaired = await evalgate(root, 'compare', 'qa1.json', 'qa-short.json', '--markdown')
    expect(unpaired.code).toBe(0)
    expect(unpaired.stdout).toContain("qa-short.json's eval\\_results\\_table keeps 10 of its 60 rows (raise maxArtifactRows to keep every row's scores)")
    expect(unpaired.stdout).toMatch(/exact\\_match\/v1 \| 1 \[[^\]]+\] \| 0\.3333 \[[^\]]+\] \| -0\.6667 \| -9\.35 \| <0\.0001 \| unpaired-normal \| worse \|/)
  })

  // Adversarial pass 67, F3: a QA model broken into one-word answers led the "Clearest changes"
  // with both grade levels as "better". The outputs' references judge a QA or summarization run:
  // its grade levels only describe the outputs, so they have no direction, in a run file this
  // version writes and in one an earlier version wrote (which recorded MLflow's "lower is better").
  test('a QA model whose answers shrank to one word: its grade levels are untested, never called better', async () => {
    const data = Array.from({ length: 60 }, (_, i) => ({
      question: `q${i}`,
      answer: `the warranty covers accidental damage for ${i} months`,
      full: `the warranty covers accidental damage for ${i} months`,
      broken: i % 2 === 0 ? `the warranty covers accidental damage for ${i} months` : 'no',
    }))
    const good = await evaluate({ data, targets: 'answer', predictions: 'full', modelType: 'question-answering' })
    const broken = await evaluate({ data, targets: 'answer', predictions: 'broken', modelType: 'question-answering' })
    expect(broken.metrics['ari_grade_level/v1/mean']).toBeLessThan(good.metrics['ari_grade_level/v1/mean'])
    expect(broken.greaterIsBetter['ari_grade_level/v1/mean']).toBeUndefined()
    expect(broken.greaterIsBetter['exact_match/v1']).toBe(true)
    // as an earlier version wrote it: MLflow's direction recorded for the grade levels
    const older = structuredClone(broken) as EvalRun
    older.greaterIsBetter = { ...older.greaterIsBetter, 'ari_grade_level/v1/mean': false, 'flesch_kincaid_grade_level/v1/mean': false }
    writeFileSync(join(root, 'qa-good.json'), JSON.stringify(good))
    writeFileSync(join(root, 'qa-broken.json'), JSON.stringify(broken))
    writeFileSync(join(root, 'qa-older.json'), JSON.stringify(older))
    for (const file of ['qa-broken.json', 'qa-older.json']) {
      const { code, stdout } = await evalgate(root, 'compare', 'qa-good.json', file, '--markdown')
      expect(code).toBe(0)
      for (const metric of ['ari\\_grade\\_level/v1/mean', 'flesch\\_kincaid\\_grade\\_level/v1/mean']) {
        const row = stdout.split('\n').find((line) => line.startsWith(`| overall | ${metric} |`))!
        expect(row).toMatch(/\(untested: no direction\) \|$/)
        expect(stdout.split('\n').filter((line) => line.includes(metric) && /better|worse/.test(line))).toEqual([])
      }
      expect(stdout).toMatch(/\| overall \| exact\\_match\/v1 \| [^|]+ \| [^|]+ \| -0\.5000 \| [^|]+ \| paired-mean \| worse \|/)
    }
    const text = await evaluate({ data, predictions: 'broken', modelType: 'text' })
    expect(text.greaterIsBetter['ari_grade_level/v1/mean']).toBe(false)
  })

  test('a results folder holding a text run beside a classifier run: both read, the whole compare succeeds', async () => {
    const folder = join(root, 'eval-results')
    const [baseline, tuned] = baselineAndFineTuned()
    const text = await evaluate({ data: lines.map((line) => JSON.parse(line) as Record<string, unknown>), predictions: 'reply', modelType: 'text' })
    const write = (name: string, run: unknown) => {
      mkdirSync(join(folder, name), { recursive: true })
      writeFileSync(join(folder, name, 'run.json'), JSON.stringify({ test: { file: 'm.eval.test.ts', name, fullName: name, state: 'pass', errors: [] }, verdict: 'pass', run }))
    }
    write('a_baseline', baseline)
    write('b_tuned', tuned)
    write('c_text', text)
    const { code, stderr } = await evalgate(root, 'compare', 'eval-results', '--out', 'cmp')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const markdown = readFileSync(join(root, 'cmp', 'compare.md'), 'utf8')
    expect(markdown).toContain('| text |')
    expect(markdown).toContain('| 3 | c\\_text | eval-results/c\\_text/run.json | text | 60 |')
    expect(markdown).toContain('Run 3 defines the metrics differently from run 1 (model type classifier -\\> text)')
    expect(markdown).toMatch(/\| overall \| token\\_count\/v1\/mean \| — \| — \| 2 \(no interval\) \|/)
  })
})
