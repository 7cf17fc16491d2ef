/** Types of generate-eval-run-schema.mjs, for the schema test. */
export declare const SCHEMA_PATH: string
export declare function evalRunSchema(): Record<string, unknown>
export declare function evalRunSchemaText(): string
