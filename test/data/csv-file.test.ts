import { afterAll, describe, expect, test } from 'vitest'
import { ColumnarDataset } from '../../src/data/dataset.js'
import { loadDataset, numericColumn } from '../../src/data/index.js'
import { DatasetError } from '../../src/errors.js'
import { tempFolder } from './temp-files.js'

const folder = tempFolder('csv')
afterAll(() => folder.remove())

async function loadText(text: string | Uint8Array, name = 'data.csv') {
  return loadDataset(folder.write(name, text))
}

async function loadError(text: string, name = 'bad.csv'): Promise<DatasetError> {
  try {
    await loadText(text, name)
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError)
    return error as DatasetError
  }
  throw new Error('expected loadDataset to throw')
}

describe('loadDataset: CSV per RFC 4180', () => {
  test('quoted fields keep embedded commas, newlines and doubled quotes', async () => {
    const data = await loadText('id,text\n1,"a, b"\n2,"line one\nline two"\n3,"she said ""hi"""\n4,plain\n')
    expect(data.rowCount).toBe(4)
    expect(data.column('text')).toEqual({
      kind: 'string',
      untyped: true,
      values: ['a, b', 'line one\nline two', 'she said "hi"', 'plain'],
    })
  })

  test('a UTF-8 BOM is not part of the first column name; CRLF line ends are removed', async () => {
    const data = await loadText(Buffer.from('\ufeffname,label\r\nAnna,"x\r\ny"\r\nBen,z\r\n', 'utf8'))
    expect(data.columnNames).toEqual(['name', 'label'])
    expect(data.column('name').values).toEqual(['Anna', 'Ben'])
    // A CRLF inside quotes is data and is kept as written.
    expect(data.column('label').values).toEqual(['x\r\ny', 'z'])
  })

  test('a last line without a line end, blank lines and empty fields', async () => {
    const data = await loadText('a,b,c\n1,,3\n\n4,"",\n7,8,9')
    expect(data.rowCount).toBe(3)
    expect(data.column('a')).toEqual({ kind: 'number', values: new Float64Array([1, 4, 7]) })
    expect(data.column('b')).toEqual({ kind: 'string', values: ['', '', '8'], untyped: true })
    expect(data.column('c')).toEqual({ kind: 'string', values: ['3', '', '9'], untyped: true })
  })

  test('non-ASCII text is decoded as UTF-8, also across the 1 MB read chunks', async () => {
    const row = 'Ünïcødé — 日本語,ok\n'
    const rows = Math.ceil((1 << 20) / Buffer.byteLength(row)) * 2 + 3
    const data = await loadText(`text,flag\n${row.repeat(rows)}`)
    expect(data.rowCount).toBe(rows)
    const text = data.column('text').values as string[]
    expect(text.every((value) => value === 'Ünïcødé — 日本語')).toBe(true)
  })

  test('records and fields that straddle the 1 MB read chunks (two read buffers, in turn) keep every byte; file lines stay right', async () => {
    // Rows with a quoted two-line field, a label column, and one 1.5 MB field in the middle.
    const huge = 'h'.repeat(1_500_000)
    const rowCount = 60_000
    const lines: string[] = ['n,text,label']
    for (let i = 0; i < rowCount; i++) {
      const text = i === 20_000 ? huge : `q${i % 7} ""x""\n${'w'.repeat(i % 50)}${i}`
      lines.push(`${i === 50_000 ? 'n/a' : i},"${text}",label${i % 4}`)
    }
    const data = await loadText(`${lines.join('\n')}\n`, 'chunks.csv')
    expect(data.rowCount).toBe(rowCount)
    const text = data.column('text').values as string[]
    const label = data.column('label').values as string[]
    let wrong = 0
    for (let i = 0; i < rowCount; i++) {
      const expected = i === 20_000 ? huge : `q${i % 7} "x"\n${'w'.repeat(i % 50)}${i}`
      if (text[i] !== expected || label[i] !== `label${i % 4}`) wrong++
    }
    expect(wrong).toBe(0)
    // Row 50,001 starts on line 2 + 2 lines per earlier row, but one fewer: row 20,001 is one line.
    let message = ''
    try {
      numericColumn(data, 'n', 'targets')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('row 50001 (file line 100001) has "n/a"')
  })

  test('an error in the first chunk of a long file stops the load cleanly, with the next chunk already being read', async () => {
    const row = 'a,b\n'
    const text = `x,y\n1,2\n3\n${row.repeat(1_000_000)}`
    await expect(loadText(text, 'ragged-early.csv')).rejects.toThrow(/line 3 has 1 field but the header has 2/)
  })

  test('only canonical number strings make a number column; 007, 1.0 and +1 stay text as written', async () => {
    const data = await loadText('n,zero,dec,plus,exp,big,tiny\n1,007,1.0,+1,1e-7,1e+21,0.000001\n-3,1,2,2,2,2,0.25\n')
    expect(data.column('n')).toEqual({ kind: 'number', values: new Float64Array([1, -3]) })
    expect(data.column('zero')).toEqual({ kind: 'string', values: ['007', '1'], untyped: true })
    expect(data.column('dec')).toEqual({ kind: 'string', values: ['1.0', '2'], untyped: true })
    expect(data.column('plus')).toEqual({ kind: 'string', values: ['+1', '2'], untyped: true })
    // JavaScript prints 1e-7 and 1e+21 exactly like that, so they are canonical numbers.
    expect(data.column('exp')).toEqual({ kind: 'number', values: new Float64Array([1e-7, 2]) })
    expect(data.column('big')).toEqual({ kind: 'number', values: new Float64Array([1e21, 2]) })
    expect(data.column('tiny')).toEqual({ kind: 'number', values: new Float64Array([0.000001, 0.25]) })
  })

  test('a column turns to text at its first non-number and keeps the earlier numbers as written', async () => {
    const data = await loadText('label\n1\n0\n0.5\nyes\n')
    expect(data.column('label')).toEqual({ kind: 'string', values: ['1', '0', '0.5', 'yes'], untyped: true })
  })

  test('labels "1"/"0" load as numbers and numericColumn reads text columns such as "1.0"', async () => {
    const data = await loadText('y,score\n1,1.0\n0,0.50\n')
    expect(data.column('y').kind).toBe('number')
    expect(Array.from(numericColumn(data, 'score', 'scores'))).toEqual([1, 0.5])
  })

  test('repeated text values share one string (interned)', async () => {
    const data = await loadText('label\nspam\nham\nspam\n"spam"\n')
    const values = data.column('label').values as string[]
    expect(values).toEqual(['spam', 'ham', 'spam', 'spam'])
    expect(new Set(values).size).toBe(2)
  })
})

describe('loadDataset: CSV errors name the line and the fix', () => {
  test('a ragged row names its line (counting embedded newlines) and both field counts', async () => {
    const error = await loadError('a,b\n1,"x\ny"\n2\n')
    expect(error.code).toBe('DATASET_RAGGED_ROW')
    expect(error.message).toContain('line 4 has 1 field but the header has 2')
  })

  test('too many fields', async () => {
    const error = await loadError('a,b\n1,2\n3,4,5\n')
    expect(error.code).toBe('DATASET_RAGGED_ROW')
    expect(error.message).toContain('line 3 has 3 fields but the header has 2')
  })

  test('an unterminated quote', async () => {
    const error = await loadError('a,b\n1,2\n3,"never closed\n4,5\n')
    expect(error.code).toBe('DATASET_UNTERMINATED_QUOTE')
    expect(error.message).toContain('line 3')
  })

  test('text after a closing quote', async () => {
    const error = await loadError('a\n"x"y\n')
    expect(error.code).toBe('DATASET_CSV_SYNTAX')
    expect(error.message).toContain('line 2')
  })

  test('duplicate header names', async () => {
    const error = await loadError('id,label,label\n1,a,b\n')
    expect(error.code).toBe('DATASET_DUPLICATE_COLUMN')
    expect(error.message).toContain('"label" twice (columns 2 and 3)')
  })

  test('an empty file and a header without rows', async () => {
    expect((await loadError('', 'empty.csv')).code).toBe('DATASET_EMPTY')
    const headerOnly = await loadError('a,b\n', 'header.csv')
    expect(headerOnly.code).toBe('DATASET_EMPTY')
    expect(headerOnly.message).toContain('only a header')
  })

  test('a missing column lists the columns that exist', async () => {
    const data = await loadText('text,true_sentiment,category\nhi,positive,billing\n')
    expect(() => data.column('sentiment')).toThrowError(
      /column "sentiment" not found in .*data\.csv; columns are: text, true_sentiment, category/,
    )
  })

  test('numericColumn names column, data row, file line and value', async () => {
    const data = await loadText('note,price\n"two\nlines",3.5\nok,abc\n')
    let error: unknown
    try {
      numericColumn(data, 'price', 'targets')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DatasetError)
    expect((error as DatasetError).code).toBe('DATASET_NOT_A_NUMBER')
    expect((error as DatasetError).message).toContain('targets column "price": row 2 (file line 4) has "abc", which is not a number')
  })

  test('numericColumn calls an empty cell empty', async () => {
    const data = await loadText('y\n1\n\n""\n')
    // The blank line is skipped, the quoted empty field is a row.
    expect(data.rowCount).toBe(2)
    expect(() => numericColumn(data, 'y', 'targets')).toThrowError(/row 2 \(file line 4\) is empty/)
  })
})

describe('loadDataset: CSV columns sized from the file size', () => {
  // On the first row the loader reserves the rows the file size suggests at the average length of
  // the first 4,096 lines; these files make that estimate far too high or far too low, and switch
  // a column's type after it.
  const rowsOf = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join('\n')

  test('short rows first, long rows after (estimate far too high): every column holds exactly its rows', async () => {
    const long = 'x'.repeat(2000)
    const text = `n,label,note\n${rowsOf(5000, (i) => `${i / 4},${i % 3 === 0 ? 'a' : 'b'},s`)}\n${rowsOf(300, (i) => `${i + 0.5},c,${long}${i}`)}\n`
    const data = await loadText(text, 'high.csv')
    expect(data.rowCount).toBe(5300)
    const n = data.column('n')
    expect(n.kind).toBe('number')
    expect(n.values.length).toBe(5300)
    // Trimmed, not a view of an array sized for the ~170,000 rows the first 4,096 suggested.
    expect((n.values as Float64Array).buffer.byteLength).toBeLessThanOrEqual(5300 * 8 * 1.125)
    expect([n.values[0], n.values[4999], n.values[5000], n.values[5299]]).toEqual([0, 1249.75, 0.5, 299.5])
    const label = data.column('label').values as string[]
    expect(label.length).toBe(5300)
    expect([label[0], label[1], label[4999], label[5000], label[5299]]).toEqual(['a', 'b', 'b', 'c', 'c'])
    expect(label.filter((v) => v === '').length).toBe(0)
    expect((data.column('note').values as string[])[5299]).toBe(`${long}299`)
  })

  test('long rows first, short rows after (estimate far too low): the columns grow past it', async () => {
    const long = 'y'.repeat(500)
    const text = `n,label,note\n${rowsOf(4200, (i) => `${i},L${i % 5},${long}`)}\n${rowsOf(60_000, (i) => `${-i - 1},S${i % 2},z`)}\n`
    const data = await loadText(text, 'low.csv')
    expect(data.rowCount).toBe(64_200)
    const n = data.column('n').values
    expect(n.length).toBe(64_200)
    expect([n[0], n[4199], n[4200], n[64_199]]).toEqual([0, 4199, -1, -60_000])
    const label = data.column('label').values as string[]
    expect(label.length).toBe(64_200)
    expect([label[4], label[4199], label[4200], label[64_199]]).toEqual(['L4', 'L4', 'S0', 'S1'])
  })

  test('quoted line breaks in every record (estimate three times too high): columns trimmed, lines kept', async () => {
    const text = `n,note\n${rowsOf(5000, (i) => `${i},"a\nb\nc${i}"`)}\n`
    const data = await loadText(text, 'multiline.csv')
    expect(data.rowCount).toBe(5000)
    const n = data.column('n')
    expect(n.kind).toBe('number')
    expect((n.values as Float64Array).buffer.byteLength).toBeLessThanOrEqual(5000 * 8 * 1.125)
    expect([n.values[0], n.values[4999]]).toEqual([0, 4999])
    expect((data.column('note').values as string[])[4999]).toBe('a\nb\nc4999')
    expect(data).toBeInstanceOf(ColumnarDataset)
    const lines = data as ColumnarDataset
    expect([lines.fileLine(0), lines.fileLine(4999)]).toEqual([2, 2 + 3 * 4999])
  })

  test('a column that turns to text after the estimate keeps every cell as written', async () => {
    const text = `id,value\n${rowsOf(6000, (i) => `${i},${i === 5500 ? 'n/a' : i === 5600 ? '1.50' : String(i * 2)}`)}\n`
    const data = await loadText(text, 'turns.csv')
    const value = data.column('value')
    expect(value.kind).toBe('string')
    expect(value.values.length).toBe(6000)
    expect([value.values[0], value.values[5499], value.values[5500], value.values[5600], value.values[5999]]).toEqual(['0', '10998', 'n/a', '1.50', '11998'])
    expect(data.column('id').values.length).toBe(6000)
    expect(data.column('id').kind).toBe('number')
  })
})
