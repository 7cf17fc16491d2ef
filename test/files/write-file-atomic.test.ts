import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { writeFileAtomic, writeFileAtomicSync } from '../../src/files/write-file-atomic.js'

const folder = mkdtempSync(join(tmpdir(), 'evalgate-atomic-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe.each([
  ['writeFileAtomic', (file: string, content: string) => writeFileAtomic(file, content)],
  ['writeFileAtomicSync', async (file: string, content: string) => writeFileAtomicSync(file, content)],
])('%s', (name, write) => {
  test('replaces the content and leaves no temporary file, creating the folder', async () => {
    const file = join(folder, name, 'nested', 'baseline.json')
    await write(file, 'old')
    await write(file, 'new')
    expect(readFileSync(file, 'utf8')).toBe('new')
    expect(readdirSync(join(folder, name, 'nested'))).toEqual(['baseline.json'])
  })

  test('when the rename fails, the target is untouched and the temporary file is removed', async () => {
    const dir = join(folder, `${name}-fail`)
    mkdirSync(join(dir, 'target', 'inside'), { recursive: true })
    writeFileSync(join(dir, 'target', 'inside', 'kept.txt'), 'kept')
    // Renaming a file over a non-empty directory fails.
    await expect(write(join(dir, 'target'), 'new')).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['target'])
    expect(readFileSync(join(dir, 'target', 'inside', 'kept.txt'), 'utf8')).toBe('kept')
  })
})
