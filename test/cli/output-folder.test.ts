/**
 * `--out` of compare and history: the command's own earlier output is rewritten, another tool's
 * index.html is not, told apart by the companion file's content (adversarial passes 58-59).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { refuseOutputFolder } from '../../src/cli/output-folder.js'
import { HISTORY_FILE_VERSION } from '../../src/history/index.js'

test("history's own output folder passes; one whose history.json is another tool's is refused", async () => {
  const root = mkdtempSync(join(tmpdir(), 'evalgate-out-'))
  const history = { name: 'history.json', signature: '{"evalgateHistory":' }
  const own = join(root, 'own')
  mkdirSync(own)
  writeFileSync(join(own, 'index.html'), '<html></html>')
  // as runHistoryCommand writes it: JSON.stringify of a BaselineHistory, evalgateHistory first
  writeFileSync(join(own, 'history.json'), `${JSON.stringify({ evalgateHistory: HISTORY_FILE_VERSION, head: 'abc', entries: [] })}\n`)
  await expect(refuseOutputFolder(own, 'index.html and history.json', history)).resolves.toBeUndefined()
  const app = join(root, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'index.html'), '<html></html>')
  writeFileSync(join(app, 'history.json'), '{"visits": []}\n')
  await expect(refuseOutputFolder(app, 'index.html and history.json', history)).rejects.toThrow(/holds an index\.html this command did not write \(no history\.json of its own beside it\)/)
  // a folder without an index.html, or none at all, passes
  await expect(refuseOutputFolder(join(root, 'new'), 'x', history)).resolves.toBeUndefined()
})
