/**
 * Bytes that are not UTF-8 are an error naming the file, row and column (they used to become
 * U+FFFD, merging two labels), in every format; long lines and fields load whole (the loaders
 * are linear in the file size: see bench/data/long-lines.mjs), and a field too long to hold is
 * an error naming the line and the column.
 */
import { parquetWriteFile } from 'hyparquet-writer'
import { afterAll, describe, expect, test } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { loadCsv } from '../../src/data/csv-file.js'
import { loadJsonLines } from '../../src/data/json-lines-file.js'
import { DatasetError } from '../../src/errors.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('utf8')
afterAll(() => folder.remove())

async function loadError(load: Promise<unknown>): Promise<DatasetError> {
  const error = await load.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DatasetError)
  return error as DatasetError
}

const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))))

describe('bytes that are not UTF-8', () => {
  test('CSV: 0xC3 and 0xC4 as two labels: an error naming the file, line, row and column', async () => {
    const path = folder.write('latin.csv', bytes('y,p\nok,ok\n', [0xc3], ',ok\n', [0xc4], ',ok\n'))
    const error = await loadError(loadDataset(path))
    expect(error.code).toBe('DATASET_INVALID_UTF8')
    expect(error.message).toBe(
      `${path}: line 3, row 2, column "y": the bytes 0xC3 are not UTF-8; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)`,
    )
  })

  test('CSV: in a quoted field, in a later column, and in the header', async () => {
    const quoted = folder.write('quoted.csv', bytes('a,b\n1,"x\ny"\n2,"caf', [0xe9], '"\n'))
    expect((await loadError(loadDataset(quoted))).message).toContain('line 4, row 2, column "b": the bytes 0x63 0x61 0x66 0xE9 are not UTF-8')
    const header = folder.write('header.csv', bytes('a,', [0xff], '\n1,2\n'))
    expect((await loadError(loadDataset(header))).message).toContain('line 1, the header, field 2: the bytes 0xFF')
  })

  test('CSV: a real U+FFFD in the data is UTF-8 and loads', async () => {
    const path = folder.write('replacement.csv', 'y\n\uFFFD\nx\n')
    const data = await loadDataset(path)
    expect(data.column('y').values).toEqual(['\uFFFD', 'x'])
  })

  test('JSON Lines: names the line and the column', async () => {
    const path = folder.write('latin.jsonl', bytes('{"y": "a", "p": "a"}\n{"y": "', [0xc3], '", "p": "a"}\n'))
    const error = await loadError(loadDataset(path))
    expect(error.code).toBe('DATASET_INVALID_UTF8')
    expect(error.message).toContain(`${path}: line 2, column "y": bytes that are not UTF-8`)
  })

  test('JSON: names the record and the column', async () => {
    const path = folder.write('latin.json', bytes('[{"y": "a"}, {"y": "b"}, {"y": "', [0xc4], '"}]'))
    const error = await loadError(loadDataset(path))
    expect(error.code).toBe('DATASET_INVALID_UTF8')
    expect(error.message).toContain(`${path}: record 3, column "y": bytes that are not UTF-8`)
  })

  test('Parquet: names the row and the column', async () => {
    const path = folder.path('latin.parquet')
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'y', data: [Uint8Array.from([0x61]), Uint8Array.from([0xc3]), Uint8Array.from([0xc4])], type: 'BYTE_ARRAY' },
      ],
    })
    const error = await loadError(loadDataset(path))
    expect(error.code).toBe('DATASET_INVALID_UTF8')
    expect(error.message).toContain(`${path}: row 2, column "y": the bytes 0xC3 are not UTF-8`)
  })
})

describe('UTF-16 files (a byte order mark FF FE or FE FF) are named as UTF-16, with the iconv line for UTF-16', () => {
  // Before: "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)", which on UTF-16 gives garbage.
  const utf16 = (text: string, order: 'LE' | 'BE'): Buffer => {
    const le = Buffer.from(`\ufeff${text}`, 'utf16le')
    return order === 'LE' ? le : Buffer.from(le).swap16()
  }
  test.each([
    ['data.csv', 'LE', 'FF FE', 'data-utf8.csv'],
    ['data.csv', 'BE', 'FE FF', 'data-utf8.csv'],
    ['data.jsonl', 'LE', 'FF FE', 'data-utf8.jsonl'],
    ['data.json', 'BE', 'FE FF', 'data-utf8.json'],
  ] as const)('%s in UTF-16 %s', async (name, order, mark, converted) => {
    const text = name.endsWith('.csv') ? 'text,label\nhi,greeting\n' : name.endsWith('.jsonl') ? '{"text":"hi","label":"greeting"}\n' : '[{"text":"hi","label":"greeting"}]'
    const path = folder.write(`${order}-${name}`, utf16(text, order))
    const error = await loadError(loadDataset(path))
    expect(error.code).toBe('DATASET_INVALID_UTF8')
    expect(error.message).toBe(`${path} is UTF-16 ${order} text (it starts with the bytes ${mark}), not UTF-8; convert it: iconv -f utf-16 -t utf-8 ${order}-${name} > ${order}-${converted} (or save it as UTF-8)`)
    expect(error.message).not.toContain('latin1')
  })
})

describe('long lines and fields', () => {
  const long = 'ab,c"\n'.repeat(600_000) // 3.6 MB, across several 1 MB (CSV) / 64 KB (JSON Lines) reads

  test('CSV: a 3.6 MB quoted field with newlines and a 3 MB unquoted field load whole', async () => {
    const unquoted = 'x'.repeat(3_000_000)
    const path = folder.write('long.csv', `id,text,label\n1,"${long.replaceAll('"', '""')}",a\n2,${unquoted},b\n3,short,c\n`)
    const data = await loadDataset(path)
    expect(data.rowCount).toBe(3)
    const text = data.column('text').values as string[]
    expect(text[0]).toBe(long)
    expect(text[1]).toBe(unquoted)
    expect(data.column('label').values).toEqual(['a', 'b', 'c'])
  })

  test('JSON Lines: a 3.6 MB line loads whole, and the lines around it too', async () => {
    const path = folder.write('long.jsonl', `{"y": 1}\n${JSON.stringify({ y: 2, text: long })}\n{"y": 3}`)
    const data = await loadDataset(path)
    expect(Array.from(data.column('y').values as Float64Array)).toEqual([1, 2, 3])
    expect(data.value('text', 1)).toBe(long)
  })

  test('CSV: a field longer than a string can hold is an error naming the line and the column', async () => {
    const path = folder.write('big-field.csv', `a,b\n1,short\n2,${'y'.repeat(5000)}\n`)
    const error = await loadError(loadCsv(path, { maxFieldBytes: 4096 }))
    expect(error.code).toBe('DATASET_FIELD_TOO_LARGE')
    expect(error.message).toContain(`${path}: line 3, column "b": a field of 5000 bytes, longer than the 4096 a JavaScript string can hold`)
  })

  test('JSON Lines: a line longer than a string can hold is an error naming the line', async () => {
    const path = folder.write('big-line.jsonl', `{"a": 1}\n{"a": "${'y'.repeat(200_000)}"}\n`)
    const error = await loadError(loadJsonLines(path, { maxLineBytes: 100_000 }))
    expect(error.code).toBe('DATASET_LINE_TOO_LARGE')
    expect(error.message).toContain(`${path}: line 2 is longer than 100000 bytes`)
  })
})
