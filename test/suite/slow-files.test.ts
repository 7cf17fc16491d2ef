// vitest.config.ts starts the slowest files first (SLOW_FIRST, through its sequencer); a renamed
// or removed file would silently drop out of that order. This keeps the list true to the files.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SLOW_FIRST } from '../../vitest.config.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('the slow-first order in vitest.config.ts', () => {
  it('lists only test files that exist, each once', () => {
    expect(SLOW_FIRST.length).toBeGreaterThan(10)
    expect(SLOW_FIRST.filter((file) => !file.endsWith('.test.ts') || !existsSync(ROOT + file))).toEqual([])
    expect(new Set(SLOW_FIRST).size).toBe(SLOW_FIRST.length)
  })
})
