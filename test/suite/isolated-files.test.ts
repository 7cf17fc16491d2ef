// vitest.config.ts runs most files with a shared module graph (`isolate: false`); a file that
// mocks modules, stubs globals or the environment, fakes timers or changes the working directory
// must run in the isolated project, or what it sets can reach the files after it in its worker.
// This keeps the list in vitest.config.ts true to the files.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ISOLATED } from '../../vitest.config.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const NEEDS_ISOLATION = /\bvi\.(?:mock|doMock|stubGlobal|stubEnv|useFakeTimers|resetModules)\(|\bprocess\.chdir\(|\bprocess\.env\.[A-Z_]+\s*=[^=]/

function testFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'node_modules' ? [] : testFiles(path)
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : []
  })
}

describe('the isolated project in vitest.config.ts', () => {
  it('lists every test file that mocks, stubs or changes process state', () => {
    const needing = testFiles(join(ROOT, 'test')).filter((file) => NEEDS_ISOLATION.test(readFileSync(join(ROOT, file), 'utf8')))
    expect(needing.length).toBeGreaterThan(5)
    expect(needing.filter((file) => !ISOLATED.includes(file))).toEqual([])
  })

  it('lists only files that exist', () => {
    const files = new Set(testFiles(join(ROOT, 'test')))
    expect(ISOLATED.filter((file) => !files.has(file))).toEqual([])
  })
})
