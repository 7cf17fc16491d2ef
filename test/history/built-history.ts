/**
 * Histories built in memory for the history page's tests: `entries` entries, each over `commits`
 * points with `slices` slices of two metrics; the names from git and the baseline files can be given.
 */
import type { BaselineHistory, HistoryPoint } from '../../src/history/types.js'

export interface HistoryNames {
  author: string
  message: (commit: number) => string
  metric: string
  slice: (slice: number) => string
  entry: (entry: number) => string
}

const PLAIN: HistoryNames = {
  author: 'Ada',
  message: (i) => `commit ${i}`,
  metric: 'accuracy_score',
  slice: (s) => `segment=<s${s}>`,
  entry: (k) => `model ${k} <b>"x"</b>`,
}

/** A history of `entries` entries, each over `commits` points with `slices` slices of two metrics. */
export function builtHistory(entries: number, commits: number, slices: number, names: Partial<HistoryNames> = {}): BaselineHistory {
  const { author, message, metric, slice, entry } = { ...PLAIN, ...names }
  const point = (i: number): HistoryPoint => ({
    commit: String(i).padStart(40, '0'),
    date: '2026-01-01T10:00:00+00:00',
    author,
    message: message(i),
    modelType: 'classifier',
    exampleCount: 100,
    datasetFingerprint: 'f'.repeat(64),
    metrics: { [metric]: { value: 0.8 + i / 1e4, lower: 0.75, upper: 0.85 } },
    slices: Object.fromEntries(
      Array.from({ length: slices }, (_, s) => [slice(s), { exampleCount: 10, metrics: { f1_score: { value: 0.7 }, recall_score: { value: 0.6 } } }]),
    ),
  })
  return {
    evalgateHistory: 3,
    head: 'a'.repeat(40),
    generatedAt: '2026-02-01T00:00:00.000Z',
    commitCount: commits,
    entries: Array.from({ length: entries }, (_, k) => ({
      baselineFile: 'src/__baselines__/m.test.ts.json',
      testFile: 'src/m.test.ts',
      entry: entry(k),
      points: Array.from({ length: commits }, (_, i) => point(i)),
    })),
    warnings: [],
  }
}
