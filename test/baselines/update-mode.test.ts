import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { BaselineFileSession } from '../../src/baselines/session.js'
import { BaselineStore } from '../../src/baselines/store.js'
import { BASELINE_FILE_VERSION, type BaselineFile } from '../../src/baselines/types.js'
import { BaselineError } from '../../src/errors.js'
import { resolveUpdateMode } from '../../src/vitest/baseline-files.js'
import { handBuiltRun, outcomes } from '../vitest/hand-built-run.js'

const folder = mkdtempSync(join(tmpdir(), 'evalgate-mode-'))
let counter = 0
const freshPath = () => join(folder, `f${++counter}/__baselines__/model.test.ts.json`)
const good = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88 } })
const worse = handBuiltRun({ metrics: { accuracy_score: 0.7, f1_score: 0.7 } })
const ran = [{ name: 'model', completed: true }]

describe('resolveUpdateMode: CI never writes unless the job opts in', () => {
  test('outside CI, Vitest decides (new, or all under -u)', () => {
    expect(resolveUpdateMode('new', false, {})).toEqual({ state: 'new', requested: 'new', ci: false, optedIn: false })
    expect(resolveUpdateMode('all', false, {}).state).toBe('all')
    expect(resolveUpdateMode(undefined, false, {}).state).toBe('new')
  })

  test('in CI, -u (Vitest: all) and --update=new write nothing', () => {
    expect(resolveUpdateMode('all', true, {})).toEqual({ state: 'none', requested: 'all', ci: true, optedIn: false })
    expect(resolveUpdateMode('new', true, {}).state).toBe('none')
    expect(resolveUpdateMode(undefined, true, {}).state).toBe('none')
  })

  test('EVALGATE_UPDATE_BASELINES=1 (or true / yes) lets a CI job write with -u; other values do not', () => {
    expect(resolveUpdateMode('all', true, { EVALGATE_UPDATE_BASELINES: '1' })).toEqual({ state: 'all', requested: 'all', ci: true, optedIn: true })
    expect(resolveUpdateMode('all', true, { EVALGATE_UPDATE_BASELINES: 'TRUE' }).state).toBe('all')
    expect(resolveUpdateMode('all', true, { EVALGATE_UPDATE_BASELINES: '0' }).state).toBe('none')
    expect(resolveUpdateMode('all', true, { EVALGATE_UPDATE_BASELINES: '' }).state).toBe('none')
    // opting in does not write without -u: Vitest's own CI state stays none
    expect(resolveUpdateMode('none', true, { EVALGATE_UPDATE_BASELINES: '1' }).state).toBe('none')
  })
})

describe('a session in CI under -u', () => {
  const ciUpdate = resolveUpdateMode('all', true, {})

  test('a regression fails, the file is not rewritten, and the message says how to update', () => {
    const path = freshPath()
    const seed = new BaselineFileSession(path, 'model.json', 'new')
    seed.check('model 1', good, {})
    seed.finish(ran)
    const before = readFileSync(path, 'utf8')

    const session = new BaselineFileSession(path, '__baselines__/model.test.ts.json', ciUpdate)
    const check = session.check('model 1', worse, {})
    expect(check).toMatchObject({ pass: false, status: 'failed' })
    expect(check.notes).toContain('baselines were not updated: CI is set')
    expect(session.finish(ran).written).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(session.updateAdvice()).toBe(
      'Baselines are never written when CI is set (`-u` was ignored): to accept the current numbers, run `npx vitest run -u` locally and commit __baselines__/model.test.ts.json, or let a CI job write them by setting EVALGATE_UPDATE_BASELINES=1 and running `vitest run -u`.',
    )
  })

  test('a missing entry fails with the same advice and nothing is written', () => {
    const path = freshPath()
    const session = new BaselineFileSession(path, 'model.json', ciUpdate)
    const check = session.check('model 1', good, {})
    expect(check).toMatchObject({ pass: false, status: 'missing' })
    expect(check.reason).toBe('no baseline entry "model 1" in model.json. ' + session.updateAdvice())
    expect(check.reason).toContain('EVALGATE_UPDATE_BASELINES=1')
    session.finish(ran)
    expect(existsSync(dirname(path))).toBe(false)
  })

  test('opted in, -u writes in CI', () => {
    const path = freshPath()
    const session = new BaselineFileSession(path, 'model.json', resolveUpdateMode('all', true, { EVALGATE_UPDATE_BASELINES: '1' }))
    expect(session.check('model 1', good, {}).status).toBe('written')
    expect(session.finish(ran).written).toBe(true)
  })
})

