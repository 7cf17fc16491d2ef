import { describe, expect, it } from 'vitest'
import { enUsHyphenation, hyphenationPositions, parseHyphenationPatterns, pyphenSyllables } from '../../../src/metrics/text/index.js'
import { readPackagedTextData } from '../../../src/metrics/text/packaged-data.js'
import { loadTextFixture } from './text-fixtures.js'

const fixture = loadTextFixture<{ words: Record<string, number[]> }>('pyphen_syllables.json')

describe('Liang hyphenation as pyphen 0.13.2 does it', () => {
  it('reads the 11,107 en_US patterns as pyphen keys them (10,997 distinct letter strings, longest 28)', () => {
    const dictionary = enUsHyphenation()
    expect(dictionary.patterns.size).toBe(10_997)
    expect(dictionary.maxLength).toBe(28)
    expect(dictionary.patterns.get('.ach')).toEqual({ offset: 2, values: [2, 0, 4] }) // from ".a2ch4"
  })

  it(`equals pyphen's positions on the fixture's ${Object.keys(fixture.words).length} words`, () => {
    const dictionary = enUsHyphenation()
    const wrong: string[] = []
    for (const [word, positions] of Object.entries(fixture.words)) {
      const got = hyphenationPositions(word, dictionary)
      if (JSON.stringify(got) !== JSON.stringify(positions)) wrong.push(`${word}: ${JSON.stringify(got)} != ${JSON.stringify(positions)}`)
    }
    expect(Object.keys(fixture.words).length).toBeGreaterThan(5000)
    expect(wrong).toEqual([])
  })

  it('counts points plus one as syllables, and keeps two letters at each end', () => {
    expect(hyphenationPositions('hyphenation', enUsHyphenation())).toEqual([2, 6]) // hy-phen-ation
    expect(pyphenSyllables('hyphenation')).toBe(3)
    expect(hyphenationPositions('readability', enUsHyphenation())).toEqual([4, 8, 9])
    expect(hyphenationPositions('ab', enUsHyphenation())).toEqual([])
    expect(pyphenSyllables('1889')).toBe(1)
  })

  it('parses patterns as pyphen: digits between letters, zeros chopped, later duplicates win, comments skipped', () => {
    const parsed = parseHyphenationPatterns('UTF-8\n% comment\nLEFTHYPHENMIN 2\n.ab1c\n0x0\n2b1c\nb3c\n')
    expect(parsed.patterns.get('.abc')).toEqual({ offset: 3, values: [1] })
    expect(parsed.patterns.has('x')).toBe(false)
    expect(parsed.patterns.get('bc')).toEqual({ offset: 1, values: [3] })
    expect(parsed.maxLength).toBe(4)
    expect(() => parseHyphenationPatterns('ISO8859-1\nab1c\n')).toThrow(/charset "ISO8859-1" is not supported/)
  })

  it('reads the shipped data beside the module, and names the fix when a file is missing', () => {
    expect(readPackagedTextData('hyph_en_US.dic').split('\n')[0]).toBe('UTF-8')
    expect(readPackagedTextData('NOTICE')).toMatch(/Mozilla Public License 1\.1/)
    expect(() => readPackagedTextData('hyph_xx.dic')).toThrow(/text metric data file "hyph_xx\.dic" not found .*reinstall evalgate/)
  })
})
