/**
 * An entry records the full name of the test that wrote it, and a check of another test that
 * makes the same key is an error in every mode: describe('ranker') > test('candidate') and
 * test('ranker') checking a run named "candidate 1" both make "ranker > candidate 1", and under
 * a `-t` filter one compared with, and `-u` overwrote, the other's entry (adversarial pass 64).
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { BaselineFileSession } from '../../src/baselines/session.js'
import { BaselineError } from '../../src/errors.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const run = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88 } })
const KEY = 'ranker > candidate 1'

function written(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'evalgate-writer-')), '__baselines__/m.test.ts.json')
  const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'new')
  expect(session.check(KEY, run, {}, undefined, undefined, 'ranker > candidate').status).toBe('written')
  session.finish([{ name: 'ranker > candidate', completed: true, ran: true }])
  expect(JSON.parse(readFileSync(path, 'utf8')).entries[KEY].test).toBe('ranker > candidate')
  return path
}

describe('the test that wrote an entry', () => {
  test.each(['new', 'none', 'all'] as const)('another test making the same key is refused (%s)', (mode) => {
    const path = written()
    const before = readFileSync(path, 'utf8')
    const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', mode)
    expect(() => session.check(KEY, run, {}, undefined, undefined, 'ranker')).toThrow(BaselineError)
    expect(() => session.check(KEY, run, {}, undefined, undefined, 'ranker')).toThrow(
      'the baseline entry "ranker > candidate 1" in __baselines__/m.test.ts.json was written by the test "ranker > candidate", and the test "ranker" makes the same key',
    )
    session.finish([{ name: 'ranker', completed: false, ran: true }, { name: 'ranker > candidate', completed: false, ran: false }])
    expect(readFileSync(path, 'utf8')).toBe(before)
  })

  test('the test that wrote it checks it as before; an entry that names no test is checked by any', () => {
    const path = written()
    expect(new BaselineFileSession(path, 'm.json', 'none').check(KEY, run, {}, undefined, undefined, 'ranker > candidate').status).toBe('passed')
    expect(new BaselineFileSession(path, 'm.json', 'none').check(KEY, run, {}).status).toBe('passed')
  })
})
