import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { BaselineFileSession, keyBelongsToTest } from '../../src/baselines/session.js'
import { BaselineStore } from '../../src/baselines/store.js'
import { baselinePathFor } from '../../src/vitest/baseline-files.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const folder = mkdtempSync(join(tmpdir(), 'evalgate-session-'))
let counter = 0
const freshPath = () => join(folder, `f${++counter}/__baselines__/model.test.ts.json`)
const good = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88 } })
const worse = handBuiltRun({ metrics: { accuracy_score: 0.7, f1_score: 0.7 } })
const ran = (...names: string[]) => names.map((name) => ({ name, completed: true }))

describe('BaselineFileSession', () => {
  test("'new': a missing entry is written once at the end, with every entry of the file", () => {
    const path = freshPath()
    const session = new BaselineFileSession(path, 'model.json', 'new')
    expect(session.check('a', good, {})).toMatchObject({ pass: true, status: 'written' })
    expect(session.check('b', good, {})).toMatchObject({ pass: true, status: 'written' })
    expect(existsSync(path)).toBe(false)
    expect(session.finish(ran('a', 'b'))).toEqual({ obsolete: [], written: true, removed: [], repaired: [] })
    expect(Object.keys(new BaselineStore().read(path)!.entries)).toEqual(['a', 'b'])
  })

  test("'none': a missing entry fails, nothing is written", () => {
    const path = freshPath()
    const session = new BaselineFileSession(path, 'model.json', 'none')
    const check = session.check('a', good, {})
    expect(check).toMatchObject({ pass: false, status: 'missing' })
    expect(check.reason).toContain('never written when CI is set')
    expect(session.finish(ran('a')).written).toBe(false)
    expect(existsSync(path)).toBe(false)
  })

  test("'new' keeps an existing entry (a regression fails, the file is not rewritten); 'all' rewrites it", () => {
    const path = freshPath()
    const first = new BaselineFileSession(path, 'model.json', 'new')
    first.check('a', good, {})
    first.finish(ran('a'))
    const before = readFileSync(path, 'utf8')

    const second = new BaselineFileSession(path, 'model.json', 'new')
    expect(second.check('a', worse, {})).toMatchObject({ pass: false, status: 'failed' })
    expect(second.finish(ran('a')).written).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe(before)

    const update = new BaselineFileSession(path, 'model.json', 'all')
    expect(update.check('a', worse, {})).toMatchObject({ pass: true, status: 'updated' })
    expect(update.finish(ran('a')).written).toBe(true)
    expect(new BaselineStore().read(path)!.entries.a.metrics.accuracy_score.value).toBe(0.7)
  })

  test("under -u the improved note says the updated entry holds the new values, not what -u would do (adversarial pass 60)", () => {
    const path = freshPath()
    const first = new BaselineFileSession(path, 'model.json', 'new')
    first.check('a', good, {})
    first.finish(ran('a'))
    const mixed = handBuiltRun({ metrics: { accuracy_score: 0.7, f1_score: 0.95 } })
    const local = new BaselineFileSession(path, 'model.json', 'new').check('a', mixed, { significance: false })
    expect(local.verdict?.notes).toContain('1 metric improved (f1_score 0.8800 -> 0.9500) (the failures above still stand: `vitest -u` would store them too)')
    const updated = new BaselineFileSession(path, 'model.json', 'all').check('a', mixed, { significance: false })
    expect(updated).toMatchObject({ pass: true, status: 'updated' })
    expect(updated.verdict?.notes).toContain('1 metric improved (f1_score 0.8800 -> 0.9500); the updated entry holds the new values')
    expect(updated.verdict?.notes.join('\n')).not.toContain('would')
  })

  test('obsolete entries: reported, kept for skipped or failed tests, failing in CI, removed under -u', () => {
    const path = freshPath()
    const seed = new BaselineFileSession(path, 'model.json', 'new')
    for (const key of ['a', 'b > run-1', 'gone', 'skipped test']) seed.check(key, good, {})
    seed.finish(ran('a', 'b', 'gone', 'skipped test'))

    const local = new BaselineFileSession(path, 'model.json', 'new')
    local.check('a', good, {})
    const tests = [...ran('a'), { name: 'b', completed: false }, { name: 'skipped test', completed: false }]
    expect(local.finish(tests)).toEqual({ obsolete: ['gone'], written: false, removed: [], repaired: [] })

    const ci = new BaselineFileSession(path, 'model.json', 'none')
    ci.check('a', good, {})
    expect(ci.finish(tests).obsolete).toEqual(['gone'])

    const update = new BaselineFileSession(path, 'model.json', 'all')
    update.check('a', good, {})
    expect(update.finish(tests)).toEqual({ obsolete: [], written: true, removed: ['gone'], repaired: [] })
    expect(Object.keys(new BaselineStore().read(path)!.entries)).toEqual(['a', 'b > run-1', 'skipped test'])
  })

  test('a corrupt file fails every check and is never written (locally; -u repairs it, see test/baselines/validate-baseline-file.test.ts)', () => {
    const path = freshPath()
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, '{ "entries": ')
    const session = new BaselineFileSession(path, '__baselines__/model.test.ts.json', 'new')
    expect(() => session.check('a', good, {})).toThrow('baseline file __baselines__/model.test.ts.json is not a valid evalgate baseline')
    expect(() => session.finish(ran('a'))).toThrow('left untouched')
    expect(readFileSync(path, 'utf8')).toBe('{ "entries": ')
  })

  test('keyBelongsToTest matches the test name and its named runs only', () => {
    expect(keyBelongsToTest('suite > test', 'suite > test')).toBe(true)
    expect(keyBelongsToTest('suite > test > run-a', 'suite > test')).toBe(true)
    expect(keyBelongsToTest('suite > test two', 'suite > test')).toBe(false)
  })
})

describe('baselinePathFor', () => {
  test('relative folder: beside the test file; absolute: mirrored under it, never outside', () => {
    expect(baselinePathFor('/p/test/a.test.ts', '/p', '__baselines__')).toBe('/p/test/__baselines__/a.test.ts.json')
    expect(baselinePathFor('/p/test/a.test.ts', '/p', '/b')).toBe('/b/test/a.test.ts.json')
    expect(baselinePathFor('/elsewhere/a.test.ts', '/p', '/b')).toBe('/b/a.test.ts.json')
  })
})
