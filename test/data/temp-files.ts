import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A temp folder for one test file, and a way to write files into it. */
export function tempFolder(prefix: string): { write(name: string, content: string | Uint8Array): string; path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `evalgate-${prefix}-`))
  return {
    write(name, content) {
      const file = join(dir, name)
      writeFileSync(file, content)
      return file
    },
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
