import { describe, expect, test } from 'vitest'
import { closestNames, didYouMean } from '../../src/run/closest-names.js'

describe('closestNames', () => {
  test('a swap of two adjacent letters is one edit (adversarial pass 37: fruad, spma, lable got no suggestion)', () => {
    expect(closestNames('fruad', ['fraud', 'other'])).toEqual(['fraud'])
    expect(closestNames('spma', ['spam', 'ham'])).toEqual(['spam'])
    expect(didYouMean('lable', ['label', 'text'])).toBe(' did you mean "label"?')
    expect(didYouMean('txet', ['text', 'label'])).toBe(' did you mean "text"?')
  })

  test('still within a third of the name, closest first; nothing close gives nothing', () => {
    expect(closestNames('billng', ['billing', 'shipping'])).toEqual(['billing'])
    expect(closestNames('nuetral', ['neutral', 'negative', 'positive'])).toEqual(['neutral'])
    expect(closestNames('abc', ['xyz'])).toEqual([])
  })
})
