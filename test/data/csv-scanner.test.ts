import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { parsePlainDecimal } from '../../src/data/column-builder.js'
import { scanCsv } from '../../src/data/csv-scanner.js'

/** Scans `bytes` cut into chunks at `cuts`; returns the records as strings and their lines. */
async function scanInChunks(bytes: Buffer, cuts: number[]): Promise<{ records: string[][]; lines: number[] }> {
  const records: string[][] = []
  const lines: number[] = []
  const bounds = [0, ...cuts, bytes.length]
  async function* chunks(): AsyncIterable<Buffer> {
    for (let i = 0; i + 1 < bounds.length; i++) yield bytes.subarray(bounds[i], bounds[i + 1])
  }
  await scanCsv(
    chunks(),
    {
      record(buffer, starts, ends, escaped, count, line) {
        const fields: string[] = []
        for (let c = 0; c < count; c++) {
          const text = buffer.toString('utf8', starts[c], ends[c])
          fields.push(escaped[c] ? text.replaceAll('""', '"') : text)
        }
        records.push(fields)
        lines.push(line)
      },
    },
    'test.csv',
  )
  return { records, lines }
}

const TRICKY = [
  'a,b,c',
  '1,"x, y","say ""hi"""',
  '"multi\nline\r\nfield",,""',
  '"",plain text,"ends with quote """',
  'é,"日本",z',
].join('\r\n')

describe('CSV scanner', () => {
  test('gives the same records as csv-parse for every way of cutting the input into two chunks', async () => {
    const bytes = Buffer.from(TRICKY, 'utf8')
    const expected = parse(bytes, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][]
    expect(expected).toHaveLength(5)
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { records } = await scanInChunks(bytes, [cut])
      expect(records, `cut at byte ${cut}`).toEqual(expected)
    }
  })

  test('every way of cutting the input into three chunks gives the same records and lines', async () => {
    // A carried record is first completed with the next chunk's bytes up to its first line end;
    // cuts inside the quoted multi-line field make that line end fall inside quotes.
    const bytes = Buffer.from(`${TRICKY}\r\n`, 'utf8')
    const whole = await scanInChunks(bytes, [])
    expect(whole.lines).toEqual([1, 2, 3, 6, 7])
    for (let first = 1; first < bytes.length; first += 2) {
      for (let second = first + 1; second < bytes.length; second++) {
        const { records, lines } = await scanInChunks(bytes, [first, second])
        expect(records, `cuts at ${first}, ${second}`).toEqual(whole.records)
        expect(lines, `cuts at ${first}, ${second}`).toEqual(whole.lines)
      }
    }
  })

  test('one byte per chunk, with a BOM and a trailing line end', async () => {
    const bytes = Buffer.from(`\ufeff${TRICKY}\r\n`, 'utf8')
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)
    const { records, lines } = await scanInChunks(bytes, cuts)
    expect(records).toEqual(parse(bytes, { bom: true, relax_column_count: true }))
    // Records start on lines 1, 2, 3 (spanning 3-5), 6 and 7.
    expect(lines).toEqual([1, 2, 3, 6, 7])
  })

  test('random records written per RFC 4180 come back exactly, whatever the chunk cuts', async () => {
    let state = 99
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state / 2147483648
    }
    const alphabet = ['a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '日', '1', '.']
    const field = (): string => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    const quote = (text: string): string => (/[",\r\n]/.test(text) || text === '' || random() < 0.2 ? `"${text.replaceAll('"', '""')}"` : text)
    for (let round = 0; round < 40; round++) {
      const columns = 1 + Math.floor(random() * 4)
      const records = Array.from({ length: 1 + Math.floor(random() * 8) }, () => Array.from({ length: columns }, field))
      const lineEnd = random() < 0.5 ? '\n' : '\r\n'
      const bytes = Buffer.from(records.map((record) => record.map(quote).join(',')).join(lineEnd) + (random() < 0.5 ? lineEnd : ''), 'utf8')
      const cuts = Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b)
      const { records: scanned } = await scanInChunks(bytes, cuts)
      expect(scanned, `round ${round}: ${JSON.stringify(bytes.toString())} cut at ${cuts}`).toEqual(records)
    }
  })

  test('a trailing comma at the end of the file is one more empty field', async () => {
    const { records } = await scanInChunks(Buffer.from('a,b\n1,'), [])
    expect(records).toEqual([['a', 'b'], ['1', '']])
  })

  test('a quote inside an unquoted field is kept literally (as pandas does)', async () => {
    const { records } = await scanInChunks(Buffer.from('size\n5" screen\n'), [])
    expect(records).toEqual([['size'], ['5" screen']])
  })
})

