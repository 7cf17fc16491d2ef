import { afterAll, describe, expect, test } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { DatasetError } from '../../src/errors.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('json')
afterAll(() => folder.remove())

async function loadError(name: string, text: string, options?: { format?: 'csv' | 'jsonl' | 'json' | 'parquet' }): Promise<DatasetError> {
  try {
    await loadDataset(folder.write(name, text), options)
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError)
    return error as DatasetError
  }
  throw new Error('expected loadDataset to throw')
}

describe('loadDataset: JSON Lines', () => {
  test('values keep their JSON types; null and missing keys make a mixed column', async () => {
    const path = folder.write(
      'rows.jsonl',
      '\ufeff{"text":"hi","label":"1","score":0.5,"ok":true}\r\n\n{"text":"yo","label":"0","score":1,"ok":false,"extra":null}\n{"text":"hey","label":"1","score":2}',
    )
    const data = await loadDataset(path)
    expect(data.rowCount).toBe(3)
    expect(data.columnNames).toEqual(['text', 'label', 'score', 'ok', 'extra'])
    expect(data.column('label')).toEqual({ kind: 'string', values: ['1', '0', '1'] })
    expect(data.column('score')).toEqual({ kind: 'number', values: new Float64Array([0.5, 1, 2]) })
    expect(data.column('ok')).toEqual({ kind: 'mixed', values: [true, false, null] })
    expect(data.column('extra')).toEqual({ kind: 'mixed', values: [null, null, null] })
    expect(data.value('ok', 0)).toBe(true)
  })

  test('lines and multi-byte characters split across 64 KB read chunks come out whole', async () => {
    const rows = 6000
    const lines = Array.from({ length: rows }, (_, i) => JSON.stringify({ i, text: `ünïcødé 日本語 ${i}` }))
    const data = await loadDataset(folder.write('many.jsonl', `${lines.join('\n')}\n`))
    expect(data.rowCount).toBe(rows)
    const text = data.column('text').values as string[]
    expect(text.every((value, i) => value === `ünïcødé 日本語 ${i}`)).toBe(true)
    expect(data.column('i')).toEqual({ kind: 'number', values: Float64Array.from({ length: rows }, (_, i) => i) })
  })

  test('.ndjson is JSON Lines too', async () => {
    const data = await loadDataset(folder.write('rows.ndjson', '{"a":1}\n{"a":2}\n'))
    expect(data.column('a')).toEqual({ kind: 'number', values: new Float64Array([1, 2]) })
  })

  test('an invalid line names its line number', async () => {
    const error = await loadError('bad.jsonl', '{"a":1}\n\n{"a":2,}\n')
    expect(error.code).toBe('DATASET_INVALID_JSON_LINE')
    expect(error.message).toContain('line 3 is not valid JSON')
  })

  test('a line that is not an object', async () => {
    const error = await loadError('array.jsonl', '{"a":1}\n[1,2]\n')
    expect(error.code).toBe('DATASET_INVALID_JSON_LINE')
    expect(error.message).toContain('line 2 is an array')
  })

  test('only blank lines', async () => {
    expect((await loadError('blank.jsonl', '\n\n')).code).toBe('DATASET_EMPTY')
  })
})

describe('loadDataset: JSON arrays of records', () => {
  test('records become typed columns', async () => {
    const data = await loadDataset(folder.write('rows.json', JSON.stringify([{ y: 1, p: 'a' }, { y: 0, p: 'b' }])))
    expect(data.column('y')).toEqual({ kind: 'number', values: new Float64Array([1, 0]) })
    expect(data.rows()).toEqual([{ y: 1, p: 'a' }, { y: 0, p: 'b' }])
  })

  test('not an array, not records, empty', async () => {
    expect((await loadError('object.json', '{"rows": []}')).code).toBe('DATASET_NOT_RECORDS')
    expect((await loadError('numbers.json', '[1, 2]')).message).toContain('record 1 is 1, not an object')
    expect((await loadError('empty.json', '[]')).code).toBe('DATASET_EMPTY')
    expect((await loadError('broken.json', '[{"a": 1')).code).toBe('DATASET_INVALID_JSON')
  })
})

describe('loadDataset: format and file errors', () => {
  test('file not found names the path', async () => {
    await expect(loadDataset(folder.path('missing.csv'))).rejects.toMatchObject({
      code: 'DATASET_FILE_NOT_FOUND',
      message: expect.stringContaining('missing.csv'),
    })
  })

  test('an unknown extension lists the formats; options.format overrides the extension', async () => {
    const error = await loadError('rows.txt', 'a\n1\n')
    expect(error.code).toBe('DATASET_UNKNOWN_FORMAT')
    expect(error.message).toContain('.csv, .jsonl, .ndjson, .json or .parquet')
    // The option is loadDataset's (the CLI has no flag for it), and a TSV is not a CSV under another name.
    expect(error.message).toContain("in code, loadDataset(path, { format: 'csv' | 'jsonl' | 'json' | 'parquet' }) reads a file of any name")
    expect((await loadError('rows.tsv', 'a\tb\n1\t2\n')).message).toMatch(/tab-separated files are not read: save it as CSV \(comma-separated\)$/)
    const data = await loadDataset(folder.write('rows2.txt', 'a\n1\n'), { format: 'csv' })
    expect(data.column('a').values).toEqual(new Float64Array([1]))
    const bad = await loadError('rows3.txt', 'a\n1\n', { format: 'xlsx' as 'csv' })
    expect(bad.code).toBe('DATASET_UNKNOWN_FORMAT')
  })
})
