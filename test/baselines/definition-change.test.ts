/**
 * An entry whose metrics are defined differently from the run's (another positive label, another
 * averaging, another model type) is not compared as if it were the same: before, `posLabel: 'no'`
 * compared the F1 of class "no" with the stored F1 of class "yes" and a real drop passed, and a
 * classifier's entry met by a regressor's run was reported as a corrupt baseline file.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'

const rows = Array.from({ length: 400 }, (_, i) => ({ id: i, truth: i % 3 === 0 ? 'yes' : 'no', score: Math.min(1, ((i * 37) % 100) / 100 + (i % 3 === 0 ? 0.2 : 0)) }))
const at = (threshold: number, posLabel?: string) =>
  evaluate({ data: rows, targets: 'truth', scores: 'score', threshold, modelType: 'classifier', labels: ['no', 'yes'], ...(posLabel ? { posLabel } : {}), inputColumns: ['id'], intervals: false })

describe('a baseline entry defined differently from the run', () => {
  test('another posLabel is not compared as the same metric: it fails as a changed definition (status definition-changed), naming the change', async () => {
    const entry = createBaselineEntry(await at(0.5))
    expect(entry.posLabel).toBe('yes')
    const verdict = compareWithBaseline(entry, await at(0.7, 'no'))
    expect(verdict.status).toBe('definition-changed')
    expect(verdict.notes[0]).toBe('the metrics are defined differently from the baseline\'s (posLabel "yes" -> "no"), so the stored values are not comparable; run `vitest -u` locally, with the model the baseline was written from, to record the baseline under the new definition (with a changed model, -u would store its numbers as the bar); or, to keep the baseline\'s positive label, pass posLabel: "yes" to evaluate() (without posLabel it is the last of the sorted labels)')
    // The matcher's headline says "defined differently", not "the evaluation data changed" (adversarial pass 17j).
    expect(verdict.definitionChanged).toBe(true)
    expect(compareWithBaseline(entry, await at(0.5)).status).toBe('passed')
  })

  test('another averaging, and an older entry that stored neither, the latter compared as before', async () => {
    const three = Array.from({ length: 300 }, (_, i) => ({ id: i, y: ['a', 'b', 'c'][i % 3], p: ['a', 'b', 'c'][(i * 7) % 5 % 3] }))
    const run = (average: 'weighted' | 'macro') => evaluate({ data: three, targets: 'y', predictions: 'p', modelType: 'classifier', average, inputColumns: ['id'], intervals: false })
    const entry = createBaselineEntry(await run('weighted'))
    expect(compareWithBaseline(entry, await run('macro')).notes[0]).toContain('(average weighted -> macro)')
    const { average: _dropped, ...older } = entry
    expect(compareWithBaseline(older, await run('macro')).dataChanged).toBe(false)
    const otherData = await evaluate({ data: three.slice(1), targets: 'y', predictions: 'p', modelType: 'classifier', average: 'weighted', inputColumns: ['id'], intervals: false })
    expect(compareWithBaseline(entry, otherData)).toMatchObject({ status: 'data-changed', dataChanged: true })
    expect(compareWithBaseline(entry, otherData).definitionChanged).toBeUndefined()
  })

  test('the rows of metrics the change defines are shown, not compared: no "improved", no regression, no note of other data (adversarial pass 60)', async () => {
    const entry = createBaselineEntry(await at(0.5))
    const swapped = compareWithBaseline(entry, await at(0.5, 'no'))
    const overall = swapped.rows.filter((row) => row.slice === undefined && row.baseline !== row.current)
    expect(overall.length).toBeGreaterThan(0)
    for (const row of overall) expect(row).toMatchObject({ verdict: 'untested', allowed: 'defined differently' })
    expect(swapped.rows.every((row) => row.pValue === undefined)).toBe(true)
    expect(swapped.notes.join('\n')).not.toMatch(/improved|other data/)
    // another averaging defines precision, recall and F1 (and a multiclass ROC AUC); accuracy is compared, paired or not
    const three = Array.from({ length: 300 }, (_, i) => ({ id: i, y: ['a', 'b', 'c'][i % 3], p: ['a', 'b', 'c'][(i * 7) % 5 % 3] }))
    const run = (average: 'weighted' | 'micro') => evaluate({ data: three, targets: 'y', predictions: 'p', modelType: 'classifier', average, inputColumns: ['id'], intervals: false })
    const averaged = compareWithBaseline(createBaselineEntry(await run('weighted')), await run('micro'))
    const verdictOf = (metric: string) => averaged.rows.find((row) => row.metric === metric && row.slice === undefined)?.verdict
    expect(verdictOf('precision_score')).toBe('untested')
    expect(verdictOf('f1_score')).toBe('untested')
    expect(verdictOf('accuracy_score')).toBe('pass')
    expect(averaged.status).toBe('definition-changed')
    const { renderBaselineTable } = await import('../../src/baselines/diff-table.js')
    const precision = renderBaselineTable(averaged.rows).split('\n').find((line) => line.startsWith('precision_score'))!
    expect(precision).toContain('not compared (defined differently)')
    expect(precision).not.toMatch(/better|worse|FAIL/)
  })

  test('another model type: a clear note and no decoding of the other type\'s stored outputs (was: "not a valid evalgate baseline")', async () => {
    const entry = createBaselineEntry(await evaluate({ data: rows, targets: 'truth', scores: 'score', modelType: 'classifier', labels: ['no', 'yes'], inputColumns: ['id'], intervals: false }))
    const numeric = rows.map((r) => ({ id: r.id, truth: r.truth === 'yes' ? 1 : 0, score: r.score }))
    const regressor = await evaluate({ data: numeric, targets: 'truth', predictions: 'score', modelType: 'regressor', inputColumns: ['id'], intervals: false })
    const verdict = compareWithBaseline(entry, regressor)
    expect(verdict.status).toBe('definition-changed')
    expect(verdict.notes[0]).toContain('(model type classifier -> regressor)')
    expect(compareWithBaseline(entry, regressor, { allowDataChange: true }).notes[0]).toContain('run `vitest -u` locally')
  })
})

describe('options that define a metric without naming it', () => {
  // Adversarial pass 16h: the entry did not record the ROUGE settings, so a worse summarizer run
  // with `stemmer: true` passed against a baseline written without it (rouge1/v1/mean +0.4035, "better").
  const words = ['running', 'runs', 'walked', 'walking', 'cats', 'cat', 'houses', 'house', 'jumped', 'jumps']
  const docs = Array.from({ length: 80 }, (_, i) => ({ id: i, document: `doc ${i}`, reference: `${words[i % 10]} ${words[(i + 3) % 10]} ${words[(i + 5) % 10]} quickly` }))
  // the worse model: inflected forms the stemmer matches and exact matching does not
  const stems: Record<string, string> = { running: 'runs', runs: 'running', walked: 'walking', walking: 'walked', cats: 'cat', cat: 'cats', houses: 'house', house: 'houses', jumped: 'jumps', jumps: 'jumped' }
  const summarize = (worse: boolean) => (batch: Array<Record<string, unknown>>) =>
    batch.map((row) => {
      const [a, b] = String(docs[row.id as number].reference).split(' ')
      return worse ? `${stems[a]} ${stems[b]}` : `${a} ${b} slowly`
    })
  const summaries = (worse: boolean, stemmer: boolean) =>
    evaluate({ data: docs, targets: 'reference', modelType: 'text-summarization', model: summarize(worse), stemmer, inputColumns: ['id', 'document'], intervals: false })

  test('a run with stemmer: true against an entry written without it fails as defined differently, naming the option', async () => {
    const entry = createBaselineEntry(await summaries(false, false))
    expect(entry.metricOptions).toEqual({ stemmer: false })
    const worse = await summaries(true, true)
    expect(worse.metrics['rouge1/v1/mean']).toBeGreaterThan(entry.metrics['rouge1/v1/mean'].value)
    const verdict = compareWithBaseline(entry, worse)
    expect(verdict.status).toBe('definition-changed')
    expect(verdict.notes[0]).toBe("the metrics are defined differently from the baseline's (stemmer false -> true), so the stored values are not comparable; run `vitest -u` locally, with the model the baseline was written from, to record the baseline under the new definition (with a changed model, -u would store its numbers as the bar)")
    // the same options compare as before; an older entry without metricOptions is not checked
    expect(compareWithBaseline(entry, await summaries(false, false)).status).toBe('passed')
    const { metricOptions: _dropped, ...older } = entry
    expect(compareWithBaseline(older, worse).dataChanged).toBe(false)
  })

  test('types without such an option record none', async () => {
    const entry = createBaselineEntry(await at(0.5))
    expect(entry.metricOptions).toBeUndefined()
  })
})

describe('the reports of an entry defined differently', () => {
  test('terminal, index.html and summary.md say the averaged metrics were not compared, with no better or worse (adversarial pass 62)', async () => {
    const { buildReportEntries } = await import('../../src/reporter/report-entries.js')
    const { renderTerminalTable } = await import('../../src/reporter/terminal-table.js')
    const { renderSummaryMarkdown } = await import('../../src/reporter/summary-markdown.js')
    const { renderHtmlReport } = await import('../../src/reporter/html.js')
    const three = Array.from({ length: 300 }, (_, i) => ({ id: i, y: ['a', 'b', 'c'][i % 3], p: ['a', 'b', 'c'][(i * 7) % 5 % 3] }))
    const run = (average: 'weighted' | 'macro') => evaluate({ data: three, targets: 'y', predictions: 'p', modelType: 'classifier', average, inputColumns: ['id'], intervals: false })
    const current = await run('macro')
    const verdict = compareWithBaseline(createBaselineEntry(await run('weighted')), current)
    const comparison = { key: 'avg 1', file: '__baselines__/avg.test.ts.json', status: verdict.status, rows: verdict.rows, notes: verdict.notes }
    const test = { file: 'avg.test.ts', suitePath: [], name: 'avg', fullName: 'avg', state: 'failed' as const, durationMs: 1, errors: ['defined differently'], meta: { version: 1 as const, runs: [current], gates: [], baselines: [comparison], warnings: [] } }
    const entries = buildReportEntries([test])
    const line = renderTerminalTable(entries).split('\n').find((l) => l.startsWith('FAIL'))!
    expect(line).toMatch(/f1_score \S+ \(not compared\)/)
    expect(line).not.toMatch(/\((better|worse)\)/)
    expect(renderSummaryMarkdown(entries)).toContain('(not compared: defined differently)')
    const html = renderHtmlReport(entries.map((entry) => ({ entry, plots: [], files: [] })))
    expect(html).toContain('>not compared</span>')
    // the summary table's change column says so too
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('</table>', html.indexOf('id="summary"')))
    expect(summary).toContain('<span class="iv">(not compared)</span>')
  })
})
