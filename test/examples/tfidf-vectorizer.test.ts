import { describe, expect, test } from 'vitest'
import { termsOf, tokenize } from '../../examples/sentiment/model/tokenize.js'
import { TfidfVectorizer } from '../../examples/sentiment/model/tfidf-vectorizer.js'

describe('tokenize / termsOf', () => {
  test('lower-cases, keeps apostrophes inside words and drops punctuation', () => {
    expect(tokenize("The App isn't great!! 5 stars")).toEqual(['the', 'app', "isn't", 'great', '5', 'stars'])
  })

  test('adds word pairs so a negation stays a feature', () => {
    expect(termsOf(['not', 'good', 'at'], 2)).toEqual(['not', 'good', 'at', 'not good', 'good at'])
  })
})

describe('TfidfVectorizer', () => {
  // Three documents; with minDocumentFrequency 2 only "good" (df 2) and "app" (df 3) survive.
  const docs = ['good app', 'good good app', 'bad app']
  const vectorizer = TfidfVectorizer.fit(docs, { maxN: 1, minDocumentFrequency: 2, sublinearTf: false })

  test('keeps terms by document frequency, in code-point order', () => {
    expect([...vectorizer.vocabulary.entries()]).toEqual([
      ['app', 0],
      ['good', 1],
    ])
  })

  test('smoothed idf as scikit-learn: ln((1+n)/(1+df)) + 1', () => {
    expect(vectorizer.idf[0]).toBeCloseTo(Math.log(4 / 4) + 1, 12)
    expect(vectorizer.idf[1]).toBeCloseTo(Math.log(4 / 3) + 1, 12)
  })

  test('raw counts times idf, scaled to unit length; unknown words ignored', () => {
    const v = vectorizer.transform('good good app unknown')
    const good = 2 * (Math.log(4 / 3) + 1)
    const app = 1
    const norm = Math.hypot(good, app)
    expect([...v.indices]).toEqual([0, 1])
    expect(v.values[0]).toBeCloseTo(app / norm, 12)
    expect(v.values[1]).toBeCloseTo(good / norm, 12)
  })

  test('sublinear tf uses 1 + ln(count)', () => {
    const sublinear = TfidfVectorizer.fit(docs, { maxN: 1, minDocumentFrequency: 2 })
    const v = sublinear.transform('good good app')
    const good = (1 + Math.log(2)) * (Math.log(4 / 3) + 1)
    expect(v.values[1] / v.values[0]).toBeCloseTo(good, 12)
  })

  test('a text with no known word is the zero vector', () => {
    const v = vectorizer.transform('nothing here')
    expect(v.indices.length).toBe(0)
  })
})
