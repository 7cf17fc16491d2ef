import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { isInsideGitWorkTree } from '../../src/history/git-work-tree.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { createRepository } from './git-repository.js'

test('isInsideGitWorkTree: true in a repository and its subfolders, false outside any', () => {
  const repo = createRepository()
  expect(isInsideGitWorkTree(repo.root)).toBe(true)
  const saved = process.env.GIT_CEILING_DIRECTORIES
  process.env.GIT_CEILING_DIRECTORIES = tmpdir()
  try {
    expect(isInsideGitWorkTree(mkdtempSync(join(tmpdir(), 'evalgate-nogit-')))).toBe(false)
  } finally {
    if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES
    else process.env.GIT_CEILING_DIRECTORIES = saved
  }
})

test("the report's index.html links the history page only when given its address", () => {
  expect(renderHtmlReport([], { historyHref: '../eval-history/index.html' })).toContain('<a href="../eval-history/index.html"')
  expect(renderHtmlReport([], {})).not.toContain('baseline history')
  expect(renderHtmlReport([], { historyHref: '"><script>' })).toContain('href="&quot;&gt;&lt;script&gt;"')
})
