#!/usr/bin/env node
/**
 * Generates the EvalRun JSON Schema (`schema/eval-run.schema.json`, published as
 * `evalgate/schema.json`) from the TypeScript contract `src/run/types.ts` with
 * ts-json-schema-generator, so the schema can never drift from the types by hand.
 *
 *   npm run schema            # writes schema/eval-run.schema.json
 *
 * `test/evaluate/schema.test.ts` regenerates it in memory and fails when the committed file is
 * out of date.
 */
import { writeFileSync, renameSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createGenerator } from 'ts-json-schema-generator'

const root = fileURLToPath(new URL('../../', import.meta.url))
export const SCHEMA_PATH = `${root}schema/eval-run.schema.json`

/**
 * The same schema with every union `type` keyword (`"type": ["boolean", "number", "string"]`, as
 * the generator writes a union of primitives) as an `anyOf` of single types, which validates the
 * same values: Ajv's strict mode (`new Ajv({ strict: true })`, what a user validating run files in
 * a strict project has) refuses to compile union types without `allowUnionTypes`.
 */
function withoutUnionTypes(node) {
  if (Array.isArray(node)) return node.map(withoutUnionTypes)
  if (node === null || typeof node !== 'object') return node
  const out = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' && Array.isArray(value)) out.anyOf = value.map((type) => ({ type }))
    else out[key] = withoutUnionTypes(value)
  }
  return out
}

/** The EvalRun schema as an object, generated from src/run/types.ts. */
export function evalRunSchema() {
  const generator = createGenerator({
    path: `${root}src/run/types.ts`,
    tsconfig: `${root}tsconfig.json`,
    type: 'EvalRun',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  })
  const schema = generator.createSchema('EvalRun')
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://evalgate.dev/schema/eval-run.schema.json',
    title: 'evalgate EvalRun',
    description:
      'One evaluation run produced by evalgate evaluate(): metrics, intervals, per-class table, slices, curves, artifacts, dataset fingerprint. Generated from src/run/types.ts by scripts/schema/generate-eval-run-schema.mjs; do not edit.',
    ...withoutUnionTypes(Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema'))),
  }
}

/** The schema file's text (stable key order, trailing newline). */
export function evalRunSchemaText() {
  return JSON.stringify(evalRunSchema(), null, 2) + '\n'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tmp = `${SCHEMA_PATH}.tmp`
  writeFileSync(tmp, evalRunSchemaText())
  renameSync(tmp, SCHEMA_PATH)
  console.log(`wrote ${SCHEMA_PATH}`)
}
