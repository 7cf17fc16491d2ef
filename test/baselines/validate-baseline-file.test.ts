import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { BaselineFileSession } from '../../src/baselines/session.js'
import { stableStringify } from '../../src/baselines/stable-json.js'
import { encodeClassPredictions, encodeValuePredictions } from '../../src/baselines/stored-predictions.js'
import { BaselineStore, parseBaselineFile } from '../../src/baselines/store.js'
import type { BaselineEntry, BaselineFile } from '../../src/baselines/types.js'
import { describeBaselineProblem, ENTRY_PART_CHECKS, validateBaselineFile } from '../../src/baselines/validate-baseline-file.js'
import { BaselineError } from '../../src/errors.js'
import { finishBaselineFile } from '../../src/vitest/finish-baseline-file.js'
import { handBuiltRun, outcomes } from '../vitest/hand-built-run.js'

/** A valid classifier entry of 10 examples with every part: metrics, a slice, correctness, predictions. */
function fullEntry(): BaselineEntry {
  const run = handBuiltRun({
    metrics: { accuracy_score: 0.9, f1_score: 0.88 },
    slices: { 'category=billing': { metrics: { accuracy_score: 0.8 }, exampleCount: 5 } },
    correct: outcomes(10, [3]),
  })
  const entry = createBaselineEntry(run)
  entry.predictions = encodeClassPredictions(Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]), ['negative', 'neutral', 'positive'])
  return entry
}

const fileWith = (entries: Record<string, unknown>): string => stableStringify({ evalgateBaseline: 1, entries })

