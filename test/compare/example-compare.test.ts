// `evalgate compare` end to end on the example: the reporter writes the results folder of the
// TF-IDF classifier and the lexicon model (one test, two runs, run.json + outputs.json each), and
// of two versions of the classifier (trained on half and on all of the training split); the CLI
// compares them; the page, opened in headless Chromium, shows every section with the runs'
// numbers and the paired verdicts. The folders stay under .tmp/example-compare/ for a look.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LexiconSentimentModel } from '../../examples/sentiment/model/lexicon-model.js'
import { trainSentimentClassifier } from '../../examples/sentiment/model/sentiment-classifier.js'
import { readLabelledTexts } from '../../examples/sentiment/training-split.js'
import { runCli } from '../../src/cli/run-cli.js'
import { loadDataset } from '../../src/data/index.js'
import { defineMetric } from '../../src/evaluate/define-metric.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { ReportedTest } from '../../src/reporter/evaluated-test.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { writeResultsFolder } from '../../src/reporter/results-folder.js'
import { encodeRunOutputs } from '../../src/reporter/run-outputs.js'
import { formatCell } from '../../src/compare/report/comparison-cells.js'
import { withheldIntervalNote } from '../../src/run/interval-notes.js'
import { hasChromium, sharedChromium } from '../browser/shared-chromium.js'
import type { EvalRun } from '../../src/run/types.js'
import { linkRunTable, runTableOf } from '../../src/run/run-table.js'

const WORK = resolve('.tmp/example-compare')
const FEEDBACK = resolve('examples/sentiment/feedback.csv')
const TECH = 'category=technical_support'

/** A custom metric: the paired comparison cannot recompute it from files (unpaired, noted). */
const negativeShare = defineMetric({ name: 'negative_share', greaterIsBetter: false, fn: (table) => ('predictedIndex' in table ? table.predictedIndex.filter((p: number) => p === 0).length / Math.max(1, table.predictedIndex.length) : Number.NaN) })

/** The reporter's results folder for one test holding `runs`, outputs encoded as the worker does. */
async function reportFolder(name: string, runs: EvalRun[]): Promise<string> {
  const test: ReportedTest = {
    file: 'examples/sentiment/sentiment.eval.test.ts',
    suitePath: ['customer feedback sentiment'],
    name,
    fullName: `customer feedback sentiment > ${name}`,
    state: 'passed',
    durationMs: 0,
    errors: [],
    meta: { version: 1, runs, gates: [], baselines: [], warnings: [], outputs: runs.map(encodeRunOutputs) },
  }
  const content = await buildReportContent([test], { html: false, summary: false, junitInFolder: false, maxMisclassifiedRows: 5, maxCurveClasses: 3 })
  return writeResultsFolder(join(WORK, name, 'eval-results'), content.files)
}

