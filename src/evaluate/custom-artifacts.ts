/**
 * Step 7 of `evaluate()`, the custom part: each `extraArtifacts` function called with the whole
 * run's evaluation table and metrics, its value turned into an artifact.
 */
import { ConfigError } from '../errors.js'
import type { Artifact } from '../run/types.js'
import type { ArtifactDefinition } from './define-artifact.js'
import { artifactFromValue } from './define-artifact.js'
import { createEvalTable } from './eval-table.js'
import type { EvalTableSource } from './eval-table.js'

/**
 * The artifacts of `definitions`, in order; a function that throws is a ConfigError naming it.
 * Each function gets its own table and a frozen copy of the metrics, so none can change the
 * run's data, its metrics or what the next artifact reads.
 *
 * @example
 * await customArtifacts([confusedPairs], evalTableSource(table, type), run.metrics) // [{ name: 'confused_pairs', ... }]
 */
export async function customArtifacts(definitions: readonly ArtifactDefinition[], source: EvalTableSource, metrics: Readonly<Record<string, number>>): Promise<Artifact[]> {
  const artifacts: Artifact[] = []
  if (definitions.length === 0) return artifacts
  for (const definition of definitions) {
    let value: unknown
    try {
      value = await definition.fn(createEvalTable(source, null), Object.freeze({ ...metrics }))
    } catch (cause) {
      throw new ConfigError(
        'CUSTOM_ARTIFACT_THREW',
        `custom artifact "${definition.name}" threw: ${cause instanceof Error ? cause.message : String(cause)}; fix its fn`,
        { cause },
      )
    }
    artifacts.push(artifactFromValue(definition.name, value, false))
  }
  return artifacts
}
