import { describe, expect, it } from 'vitest'
import { isPythonSpace, isPythonWordAt } from '../../../src/metrics/text/python-char-classes.js'
import { loadTextFixture } from './text-fixtures.js'

interface CharClasses {
  word: [number, number][]
  space: [number, number][]
  assigned: [number, number][]
  lower: Record<string, string>
}
const classes = loadTextFixture<CharClasses>('python_char_classes.json')

function member(ranges: [number, number][]): (code: number) => boolean {
  const set = new Set<number>()
  for (const [from, to] of ranges) for (let code = from; code <= to; code++) set.add(code)
  return (code) => set.has(code)
}

describe("Python 3.11's character classes (Unicode 14) over every code point it assigns", () => {
  const assigned = member(classes.assigned)
  const word = member(classes.word)
  const space = member(classes.space)

  it('\\w: letters, numbers and _ ; whitespace: str.isspace', () => {
    const wordDiffers: number[] = []
    const spaceDiffers: number[] = []
    for (let code = 0; code <= 0x10ffff; code++) {
      if (!assigned(code)) continue
      const text = String.fromCodePoint(code)
      if (isPythonWordAt(text, 0) !== word(code)) wordDiffers.push(code)
      if (code <= 0xffff && isPythonSpace(code) !== space(code)) spaceDiffers.push(code)
    }
    expect(wordDiffers).toEqual([])
    expect(spaceDiffers).toEqual([])
  })

  it("str.lower equals toLowerCase on every assigned code point", () => {
    const lowerDiffers: string[] = []
    for (let code = 0; code <= 0x10ffff; code++) {
      if (!assigned(code)) continue
      const text = String.fromCodePoint(code)
      const expected = classes.lower[String(code)] ?? text
      if (text.toLowerCase() !== expected) lowerDiffers.push(code.toString(16))
    }
    expect(lowerDiffers).toEqual([])
  })
})
