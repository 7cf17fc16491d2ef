/**
 * Tests of one name in one file (`test.each([0, 0.02])('each same')`, `test.for`, `describe.each`
 * without `%s`) each get their own results folder: both report rows linked to one folder holding
 * only the second case's artifacts. A name with colour sequences gives a folder of its words, not
 * `[31mred[0m`.
 */
import { describe, expect, test } from 'vitest'
import { buildReportEntries } from '../../src/reporter/report-entries.js'
import { buildReportContent } from '../../src/reporter/report-files.js'
import { fixtureReportedTests } from './report-fixture-tests.js'

const evaluated = () => fixtureReportedTests().filter((t) => t.file === 'test/churn.eval.ts')

describe('tests of one name', () => {
  test('each gets its own folder, numbered in file order, the same on every run; anchors differ too', () => {
    const [churn] = evaluated()
    const same = [
      { ...churn, name: 'each same', fullName: 'each same' },
      { ...churn, name: 'each same', fullName: 'each same' },
      { ...churn, name: 'each same', fullName: 'each same' },
    ]
    const entries = buildReportEntries(same)
    expect(entries.map((e) => e.folderName)).toEqual(['churn.eval__each_same', 'churn.eval__each_same_2', 'churn.eval__each_same_3'])
    expect(new Set(entries.map((e) => e.anchor)).size).toBe(3)
    expect(buildReportEntries(same).map((e) => e.folderName)).toEqual(entries.map((e) => e.folderName))
  })

  test("run.json records each test's position among its file's tests of that name and the run's among its runs (evalgate compare pairs by them)", async () => {
    const [churn] = evaluated()
    const plain = { ...churn, meta: undefined }
    const same = { ...churn, name: 'same', fullName: 'dup > same' }
    // The first test of the name evaluates nothing (a plain test): it still counts.
    const content = await buildReportContent([{ ...plain, name: 'same', fullName: 'dup > same' }, same, same], { html: false, summary: false, junitInFolder: false, maxMisclassifiedRows: 5, maxCurveClasses: 2 })
    const written = [...content.files].filter(([path]) => path.endsWith('/run.json')).map(([path, text]) => [path, JSON.parse(text.toString())] as const)
    expect(written.map(([path, json]) => [path, json.test.occurrence, json.runIndex])).toEqual([
      ['churn.eval__dup_same/run.json', 2, 0],
      ['churn.eval__dup_same_2/run.json', 3, 0],
    ])
  })

  test('a name with colour sequences and control characters gives a folder of its words', () => {
    const [churn] = evaluated()
    const [entry] = buildReportEntries([{ ...churn, file: 'c.eval.test.ts', name: 'x', fullName: 'fails with \u0001 and \u001b[31mred\u001b[0m' }])
    expect(entry.folderName).toBe('c.eval.test__fails_with_and_red')
  })

  test('a numbered name that is another test\'s name, or names a folder name cannot tell apart, still give every entry its own key, folder and anchor', () => {
    const [churn] = evaluated()
    const named = (...names: string[]) => names.map((name) => ({ ...churn, file: 'each.eval.test.ts', name, fullName: name }))
    for (const tests of [
      named('for same', 'for same', 'for same 2'),
      named('for same 2', 'for same', 'for same'),
      named('for same', 'for same', 'for same_2'),
      named('for same 2', 'for same 2', 'for same', 'for same'),
      named('x', 'x\u0001', 'x', 'X'),
    ]) {
      const entries = buildReportEntries(tests)
      expect(entries).toHaveLength(tests.length)
      expect(new Set(entries.map((e) => e.folderName.toLowerCase())).size).toBe(tests.length)
      expect(new Set(entries.map((e) => e.anchor)).size).toBe(tests.length)
      expect(buildReportEntries(tests).map((e) => e.folderName)).toEqual(entries.map((e) => e.folderName))
    }
    const folders = buildReportEntries(named('for same', 'for same', 'for same 2')).map((e) => e.folderName)
    expect(folders[0]).toBe('each.eval.test__for_same')
    expect(folders[1]).toMatch(/^each\.eval\.test__for_same_2-[0-9a-f]{8}$/)
    expect(folders[2]).toMatch(/^each\.eval\.test__for_same_2-[0-9a-f]{8}$/)
  })
})
