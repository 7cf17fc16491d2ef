/** Reads the committed text / retriever fixtures (test/fixtures/text, see scripts/fixtures/generate_text_fixtures.py). */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Directory of the committed fixtures. */
export const TEXT_FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/text/', import.meta.url))

/** Parse one fixture file. */
export function loadTextFixture<T>(name: string): T {
  return JSON.parse(readFileSync(`${TEXT_FIXTURE_DIR}${name}`, 'utf8')) as T
}
