import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { decodeCorrectness, encodeCorrectness } from '../../src/baselines/correctness-bitset.js'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import { BaselineFileSession } from '../../src/baselines/session.js'
import { BaselineStore, parseBaselineFile } from '../../src/baselines/store.js'
import { BASELINE_FILE_VERSION } from '../../src/baselines/types.js'
import { BaselineError } from '../../src/errors.js'
import { handBuiltRun, outcomes } from '../vitest/hand-built-run.js'

describe('stableStringify', () => {
  test('sorts keys at every depth, one value per line, final newline', () => {
    expect(stableStringify({ b: 1, a: { d: [2, 1], c: null } })).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      1\n    ]\n  },\n  "b": 1\n}\n')
  })
  test('drops undefined values', () => {
    expect(stableStringify({ a: undefined, b: 2 })).toBe('{\n  "b": 2\n}\n')
  })
})

describe('correctness bitset', () => {
  test('encodes bit i at byte i>>3, position i&7, and round-trips', () => {
    expect(encodeCorrectness([1, 0, 1]).bits).toBe('BQ==')
    const values = Array.from({ length: 601 }, (_, i) => ((i * 37) % 5 === 0 ? 0 : 1))
    const stored = encodeCorrectness(values)
    expect(stored.bits.length).toBe(Math.ceil(Math.ceil(601 / 8) / 3) * 4)
    expect(Array.from(decodeCorrectness(stored))).toEqual(values)
  })
  test('a bitset of the wrong size is an error', () => {
    expect(() => decodeCorrectness({ encoding: 'bitset-base64', length: 100, bits: 'BQ==' })).toThrow('expected 13 for 100 examples')
  })
})

describe('createBaselineEntry', () => {
  test('tracks headline metrics present in the run, with intervals, slices, fingerprint and correctness', () => {
    const run = handBuiltRun({
      metrics: { accuracy_score: 0.9, f1_score: 0.88, matthews_corrcoef: 0.8 },
      slices: { 'category=billing': { metrics: { accuracy_score: 0.85 }, exampleCount: 150 } },
      correct: outcomes(10, [3]),
    })
    const entry = createBaselineEntry(run)
    expect(Object.keys(entry.metrics)).toEqual(['accuracy_score', 'f1_score'])
    expect(entry.metrics.accuracy_score).toEqual({ value: 0.9, greaterIsBetter: true, lower: 0.87, upper: 0.93, level: 0.95, method: 'multinomial-bootstrap' })
    expect(entry.slices['category=billing']).toEqual({ exampleCount: 150, metrics: { accuracy_score: expect.objectContaining({ value: 0.85 }) } })
    expect(entry.dataset).toEqual({ fingerprint: 'a'.repeat(64), rowCount: 10, targetColumn: 'label' })
    expect(Array.from(decodeCorrectness(entry.correct!))).toEqual(outcomes(10, [3]))
  })
  test('the metrics option chooses what is tracked; slices: false leaves slices out', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, matthews_corrcoef: 0.8 }, slices: { 'category=billing': { metrics: { accuracy_score: 0.85 }, exampleCount: 150 } } })
    const entry = createBaselineEntry(run, { metrics: ['matthews_corrcoef'], slices: false })
    expect(Object.keys(entry.metrics)).toEqual(['matthews_corrcoef'])
    expect(entry.slices).toEqual({})
    expect(entry.correct).toBeUndefined()
  })
})

describe('BaselineStore', () => {
  const folder = mkdtempSync(join(tmpdir(), 'evalgate-store-'))
  const store = new BaselineStore()
  const file = { evalgateBaseline: BASELINE_FILE_VERSION, entries: { 'my test': createBaselineEntry(handBuiltRun()) } }

  test('writes atomically (no temporary file left) and reads back what it wrote', () => {
    const path = join(folder, 'nested/__baselines__/a.test.ts.json')
    store.write(path, file)
    expect(readdirSync(join(folder, 'nested/__baselines__'))).toEqual(['a.test.ts.json'])
    expect(readFileSync(path, 'utf8')).toBe(stableStringify(file))
    expect(store.read(path)).toEqual(file)
  })

  test('a missing file reads as undefined', () => {
    expect(store.read(join(folder, 'absent.json'))).toBeUndefined()
  })

  test('invalid JSON is a BaselineError naming the file and the line', () => {
    const text = stableStringify(file).replace('"entries": {', '"entries": {\n<<<<<<< HEAD')
    const path = join(folder, 'conflict.json')
    writeFileSync(path, text)
    let error: unknown
    try {
      store.read(path)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(BaselineError)
    expect((error as BaselineError).code).toBe('baseline-corrupt')
    expect((error as Error).message).toContain(`baseline file ${path} is not a valid evalgate baseline (line 3): invalid JSON`)
    expect(readFileSync(path, 'utf8')).toBe(text)
  })

  test('a wrong shape names the entry, the field and its line', () => {
    const broken = JSON.parse(stableStringify(file))
    broken.entries['my test'].metrics.f1_score.value = 'high'
    const text = stableStringify(broken)
    const line = text.split('\n').findIndex((l) => l.includes('"f1_score"')) + 1
    expect(() => parseBaselineFile(text, 'x.json')).toThrow(`(line ${line}): entry "my test": metric "f1_score" needs a numeric value`)
    expect(() => parseBaselineFile('{"entries":{},"evalgateBaseline":"1"}', 'x.json')).toThrow('"evalgateBaseline" is "1", expected 1, 2 or 3')
    expect(() => parseBaselineFile('[]', 'x.json')).toThrow('the top level is not an object')
  })

  test('a folder at the baseline file\'s path is named as a folder with the fix, locally, in CI and under -u (adversarial pass 52: "cannot be read: EISDIR" without one)', () => {
    const path = join(folder, 'in-the-way/__baselines__/a.test.ts.json')
    mkdirSync(path, { recursive: true })
    writeFileSync(join(path, 'notes.txt'), 'kept')
    const message = `baseline file ${path} is a folder, not a file (EISDIR), so the baseline can be neither read nor written: remove the folder or rename it (move anything you need out of it first), then run again`
    expect(() => store.read(path)).toThrow(message)
    for (const state of ['new', 'none', 'all'] as const) {
      const session = new BaselineFileSession(path, '__baselines__/a.test.ts.json', state, store)
      expect(() => session.load()).toThrow('baseline file __baselines__/a.test.ts.json is a folder, not a file (EISDIR), so the baseline can be neither read nor written: remove the folder or rename it')
    }
    expect(readFileSync(join(path, 'notes.txt'), 'utf8')).toBe('kept')
  })

  test('an empty entry set removes the file', () => {
    const path = join(folder, 'empty.json')
    store.write(path, file)
    store.write(path, { evalgateBaseline: 1, entries: {} })
    expect(store.read(path)).toBeUndefined()
  })
})
