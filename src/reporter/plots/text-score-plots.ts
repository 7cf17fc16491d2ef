import type { Spec } from 'vega'
import { formatMetric } from '../../run/format-metric.js'
import type { EvalRun } from '../../run/types.js'
import { scoreHistogram } from '../score-histogram.js'
import { textRunTable } from '../text-run-table.js'
import { scoreHistogramSpec } from './score-histogram.js'

/** A plot to render: file name in the run folder, title, Vega spec, note. */
export interface PlotSpec {
  fileName: string
  title: string
  spec: Spec
  note?: string
}

/**
 * One histogram per score column of a text-type run's per-row table (`score_histogram_rouge1_v1.svg`,
 * ...), with a rule at the run's mean. Nothing for other runs. When the table holds fewer rows
 * than the run (it is capped), the note says how many the histogram counts.
 */
export function textScorePlotSpecs(run: EvalRun): PlotSpec[] {
  const table = textRunTable(run)
  if (table === undefined) return []
  const capped = table.missingRows > 0 ? `${table.rows.length} of ${run.exampleCount} rows (the table is capped; maxArtifactRows)` : undefined
  return table.scores
    .filter((score) => score.values.length > 0)
    .map((score) => {
      const name = score.column.replace(/\/score$/, '').replace(/[^A-Za-z0-9_.-]+/g, '_')
      const mean = run.metrics[score.meanMetric]
      const note = [typeof mean === 'number' ? `dashed line: ${score.meanMetric} ${formatMetric(mean)}` : undefined, capped].filter((part) => part !== undefined).join(' · ')
      return {
        fileName: `score_histogram_${name}.svg`,
        title: `${score.column} per row`,
        spec: scoreHistogramSpec(score.column, scoreHistogram(score.values), mean),
        ...(note !== '' ? { note } : {}),
      }
    })
}