describe('parsePlainDecimal (the fast path for number cells)', () => {
  test('equals Number(s) and only accepts text JavaScript prints back unchanged', () => {
    let state = 12345
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state / 2147483648
    }
    const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('')
    let accepted = 0
    for (let i = 0; i < 20000; i++) {
      const sign = random() < 0.3 ? '-' : ''
      const integer = random() < 0.4 ? '0' : digits(1 + Math.floor(random() * 17))
      const fraction = random() < 0.3 ? '' : `.${digits(1 + Math.floor(random() * 19))}`
      const text = sign + integer + fraction
      const value = parsePlainDecimal(Buffer.from(text), 0, text.length)
      if (Number.isNaN(value)) continue
      accepted++
      expect(value, text).toBe(Number(text))
      expect(String(value), text).toBe(text)
    }
    expect(accepted).toBeGreaterThan(3000)
  })

  test('accepts exactly the canonical decimals of at most 15 significant and 15 integer digits, 0 or >= 1e-6 in size', () => {
    // A plain reference: the shape by a regular expression, the digit counts by string operations.
    const accepts = (text: string): boolean => {
      const match = /^-?(0|[1-9]\d*)(?:\.(\d*[1-9]))?$/.exec(text)
      if (match === null || text === '-0') return false
      const [, integer, fraction = ''] = match
      const significant = integer === '0' ? fraction.replace(/^0*/, '').length : integer.length + fraction.length
      const zeros = integer === '0' ? fraction.length - fraction.replace(/^0*/, '').length : 0
      return integer.length <= 15 && significant <= 15 && zeros <= 5
    }
    let state = 777
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state / 2147483648
    }
    const pick = (alphabet: string): string => alphabet[Math.floor(random() * alphabet.length)]
    const texts = [
      '0', '-0', '00', '-00', '0.0', '-0.0', '0.10', '1.0', '007', '+1', '1e5', '1E5', '-1e-7', '.5', '5.', '-', '', '--1', '1-', '0x1', ' 1', '1 ',
      '123456789012345', '-123456789012345', '1234567890123456', '12345678901234567',
      '0.123456789012345', '0.1234567890123456', '0.12345678901234567', '1.23456789012345', '1.234567890123456', '12345678.9012345', '12345678.90123456',
      '0.000001', '-0.000001', '0.0000012', '0.000001234567890123', '0.0000012345678901234', '0.0000001', '0.00000100001',
      '0.0000000000000000000001', '0.00000000000000000000001', '1.0000000000000000000001', '9007199254740993', '900719925474099.3', '99999999999999.9',
      '1.5', '-12.25', '3', '-3', '10', '100.001',
    ]
    for (let i = 0; i < 20000; i++) {
      const length = 1 + Math.floor(random() * 24)
      texts.push(Array.from({ length }, (_, k) => (k === 0 && random() < 0.2 ? '-' : random() < 0.08 ? pick('.0e-+x') : pick('0123456789'))).join(''))
    }
    for (const text of texts) {
      const value = parsePlainDecimal(Buffer.from(text), 0, text.length)
      expect(!Number.isNaN(value), text).toBe(accepts(text))
      if (!Number.isNaN(value)) {
        expect(Object.is(value, Number(text)), text).toBe(true)
        expect(String(value), text).toBe(text)
      }
    }
  })

  test('declines shapes it cannot decide (the general path handles them)', () => {
    for (const text of ['007', '1.0', '-0', '+1', '1e5', '.5', '5.', '0.0000001', '1234567890123456', '', '-', 'abc', '1 ']) {
      expect(parsePlainDecimal(Buffer.from(text), 0, text.length), text).toBeNaN()
    }
    expect(parsePlainDecimal(Buffer.from('0.000001'), 0, 8)).toBe(0.000001)
    expect(parsePlainDecimal(Buffer.from('x,-12.5,'), 2, 7)).toBe(-12.5)
  })
})