async function compare(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['node', 'evalgate', 'compare', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

describe('the example: classifier vs lexicon, and two versions of the classifier', async () => {
  rmSync(WORK, { recursive: true, force: true })
  mkdirSync(WORK, { recursive: true })
  const train = await readLabelledTexts()
  const full = trainSentimentClassifier(train)
  const half = trainSentimentClassifier(train.filter((_, i) => i % 4 === 0))
  const lexicon = new LexiconSentimentModel()
  const data = await loadDataset(FEEDBACK)
  const run = (name: string, model: { predictBatch(texts: readonly string[]): unknown[] }) =>
    evaluate({ name, model: (rows) => model.predictBatch(rows.map((r) => String(r.text))) as never, data, targets: 'true_sentiment', modelType: 'classifier', slices: ['category'], extraMetrics: [negativeShare] })
  const classifierRun = await run('tfidf-logreg', full)
  const lexiconRun = await run('afinn-lexicon', lexicon)
  const v1 = await run('tfidf-logreg v1 (quarter of the training split)', half)
  // v2 is the full classifier on the same rows: evaluate() gives the same run whatever its name
  // (same predictions, seeded intervals), so classifierRun under v2's name, with its run table.
  const v2: EvalRun = { ...classifierRun, name: 'tfidf-logreg v2' }
  linkRunTable(v2, runTableOf(classifierRun)!)
  const models = await reportFolder('models', [classifierRun, lexiconRun])
  const versions = await reportFolder('versions', [v1, v2])
  // one browser for both comparisons, a context each
  let browser: Browser | undefined
  beforeAll(async () => {
    if (hasChromium) browser = await sharedChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
  })

  test('the reporter writes outputs.json beside each run.json', () => {
    for (const folder of [models, versions]) expect(readdirSync(folder).filter((name) => existsSync(join(folder, name, 'outputs.json'))).length).toBe(2)
    const folder = readdirSync(models).find((name) => name.endsWith('tfidf-logreg'))!
    const outputs = JSON.parse(readFileSync(join(models, folder, 'outputs.json'), 'utf8'))
    expect(outputs).toMatchObject({ evalgateRunOutputs: 1, exampleCount: classifierRun.exampleCount, fingerprint: classifierRun.dataset.fingerprint, predictions: { encoding: 'uint8-base64', labels: classifierRun.labels } })
    expect(Object.keys(outputs.sliceColumns)).toEqual(['category'])
  })

  for (const [label, folder, runs] of [
    // A folder's runs are read in path order: the lexicon (afinn-lexicon) is run 1, the reference.
    ['lexicon vs classifier', 'models', [lexiconRun, classifierRun]],
    ['two versions of the classifier', 'versions', [v1, v2]],
  ] as const) {
    describe.skipIf(!hasChromium)(label, () => {
      let context: BrowserContext
      let page: Page
      beforeAll(async () => {
        const out = join(WORK, folder, 'compare')
        const result = await compare(join(WORK, folder, 'eval-results'), '--out', out)
        expect(result.stderr).toBe('')
        expect(result.code).toBe(0)
        context = await browser!.newContext({ viewport: { width: 1280, height: 1000 } })
        await context.route(/^(?!file:)/, (route) => route.abort())
        page = await context.newPage()
        await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' })
        await page.screenshot({ path: join(WORK, `${folder}.png`), fullPage: true })
      }, 120_000)
      afterAll(async () => {
        await context?.close()
      })

      test('every section renders with a visible box, plots included', async () => {
        const sections = await page.$$eval('[data-section]', (nodes) => nodes.map((node) => ({ id: node.getAttribute('data-section'), height: node.getBoundingClientRect().height })))
        expect(sections.map((s) => s.id)).toEqual(['test-note', 'glance', 'largest-changes', 'runs', 'metrics', 'per-class', 'curves', 'calibration', 'confusion'])
        for (const section of sections) expect(section.height).toBeGreaterThan(40)
        const plots = await page.$$eval('figure[data-plot] > svg', (svgs) => svgs.map((svg) => ({ plot: svg.parentElement?.getAttribute('data-plot'), width: svg.getBoundingClientRect().width, series: svg.parentElement?.getAttribute('data-series') })))
        expect(plots.filter((p) => p.plot === 'calibration').map((p) => p.series)).toEqual(['2', '2', '2'])
        for (const plot of plots) expect(plot.width).toBeGreaterThan(200)
      })

      test("the numbers are the runs': every metric, overall and per slice", async () => {
        const cells = await page.$$eval('table.metrics tbody tr', (trs) =>
          trs.map((tr) => ({ scope: tr.getAttribute('data-scope')!, metric: tr.getAttribute('data-metric')!, values: [...tr.querySelectorAll('td')].slice(1, 3).map((td) => ({ value: td.getAttribute('data-value'), text: td.textContent })) })),
        )
        expect(cells.length).toBeGreaterThan(40)
        for (const cell of cells) {
          runs.forEach((r, i) => {
            const source = cell.scope === 'overall' ? r : r.slices[cell.scope]
            const value = source.metrics[cell.metric]
            expect(cell.values[i].value === null ? undefined : Number(cell.values[i].value)).toBe(value)
            // A withheld interval reads "(no interval)" (the scope's note names the metric).
            const interval = source.intervals[cell.metric]
            const intervalWithheld = interval === undefined && withheldIntervalNote(source.notes, cell.metric) !== undefined
            expect(cell.values[i].text).toBe(formatCell({ value, interval, ...(intervalWithheld ? { intervalWithheld } : {}) }))
          })
        }
        // A withheld interval's cell ("(no interval)") is checked in compare-report.test.ts: since log
        // losses are bounded and always get one, no metric of this example withholds its interval.
      })

      test('paired: the note says so, F1 on technical support has its paired verdict, the custom metric stays unpaired', async () => {
        expect(await page.locator('#test-note').getAttribute('data-paired-runs')).toBe('2')
        expect(await page.locator('#test-note').textContent()).toMatch(/^Paired tests\. Run 2 shares the first run's rows.*no paired test for negative_share.*custom metrics are functions in the test file/)
        const tech = page.locator(`table.metrics tr[data-scope="${TECH}"][data-metric="f1_score"] td[data-test]`)
        expect(await tech.getAttribute('data-test')).toBe('paired-permutation')
        const change = runs[1].slices[TECH].metrics.f1_score - runs[0].slices[TECH].metrics.f1_score
        expect(Number(await tech.getAttribute('data-change'))).toBe(change)
        expect(await tech.getAttribute('data-verdict')).toMatch(/^(better|worse|no clear change)$/)
        expect(await page.locator(`table.metrics tr[data-scope="overall"][data-metric="negative_share"] td[data-test]`).getAttribute('data-test')).toBe('unpaired-normal')
        const glance = page.locator(`table.glance td[data-scope="${TECH}"][data-metric="f1_score"]`)
        const box = await glance.boundingBox()
        expect(box!.y + box!.height).toBeLessThan(1000)
      })
    })
  }
})
