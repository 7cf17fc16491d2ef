import { dictionary } from 'cmu-pronouncing-dictionary'
import { describe, expect, it } from 'vitest'
import { cmuSyllables } from '../../../src/metrics/text/index.js'
import { stressedVowels } from '../../../src/metrics/text/cmu-syllables.js'

describe('the CMU Pronouncing Dictionary (npm cmu-pronouncing-dictionary 3.0.0), read without evaluating its module', () => {
  it('gives every word the stressed vowels of its first pronunciation, as importing the package does', () => {
    const words = Object.keys(dictionary).filter((word) => !/\(\d+\)$/.test(word))
    expect(words.length).toBeGreaterThan(125_000)
    const wrong = words.filter((word) => cmuSyllables(word) !== dictionary[word]!.split('#')[0]!.trim().split(/\s+/).filter((phone) => /\d$/.test(phone)).length)
    expect(wrong).toEqual([])
    expect(cmuSyllables('qwzxv')).toBeUndefined()
    expect(cmuSyllables('constructor')).toBe(3) // a Map, not an object: no prototype keys
    expect(cmuSyllables('tostring')).toBeUndefined()
  })

  it('counts phones ending in a stress digit, and ignores a trailing # comment', () => {
    expect(stressedVowels('R IY2 D AH0 B IH1 L IH0 T IY0')).toBe(5)
    expect(stressedVowels('AO1 L B AO0 R G # place, danish 2')).toBe(2)
    expect(cmuSyllables('a')).toBe(1) // first of "a" (AH0) and "a(2)" (EY1)
    expect(cmuSyllables("don't")).toBe(1)
  })
})
