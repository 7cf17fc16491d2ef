/**
 * `expect(run).toHavePassRate(metric, { min, threshold?, slice?, confidence? })`: the share of
 * rows whose per-row score passes `threshold` is at least `min` (e.g. 90% of answers exactly
 * right). A row passes when its score is at least `threshold`, or below it for a score where
 * lower is better (toxicity: a row scoring 0.5 or more is toxic, as MLflow's ratio counts it).
 * `threshold` defaults to 0.5 for scores between 0 and 1 (0/1 scores such as exact match pass at
 * 1). The interval is Wilson's at the run's level; a failure lists the worst rows with their text.
 *
 * The per-row scores come from the run table (`runTableOf(run)`: every row), or, for a run read
 * back from JSON, from its `eval_results_table` artifact when that holds every row.
 */
import { ConfigError, listNames } from '../../errors.js'
import { formatBound, formatMetric } from '../../run/format-metric.js'
import { runTableOf } from '../../run/run-table.js'
import type { EvalRun } from '../../run/types.js'
import type { Confidence } from '../options.js'
import { receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { findSlice } from './slice-lookup.js'
import { SliceRowIndex } from '../../baselines/slice-rows.js'
import { checkThreshold, undecidable } from './threshold-check.js'
import { checkThresholdInRange } from './metric-range.js'
import { metricRange } from '../../metrics/index.js'
import { wilsonInterval } from '../../stats/wilson-interval.js'
import { checkKeys } from '../../run/option-keys.js'
import { showControls } from '../../run/visible-controls.js'
import { didYouMean } from '../../run/closest-names.js'

export interface PassRateExpectation {
  /** Least share of passing rows, between 0 and 1. */
  min: number
  /** Score a row must reach (stay below, when lower is better); default 0.5 for scores in [0, 1]. */
  threshold?: number | undefined
  /** Only the rows of this slice (`'category=billing'`). */
  slice?: string | undefined
  confidence?: Confidence | undefined
}

const PASS_RATE_KEYS = ['min', 'threshold', 'slice', 'confidence'] as const satisfies ReadonlyArray<keyof PassRateExpectation>

/** Rows listed in a failure message. */
const WORST_ROWS = 5

interface RowScores {
  column: string
  scores: ArrayLike<number>
  outputs?: readonly unknown[]
  targets?: readonly unknown[]
  /** 1-based row numbers, when they differ from position + 1. */
  rowNumbers?: readonly unknown[]
}

/** Column names a user's metric name may mean, most literal first. */
function candidates(metric: string): string[] {
  const names = [metric, `${metric}/score`, `${metric}/v1/score`]
  if (metric.endsWith('/mean')) names.push(`${metric.slice(0, -'/mean'.length)}/score`)
  return names
}

function scoresFromTable(run: EvalRun, metric: string): RowScores | { available: string[] } | undefined {
  const table = runTableOf(run)
  if (table === undefined) return undefined
  const columns = table.encoded.columns
  const available = Object.keys(columns).filter((name) => name.endsWith('/score'))
  const column = candidates(metric).find((name) => columns[name] instanceof Float64Array)
  if (column === undefined) return { available }
  const outputs = columns.outputs as readonly string[] | undefined
  const targets = columns.targets as readonly string[] | undefined
  return { column, scores: columns[column] as Float64Array, ...(outputs ? { outputs } : {}), ...(targets ? { targets } : {}) }
}

function scoresFromArtifact(run: EvalRun, metric: string): RowScores | { available: string[] } | undefined {
  const artifact = run.artifacts.find((a) => a.name === 'eval_results_table')
  if (artifact === undefined || artifact.content.type !== 'rows') return undefined
  const { columns, rows } = artifact.content
  const available = columns.filter((name) => name.endsWith('/score'))
  const column = candidates(metric).find((name) => columns.includes(name))
  if (column === undefined) return { available }
  if (rows.length < run.exampleCount) return undefined
  const pick = (name: string): unknown[] | undefined => (columns.includes(name) ? rows.map((row) => row[name]) : undefined)
  const scores = rows.map((row) => (typeof row[column] === 'number' ? (row[column] as number) : Number.NaN))
  const outputs = pick('outputs')
  const targets = pick('targets')
  const rowNumbers = pick('row')
  return { column, scores, ...(outputs ? { outputs } : {}), ...(targets ? { targets } : {}), ...(rowNumbers ? { rowNumbers } : {}) }
}

function rowScoresOf(run: EvalRun, metric: string): RowScores {
  const found = scoresFromTable(run, metric) ?? scoresFromArtifact(run, metric)
  if (found === undefined) {
    throw new ConfigError(
      'pass-rate-no-scores',
      `toHavePassRate: the run has no per-row scores in memory and no complete eval_results_table (modelType ${run.modelType}); per-row scores exist for the text, question-answering, text-summarization and retriever types — assert on the run evaluate() returned, or raise maxArtifactRows`,
    )
  }
  if ('available' in found && found.available.length === 0) {
    throw new ConfigError(
      'pass-rate-metric',
      `toHavePassRate: a ${run.modelType} run has no per-row scores; the matcher is for the per-row scores of the text, question-answering, text-summarization and retriever types ('exact_match', 'rouge1/v1', 'precision_at_3'); assert on ${JSON.stringify(metric)} with toHaveMetric`,
    )
  }
  if ('available' in found) {
    // the names the matcher takes for each column (`exact_match` and `exact_match/v1` for
    // `exact_match/v1/score`), so that `exact-match` gets a suggestion (adversarial pass 67, F5)
    const names = found.available.flatMap((column) => {
      const base = column.slice(0, -'/score'.length)
      return base.endsWith('/v1') ? [base.slice(0, -'/v1'.length), base] : [base]
    })
    throw new ConfigError('pass-rate-metric', `toHavePassRate: no per-row scores for "${metric}";${didYouMean(metric, names)} the run has: ${listNames(found.available)}`)
  }
  return found
}

/**
 * A cell as a failing row shows it, cut at 80 characters: a text quoted, a list as its JSON. The
 * run table keeps a list cell (a retriever's ids, several gold answers) as its JSON text, which
 * was quoted again: `output "[\"x\",\"y\"]"` (adversarial pass 67, F5). `lists` says the column
 * may hold lists.
 */
function shortText(value: unknown, lists: boolean): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  const cut = (shown: string) => (shown.length > 80 ? `${shown.slice(0, 77)}...` : shown)
  if (lists && typeof value === 'string' && value.startsWith('[') && isJsonList(value)) return cut(value)
  return JSON.stringify(cut(text))
}

