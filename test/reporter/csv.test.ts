import { describe, expect, test } from 'vitest'
import { neutraliseCsvCell, toCsv } from '../../src/reporter/csv.js'

describe('neutraliseCsvCell', () => {
  test.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+cmd|/c calc', `'+cmd|/c calc`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tleading tab', `'\tleading tab`],
    ['\rleading cr', `'\rleading cr`],
    ['-1.5', '-1.5'],
    ['+2', '+2'],
    ['-3e-5', '-3e-5'],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('%j -> %j', (input, expected) => {
    expect(neutraliseCsvCell(input)).toBe(expected)
  })
})

describe('toCsv', () => {
  test('quotes per RFC 4180 and neutralises formula cells', () => {
    const csv = toCsv(['text', 'n', 'missing'], [
      { text: 'a,b', n: -0.25 },
      { text: 'say "hi"\nthere', n: 3 },
      { text: '=HYPERLINK("http://attacker.example","click")', n: 1e-7 },
    ])
    expect(csv).toBe(
      'text,n,missing\r\n' +
        '"a,b",-0.25,\r\n' +
        '"say ""hi""\nthere",3,\r\n' +
        `"'=HYPERLINK(""http://attacker.example"",""click"")",1e-7,\r\n`,
    )
  })

  test('negative numbers stay numbers, objects become neutralised JSON', () => {
    expect(toCsv(['v'], [{ v: -42 }, { v: { a: 1 } }, { v: null }, { v: true }])).toBe('v\r\n-42\r\n"{""a"":1}"\r\n\r\ntrue\r\n')
  })
})

describe('control characters in CSV cells', () => {
  test('are shown as escapes and the cell stays formula-safe', () => {
    const csv = toCsv(['text'], [{ text: '\u0000=1+2' }, { text: '=cmd\u001b[2J' }, { text: '\t=cmd' }, { text: 'bell\u0007' }])
    // The tab cell is quoted and its part after the tab neutralised too: read with tab as the separator it is two cells.
    expect(csv).toBe("text\r\n\\x00=1+2\r\n'=cmd\\x1b[2J\r\n\"'\t'=cmd\"\r\nbell\\x07\r\n")
  })
})

describe('plainText', () => {
  test('removes ANSI colours and OSC 8 hyperlinks, shows other control characters, keeps tabs and newlines', async () => {
    const { plainText } = await import('../../src/reporter/plain-text.js')
    expect(plainText('Received: \u001b[31m0.0562\u001b[39m\n\tok')).toBe('Received: 0.0562\n\tok')
    expect(plainText('\u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u0000\u0008done')).toBe('link \\x00\\x08done')
    expect(plainText('name \u001b]0;PWNED\u0007 \u001b[2J')).toBe('name \\x1b]0;PWNED\\x07 \\x1b[2J')
  })
})

/** Splits one CSV line the way a spreadsheet reading it with `separator` does (quotes open a field only at its start). */
function splitLine(line: string, separator: string): string[] {
  const cells: string[] = []
  let i = 0
  while (i <= line.length) {
    let cell = ''
    if (line[i] === '"') {
      i++
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        cell += line[i]
        i += line[i] === '"' ? 2 : 1
      }
      i++
      while (i < line.length && line[i] !== separator) cell += line[i++]
    } else {
      while (i < line.length && line[i] !== separator) cell += line[i++]
    }
    cells.push(cell)
    i++
  }
  return cells
}

describe('a file read with ; or tab as the separator', () => {
  // The last four hold line breaks: read with another separator, the RFC 4180 quotes of a comma
  // file sit mid-field, so a reader ends the row at the break and the next part starts a row.
  const hostile = [`hi;=cmd|' /C calc'!A0`, 'a\t=1+1', 'x;+SUM(A1)', 'x;"=1"', 'y;@foo', 'z;-2+3', '=a;=b', 'a\r\n=1+1 q', 'b\n@x"', 'c\r+1+2', 'd\n-3 / 4']
  const csv = toCsv(['row', 'text', 'target', 'prediction'], hostile.map((text, row) => ({ row, text, target: 'b', prediction: 'a' })))

  test.each([';', '\t', ','])('no cell read with %j starts a formula', (separator) => {
    for (const line of csv.split(/\r\n|\r|\n/).filter((l) => l !== '')) {
      for (const cell of splitLine(line, separator)) expect(cell, `${JSON.stringify(line)} split on ${JSON.stringify(separator)}`).not.toMatch(/^"*[=+@]|^-(?![\d.])/)
    }
  })

  test('cells with ; or a tab are quoted, and the parts after them neutralised', () => {
    expect(csv.split('\r\n')[1]).toBe(`0,"hi;'=cmd|' /C calc'!A0",b,a`)
    expect(toCsv(['v'], [{ v: 'a\tb' }, { v: '1;-2' }])).toBe('v\r\n"a\tb"\r\n"1;-2"\r\n')
  })

  test('a part after a line break is neutralised as a row of its own, and a plain number after one is kept', () => {
    expect(toCsv(['v'], [{ v: 'a\r\n=1+1 q' }, { v: 'n\n-2' }])).toBe(`v\r\n"a\r\n'=1+1 q"\r\n"n\n-2"\r\n`)
  })
})
