import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { isInsideGitWorkTree } from '../../src/history/git-work-tree.js'
import { renderHtmlReport } from '../../src/reporter/html.js'
import { EvalgateReporter } from '../../src/reporter/index.js'
import { fixtureReportedTests } from '../reporter/report-fixture-tests.js'
import { fakeTestModules, fakeVitest } from './fake-vitest.js'
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

test('the reporter links eval-history/index.html from index.html inside a work tree, and not outside one', async () => {
  // The link is the page's, whatever its tests: the fixture's first test (one run's plots, not five).
  const reported = () => fixtureReportedTests().slice(0, 1)
  const repo = createRepository()
  repo.commit({ 'README.md': 'a commit, so HEAD exists\n' }, 'first', 'Ada', '2026-01-01T10:00:00+00:00')
  const inside = new EvalgateReporter({ outputDir: 'eval-results', terminal: false })
  inside.onInit(fakeVitest([], repo.root))
  await inside.onTestRunEnd(fakeTestModules(reported()))
  expect(readFileSync(join(repo.root, 'eval-results', 'index.html'), 'utf8')).toContain('<a href="../eval-history/index.html"')

  const plain = mkdtempSync(join(tmpdir(), 'evalgate-nogit-'))
  const saved = process.env.GIT_CEILING_DIRECTORIES
  process.env.GIT_CEILING_DIRECTORIES = tmpdir()
  try {
    const outside = new EvalgateReporter({ outputDir: 'eval-results', terminal: false })
    outside.onInit(fakeVitest([], plain))
    await outside.onTestRunEnd(fakeTestModules(reported()))
  } finally {
    if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES
    else process.env.GIT_CEILING_DIRECTORIES = saved
  }
  const html = readFileSync(join(plain, 'eval-results', 'index.html'), 'utf8')
  expect(html).toContain('evaluation report')
  expect(html).not.toContain('baseline history</a>')
  expect(html).toContain('No baseline history: the tests did not run inside a git work tree.')
})
