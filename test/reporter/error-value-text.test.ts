/**
 * An error's text in the reports, whatever value Vitest hands over (adversarial pass 38): after
 * `--merge-reports` of `--shard` blobs, an unhandled error is a plain object
 * (`{ type: 'Unhandled Error', stacks: [] }`), and the table and junit.xml said
 * `Unhandled Error: [object Object]`.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestModule, Vitest } from 'vitest/node'
import { describe, expect, test } from 'vitest'
import { errorValueText } from '../../src/reporter/error-value-text.js'
import { collectFileFailures, collectReportedTests, collectUnhandledFailures } from '../../src/reporter/collect-tests.js'
import { EvalgateReporter } from '../../src/reporter/index.js'

/** Two unhandled errors as `vitest --merge-reports` reads them back from the shards' blobs. */
const fromBlobs = () => [
  { type: 'Unhandled Error', stacks: [] },
  { type: 'Unhandled Error', stacks: [] },
]

describe('errorValueText', () => {
  test('the message of an error or of a serialized one; a string as is', () => {
    expect(errorValueText(new TypeError('x is undefined'))).toBe('x is undefined')
    expect(errorValueText({ message: 'boom', name: 'Error', stack: 'Error: boom\n    at f' })).toBe('boom')
    expect(errorValueText('plain string')).toBe('plain string')
    expect(errorValueText(42)).toBe('42')
  })

  test('a plain object without a message: its type, name and other text fields, never [object Object]', () => {
    expect(errorValueText({ type: 'Unhandled Error', stacks: [] })).toBe('Unhandled Error')
    expect(errorValueText({ type: 'Unhandled Error', stacks: [] }, ['type'])).toBe('')
    expect(errorValueText({ code: 'E_MODEL', status: 503, stack: 'x', VITEST_TEST_PATH: '/p/a.ts', nested: { a: 1 } })).toBe('code: E_MODEL, status: 503')
    expect(errorValueText({ message: { message: 'inner' } })).toBe('inner')
    expect(errorValueText({ message: '' , name: 'AbortError' })).toBe('AbortError')
    expect(errorValueText(new Error(''))).toBe('Error')
    expect(errorValueText({})).toBe('')
    expect(errorValueText(Object.create(null))).toBe('')
    expect(errorValueText(null)).toBe('')
    for (const value of [{}, { a: {} }, Object.create(null), [], { type: 'x', stacks: [] }]) expect(errorValueText(value)).not.toContain('[object')
  })
})

describe('errors read back from --shard blobs', () => {
  test('unhandled errors without a message read "Unhandled Error (Vitest recorded no message)"', () => {
    expect(collectUnhandledFailures(fromBlobs(), '/p')).toEqual([
      { file: '(no test file)', message: 'Unhandled Error (Vitest recorded no message)' },
      { file: '(no test file)', message: 'Unhandled Error (Vitest recorded no message)' },
    ])
    expect(collectUnhandledFailures([{ type: 'Unhandled Rejection', name: 'AbortError' }, { type: 'Unhandled Error', code: 'ERR_X' }, 'thrown text', 7], '/p').map((f) => f.message)).toEqual([
      'Unhandled Rejection: AbortError (Vitest recorded no message)',
      'Unhandled Error: code: ERR_X',
      'Unhandled error: thrown text',
      'Unhandled error: 7',
    ])
  })

  test("a module's and a test's plain-object errors are shown by their text", () => {
    const test = { name: 't', fullName: 't', parent: { type: 'module' }, result: () => ({ state: 'failed', errors: [{ type: 'Unhandled Error', stacks: [] }] }), diagnostic: () => ({ duration: 1 }), meta: () => ({}) }
    const module = { relativeModuleId: 'a.test.ts', errors: () => [{ type: 'Unhandled Error', stacks: [] }, {}], children: { allSuites: () => [], *allTests() { yield test } } } as unknown as TestModule
    expect(collectFileFailures([module]).map((f) => f.message)).toEqual(['Unhandled Error', '(Vitest recorded no message)'])
    expect(collectReportedTests([module])[0].errors).toEqual(['Unhandled Error'])
  })

  test('the table and junit.xml of a merged run name the kind, not [object Object]', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-blob-errors-'))
    const saved = process.env.GITHUB_STEP_SUMMARY
    delete process.env.GITHUB_STEP_SUMMARY
    const lines: string[] = []
    const reporter = new EvalgateReporter({ outputDir: 'out' })
    reporter.onInit({ config: { root: dir }, logger: { log: (text: string) => lines.push(text) } } as unknown as Vitest)
    try {
      await reporter.onTestRunEnd([], fromBlobs() as never)
    } finally {
      if (saved !== undefined) process.env.GITHUB_STEP_SUMMARY = saved
    }
    const output = [...lines, readFileSync(join(dir, 'out/junit.xml'), 'utf8'), readFileSync(join(dir, 'out/summary.md'), 'utf8'), readFileSync(join(dir, 'out/index.html'), 'utf8')].join('\n')
    expect(output).not.toContain('[object Object]')
    expect(lines.join('\n')).toContain('  (no test file) > (outside any test): Unhandled Error (Vitest recorded no message)')
    expect(readFileSync(join(dir, 'out/junit.xml'), 'utf8')).toContain('<failure message="Unhandled Error (Vitest recorded no message)" type="Error"/>')
  })
})
