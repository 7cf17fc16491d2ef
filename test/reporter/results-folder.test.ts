import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { ReportContent } from '../../src/reporter/report-files.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { resultsFolderState, writeResultsFolder } from '../../src/reporter/results-folder.js'
import { formatMetric } from '../../src/run/format-metric.js'
import { plainText } from '../../src/reporter/plain-text.js'
import { renderTerminalTable } from '../../src/reporter/terminal-table.js'
import { FORMULA_CELL, XSS_LABEL } from '../fixtures/reporter/eval-runs.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

let content: ReportContent
const SENTIMENT = 'sentiment.eval__sentiment_classifies_feedback'

beforeAll(async () => {
  content = await buildReportContent(fixtureReportedTests(), {
    html: true,
    summary: true,
    junitInFolder: true,
    maxMisclassifiedRows: 20,
    maxCurveClasses: 10,
  })
})

const text = (path: string): string => {
  const value = content.files.get(path)
  if (value === undefined) throw new Error(`no file ${path}; files: ${[...content.files.keys()].join(', ')}`)
  return value.toString()
}

describe('results folder content', () => {
  test('one folder per evaluated run, named from file and test name; plain tests get none', () => {
    const folders = new Set([...content.files.keys()].filter((p) => p.includes('/')).map((p) => p.split('/')[0]))
    expect([...folders]).toEqual([SENTIMENT, 'churn.eval__binary_churn_model', 'prices.eval__house_price_regressor', 'intents.eval__25_intents'])
    expect([...content.files.keys()].filter((p) => !p.includes('/'))).toEqual(['index.html', 'junit.xml', 'summary.md'])
  })

  test('run.json holds the EvalRun and the verdicts', () => {
    const stored = JSON.parse(text(`${SENTIMENT}/run.json`))
    const original = fixtureReportedTests()[0].meta!
    // Everything but the misclassified rows, which misclassified.csv holds (a note says so).
    const run = original.runs[0]
    const misclassified = run.artifacts.find((a) => a.name === 'misclassified')!
    expect(misclassified.content.type === 'rows' && misclassified.content.rows.length).toBeGreaterThan(0)
    const rows = misclassified.content.type === 'rows' ? misclassified.content.rows : []
    expect(stored.run).toEqual({
      ...run,
      artifacts: run.artifacts.map((a) =>
        a === misclassified ? { ...a, content: { ...a.content, rows: [] }, notes: [...(a.notes ?? []), `${rows.length} rows left out of run.json: they are in misclassified.csv`] } : a,
      ),
    })
    expect(text(`${SENTIMENT}/misclassified.csv`).trimEnd().split('\r\n')).toHaveLength(rows.length + 1)
    // Gate messages are stored as plain text (terminal colours removed).
    expect(stored.gates).toEqual(original.gates.map((g) => ({ ...g, message: plainText(g.message) })))
    expect(stored.gates[0].message).not.toContain('\u001b')
    expect(stored.baselines).toEqual(original.baselines)
    expect(stored.verdict).toBe('fail')
    expect(stored.test.fullName).toBe('sentiment > classifies feedback')
  })

  test('metrics.csv has every metric with interval and baseline change', () => {
    const lines = text(`${SENTIMENT}/metrics.csv`).trimEnd().split('\r\n')
    expect(lines[0]).toBe('metric,value,lower,upper,level,method,greater_is_better,custom,baseline,change,baseline_verdict,baseline_entry')
    const accuracy = lines.find((l) => l.startsWith('accuracy_score,'))!.split(',')
    const run = fixtureReportedTests()[0].meta!.runs[0]
    expect(Number(accuracy[1])).toBe(run.metrics.accuracy_score)
    expect(accuracy[5]).toBe('multinomial-bootstrap')
    expect(accuracy[9]).toBe('-0.05')
    expect(accuracy[10]).toBe('fail')
    expect(lines.find((l) => l.startsWith('log_loss,'))!.split(',')[6]).toBe('false')
  })

  test('per_class_metrics.csv and slices.csv hold the tables, hostile strings quoted', () => {
    const perClass = text(`${SENTIMENT}/per_class_metrics.csv`).split('\r\n')
    expect(perClass[0]).toBe('label,precision,recall,f1,support,predicted')
    expect(perClass[3].startsWith(`${XSS_LABEL},`)).toBe(true)
    const slices = text(`${SENTIMENT}/slices.csv`)
    expect(slices).toContain('"category=<b>bold</b> & ""quoted"""')
    expect(slices.split('\r\n')[0]).toMatch(/^slice,columns,values,example_count,accuracy_score,accuracy_score_lower,accuracy_score_upper,/)
  })

  test('artifacts: rows as CSV with formula cells neutralised, text, json, bytes; names stay inside', () => {
    const misclassified = text(`${SENTIMENT}/misclassified.csv`)
    expect(misclassified).toContain(`"'${FORMULA_CELL.replace(/"/g, '""')}"`)
    expect(misclassified).not.toMatch(/(^|,)"?=HYPERLINK/m)
    expect(misclassified).toContain(",'@admin please call me,")
    expect(misclassified).not.toMatch(/,@admin/)
    expect(text(`${SENTIMENT}/model_card.txt`)).toBe('Sentiment model v3\nTrained 2026-11-01')
    expect(JSON.parse(text(`${SENTIMENT}/thresholds.json`))).toEqual({ negative: 0.4, neutral: 0.35 })
    // `../../escape.png` lands inside the run folder.
    const png = content.files.get(`${SENTIMENT}/escape.png`)
    expect(Buffer.isBuffer(png) && [...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    for (const path of content.files.keys()) expect(path.split('/')).not.toContain('..')
  })

  test('plots: classifier and regressor sets, SVG with escaped labels', () => {
    const files = (folder: string) => [...content.files.keys()].filter((p) => p.startsWith(`${folder}/`) && p.endsWith('.svg')).map((p) => p.slice(folder.length + 1))
    expect(files(SENTIMENT)).toEqual(['confusion_matrix.svg', 'confusion_matrix_normalized.svg', 'roc_curve.svg', 'precision_recall_curve.svg', 'calibration_curve.svg', 'slices.svg'])
    expect(files('prices.eval__house_price_regressor')).toEqual(['predicted_vs_actual.svg', 'residuals.svg', 'slices.svg'])
    const matrix = text(`${SENTIMENT}/confusion_matrix.svg`)
    expect(matrix.startsWith('<svg')).toBe(true)
    expect(matrix).not.toContain('<img')
    expect(matrix).toContain('&lt;img src=x')
    // The 3x3 counts are printed in the cells.
    const run = fixtureReportedTests()[0].meta!.runs[0]
    expect(matrix).toContain(`>${run.confusionMatrix!.counts[0][0]}</text>`)
  })

  test('25-class confusion matrix: 625 cells, every label on both axes, counts still printed', () => {
    const svg = text('intents.eval__25_intents/confusion_matrix.svg')
    const cells = svg.match(/<g class="mark-rect role-mark"[^>]*>(.*?)<\/g>/)![1].match(/<path /g)!
    expect(cells).toHaveLength(625)
    for (let i = 0; i < 25; i++) if (i !== 7) expect(svg.split(`>intent_${String(i).padStart(2, '0')}</text>`).length - 1).toBe(2)
    // The long label is cut in the middle (its start and end kept) on both axes; the full label is its aria-label.
    expect(svg.match(/>account_recovery[^<]*…[^<]*_reset<\/text>/g)).toHaveLength(2)
    expect(svg.split('aria-label="account_recovery_and_two_factor_authentication_reset"').length - 1).toBe(2)
    // ROC for 25 classes is limited to 10 curves, with a note in the HTML.
    expect(text('index.html')).toContain('Showing 10 of 25 classes')
  })

  test('summary.md lists verdicts, metrics with intervals, changes and worst slices, escaped', () => {
    const md = text('summary.md')
    expect(md).toContain('❌ 1 run failed · ⚠️ 1 with warnings · ✅ 2 passed')
    const run = fixtureReportedTests()[0].meta!.runs[0]
    const worst = run.slices['category=technical_support']
    const f = formatMetric
    expect(md).toContain(
      `| ❌ | sentiment &gt; classifies feedback | accuracy\\_score **${f(run.metrics.accuracy_score)}** [${f(run.intervals.accuracy_score.lower)}, ${f(run.intervals.accuracy_score.upper)}]<br>`,
    )
    expect(md).toContain('accuracy\\_score 🔴 -0.0500')
    expect(md).toContain(`category=technical\\_support: f1\\_score ${f(worst.metrics.f1_score)} (n=${worst.exampleCount})`)
    expect(md).toContain('### Failed gates')
    expect(md).toContain('&lt;script&gt;alert(2)&lt;/script&gt;')
    expect(md).not.toContain('<script>')
    expect(md).toContain('### Baseline regressions')
    // the regression's test and p-value, as index.html's baseline table gives them (adversarial pass 54)
    expect(md).toMatch(/accuracy\\_score \S+ → \S+ \(-0\.0500, allowed -0\.02 \(tolerance\), p=0\.0030 mcnemar\)/)
  })

  test('terminal table: one line per evaluated run and the report path', () => {
    const table = renderTerminalTable(content.entries, 'eval-results/index.html')
    const lines = table.trimEnd().split('\n')
    expect(lines).toHaveLength(2 + 4 + 1)
    const m = fixtureReportedTests()[0].meta!.runs[0].metrics
    const f = formatMetric
    expect(lines[2]).toMatch(
      // (log_loss rose beyond its allowance within noise: shown beside the headline metrics)
      new RegExp(`^FAIL  sentiment > classifies feedback +accuracy_score=${f(m.accuracy_score)} f1_score=${f(m.f1_score)} roc_auc=${f(m.roc_auc)} log_loss=${f(m.log_loss)} +accuracy_score -0\\.0500 \\(worse\\), f1_score \\+0\\.0100 \\(better\\), log_loss \\+0\\.0040 \\(worse\\)$`),
    )
    expect(lines[4]).toMatch(/^WARN {2}house price regressor .* baseline written$/)
    expect(lines[6]).toBe(' report: eval-results/index.html')
  })
})

describe('writeResultsFolder', () => {
  test('replaces the previous folder as a whole and leaves no temp folders', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'evalgate-results-'))
    const out = join(parent, 'eval-results')
    await writeResultsFolder(out, new Map([['old/run.json', '{}'], ['index.html', 'old']]))
    await writeResultsFolder(out, new Map([['new/run.json', '{}'], ['index.html', 'new']]))
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'index.html', 'new'])
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new')
    expect(readdirSync(parent)).toEqual(['eval-results'])
  })

  test('refuses a non-empty folder it did not write, and paths that leave the folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'evalgate-results-'))
    const foreign = join(parent, 'src')
    mkdirSync(foreign)
    writeFileSync(join(foreign, 'keep.ts'), 'x')
    await expect(writeResultsFolder(foreign, new Map([['a.txt', 'a']]))).rejects.toThrow(/refusing to replace/)
    expect(readFileSync(join(foreign, 'keep.ts'), 'utf8')).toBe('x')
    const out = join(parent, 'out')
    await expect(writeResultsFolder(out, new Map([['../escaped.txt', 'x']]))).rejects.toThrow(/outside the results folder/)
    expect(existsSync(join(parent, 'escaped.txt'))).toBe(false)
    expect(readdirSync(parent).sort()).toEqual(['src'])
  })

  test('refuses the working directory', async () => {
    await expect(writeResultsFolder(process.cwd(), new Map())).rejects.toThrow(/contains the working directory/)
  })

  test('a symbolic link as outputDir is kept: the report is written where it points, empty or not yet there, relative or absolute', async () => {
    // Was: the link itself was renamed away and replaced by a plain folder; its target stayed empty.
    const parent = mkdtempSync(join(tmpdir(), 'evalgate-results-'))
    mkdirSync(join(parent, 'artifacts', 'eval'), { recursive: true })
    const link = join(parent, 'eval-results')
    symlinkSync('artifacts/eval', link)
    await writeResultsFolder(link, new Map([['a/run.json', '{}'], ['index.html', 'one']]))
    await writeResultsFolder(link, new Map([['b/run.json', '{}'], ['index.html', 'two']]))
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe('artifacts/eval')
    expect(readdirSync(join(parent, 'artifacts', 'eval')).sort()).toEqual(['.evalgate-results', 'b', 'index.html'])
    expect(readdirSync(join(parent, 'artifacts')).sort()).toEqual(['eval'])
    expect(readdirSync(parent).sort()).toEqual(['artifacts', 'eval-results'])
    const dangling = join(parent, 'to-later')
    symlinkSync(join(parent, 'later', 'eval'), dangling)
    await writeResultsFolder(dangling, new Map([['index.html', 'three']]))
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true)
    expect(readFileSync(join(parent, 'later', 'eval', 'index.html'), 'utf8')).toBe('three')
  })
})