function isJsonList(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text))
  } catch {
    return false
  }
}

/** The columns of a run's table that may hold lists: a retriever's outputs and targets, several gold answers. */
function listColumns(modelType: string): { outputs: boolean; targets: boolean } {
  return { outputs: modelType === 'retriever', targets: modelType === 'retriever' || modelType === 'question-answering' }
}

/** The worst failing rows, one line each: row number, score, output and target. */
function worstRows(source: RowScores, rows: readonly number[], passes: (score: number) => boolean, greaterIsBetter: boolean, lists: { outputs: boolean; targets: boolean }): string[] {
  const failing = rows.filter((i) => !Number.isNaN(source.scores[i]) && !passes(source.scores[i]))
  failing.sort((a, b) => (greaterIsBetter ? source.scores[a] - source.scores[b] : source.scores[b] - source.scores[a]) || a - b)
  return failing.slice(0, WORST_ROWS).map((i) => {
    const row = source.rowNumbers?.[i] ?? i + 1
    const parts = [`row ${String(row)}: ${source.column} ${formatMetric(source.scores[i])}`]
    if (source.outputs) parts.push(`output ${shortText(source.outputs[i], lists.outputs)}`)
    if (source.targets) parts.push(`target ${shortText(source.targets[i], lists.targets)}`)
    return `  ${parts.join(', ')}`
  })
}

function scopeRows(run: EvalRun, slice: string | undefined, scores: RowScores): { rows: number[]; sliceKey?: string } {
  if (slice === undefined) return { rows: Array.from({ length: scores.scores.length }, (_, i) => i) }
  const found = findSlice(run, slice)
  // a slice column not declared in evaluate({ slices }) is grouped from the run's table, as the other slice matchers do
  const indices = new SliceRowIndex(run).rows(found.key, found)
  if (indices === undefined) {
    throw new ConfigError('pass-rate-slice', `toHavePassRate: the rows of slice ${found.key} are not in memory (a run read back from JSON); assert on the run evaluate() returned`)
  }
  return { rows: Array.from(indices), sliceKey: found.key }
}