/** One malformed part per case: how to break it, and what the error must say. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases reach into any part of a parsed entry
const MALFORMED: Array<[string, (entry: Record<string, any>) => void, string]> = [
  ['a correctness bitset of the wrong length', (e) => (e.correct.length = 9), '"correct" holds 9 outcomes for 10 examples'],
  ['a correctness bitset whose bytes do not match its length', (e) => (e.correct.bits = 'AAAA'), '"correct" cannot be decoded: the baseline entry\'s stored correctness cannot be read: the bitset holds 3 bytes, expected 2 for 10 examples'],
  ['a correctness bitset that is not base64', (e) => (e.correct.bits = '!!'), '"correct" bits are not base64'],
  ['stored predictions of the wrong length', (e) => (e.predictions.length = 12), '"predictions" holds 12 predictions for 10 examples'],
  ['stored predictions that are not base64', (e) => (e.predictions.values = 'AAECAAEC*AEC'), '"predictions" values are not base64'],
  ['stored predictions with too few bytes', (e) => (e.predictions.values = 'AAEC'), '"predictions" cannot be decoded: the baseline entry\'s stored predictions cannot be read: they hold 3 bytes, expected 10'],
  ['a stored label index outside the label list', (e) => (e.predictions.labels = ['negative']), '"predictions" cannot be decoded: the baseline entry\'s stored predictions cannot be read: example 1 is label index 1, but only 1 labels are stored'],
  ['stored predictions without labels', (e) => delete e.predictions.labels, 'has malformed "predictions"'],
  ['a metric value that is not a number', (e) => (e.metrics.f1_score.value = '0.88'), 'metric "f1_score" needs a numeric value'],
  ['a metric bound that is not a number', (e) => (e.metrics.f1_score.lower = null), 'metric "f1_score" has a non-numeric lower null'],
  ['a slice metric that is not a number', (e) => (e.slices['category=billing'].metrics.accuracy_score.value = null), 'slice "category=billing": metric "accuracy_score" needs a numeric value'],
  ['metricOptions that are not option values', (e) => (e.metricOptions = { stemmer: [true] }), 'metricOptions is {"stemmer":[true]}, expected option names mapped to values (e.g. { "stemmer": false })'],
  ['a missing dataset', (e) => delete e.dataset, 'has no dataset { fingerprint, rowCount }'],
  ['a missing exampleCount', (e) => delete e.exampleCount, 'exampleCount is undefined, expected a whole number of examples'],
  ['a missing metrics object', (e) => delete e.metrics, 'has no metrics object'],
  ['an unknown model type', (e) => (e.modelType = 'ranker'), 'modelType is "ranker"'],
  ['a positive label that is not a string', (e) => (e.posLabel = 1), 'posLabel is 1, expected a label (a string)'],
  ['an unknown averaging', (e) => (e.average = 'samples'), 'average is "samples", expected one of "weighted", "macro", "micro"'],
  ['per-row scores of the wrong length', (e) => (e.rowScores = { 'rouge1/v1/score': { encoding: 'float64le-base64', length: 9, values: 'AAAAAAAA8D8=' } }), 'has malformed "rowScores" "rouge1/v1/score" (expected float64le-base64 values for 10 examples)'],
  ['row keys of the wrong length', (e) => (e.rowKeys = { encoding: 'uint32le-base64', length: 9, columns: ['text'], values: 'AAAAAA==' }), '"rowKeys" holds 9 keys for 10 examples'],
  ['a project that is not a name', (e) => (e.project = 3), 'has "project" 3, expected the name of a Vitest project'],
  ['a test that is not a name', (e) => (e.test = ''), 'has "test" "", expected the full name of the test that wrote it'],
  ['row keys whose bytes do not match their length', (e) => (e.rowKeys = { encoding: 'uint32le-base64', length: 10, columns: ['text'], values: 'AAAAAA==' }), 'they hold 4 bytes, expected 40 for 10 examples (uint32)'],
  ['row keys without their columns', (e) => (e.rowKeys = { encoding: 'uint32le-base64', length: 10, values: 'AAAAAA==' }), 'has malformed "rowKeys" (expected { encoding: "uint32le-base64", length, columns, values })'],
  ['output texts that are not one string per example', (e) => (e.outputTexts = ['a', 2]), 'has malformed "outputTexts" (expected one output text per example, 10 strings)'],
]

describe('validateBaselineFile', () => {
  test('a full, valid entry has no problem (every part check passes)', () => {
    const validated = validateBaselineFile(fileWith({ 'model 1': fullEntry() }))
    expect(validated.problems).toEqual([])
    expect(validated.file.entries['model 1'].predictions?.length).toBe(10)
    expect(ENTRY_PART_CHECKS.map((check) => check.part)).toEqual(['modelType', 'posLabel', 'average', 'metricOptions', 'exampleCount', 'dataset', 'metrics', 'slices', 'correct', 'predictions', 'rowScores', 'rowKeys', 'project', 'test', 'outputTexts'])
  })

  test.each(MALFORMED)('%s is the corrupt-baseline error naming the file, the entry, the line and what is wrong', (_, breakIt, what) => {
    const entry = JSON.parse(JSON.stringify(fullEntry()))
    breakIt(entry)
    const text = fileWith({ 'good 1': fullEntry(), 'model 1': entry })
    const validated = validateBaselineFile(text)
    expect(validated.problems).toHaveLength(1)
    expect(validated.problems[0].entry).toBe('model 1')
    expect(validated.problems[0].what).toContain(what)
    // the valid entry is kept (what -u repairs from)
    expect(Object.keys(validated.file.entries)).toEqual(['good 1'])
    const start = text.split('\n').findIndex((line) => line.includes('"model 1": {')) + 1
    expect(validated.problems[0].line).toBeGreaterThanOrEqual(start)
    let error: unknown
    try {
      parseBaselineFile(text, '__baselines__/m.test.ts.json')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(BaselineError)
    expect((error as BaselineError).code).toBe('baseline-corrupt')
    expect((error as Error).message).toMatch(new RegExp(`^baseline file __baselines__/m\\.test\\.ts\\.json is not a valid evalgate baseline \\(line ${validated.problems[0].line}\\): entry "model 1"`))
    expect((error as Error).message).toContain(what)
    expect((error as Error).message).toContain('npx vitest run -u')
  })

  test('regressor predictions of the wrong byte count are found at load time', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed entry, changed part by part
    const entry = { ...fullEntry(), modelType: 'regressor', predictions: encodeValuePredictions(Float64Array.from({ length: 10 }, (_, i) => i)) } as Record<string, any>
    delete entry.correct
    expect(validateBaselineFile(fileWith({ r: entry })).problems).toEqual([])
    entry.predictions.values = entry.predictions.values.slice(0, 100)
    expect(validateBaselineFile(fileWith({ r: entry })).problems[0].what).toMatch(/"predictions" (values are not base64|cannot be decoded)/)
  })

  test('a file that is not a baseline at all is unusable, with its line', () => {
    const conflict = validateBaselineFile('{\n  "entries": {\n<<<<<<< HEAD\n')
    expect(conflict).toMatchObject({ unusable: true, problems: [{ line: 3 }] })
    expect(conflict.problems[0].what).toContain('invalid JSON')
    expect(validateBaselineFile('{"entries":{},"evalgateBaseline":"2"}').problems[0].what).toBe('"evalgateBaseline" is "2", expected 1, 2 or 3')
    expect(validateBaselineFile('{"entries":{},"evalgateBaseline":0}').problems[0].what).toBe('"evalgateBaseline" is 0, expected 1, 2 or 3')
  })
})

describe('files edited by hand', () => {
  const text = fileWith({ 'model 1': fullEntry(), 'model 2': fullEntry() })
  const lines = text.split('\n')
  /** 1-based line of the first line containing `part`, at or after line `from`. */
  const lineOf = (part: string, from = 1): number => lines.findIndex((line, i) => i + 1 >= from && line.includes(part)) + 1

  test('a leading UTF-8 byte order mark (Notepad, PowerShell 5) is accepted on read', () => {
    const validated = validateBaselineFile(`\uFEFF${text}`)
    expect(validated.problems).toEqual([])
    expect(Object.keys(validated.file.entries)).toEqual(['model 1', 'model 2'])
    expect(parseBaselineFile(`\uFEFF${text}`, 'a.json').entries['model 2'].predictions?.length).toBe(10)
  })

  test('a file with a byte order mark is rewritten by -u without one, and read as it is otherwise', () => {
    const folder = mkdtempSync(join(tmpdir(), 'evalgate-bom-'))
    const path = join(folder, '__baselines__/m.test.ts.json')
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `\uFEFF${text}`)
    expect(Object.keys(new BaselineStore().read(path)!.entries)).toEqual(['model 1', 'model 2'])
    const unchanged = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'new')
    expect(unchanged.entry('model 1')?.exampleCount).toBe(10)
    expect(unchanged.finish([{ name: 'model', completed: true }]).written).toBe(false)
    expect(readFileSync(path, 'utf8').charCodeAt(0)).toBe(0xfeff)
    const update = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    update.check('model 1', handBuiltRun({ metrics: { accuracy_score: 0.5 }, correct: outcomes(10, [0, 1, 2, 3, 4]) }), {})
    expect(update.finish([{ name: 'model', completed: false }]).written).toBe(true)
    const written = readFileSync(path, 'utf8')
    expect(written.startsWith('{')).toBe(true)
    expect(Object.keys(parseBaselineFile(written, 'a.json').entries)).toEqual(['model 1', 'model 2'])
  })

  test('invalid JSON names the line and column where parsing fails (a stray `tru`), not the line count', () => {
    const at = lineOf('"greaterIsBetter": true', lineOf('"model 2"'))
    const broken = lines.map((line, i) => (i + 1 === at ? line.replace('true', 'tru') : line)).join('\n')
    const validated = validateBaselineFile(broken)
    const column = lines[at - 1].indexOf('true') + 1
    expect(validated.problems[0]).toEqual({ line: at, what: `invalid JSON at column ${column}: unexpected "tru"` })
    expect(() => parseBaselineFile(broken, 'm.json')).toThrow(`baseline file m.json is not a valid evalgate baseline (line ${at}): invalid JSON at column ${column}: unexpected "tru"; it was left untouched`)
  })

  test('a file cut short is located at its last line, never at the empty line after it', () => {
    // the last line of the file is the version; the final closing brace is gone, the final newline kept
    const cut = text.slice(0, text.lastIndexOf('}'))
    const last = lineOf('"evalgateBaseline": 1')
    expect(cut.split('\n')).toHaveLength(last + 1)
    const problem = validateBaselineFile(cut).problems[0]
    expect(problem).toEqual({ line: last, what: `invalid JSON at column ${lines[last - 1].length + 1}: a closing brace "}" is expected at the end of the file` })
  })

  test('a merge conflict marker is named as one, at its line and column', () => {
    const marked = text.replace('    "model 2": {', '<<<<<<< HEAD\n    "model 2": {')
    const line = marked.split('\n').indexOf('<<<<<<< HEAD') + 1
    expect(validateBaselineFile(marked).problems[0]).toEqual({ line, what: 'invalid JSON at column 1: an unresolved merge conflict marker "<<<<<<< HEAD": keep one side and delete the markers' })
  })

  test('a problem whose line cannot be known claims none', () => {
    expect(describeBaselineProblem({ what: 'invalid JSON (Unexpected token)' })).toBe('(line unknown): invalid JSON (Unexpected token)')
  })

  test('of a file that is not JSON, the entries whose own text is valid and well formed are read; every other entry is a problem naming it', () => {
    // a conflict inside "model 2", both sides of one entry ("twin 1"), and a missing closing brace that puts "late 1" inside "eaten 1"
    const late = JSON.stringify({ 'late 1': fullEntry() }).slice(1, -1)
    const conflicted = [
      '{',
      '  "entries": {',
      `    "model 1": ${JSON.stringify(fullEntry())},`,
      `    "model 2": ${JSON.stringify(fullEntry()).replace('"exampleCount":10', '\n<<<<<<< HEAD\n"exampleCount":10,\n=======\n"exampleCount":11,\n>>>>>>> other\n"x":0')},`,
      '<<<<<<< HEAD',
      `    "twin 1": ${JSON.stringify(fullEntry())},`,
      '=======',
      `    "twin 1": ${JSON.stringify(fullEntry())},`,
      '>>>>>>> other',
      `    "eaten 1": ${JSON.stringify(fullEntry()).slice(0, -1)},`,
      `    ${late}`,
      '  },',
      '  "evalgateBaseline": 1',
      '}',
    ].join('\n')
    const at = (part: string): number => conflicted.split('\n').findIndex((line) => line.includes(part)) + 1
    const validated = validateBaselineFile(conflicted)
    expect(validated.unusable).toBe(true)
    expect(Object.keys(validated.file.entries)).toEqual(['model 1'])
    expect(validated.file.entries['model 1']).toEqual(JSON.parse(JSON.stringify(fullEntry())))
    expect(validated.problems.map(describeBaselineProblem)).toEqual([
      `(line ${at('<<<<<<<')}): invalid JSON at column 1: an unresolved merge conflict marker "<<<<<<< HEAD": keep one side and delete the markers`,
      `(line ${at('"model 2"')}): entry "model 2" is not valid JSON: at line ${at('<<<<<<<')}, column 1: an unresolved merge conflict marker "<<<<<<< HEAD": keep one side and delete the markers`,
      `(line ${at('"twin 1"')}): entry "twin 1" appears 2 times (lines ${at('"twin 1"')}, ${at('"twin 1"') + 2}), as after a merge conflict: keep one`,
      `(line ${at('"eaten 1"')}): entry "eaten 1" holds the entry "late 1" (line ${at('"late 1"')}): a closing brace is missing before it`,
      `(line ${at('"late 1"')}): entry "late 1" is not directly inside "entries" (it is inside "eaten 1"): a brace is missing or extra before it`,
    ])
  })

  test('valid JSON with an entry twice (a conflict resolved by keeping both sides): the entry is a problem, not the last copy read silently (adversarial pass 56)', () => {
    const worse = JSON.stringify(fullEntry()).replace('"exampleCount":10', '"exampleCount":10,"x":1')
    const text = ['{', '  "evalgateBaseline": 1,', '  "entries": {', `    "model 1": ${JSON.stringify(fullEntry())},`, `    "twin 1": ${JSON.stringify(fullEntry())},`, `    "twin 1": ${worse}`, '  }', '}'].join('\n')
    expect(() => JSON.parse(text)).not.toThrow()
    const validated = validateBaselineFile(text)
    expect(validated.unusable).toBe(false)
    expect(Object.keys(validated.file.entries)).toEqual(['model 1'])
    expect(validated.problems.map(describeBaselineProblem)).toEqual(['(line 5): entry "twin 1" appears 2 times (lines 5, 6), as after a merge conflict: keep one'])
    // a key repeated in another top-level object is not an entry repeated
    const nested = ['{', '  "evalgateBaseline": 1,', '  "entries": {', `    "model 1": ${JSON.stringify(fullEntry())}`, '  },', '  "extra": { "model 1": 1, "model 1": 2, "deep": { "a": { "b": 1, "b": 2 } } }', '}'].join('\n')
    expect(validateBaselineFile(nested).problems.filter((problem) => / times/.test(problem.what))).toEqual([])
  })

  test('a key repeated inside an entry (both sides of a conflict in its "metrics" block kept): the entry is a problem naming the key and its lines (adversarial pass 58)', () => {
    const entry = JSON.stringify(fullEntry(), null, 2).split('\n').map((line) => `    ${line}`)
    const metricsAt = entry.findIndex((line) => line.trim().startsWith('"metrics"'))
    // the branch's metrics block written again after the first, as "keep both" leaves it
    const block: string[] = []
    for (let depth = 0, i = metricsAt; i < entry.length; i++) {
      block.push(entry[i]!)
      depth += (entry[i]!.match(/[{[]/g) ?? []).length - (entry[i]!.match(/[}\]]/g) ?? []).length
      if (depth === 0) break
    }
    const last = block.length - 1
    const copy = [...block.slice(0, last), block[last]!.replace(/,?$/, ',')]
    const doubled = [...entry.slice(0, metricsAt), ...copy, ...entry.slice(metricsAt)]
    const text = ['{', '  "evalgateBaseline": 1,', '  "entries": {', `    "model 1": ${doubled.join('\n').trimStart()},`, `    "model 2": ${JSON.stringify(fullEntry())}`, '  }', '}'].join('\n')
    expect(() => JSON.parse(text)).not.toThrow()
    const validated = validateBaselineFile(text)
    expect(Object.keys(validated.file.entries)).toEqual(['model 2'])
    const first = text.split('\n').findIndex((line) => line.trim().startsWith('"metrics"')) + 1
    const second = text.split('\n').findIndex((line, i) => i >= first && line.trim().startsWith('"metrics"')) + 1
    expect(validated.problems.map(describeBaselineProblem)).toEqual([`(line ${first}): entry "model 1" holds "metrics" 2 times in one object (lines ${first}, ${second}), as after a merge conflict: keep one`])
  })

  test('a key repeated deeper in an entry is located by the keys above it (adversarial pass 59)', () => {
    const text = ['{', '  "evalgateBaseline": 1,', '  "entries": {', '    "model 1": {', '      "slices": { "region=eu": { "metrics": {', '        "value": 1,', '        "value": 2', '      } } }', '    }', '  }', '}'].join('\n')
    expect(validateBaselineFile(text).problems.map(describeBaselineProblem)).toEqual(['(line 6): entry "model 1" holds "value" 2 times in one object (in "slices" > "region=eu" > "metrics") (lines 6, 7), as after a merge conflict: keep one'])
  })
})

