/**
 * Runs that define their metrics differently (another average, posLabel, label set, model type or
 * a summarizer's stemmer) are shown side by side without a verdict: weighted F1 0.9085 against
 * macro F1 0.7341 on the same predictions was reported "worse, p<0.0001". toOutperform refuses them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { renderComparisonMarkdown } from '../../src/compare/report/comparison-markdown.js'
import { definitionDifference, isDefinedDifferently } from '../../src/compare/report/metric-definitions.js'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { runCli } from '../../src/cli/run-cli.js'
import { compareRuns as compareTwoRuns } from '../../src/compare/compare-runs.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { binaryRun, regressorRun } from '../fixtures/reporter/eval-runs.js'
import { namedRuns } from './compare-runs-fixture.js'

async function evalgate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['node', 'evalgate', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

describe('definitionDifference', () => {
  test('names what differs; average alone leaves the metrics it does not define comparable', () => {
    const [a, b] = namedRuns().map((r) => r.run)
    expect(definitionDifference(a, b)).toBeUndefined()
    b.average = 'macro'
    const difference = definitionDifference(a, b)
    expect(difference).toEqual({ changes: ['average weighted -> macro'], affects: { average: true, options: [] } })
    expect(isDefinedDifferently(difference, 'f1_score')).toBe(true)
    expect(isDefinedDifferently(difference, 'accuracy_score')).toBe(false)
    expect(definitionDifference(a, binaryRun())?.changes).toEqual([`labels ${a.labels!.join(', ')} -> ${binaryRun().labels!.join(', ')}`, `posLabel none -> ${JSON.stringify(binaryRun().posLabel)}`])
    expect(definitionDifference(a, regressorRun())).toEqual({ changes: ['model type classifier -> regressor'] })
  })
})

describe('compareRuns on runs defined differently', () => {
  test('another average: the averaged metrics are untested, accuracy still tested, the note names the difference', () => {
    const runs = namedRuns()
    runs[1].run.average = 'macro'
    runs[1].run.metrics.f1_score -= 0.17
    runs[1].run.metrics.accuracy_score -= 0.1
    const comparison = compareRuns(runs)
    const overall = (metric: string) => comparison.rows.find((row) => row.scope === 'overall' && row.metric === metric)!
    expect(overall('f1_score').changes[1]).toEqual({ change: expect.closeTo(-0.17, 12), verdict: 'untested', untestedReason: 'defined differently' })
    expect(overall('accuracy_score').changes[1]).toMatchObject({ pValue: expect.any(Number), verdict: expect.stringMatching(/^(better|worse|no clear change)$/) })
    expect(comparison.testNote).toContain('Run 2 defines the metrics differently from run 1 (average weighted -> macro), so the values are not comparable: precision_score, recall_score, f1_score and roc_auc are shown without a verdict.')
    expect(comparison.largestChanges.some((entry) => entry.row.metric === 'f1_score')).toBe(false)
    expect(renderComparisonMarkdown(comparison)).toMatch(/\| overall \| f1\\_score \|[^\n]*untested: defined differently/)
  })

  test('another label set or model type: nothing of the run is tested, and no test is claimed for it', () => {
    const runs = namedRuns()
    runs[1] = { name: 'binary', source: 'binary/run.json', run: binaryRun() }
    const labels = compareRuns(runs)
    expect(labels.testing[1]).toMatchObject({ paired: false, untested: true })
    for (const row of labels.rows) expect(row.changes[1] === undefined || row.changes[1].untestedReason === 'defined differently').toBe(true)
    expect(labels.largestChanges).toEqual([])
    expect(labels.testNote).toMatch(/^Run 2 defines the metrics differently from run 1 \(labels .* -> .*, posLabel none -> .*\), so the values are not comparable: its values are shown without a verdict\.$/)
    runs[1] = { name: 'regressor', source: 'regressor/run.json', run: regressorRun() }
    expect(compareRuns(runs).testNote).toContain('(model type classifier -> regressor)')
  })

  test('evalgate compare on evaluate --json outputs with --average weighted and macro: no verdict on F1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-definitions-'))
    const rows = ['y,pred', ...Array.from({ length: 60 }, (_, i) => `${['a', 'b', 'c'][i % 3]},${i % 7 === 0 ? 'c' : ['a', 'b', 'c'][i % 3]}`)].join('\n')
    writeFileSync(join(dir, 'mc.csv'), `${rows}\n${Array.from({ length: 40 }, () => 'a,a').join('\n')}\n`)
    for (const average of ['weighted', 'macro']) {
      const { code, stdout } = await evalgate('evaluate', join(dir, 'mc.csv'), '--targets', 'y', '--predictions', 'pred', '--average', average, '--json')
      expect(code).toBe(0)
      writeFileSync(join(dir, `${average}.json`), stdout)
    }
    const weighted = JSON.parse(readFileSync(join(dir, 'weighted.json'), 'utf8')) as EvalRun
    const macro = JSON.parse(readFileSync(join(dir, 'macro.json'), 'utf8')) as EvalRun
    expect(Math.abs(weighted.metrics.f1_score - macro.metrics.f1_score)).toBeGreaterThan(0.01)
    const { code, stdout } = await evalgate('compare', join(dir, 'weighted.json'), join(dir, 'macro.json'), '--out', join(dir, 'cmp'), '--markdown')
    expect(code).toBe(0)
    const f1 = stdout.split('\n').find((line) => line.startsWith('| overall | f1\\_score |'))!
    expect(f1).toContain('untested: defined differently')
    expect(f1).not.toMatch(/worse|better/)
    expect(stdout).toContain('(average weighted -\\> macro)')
  })
})

describe('a multiclass ROC AUC under another average', () => {
  // the same probabilities: the one-vs-rest AUCs are averaged by support (weighted) or equally (macro)
  const labels = ['a', 'b', 'c']
  const data = Array.from({ length: 90 }, (_, i) => {
    const y = i < 60 ? 'a' : labels[i % 2 === 0 ? 1 : 2]
    const noise = ((i * 37) % 11) / 11
    const pa = y === 'a' ? 0.4 + 0.3 * noise : 0.5 * noise
    const pb = y === 'b' ? 0.3 + 0.2 * noise : (1 - pa) * 0.4
    return { y, pa, pb, pc: 1 - pa - pb }
  })
  const scored = (average: 'weighted' | 'macro') => evaluate({ data, modelType: 'classifier', targets: 'y', probabilities: ['pa', 'pb', 'pc'], labels, average, intervals: false })

  test('roc_auc is defined by the averaging: toOutperform refuses it, evalgate compare gives it no verdict', async () => {
    const [weighted, macro] = [await scored('weighted'), await scored('macro')]
    expect(Math.abs(weighted.metrics.roc_auc - macro.metrics.roc_auc)).toBeGreaterThan(0.001)
    expect(isDefinedDifferently(definitionDifference(weighted, macro), 'roc_auc')).toBe(true)
    expect(() => compareTwoRuns(macro, weighted, 'roc_auc', { margin: 0, greaterIsBetter: true, seed: 0, alpha: 0.05 })).toThrow(/define roc_auc differently \(average weighted -> macro/)
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-average-auc-'))
    writeFileSync(join(dir, 'weighted.json'), JSON.stringify(weighted))
    writeFileSync(join(dir, 'macro.json'), JSON.stringify(macro))
    const { code, stdout } = await evalgate('compare', join(dir, 'weighted.json'), join(dir, 'macro.json'), '--out', join(dir, 'cmp'), '--markdown')
    expect(code).toBe(0)
    const auc = stdout.split('\n').find((line) => line.startsWith('| overall | roc\\_auc |'))!
    expect(auc).toContain('untested: defined differently')
    expect(auc).not.toMatch(/better|worse/)
    expect(stdout).toContain('precision\\_score, recall\\_score, f1\\_score and roc\\_auc are shown without a verdict')
  })
})

describe('a summarizer evaluated with and without the stemmer', () => {
  // the same summaries: with the stemmer, "running" matches "runs" and every ROUGE rises
  const rows = Array.from({ length: 40 }, (_, i) => ({ doc: `d${i}`, reference: `the runners were running ${i}`, summary: `a runner runs ${i}` }))
  const summarize = (stemmer: boolean) => evaluate({ data: rows, targets: 'reference', predictions: 'summary', modelType: 'text-summarization', stemmer, intervals: false })

  test('the runs record the option; evalgate compare of their run files gives ROUGE no verdict and names the difference', async () => {
    const [plain, stemmed] = [await summarize(false), await summarize(true)]
    expect(plain.metricOptions).toEqual({ stemmer: false })
    expect(stemmed.metrics['rouge1/v1/mean']).toBeGreaterThan(plain.metrics['rouge1/v1/mean'])
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-stemmer-'))
    writeFileSync(join(dir, 'plain.json'), JSON.stringify(plain))
    writeFileSync(join(dir, 'stemmed.json'), JSON.stringify(stemmed))
    const { code, stdout } = await evalgate('compare', join(dir, 'plain.json'), join(dir, 'stemmed.json'), '--out', join(dir, 'cmp'), '--markdown')
    expect(code).toBe(0)
    expect(stdout).toContain('(stemmer false -\\> true)')
    const rouge1 = stdout.split('\n').find((line) => line.startsWith('| overall | rouge1/v1/mean |'))!
    expect(rouge1).toContain('untested: defined differently')
    expect(rouge1).not.toMatch(/better|worse/)
    // the stemmer defines ROUGE only: the token counts and grade levels of the same summaries are
    // not defined differently (they describe the summaries, so they have no direction to test)
    const tokens = stdout.split('\n').find((line) => line.startsWith('| overall | token\\_count/v1/mean |'))!
    expect(tokens).not.toContain('defined differently')
    const grade = stdout.split('\n').find((line) => line.startsWith('| overall | flesch\\_kincaid\\_grade\\_level/v1/mean |'))!
    expect(grade).toContain('±0 (untested: no direction)')
    expect(stdout).toContain('the ROUGE metrics are shown without a verdict')
  })

  test('toOutperform refuses runs that define the metric differently, naming the difference', async () => {
    const [plain, stemmed] = [await summarize(false), await summarize(true)]
    expect(() => compareTwoRuns(stemmed, plain, 'rouge1/v1/mean', { margin: 0, greaterIsBetter: true, seed: 0, alpha: 0.05 })).toThrow(
      "toOutperform: the runs define rouge1/v1/mean differently (stemmer false -> true: the other run's -> the candidate's), so their values are not comparable; evaluate both with the same options",
    )
    // a metric the stemmer does not define is compared
    expect(compareTwoRuns(stemmed, plain, 'token_count/v1/mean', { margin: 0, greaterIsBetter: true, seed: 0, alpha: 0.05 }).gain).toBe(0)
    const data = Array.from({ length: 60 }, (_, i) => ({ y: ['a', 'b', 'c'][i % 3], pred: i % 7 === 0 ? 'c' : ['a', 'b', 'c'][i % 3] }))
    const [weighted, macro] = [await evaluate({ data, modelType: 'classifier', targets: 'y', predictions: 'pred', average: 'weighted', intervals: false }), await evaluate({ data, modelType: 'classifier', targets: 'y', predictions: 'pred', average: 'macro', intervals: false })]
    expect(() => compareTwoRuns(macro, weighted, 'f1_score', { margin: 0, greaterIsBetter: true, seed: 0, alpha: 0.05 })).toThrow(/define f1_score differently \(average weighted -> macro/)
    // another label set defines every metric differently (it was a check of its own, which also said "labels" for another model type)
    const extra = await evaluate({ data: [...data, { y: 'd', pred: 'd' }], modelType: 'classifier', targets: 'y', predictions: 'pred', intervals: false })
    const fewer = await evaluate({ data: [...data, { y: 'd', pred: 'd' }], modelType: 'classifier', targets: 'y', predictions: 'pred', labels: ['a', 'b', 'c', 'd', 'e'], intervals: false })
    expect(() => compareTwoRuns(fewer, extra, 'accuracy_score', { margin: 0, greaterIsBetter: true, seed: 0, alpha: 0.05 })).toThrow(/define accuracy_score differently \(labels a, b, c, d -> a, b, c, d, e/)
    // accuracy does not depend on the averaging: still compared
    expect(compareTwoRuns(macro, weighted, 'accuracy_score', { margin: 0, greaterIsBetter: true, seed: 0, alpha: 0.05 }).gain).toBe(0)
  })
})