/** Asserts the share of rows whose per-row score passes a threshold. */
export function toHavePassRate(this: EvalgateMatcherState, received: unknown, metric: string, expectation: PassRateExpectation): SyncExpectationResult {
  const run = receivedRun(this, received, 'toHavePassRate')
  if (typeof metric !== 'string') throw new ConfigError('pass-rate-metric', 'toHavePassRate: pass the per-row score first, e.g. toHavePassRate(\'exact_match\', { min: 0.9 })')
  checkKeys(expectation, PASS_RATE_KEYS, { who: 'toHavePassRate', where: 'the expectation', code: 'matcher-unknown-option' })
  if (typeof expectation?.min !== 'number' || !(expectation.min >= 0 && expectation.min <= 1)) {
    throw new ConfigError('pass-rate-min', `toHavePassRate: pass { min } with a share between 0 and 1 (0.9 for 90%), received ${this.utils.stringify(expectation?.min)}`)
  }
  const source = rowScoresOf(run, metric)
  const base = source.column.slice(0, -'/score'.length)
  const greaterIsBetter = run.greaterIsBetter[`${base}/mean`] ?? run.greaterIsBetter[base] ?? true
  let threshold = expectation.threshold
  // A row's score of a metric whose mean lies in [0, 1] (exact match, ROUGE, toxicity, @k) does too:
  // a threshold of 50 meant 0.5 (adversarial pass 34: toxicity passed every row, ROUGE none).
  const ranged = [base, `${base}/mean`].find((name) => metricRange(name) !== undefined)
  if (threshold !== undefined && ranged !== undefined) checkThresholdInRange('toHavePassRate', ranged, 'threshold', threshold)
  const { rows, sliceKey } = scopeRows(run, expectation.slice, source)
  if (threshold === undefined) {
    const bounded = rows.every((i) => Number.isNaN(source.scores[i]) || (source.scores[i] >= 0 && source.scores[i] <= 1))
    if (!bounded) throw new ConfigError('pass-rate-threshold', `toHavePassRate: ${source.column} is not a score between 0 and 1; pass { threshold } (the score a row must reach)`)
    threshold = 0.5
  }
  const bound = threshold
  const passes = greaterIsBetter ? (score: number) => score >= bound : (score: number) => score < bound
  let trials = 0
  let passed = 0
  for (const i of rows) {
    const score = source.scores[i]
    if (Number.isNaN(score)) continue
    trials++
    if (passes(score)) passed++
  }
  const rule = `${base} ${greaterIsBetter ? '>=' : '<'} ${formatBound(bound)}`
  const label = `pass_rate[${rule}]${sliceKey !== undefined ? `[${sliceKey}]` : ''}`
  const hint = this.utils.matcherHint('toHavePassRate', 'run', 'metric, { min }', { isNot: this.isNot })
  if (trials === 0) {
    return undecidable(this, { kind: 'threshold', matcher: 'toHavePassRate', title: `${label} undefined` }, hint, `no row${sliceKey !== undefined ? ` of slice ${sliceKey}` : ''} has a ${source.column}, so the pass rate is undefined`)
  }
  const level = run.intervalSettings?.level ?? 0.95
  const interval = { ...wilsonInterval(passed, trials, level), level, method: 'wilson' as const }
  const result = checkThreshold(
    this,
    'toHavePassRate',
    'threshold',
    {
      label,
      metric: 'pass_rate',
      value: passed / trials,
      greaterIsBetter: true,
      interval,
      exampleCount: trials,
      ...(sliceKey !== undefined ? { slice: sliceKey, runExampleCount: run.exampleCount } : {}),
      ...(run.name !== undefined ? { runName: run.name } : {}),
    },
    { min: expectation.min },
    expectation.confidence ? { confidence: expectation.confidence } : undefined,
    'metric, { min }',
  )
  const worst = worstRows(source, rows, passes, greaterIsBetter, listColumns(run.modelType))
  const failingCount = trials - passed
  const details = [`Passing: ${passed} of ${trials} rows (${rule})`]
  if (worst.length > 0) details.push(`Worst ${worst.length === failingCount ? 'failing rows' : `${worst.length} of ${failingCount} failing rows`}:`, ...worst)
  // The rule names a column and the rows show outputs and targets: their controls shown as escapes.
  return { pass: result.pass, message: () => `${result.message()}\n\n${showControls(details.join('\n'))}` }
}
