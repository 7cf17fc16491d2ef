import { describe, expect, test } from 'vitest'
import { safeFileName, uniqueSafeNames } from '../../src/reporter/safe-file-name.js'

describe('safeFileName', () => {
  test.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['..\\..\\windows\\system32', 'windows_system32'],
    ['/absolute/path', 'absolute_path'],
    ['..', 'unnamed'],
    ['.', 'unnamed'],
    ['', 'unnamed'],
    ['a/../b', 'a_._b'],
    ['tab\there\nnewline\u0000nul', 'tabherenewlinenul'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['sentiment > classifies feedback', 'sentiment_classifies_feedback'],
    ['C:\\secret', 'C_secret'],
  ])('%j -> %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
  })

  test('keeps letters of any script, NFC-normalised', () => {
    expect(safeFileName('Ünïcödé テスト')).toBe('Ünïcödé_テスト')
    // Decomposed "é" (e + combining acute) becomes the composed character.
    expect(safeFileName('caf\u0065\u0301')).toBe('caf\u00e9')
  })

  test('strips bidi overrides and zero-width characters', () => {
    expect(safeFileName('evil\u202egnp.exe')).toBe('evilgnp.exe')
    expect(safeFileName('a\u200bb')).toBe('ab')
  })

  test('caps the length without leaving a trailing dot or underscore', () => {
    const name = safeFileName(`${'x'.repeat(79)}.${'y'.repeat(50)}`)
    expect(name.length).toBeLessThanOrEqual(80)
    expect(name).toBe('x'.repeat(79))
  })

  test('never yields a separator, a parent reference or a leading dot', () => {
    const hostile = ['../', '..%2f..', '....//....//', '.hidden', '~/.ssh/id_rsa', 'a\\..\\..\\b', '\u0000../x']
    for (const input of hostile) {
      const name = safeFileName(input)
      expect(name).not.toMatch(/[\\/]/)
      expect(name).not.toContain('..')
      expect(name.startsWith('.')).toBe(false)
    }
  })
})

describe('uniqueSafeNames', () => {
  test('distinct keys that sanitise to the same name get different hash suffixes', () => {
    const names = uniqueSafeNames(['a/b > test', 'a:b > test', 'other'])
    const ab1 = names.get('a/b > test')
    const ab2 = names.get('a:b > test')
    expect(ab1).toMatch(/^a_b_test-[0-9a-f]{8}$/)
    expect(ab2).toMatch(/^a_b_test-[0-9a-f]{8}$/)
    expect(ab1).not.toBe(ab2)
    expect(names.get('other')).toBe('other')
  })

  test('names differing only in case collide (case-insensitive file systems)', () => {
    const names = uniqueSafeNames(['Model', 'model'])
    expect(names.get('Model')).not.toBe('Model')
    expect(names.get('Model')?.toLowerCase()).not.toBe(names.get('model')?.toLowerCase())
  })

  test('the mapping does not depend on the order of the keys', () => {
    const a = uniqueSafeNames(['x/y', 'x:y', 'z'])
    const b = uniqueSafeNames(['z', 'x:y', 'x/y'])
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort())
  })
})

describe('folderNameOf', () => {
  test('file name without folders and extension, test name, run name, joined by __', async () => {
    const { folderNameOf } = await import('../../src/reporter/report-entries.js')
    expect(folderNameOf('examples/sentiment/sentiment.eval.test.ts', 'customer feedback > TF-IDF + logistic regression classifier', 'tfidf-logreg')).toBe(
      'sentiment.eval.test__customer_feedback_TF-IDF_+_logistic_regressi__tfidf-logreg',
    )
    expect(folderNameOf('a/b.test.ts', '../../x')).toBe('b.test__x')
  })

  test('long CJK names are capped below the 255-byte file-name limit, whole code points only', () => {
    const name = safeFileName('評価'.repeat(100) + '😀'.repeat(50), 200)
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(180)
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    const emoji = safeFileName('😀'.repeat(100), 9)
    expect(emoji).toBe('😀'.repeat(4))
  })
})