describe('--update=none outside CI', () => {
  test('writes nothing, and the advice is the local one, not the CI opt-in (adversarial pass 64)', () => {
    const session = new BaselineFileSession(freshPath(), '__baselines__/model.test.ts.json', resolveUpdateMode('none', false, {}))
    const check = session.check('model 1', good, {})
    expect(check).toMatchObject({ pass: false, status: 'missing' })
    expect(session.updateAdvice()).toBe('This run writes no baselines (`--update=none`): to accept the current numbers, run `npx vitest run -u` and commit __baselines__/model.test.ts.json.')
    expect(new BaselineFileSession(freshPath(), 'm.json', resolveUpdateMode('none', true, { EVALGATE_UPDATE_BASELINES: '1' })).updateAdvice()).toContain('EVALGATE_UPDATE_BASELINES=1 is set')
  })
})

describe('failures that are not the gate', () => {
  test('a stored part that only fails when decoded at comparison time is the corrupt-baseline error, and -u rewrites it', () => {
    // a store that skips validation hands the session an entry whose bitset does not decode
    const entry = createBaselineEntry(handBuiltRun({ metrics: { accuracy_score: 0.9 }, correct: outcomes(10, []) }))
    entry.correct = { encoding: 'bitset-base64', length: 10, bits: 'AA==' }
    const file: BaselineFile = { evalgateBaseline: 1, entries: { 'model 1': entry } }
    const store = new (class extends BaselineStore {
      override readValidated() {
        return { text: JSON.stringify(file), validated: { file, problems: [], unusable: false } }
      }
      override write() {}
    })()
    const dropped = handBuiltRun({ metrics: { accuracy_score: 0.5 }, correct: outcomes(10, [0, 1, 2, 3, 4]) })
    const local = new BaselineFileSession('/x/__baselines__/m.json', '__baselines__/m.json', 'new', store)
    expect(() => local.check('model 1', dropped, {})).toThrow(/^baseline file __baselines__\/m\.json is not a valid evalgate baseline \(line 1\): entry "model 1": cannot be compared: .*bitset holds 1 bytes, expected 2 for 10 examples/)
    const update = new BaselineFileSession('/x/__baselines__/m.json', '__baselines__/m.json', 'all', store)
    const check = update.check('model 1', dropped, {})
    expect(check.status).toBe('updated')
    expect(check.notes[0]).toMatch(/cannot be compared: .*bitset holds 1 bytes/)
  })

  test('a folder that cannot be written is a clear error naming the baseline file, not a temporary file', () => {
    const path = freshPath()
    // a file where the __baselines__ folder should be: fails for every user, root included
    mkdirSync(dirname(dirname(path)), { recursive: true })
    writeFileSync(dirname(path), 'not a folder')
    const session = new BaselineFileSession(path, '__baselines__/model.test.ts.json', 'new')
    session.check('model 1', good, {})
    let error: unknown
    try {
      session.finish(ran)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(BaselineError)
    expect((error as BaselineError).code).toBe('baseline-unwritable')
    expect((error as Error).message).toMatch(/^baseline file __baselines__\/model\.test\.ts\.json cannot be written \((ENOTDIR|EEXIST): a file is in the way of the baseline folder\): make the folder __baselines__ and the file writable/)
    expect((error as Error).message).not.toContain('.tmp')
  })

  test('a read-only folder: EACCES names the baseline file and the fix (real chmod when not root; as root, which chmod does not stop, the error the OS gives)', () => {
    const path = freshPath()
    mkdirSync(dirname(path), { recursive: true })
    const root = process.getuid?.() === 0
    const refusing = (target: string): void => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${dirname(target)}/.model.test.ts.json.1.ab12cd34.tmp'`), { code: 'EACCES', syscall: 'open' })
    }
    const store = root ? new BaselineStore(refusing) : new BaselineStore()
    if (!root) chmodSync(dirname(path), 0o500)
    try {
      const session = new BaselineFileSession(path, '__baselines__/model.test.ts.json', 'new', store)
      session.check('model 1', good, {})
      let message = ''
      try {
        session.finish(ran)
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/^baseline file __baselines__\/model\.test\.ts\.json cannot be written \(EACCES: permission denied: the baseline folder or file is read-only\): make the folder __baselines__ and the file writable \(e\.g\. `chmod -R u\+w __baselines__`/)
      expect(message).not.toContain('.tmp')
    } finally {
      if (!root) chmodSync(dirname(path), 0o700)
    }
  })
})

// Upgrade pass 22p: a teammate on an earlier version rewrote today's file with `-u`, dropping
// metricOptions and the other fields it did not know, and a summarization run with another
// stemmer then passed CI. Files are version 2 now, which earlier versions refuse; a version this
// one does not read is refused too, `-u` included.
describe('layout versions', () => {
  const seeded = (version: number): { path: string; text: string } => {
    const path = freshPath()
    const seed = new BaselineFileSession(path, 'model.json', 'new')
    seed.check('model 1', good, {})
    seed.finish(ran)
    const text = readFileSync(path, 'utf8').replace(`"evalgateBaseline": ${BASELINE_FILE_VERSION}`, `"evalgateBaseline": ${version}`)
    writeFileSync(path, text)
    return { path, text }
  }

  test('files are written as version 2', () => {
    const path = freshPath()
    const session = new BaselineFileSession(path, 'model.json', 'new')
    session.check('model 1', good, {})
    session.finish(ran)
    expect(BASELINE_FILE_VERSION).toBe(2)
    expect(JSON.parse(readFileSync(path, 'utf8')).evalgateBaseline).toBe(2)
  })

  test('a version 1 file is read as it is, left as it is when nothing changes, and written as 2 when an entry changes', () => {
    const { path, text } = seeded(1)
    const unchanged = new BaselineFileSession(path, 'model.json', 'none')
    expect(unchanged.check('model 1', good, {})).toMatchObject({ pass: true })
    expect(unchanged.finish(ran).written).toBe(false)
    const local = new BaselineFileSession(path, 'model.json', 'new')
    local.check('model 1', good, {})
    expect(local.finish(ran).written).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe(text)
    const update = new BaselineFileSession(path, 'model.json', 'all')
    update.check('model 1', worse, {})
    expect(update.finish(ran).written).toBe(true)
    expect(JSON.parse(readFileSync(path, 'utf8')).evalgateBaseline).toBe(2)
  })

  test('a file of a newer layout is refused in every mode, -u included, and left untouched', () => {
    const { path, text } = seeded(4)
    for (const mode of ['none', 'new', 'all'] as const) {
      const session = new BaselineFileSession(path, '__baselines__/model.test.ts.json', mode)
      expect(() => session.check('model 1', worse, {})).toThrow(
        'baseline file __baselines__/model.test.ts.json was written by a newer evalgate (baseline format 4; this version reads formats 1, 2 and 3) and was left untouched: upgrade evalgate in this project (`npm install -D evalgate@latest`, or the version your team uses) and run again',
      )
      expect(() => session.finish(ran)).toThrow(BaselineError)
      expect(readFileSync(path, 'utf8')).toBe(text)
    }
  })
})

describe('the project that wrote an entry (adversarial passes 26 and 27)', () => {
  const entryOf = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as BaselineFile).entries['model 1']!

  test('another named project is refused; a run without a project name (one project, from its own folder) is not, and keeps the name when it rewrites the entry', () => {
    const path = freshPath()
    const seed = new BaselineFileSession(path, 'model.json', 'new')
    seed.check('model 1', good, {}, undefined, '@acme/evals')
    seed.finish(ran)
    expect(entryOf(path).project).toBe('@acme/evals')
    expect(() => new BaselineFileSession(path, 'model.json', 'none').check('model 1', good, {}, undefined, 'large')).toThrow(
      'the baseline entry "model 1" in model.json was written by the Vitest project "@acme/evals", and this test runs in "large"',
    )
    expect(new BaselineFileSession(path, 'model.json', 'none').check('model 1', good, {}).pass).toBe(true)
    const unnamed = new BaselineFileSession(path, 'model.json', 'all')
    unnamed.check('model 1', good, {})
    unnamed.finish(ran)
    expect(entryOf(path).project).toBe('@acme/evals')
  })

  test('-u from another project takes the entry over and says so (a warning), since the old project is refused from then on', () => {
    const path = freshPath()
    const seed = new BaselineFileSession(path, 'model.json', 'new')
    seed.check('model 1', good, {}, undefined, 'small')
    seed.finish(ran)
    const update = new BaselineFileSession(path, 'model.json', 'all')
    const check = update.check('model 1', good, {}, undefined, 'large')
    update.finish(ran)
    expect(entryOf(path).project).toBe('large')
    expect(check.warnings).toEqual([expect.stringContaining('the entry was written by the Vitest project "small" and now records "large": a run of "small" is refused until it is updated')])
    // the same project updating its own entry: nothing to say
    const again = new BaselineFileSession(path, 'model.json', 'all')
    expect(again.check('model 1', good, {}, undefined, 'large').warnings).toBeUndefined()
  })
})