/**
 * Other tools' output in the results folder (`--outputFile.json=eval-results/vitest.json`, a
 * coverage report): it was deleted with the folder, or, on a fresh checkout, the run failed with
 * "refusing to replace" on this and every later run.
 */
describe('writeResultsFolder after a run killed while writing the folder (adversarial pass 23t)', () => {
  // A process id no system hands out (above Linux's and macOS's pid_max): the run that left these is gone.
  const DEAD = 99_999_999
  const stamp = (pid: number, ms: number) => `${pid}-${ms.toString(36)}`

  /** The folder a previous run wrote (marker listing index.html and a run folder), plus the user's notes. */
  const previous = async (): Promise<string> => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'eval-results')
    await writeResultsFolder(out, new Map([['a__t/run.json', '{}'], ['index.html', 'previous']]))
    writeFileSync(join(out, 'my-notes.txt'), 'mine')
    return out
  }

  test('killed between the two renames: the old folder is put back, so the user\'s notes stay, and the staging copy goes', async () => {
    const out = await previous()
    const t = Date.now() - 60_000
    renameSync(out, `${out}.evalgate-old-${stamp(DEAD, t)}`)
    mkdirSync(`${out}.evalgate-tmp-${stamp(DEAD, t)}`)
    writeFileSync(`${out}.evalgate-tmp-${stamp(DEAD, t)}/index.html`, 'half')
    await writeResultsFolder(out, new Map([['b__t/run.json', '{}'], ['index.html', 'new']]), { before: resultsFolderState(out) })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'b__t', 'index.html', 'my-notes.txt'])
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('mine')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new')
    expect(readdirSync(dirname(out))).toEqual(['eval-results'])
  })

  test('the next run already wrote a fresh folder (an earlier version): the notes left in the old folder are moved in, evalgate\'s old entries dropped', async () => {
    const out = await previous()
    renameSync(out, `${out}.evalgate-old-${stamp(DEAD, Date.now() - 120_000)}`)
    await writeResultsFolder(out, new Map([['index.html', 'interim']]))
    // Another killed run's leftovers, older still: both are folded in, newest first.
    const older = `${out}.evalgate-old-${stamp(DEAD, Date.now() - 240_000)}`
    mkdirSync(older)
    writeFileSync(`${older}/older-notes.txt`, 'older')
    await writeResultsFolder(out, new Map([['b__t/run.json', '{}'], ['index.html', 'new']]), { before: resultsFolderState(out) })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'b__t', 'index.html', 'my-notes.txt', 'older-notes.txt'])
    expect(readdirSync(dirname(out))).toEqual(['eval-results'])
  })

  test("a run still writing holds the lock: the next waits for it, and meanwhile touches nothing of its own", async () => {
    const out = await previous()
    const lock = `${out}.evalgate-lock`
    const live = `${out}.evalgate-tmp-${stamp(process.ppid, Date.now())}`
    writeFileSync(lock, `${process.ppid} ${Date.now()}\n`)
    mkdirSync(live)
    writeFileSync(join(live, 'index.html'), 'being written')
    const waiting = writeResultsFolder(out, new Map([['index.html', 'new']]), { before: resultsFolderState(out) })
    await new Promise((done) => setTimeout(done, 300))
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('being written')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('previous')
    // The other run finishes: swapped in, and its lock released.
    rmSync(live, { recursive: true })
    rmSync(lock)
    await waiting
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new')
  })

  test("a user's dated backups beside the folder are no leftovers: never removed nor folded in (adversarial pass 23u)", async () => {
    const out = await previous()
    // Also names an earlier release gave its leftovers, which a user's folder can take (adversarial pass 23v: .old-1-markdown read as a time).
    for (const name of ['eval-results.old-2026-11', 'eval-results.tmp-2026-10', 'eval-results.old-1-2', 'eval-results.old-1-markdown', `eval-results.tmp-${DEAD}-${Date.now().toString(36)}`]) {
      mkdirSync(join(dirname(out), name))
      writeFileSync(join(dirname(out), name, 'october.txt'), 'kept')
    }
    await writeResultsFolder(out, new Map([['index.html', 'new']]), { before: resultsFolderState(out) })
    expect(readdirSync(dirname(out)).filter((name) => name !== 'eval-results')).toHaveLength(5)
    expect(readdirSync(out)).not.toContain('october.txt')
  })

  test('in a container every run has the same process id: a lock of this id taken before this process started is a killed run\'s (adversarial pass 23u)', async () => {
    const out = await previous()
    const before = Math.floor(Date.now() - process.uptime() * 1000 - 60_000)
    renameSync(out, `${out}.evalgate-old-${stamp(process.pid, before)}`)
    writeFileSync(`${out}.evalgate-lock`, `${process.pid} ${before}\n`)
    await writeResultsFolder(out, new Map([['index.html', 'new']]), { before: resultsFolderState(out) })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'index.html', 'my-notes.txt'])
    expect(readdirSync(dirname(out))).toEqual(['eval-results'])
  })

  test('runs writing the folder at once take turns: none fails, the user\'s notes stay, nothing is left beside it (adversarial pass 23w)', async () => {
    for (let round = 0; round < 10; round++) {
      const out = await previous()
      const write = (name: string) => writeResultsFolder(out, new Map([[`${name}__t/run.json`, '{}'], ['index.html', name]]), { before: resultsFolderState(out) })
      await Promise.all([write('a'), write('b'), write('c')])
      expect(readdirSync(out)).toContain('my-notes.txt')
      expect(readdirSync(dirname(out))).toEqual(['eval-results'])
    }
  })

  test('a lock left by a killed run (its process gone, or empty and old) is taken over', async () => {
    const out = await previous()
    writeFileSync(`${out}.evalgate-lock`, `${DEAD} ${Date.now() - 1000}\n`)
    await writeResultsFolder(out, new Map([['index.html', 'after a dead lock']]))
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('after a dead lock')
    writeFileSync(`${out}.evalgate-lock`, '')
    utimesSync(`${out}.evalgate-lock`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    await writeResultsFolder(out, new Map([['index.html', 'after an empty lock']]))
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('after an empty lock')
    expect(readdirSync(dirname(out))).toEqual(['eval-results'])
  })

  test('a lock over an hour old is stale whoever holds its process id now', async () => {
    const out = await previous()
    writeFileSync(`${out}.evalgate-lock`, `${process.ppid} ${Date.now() - 2 * 3_600_000}\n`)
    await writeResultsFolder(out, new Map([['index.html', 'new']]), { before: resultsFolderState(out) })
    expect(readdirSync(dirname(out))).toEqual(['eval-results'])
  })
})

