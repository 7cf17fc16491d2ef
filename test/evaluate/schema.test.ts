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
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(committed) as object)

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

  test('the committed schema is the one generated from src/run/types.ts (run `npm run schema`)', () => {
    expect(evalRunSchemaText()).toBe(committed)
  }, 120_000)
})
