/**
 * The published EvalRun JSON Schema: every run evaluate() produces validates, a run that breaks
 * the contract does not, and the committed schema equals the one generated from the types.
 */
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { beforeAll, describe, expect, test } from 'vitest'
import type { EvalRun } from '../../src/run/types.js'
import { SCHEMA_PATH, evalRunSchemaText } from '../../scripts/schema/generate-eval-run-schema.mjs'
import { sampleRuns } from './run-samples.js'

const committed = readFileSync(SCHEMA_PATH, 'utf8')
// Strict, as a user validating run files in a strict project compiles it (union types refused).
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object)

describe('EvalRun JSON Schema', () => {
  let runs: EvalRun[] = []
  beforeAll(async () => {
    runs = await sampleRuns()
  })

  test('every run the engine produces validates (after a JSON round trip)', () => {
    expect(runs.length).toBeGreaterThan(15)
    for (const run of runs) {
      const json = JSON.parse(JSON.stringify(run)) as unknown
      const ok = validate(json)
      expect(ok, `${run.name ?? run.modelType}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })

  test('a run that breaks the contract is rejected', () => {
    const broken = JSON.parse(JSON.stringify(runs[0])) as Record<string, unknown>
    broken.metrics = { accuracy_score: 'high' }
    expect(validate(broken)).toBe(false)
    const unknownField = { ...(JSON.parse(JSON.stringify(runs[0])) as object), surprise: 1 }
    expect(validate(unknownField)).toBe(false)
  })

  test("a summarization run's metricOptions validate; a value that is not a boolean, number or string does not", async () => {
    const { evaluate } = await import('../../src/index.js')
    const run = await evaluate({
      data: [
        { text: 'the cat sat on the mat', reference: 'a cat sat on a mat', summary: 'cat on mat' },
        { text: 'dogs run in the park', reference: 'dogs running in a park', summary: 'dogs run' },
      ],
      targets: 'reference',
      predictions: 'summary',
      modelType: 'text-summarization',
      intervals: false,
    })
    expect(run.metricOptions).toEqual({ stemmer: false })
    const json = JSON.parse(JSON.stringify(run)) as Record<string, unknown>
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...json, metricOptions: { stemmer: { on: true } } })).toBe(false)
  })

  test('the committed schema is the one generated from src/run/types.ts (run `npm run schema`)', () => {
    expect(evalRunSchemaText()).toBe(committed)
  }, 120_000)
})