describe('writeResultsFolder keeps what other tools write into the folder', () => {
  const JSON_OUT = new Map([['vitest.json', "Vitest's json reporter, outputFile (eval-results/vitest.json)"]])
  /** Gives a file an mtime an hour ago: written by evalgate's previous run. */
  const age = (path: string, ms = 3_600_000) => utimesSync(path, new Date(Date.now() - ms), new Date(Date.now() - ms))

  test('fresh checkout: Vitest writes vitest.json during the run; kept, on this run and the next', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'eval-results')
    const before = resultsFolderState(out, JSON_OUT)
    mkdirSync(out)
    writeFileSync(join(out, 'vitest.json'), '{"run":1}')
    await writeResultsFolder(out, new Map([['a__t/run.json', '{}'], ['index.html', 'one']]), { before, others: JSON_OUT })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'a__t', 'index.html', 'vitest.json'])
    expect(readFileSync(join(out, 'vitest.json'), 'utf8')).toBe('{"run":1}')
    expect(readFileSync(join(out, '.evalgate-results'), 'utf8').split('\n').slice(2)).toEqual(['a__t', 'index.html', ''])
    // The next run: the test was renamed; its old folder goes, Vitest's file stays.
    for (const name of ['a__t', 'index.html', '.evalgate-results']) age(join(out, name))
    const next = resultsFolderState(out, JSON_OUT, Date.now() - 1000)
    writeFileSync(join(out, 'vitest.json'), '{"run":2}')
    await writeResultsFolder(out, new Map([['a__renamed/run.json', '{}'], ['index.html', 'two']]), { before: next, others: JSON_OUT })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'a__renamed', 'index.html', 'vitest.json'])
    expect(readFileSync(join(out, 'vitest.json'), 'utf8')).toBe('{"run":2}')
    expect(readdirSync(join(out, '..'))).toEqual(['eval-results'])
  })

  /** A results folder an earlier version wrote two hours ago (its marker lists no entries), holding `files`. */
  const olderVersionFolder = (files: Record<string, string>): string => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'eval-results')
    mkdirSync(out)
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(out, path)), { recursive: true })
      writeFileSync(join(out, path), text)
    }
    writeFileSync(join(out, '.evalgate-results'), 'Written by the evalgate reporter; replaced on every run.\n')
    for (const name of readdirSync(out)) age(join(out, name), 7_200_000)
    return out
  }

  test('a folder an earlier version left (marker without a list) keeps the outputs the config names', async () => {
    const out = olderVersionFolder({ 'old__run/run.json': '{}', 'vitest.json': '{}' })
    await writeResultsFolder(out, new Map([['index.html', 'x']]), { before: resultsFolderState(out, JSON_OUT), others: JSON_OUT })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'index.html', 'vitest.json'])
  })

  test("upgrading: files the user added to an older version's folder (marker without a list) after it was written are kept, its own entries replaced", async () => {
    const out = olderVersionFolder({ 'old__run/run.json': '{}', 'index.html': 'old' })
    // An hour later the user keeps notes there, then installs today's version and runs it.
    writeFileSync(join(out, 'NOTES.md'), 'mine')
    mkdirSync(join(out, 'extra'))
    writeFileSync(join(out, 'extra/notes.txt'), 'also mine')
    for (const name of ['NOTES.md', 'extra']) age(join(out, name))
    const before = resultsFolderState(out)
    const warnings: string[] = []
    await writeResultsFolder(out, new Map([['new__run/run.json', '{}'], ['index.html', 'new']]), { before, warn: (text) => warnings.push(text) })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'NOTES.md', 'extra', 'index.html', 'new__run'])
    expect(readFileSync(join(out, 'NOTES.md'), 'utf8')).toBe('mine')
    expect(readFileSync(join(out, 'extra/notes.txt'), 'utf8')).toBe('also mine')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('new')
    expect(warnings).toEqual([])
    // A file of another name, changed after the marker: kept; one of evalgate's names gives the clash warning.
    const clash = olderVersionFolder({})
    writeFileSync(join(clash, 'report.html'), "the user's")
    age(join(clash, 'report.html'))
    await writeResultsFolder(clash, new Map([['report.html', 'new'], ['index.html', 'new']]), { before: resultsFolderState(clash), warn: (text) => warnings.push(text) })
    expect(readFileSync(join(clash, 'report.html'), 'utf8')).toBe("the user's")
    expect(warnings).toEqual([expect.stringContaining(`${join(clash, 'report.html')} is written by another tool`)])
  })

  // adversarial pass 22r: notes dated before the older marker (a `cp -r` copies in readdir order)
  // were deleted by the first upgraded run.
  test("upgrading: the user's files dated before the older version's marker are kept too", async () => {
    const out = olderVersionFolder({ 'old__run/run.json': '{}', 'index.html': 'old', 'NOTES.md': 'mine' })
    age(join(out, 'NOTES.md'), 10_800_000)
    await writeResultsFolder(out, new Map([['index.html', 'new']]), { before: resultsFolderState(out) })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'NOTES.md', 'index.html'])
    expect(readFileSync(join(out, 'NOTES.md'), 'utf8')).toBe('mine')
  })

  test("upgrading a copy that kept no timestamps (cp -r, a git checkout): the older version's files and run folders, all dated after its marker, are still replaced", async () => {
    const out = olderVersionFolder({})
    // The copy wrote the marker first (`.` sorts first), then the rest.
    for (const [path, text] of Object.entries({ 'index.html': 'old', 'junit.xml': '<old/>', 'summary.md': 'old', 'history.json': '{}', 'removed__test/run.json': '{}', 'kept__test/run.json': '{}' })) {
      mkdirSync(dirname(join(out, path)), { recursive: true })
      writeFileSync(join(out, path), text)
      age(join(out, path.split('/')[0]))
    }
    const warnings: string[] = []
    await writeResultsFolder(out, new Map([['kept__test/run.json', '{"new":1}'], ['index.html', 'new'], ['junit.xml', '<new/>']]), { before: resultsFolderState(out), warn: (text) => warnings.push(text) })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'index.html', 'junit.xml', 'kept__test'])
    expect(readFileSync(join(out, 'kept__test/run.json'), 'utf8')).toBe('{"new":1}')
    expect(warnings).toEqual([])
  })

  test('an unknown file another tool wrote during the run is kept too (newer than the run start)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'eval-results')
    await writeResultsFolder(out, new Map([['index.html', 'one']]))
    for (const name of ['index.html', '.evalgate-results']) age(join(out, name))
    const before = resultsFolderState(out, new Map(), Date.now() - 1000)
    writeFileSync(join(out, 'notes.txt'), 'mine')
    await writeResultsFolder(out, new Map([['index.html', 'two']]), { before })
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine')
  })

  test('another evalgate process wrote the folder during this run (vitest in watch mode beside vitest run): its entries are replaced, no clash', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'eval-results')
    const before = resultsFolderState(out, new Map(), Date.now() - 1000)
    await writeResultsFolder(out, new Map([['index.html', 'theirs'], ['a.test__a/run.json', '{}']]))
    const warnings: string[] = []
    await writeResultsFolder(out, new Map([['index.html', 'ours'], ['a.test__b/run.json', '{}']]), { before, warn: (text) => warnings.push(text) })
    expect(warnings).toEqual([])
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('ours')
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'a.test__b', 'index.html'])
  })

  test("a name clash (Vitest's junit.xml): a warning naming both and the fix; the other tool's file is kept", async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'eval-results')
    const junitOut = new Map([['junit.xml', "Vitest's junit reporter, outputFile (eval-results/junit.xml)"]])
    await writeResultsFolder(out, new Map([['junit.xml', '<evalgate/>'], ['index.html', 'x']]))
    for (const name of ['junit.xml', 'index.html', '.evalgate-results']) age(join(out, name))
    const before = resultsFolderState(out, junitOut, Date.now() - 1000)
    writeFileSync(join(out, 'junit.xml'), '<vitest/>')
    const warnings: string[] = []
    await writeResultsFolder(out, new Map([['junit.xml', '<evalgate/>'], ['index.html', 'y']]), { before, others: junitOut, warn: (text) => warnings.push(text) })
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toBe('<vitest/>')
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('y')
    expect(warnings).toEqual([
      `evalgate reporter: ${join(out, 'junit.xml')} is written by Vitest's junit reporter, outputFile (eval-results/junit.xml), so evalgate's junit.xml is not written there (the other file is kept). Point that tool's output elsewhere (for a Vitest reporter another outputFile, e.g. --outputFile.junit=reports/junit.xml), or give evalgate another outputDir.`,
    ])
    // The next run without Vitest's junit reporter: evalgate's junit.xml is written again, not left to a stale file.
    for (const name of ['junit.xml', 'index.html', '.evalgate-results']) age(join(out, name))
    await writeResultsFolder(out, new Map([['junit.xml', '<evalgate/>'], ['index.html', 'z']]), { before: resultsFolderState(out, new Map(), Date.now() - 1000), warn: (text) => warnings.push(text) })
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toBe('<evalgate/>')
    expect(warnings).toHaveLength(1)
  })

  test('a folder that existed before the run and was never evalgate\'s is still refused, though other tools write into it', async () => {
    const src = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'src')
    mkdirSync(src)
    writeFileSync(join(src, 'keep.ts'), 'x')
    const before = resultsFolderState(src, JSON_OUT)
    writeFileSync(join(src, 'vitest.json'), '{}')
    await expect(writeResultsFolder(src, new Map([['index.html', 'x']]), { before, others: JSON_OUT })).rejects.toThrow(/refusing to replace/)
    expect(readdirSync(src).sort()).toEqual(['keep.ts', 'vitest.json'])
  })

  test('a folder holding only what the configured tools write (left by a failed run) is taken over', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evalgate-results-')), 'eval-results')
    mkdirSync(out)
    writeFileSync(join(out, 'vitest.json'), '{}')
    await writeResultsFolder(out, new Map([['index.html', 'x']]), { before: resultsFolderState(out, JSON_OUT), others: JSON_OUT })
    expect(readdirSync(out).sort()).toEqual(['.evalgate-results', 'index.html', 'vitest.json'])
  })
})
