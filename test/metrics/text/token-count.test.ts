/**
 * token_count with cl100k_base (js-tiktoken). Expected counts are the lengths of the token lists
 * that tiktoken's own tests publish for cl100k_base (tests/test_encoding.py: test_simple,
 * test_simple_regex, test_encode_surrogate_pairs); tiktoken itself cannot be installed here.
 */
import { describe, expect, test } from 'vitest'
import { tokenCount, tokenCountUncached, tokenCounts } from '../../../src/metrics/text/index.js'
import { loadTextFixture } from './text-fixtures.js'

describe('tokenCount (cl100k_base)', () => {
  test.each([
    ['hello world', 2], // [15339, 1917]
    ['rer', 1], // [38149]
    ["'rer", 2], // [2351, 81]
    ['today\n ', 3], // [31213, 198, 220]
    ['today\n \n', 2], // [31213, 27907]
    ['today\n  \n', 2], // [31213, 14211]
    ['👍', 3], // [9468, 239, 235]
    ['', 0],
  ])('%j has %i tokens, as tiktoken publishes', (text, count) => {
    expect(tokenCount(text)).toBe(count)
  })
  test('a lone surrogate counts as the replacement character, as tiktoken', () => {
    expect(tokenCount('\ud83d')).toBe(tokenCount('\ufffd'))
  })
  test('special-token text does not crash and counts as ordinary text', () => {
    // with the special token allowed tiktoken gives [15339, 220, 100257] (3); as text it is 7 tokens
    expect(tokenCount('hello <|endoftext|>')).toBe(7)
    expect(tokenCount('<|fim_prefix|><|endofprompt|>')).toBeGreaterThan(2)
  })
  test('the piece cache gives the whole-text count on every fixture text and odd whitespace', () => {
    const qa = loadTextFixture<{ cases: Array<{ prediction: string }> }>('question_answering.json')
    const rouge = loadTextFixture<{ cases: Array<{ prediction: string; target: string }> }>('rouge_score_published.json')
    const words = Object.keys(loadTextFixture<{ stems: Record<string, string> }>('porter_stemmer.json').stems)
    const texts = [
      ...qa.cases.map((c) => c.prediction),
      ...rouge.cases.flatMap((c) => [c.prediction, c.target]),
      words.join(' '), words.slice(0, 500).join('\n'), words.slice(500, 900).join('  \t '),
      'a  b', 'a \n\n b', ' 1', '  \r\n  x', "I'll've DON'T 123456789 x1y2", 'tab\tend\t', '  ', '\n', 'end  ',
      '👍👍 東京タワー ΣΟΦΙΑ', '<|endoftext|>  <|endoftext|>\n',
    ]
    for (const text of texts) expect(tokenCount(text), JSON.stringify(text.slice(0, 60))).toBe(tokenCountUncached(text))
  })
  test('tokenCounts: NaN for rows that are not text (MLflow records None)', () => {
    const got = tokenCounts(['hello world', null, 42, 'rer'])
    expect(got[0]).toBe(2)
    expect(got[1]).toBeNaN()
    expect(got[2]).toBeNaN()
    expect(got[3]).toBe(1)
  })
})
