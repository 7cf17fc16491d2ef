import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { BaselineEntryKeys, keyBelongsToTest } from '../../src/baselines/entry-keys.js'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { BaselineFileSession } from '../../src/baselines/session.js'
import { BaselineStore } from '../../src/baselines/store.js'
import { ConfigError } from '../../src/errors.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const request = (testId: string, testName: string, runName?: string, attempt = '0/0') => ({ testId, testName, attempt, ...(runName !== undefined ? { runName } : {}) })

describe('BaselineEntryKeys (counted like Vitest snapshot keys)', () => {
  test('unnamed checks of a test are counted: "<test> 1", "<test> 2"; the first may read the old plain-name key', () => {
    const keys = new BaselineEntryKeys()
    expect(keys.claim(request('t1', 'suite > model'))).toEqual({ key: 'suite > model 1', legacyKey: 'suite > model', released: [] })
    expect(keys.claim(request('t1', 'suite > model'))).toEqual({ key: 'suite > model 2', released: [] })
  })

  test('named runs keep "<test> > <name>"; a second test of the same full name gets its own entries', () => {
    const keys = new BaselineEntryKeys()
    expect(keys.claim(request('t1', 'model', 'good')).key).toBe('model > good')
    expect(keys.claim(request('t1', 'model')).key).toBe('model 1')
    // same full name, another test (Vitest: another task id): the counts go on
    expect(keys.claim(request('t2', 'model', 'good')).key).toBe('model > good 2')
    const unnamed = keys.claim(request('t2', 'model'))
    expect(unnamed).toEqual({ key: 'model 2', released: [] })
  })

  test('one test checking the same name twice is an error, never a shared entry', () => {
    const keys = new BaselineEntryKeys()
    keys.claim(request('t1', 'model', 'candidate'))
    expect(() => keys.claim(request('t1', 'model', 'candidate'))).toThrow(ConfigError)
    expect(() => keys.claim(request('t1', 'model', 'candidate'))).toThrow('test "model" checks two runs named "candidate" against the baseline')
  })

  test("a key that another test already uses (a run name that looks like a count) is an error", () => {
    const keys = new BaselineEntryKeys()
    // describe('a') > test('b'), unnamed: "a > b 1"; test('a') with a run named "b 1": also "a > b 1"
    expect(keys.claim(request('t1', 'a > b')).key).toBe('a > b 1')
    expect(() => keys.claim(request('t2', 'a', 'b 1'))).toThrow('the baseline entry "a > b 1" of test "a" (run "b 1") is already used by another check in this file')
  })

  test('a test whose same-named predecessor does not run this time is an error: its count would shift onto that test\'s entries', () => {
    const keys = new BaselineEntryKeys()
    expect(() => keys.claim({ ...request('t2', 'twin'), earlierSameNameNotRun: 1 })).toThrow('test "twin" has the same full name as an earlier test in this file that does not run this time')
    expect(() => keys.claim({ ...request('t2', 'twin', 'candidate'), earlierSameNameNotRun: 1 })).toThrow(ConfigError)
    expect(keys.claim({ ...request('t2', 'twin'), earlierSameNameNotRun: 0 }).key).toBe('twin 1')
  })

  test('so is one whose same-named predecessor failed before any check (adversarial pass 64: under -u it overwrote that test\'s entry); one that failed after its check is counted', () => {
    const keys = new BaselineEntryKeys()
    expect(() => keys.claim({ ...request('t2', 'case'), earlierSameNameFailed: ['t1'] })).toThrow('test "case" has the same full name as an earlier test in this file that failed before checking its baseline')
    const counted = new BaselineEntryKeys()
    expect(counted.claim(request('t1', 'case')).key).toBe('case 1')
    expect(counted.claim({ ...request('t2', 'case'), earlierSameNameFailed: ['t1'] }).key).toBe('case 2')
  })

  test("a retry of one of concurrent tests of one name takes its own key again, not a count that is now the other's (adversarial pass 66)", () => {
    const keys = new BaselineEntryKeys()
    expect(keys.claim(request('t1', 'same')).key).toBe('same 1')
    expect(keys.claim(request('t2', 'same')).key).toBe('same 2')
    expect(keys.release('t1')).toEqual(['same 1'])
    expect(keys.claim({ ...request('t1', 'same'), attempt: '1/0' }).key).toBe('same 1')
    expect(keys.claim(request('t3', 'same')).key).toBe('same 3')
  })

  test('a retried test gives its keys back first, so the retry checks the same entries', () => {
    const keys = new BaselineEntryKeys()
    keys.claim(request('t1', 'model'))
    keys.claim(request('t1', 'model', 'x'))
    const retry = keys.claim(request('t1', 'model', undefined, '1/0'))
    expect(retry).toEqual({ key: 'model 1', legacyKey: 'model', released: ['model 1', 'model > x'] })
    expect(keys.claim(request('t1', 'model', 'x', '1/0')).key).toBe('model > x')
  })

  test('keyBelongsToTest: counted keys, named runs and the old plain name of a test, nothing else', () => {
    expect(keyBelongsToTest('suite > test 1', 'suite > test')).toBe(true)
    expect(keyBelongsToTest('suite > test 12', 'suite > test')).toBe(true)
    expect(keyBelongsToTest('suite > test > run-a', 'suite > test')).toBe(true)
    expect(keyBelongsToTest('suite > test > run-a 2', 'suite > test')).toBe(true)
    expect(keyBelongsToTest('suite > test', 'suite > test')).toBe(true)
    expect(keyBelongsToTest('suite > test two', 'suite > test')).toBe(false)
    expect(keyBelongsToTest('suite > test 1x', 'suite > test')).toBe(false)
    expect(keyBelongsToTest('suite > tests 1', 'suite > test')).toBe(false)
  })
})

describe('old plain-name entries', () => {
  const folder = mkdtempSync(join(tmpdir(), 'evalgate-keys-'))
  const good = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88 } })
  const worse = handBuiltRun({ metrics: { accuracy_score: 0.7, f1_score: 0.7 } })

  test('are read as the first unnamed entry (a regression against them fails), kept as they are, and moved to the new key by -u', () => {
    const path = join(folder, 'a/__baselines__/m.test.ts.json')
    const store = new BaselineStore()
    store.write(path, { evalgateBaseline: 1, entries: { model: createBaselineEntry(good) } })

    const ci = new BaselineFileSession(path, 'm.json', 'none')
    const key = ci.claimKey(request('t1', 'model'))
    const check = ci.check(key.key, worse, {}, key.legacyKey)
    expect(check).toMatchObject({ pass: false, status: 'failed' })
    expect(check.notes[0]).toBe('read the entry stored under its old key "model"; `vitest -u` stores it as "model 1"')
    expect(ci.finish([{ name: 'model', completed: true }])).toMatchObject({ obsolete: [], written: false })

    const local = new BaselineFileSession(path, 'm.json', 'new')
    const again = local.claimKey(request('t1', 'model'))
    expect(local.check(again.key, good, {}, again.legacyKey).status).toBe('passed')
    expect(local.finish([{ name: 'model', completed: true }]).written).toBe(false)
    expect(Object.keys(store.read(path)!.entries)).toEqual(['model'])

    const update = new BaselineFileSession(path, 'm.json', 'all')
    const updated = update.claimKey(request('t1', 'model'))
    expect(update.check(updated.key, good, {}, updated.legacyKey).status).toBe('updated')
    expect(update.finish([{ name: 'model', completed: true }])).toMatchObject({ written: true, removed: [] })
    expect(Object.keys(store.read(path)!.entries)).toEqual(['model 1'])
  })

})