describe('-u repairs a malformed file; other modes leave it untouched', () => {
  const folder = mkdtempSync(join(tmpdir(), 'evalgate-validate-'))
  let counter = 0
  const good = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88 }, correct: outcomes(10, [3]) })

  function malformedFile(): string {
    const path = join(folder, `f${++counter}/__baselines__/m.test.ts.json`)
    mkdirSync(dirname(path), { recursive: true })
    const broken = JSON.parse(JSON.stringify(fullEntry()))
    broken.correct.length = 9
    const untouched = fullEntry()
    writeFileSync(path, fileWith({ 'model 1': broken, 'model 2': broken, 'skipped 1': untouched }))
    return path
  }

  test("'new' and 'none' fail every check with the corrupt error and write nothing", () => {
    for (const state of ['new', 'none'] as const) {
      const path = malformedFile()
      const before = readFileSync(path, 'utf8')
      const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', state)
      expect(() => session.check('model 1', good, {})).toThrow(/^baseline file __baselines__\/m\.test\.ts\.json is not a valid evalgate baseline \(line \d+\): entry "model 1": "correct" holds 9 outcomes for 10 examples/)
      expect(() => session.finish([{ name: 'model', completed: true }])).toThrow('left untouched')
      expect(readFileSync(path, 'utf8')).toBe(before)
    }
  })

  test("'all' rewrites the checked malformed entry, drops the unchecked malformed one, keeps valid entries, and says so", () => {
    const path = malformedFile()
    const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    const check = session.check('model 1', good, {})
    expect(check).toMatchObject({ pass: true, status: 'written' })
    expect(check.notes.join('\n')).toMatch(/the stored baseline was malformed \(line \d+\): entry "model 1": "correct" holds 9 outcomes for 10 examples; it is rewritten/)
    const result = session.finish([{ name: 'model', completed: true }, { name: 'skipped', completed: false }])
    expect(result.written).toBe(true)
    expect(result.repaired).toHaveLength(2)
    const file = new BaselineStore().read(path) as BaselineFile
    expect(Object.keys(file.entries)).toEqual(['model 1', 'skipped 1'])
    expect(file.entries['model 1'].correct?.length).toBe(10)
  })

  test("'all' (`vitest run -u -t ...`) on a file with a merge conflict keeps the well-formed entries of tests that did not run and names each entry it drops, and why", () => {
    const path = join(folder, `f${++counter}/__baselines__/m.test.ts.json`)
    mkdirSync(dirname(path), { recursive: true })
    const valid = fileWith({ 'classifier 1': fullEntry(), 'classifier no slices 1': fullEntry(), 'old model 1': fullEntry() })
    // both sides of the conflict changed a value of "classifier no slices 1"; "old model 1" is cut by a stray `tru`
    const conflicted = valid
      .replace(/("classifier no slices 1": \{[^]*?\n)( *"exampleCount": 10,)/, '$1<<<<<<< HEAD\n$2\n=======\n      "exampleCount": 11,\n>>>>>>> other')
      .replace(/("old model 1": \{[^]*?"greaterIsBetter": )true/, '$1tru')
    writeFileSync(path, conflicted)
    const lineOf = (part: string): number => conflicted.split('\n').findIndex((line) => line.includes(part)) + 1
    const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    const check = session.check('classifier no slices 1', good, {})
    expect(check.status).toBe('written')
    expect(check.notes.join('\n')).toContain(`the stored baseline was malformed (line ${lineOf('"classifier no slices 1"')}): entry "classifier no slices 1" is not valid JSON: at line ${lineOf('<<<<<<<')}, column 1: an unresolved merge conflict marker`)
    // "old model" is a test no longer in the file: its malformed entry is dropped
    const result = session.finish([
      { name: 'classifier', completed: false },
      { name: 'classifier no slices', completed: true },
    ])
    expect(result.written).toBe(true)
    const file = new BaselineStore().read(path)!
    expect(Object.keys(file.entries)).toEqual(['classifier 1', 'classifier no slices 1'])
    expect(file.entries['classifier 1']).toEqual(JSON.parse(JSON.stringify(fullEntry())))
    const marker = 'an unresolved merge conflict marker "<<<<<<< HEAD": keep one side and delete the markers'
    const tru = `at line ${lineOf('tru,')}, column ${conflicted.split('\n')[lineOf('tru,') - 1].indexOf('tru') + 1}: unexpected "tru"`
    expect(result.repaired).toEqual([
      `(line ${lineOf('<<<<<<<')}): invalid JSON at column 1: ${marker}; 1 well-formed entry kept`,
      `(line ${lineOf('"classifier no slices 1"')}): entry "classifier no slices 1" is not valid JSON: at line ${lineOf('<<<<<<<')}, column 1: ${marker}; rewritten by this run`,
      `(line ${lineOf('"old model 1"')}): entry "old model 1" is not valid JSON: ${tru}; dropped`,
    ])
    expect(finishBaselineFile(new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all'), [{ name: 'classifier', completed: false }, { name: 'classifier no slices', completed: false }])).toEqual([])
  })

  test('`-u -t other` on a conflicted entry of a test that did not run: the file is left untouched and the error says how to repair it (was: the entry dropped, and the next local run wrote that test\'s baseline afresh)', () => {
    const path = join(folder, `f${++counter}/__baselines__/m.test.ts.json`)
    mkdirSync(dirname(path), { recursive: true })
    const valid = fileWith({ 'one 1': fullEntry(), 'three 1': fullEntry() })
    const conflicted = valid.replace(/("three 1": \{[^]*?\n)( *"exampleCount": 10,)/, '$1<<<<<<< HEAD\n$2\n=======\n      "exampleCount": 11,\n>>>>>>> other')
    writeFileSync(path, conflicted)
    const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    session.check('one 1', good, {})
    expect(() => session.finish([{ name: 'one', completed: true, ran: true }, { name: 'three', completed: false, ran: false }])).toThrow(
      /^baseline file __baselines__\/m\.test\.ts\.json was left untouched: entry "three 1" is malformed \(.*\) and its test did not run \(a -t or file filter, \.skip\), so -u can neither rewrite nor keep it; resolve the conflict in the file by hand, or run -u on the whole file \(`vitest run m\.test\.ts -u`, without -t\)$/,
    )
    expect(readFileSync(path, 'utf8')).toBe(conflicted)
    // the test ran and failed before its check (a fixture threw): the same, as a failed test's
    // well-formed entry is kept (adversarial pass 64: dropped, the next run wrote it afresh)
    const again = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    again.check('one 1', good, {})
    expect(() => again.finish([{ name: 'one', completed: true, ran: true }, { name: 'three', completed: false, ran: true }])).toThrow(
      /^baseline file __baselines__\/m\.test\.ts\.json was left untouched: entry "three 1" is malformed \(.*\) and its test failed before checking it, so -u can neither rewrite nor keep it; resolve the conflict in the file by hand, or make the test pass and run -u again$/,
    )
    expect(readFileSync(path, 'utf8')).toBe(conflicted)
    // once it passes, -u rewrites it; a test no longer in the file has its entry dropped and named
    const repaired = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    repaired.check('one 1', good, {})
    expect(repaired.finish([{ name: 'one', completed: true, ran: true }]).repaired.join('\n')).toContain('entry "three 1" is not valid JSON')
  })

  test('a plain `-u -t` on a valid file keeps the entries of tests that did not run', () => {
    const path = join(folder, `f${++counter}/__baselines__/m.test.ts.json`)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, fileWith({ 'classifier 1': fullEntry(), 'classifier no slices 1': fullEntry() }))
    const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    session.check('classifier no slices 1', good, {})
    const warnings = finishBaselineFile(session, [{ name: 'classifier', completed: false }, { name: 'classifier no slices', completed: true }])
    expect(warnings).toEqual([])
    const file = new BaselineStore().read(path)!
    expect(Object.keys(file.entries)).toEqual(['classifier 1', 'classifier no slices 1'])
    expect(file.entries['classifier 1']).toEqual(JSON.parse(JSON.stringify(fullEntry())))
  })

  test("'all' rewrites a file that is not JSON at all (a merge conflict) from this run's checks", () => {
    const path = join(folder, `f${++counter}/__baselines__/m.test.ts.json`)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, '{\n<<<<<<< HEAD\n')
    const session = new BaselineFileSession(path, '__baselines__/m.test.ts.json', 'all')
    expect(session.check('model 1', good, {}).status).toBe('written')
    expect(session.finish([{ name: 'model', completed: true }]).written).toBe(true)
    expect(Object.keys(new BaselineStore().read(path)!.entries)).toEqual(['model 1'])
  })
})
