/**
 * The model types `evaluate()` knows: name or alias -> implementation. Adding a model type is a
 * folder `src/model-types/<type>/` implementing `ModelType` (`model-type.ts`) plus one line in
 * `MODEL_TYPES` below.
 */
import { ConfigError } from '../errors.js'
import { classifierType } from './classifier/classifier-type.js'
import type { EncodedPart, ModelType } from './model-type.js'
import { questionAnsweringModelType } from './question-answering/question-answering-type.js'
import { regressorType } from './regressor/regressor-type.js'
import { retrieverModelType } from './retriever/retriever-type.js'
import { textSummarizationModelType } from './text-summarization/text-summarization-type.js'
import { textModelType } from './text/text-type.js'

/** Every model type, in the order error messages list them. */
const MODEL_TYPES: readonly ModelType<EncodedPart>[] = [
  classifierType,
  regressorType,
  questionAnsweringModelType,
  textSummarizationModelType,
  textModelType,
  retrieverModelType,
] as readonly ModelType[] as readonly ModelType<EncodedPart>[]

/** Names other tools use for a registered type: MLflow's `text_classification` is the classifier, so the seed's call ports unchanged. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { text_classification: 'classifier', 'text-classification': 'classifier' }

const byName = new Map<string, ModelType<EncodedPart>>()
for (const type of MODEL_TYPES) {
  for (const name of [type.name, ...type.aliases]) {
    if (byName.has(name)) throw new Error(`model type name "${name}" is registered twice`)
    byName.set(name, type)
  }
}
for (const [alias, name] of Object.entries(EXTRA_ALIASES)) {
  const type = byName.get(name)
  if (type !== undefined && !byName.has(alias)) byName.set(alias, type)
}

/** Every name `evaluate({ modelType })` accepts: the types' names and their aliases (the `ModelTypeName` type lists them too). */
export function acceptedModelTypeNames(): string[] {
  return [...byName.keys()]
}

/** Every registered model type. */
export function modelTypes(): readonly ModelType<EncodedPart>[] {
  return MODEL_TYPES
}

/** The model type named `name` (or one of its aliases), or undefined. */
export function findModelType(name: unknown): ModelType<EncodedPart> | undefined {
  return typeof name === 'string' ? byName.get(name) : undefined
}

/**
 * The model type named `name` (or one of its aliases); a ConfigError listing the supported
 * names otherwise.
 * @example modelTypeOf('classifier').metricDirections.accuracy_score // true
 */
export function modelTypeOf(name: unknown): ModelType<EncodedPart> {
  const type = findModelType(name)
  if (type === undefined) {
    const quoted = MODEL_TYPES.map((t) => `'${t.name}'`)
    const names = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : quoted.join('')
    // left out: say it is needed, not that "undefined" is unsupported (adversarial pass 60)
    if (name === undefined) throw new ConfigError('INVALID_MODEL_TYPE', `modelType is required (MLflow's model_type): pass modelType: ${names}`)
    throw new ConfigError('INVALID_MODEL_TYPE', `modelType ${JSON.stringify(name)} is not supported; use ${names}`)
  }
  return type
}
